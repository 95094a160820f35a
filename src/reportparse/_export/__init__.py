"""What is written from the records: the JSON Schema, tables for files, the docs' generated pages.

Imports ``_records`` and the base modules only.
"""
