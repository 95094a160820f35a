"""What is written from the records: the JSON Schema, the docs' generated pages, the review page.

Imports ``_records`` and the base modules only.
"""
