"""The PDF reader: pages read one at a time into the document model (``_reader.read``).

``_text`` builds lines from characters, ``_page`` a page's ruled tables and lines,
``_unruled`` tables aligned without rules, ``_layout`` the blocks of all pages.
"""
