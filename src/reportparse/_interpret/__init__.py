"""Interpretation: pure functions from the document model to the records, in one pipeline.

Tables (header rows, label columns, sections, totals, observations), running text
(facts, fields) and report metadata. Imports the model, ``_lang`` and ``_records``.
"""

from reportparse._interpret._pipeline import interpret

__all__ = ["interpret"]
