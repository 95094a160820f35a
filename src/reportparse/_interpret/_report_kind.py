"""Whether what was read is a report: a table with figures, or Latvian prose with them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportparse._codes import WarningCode
from reportparse._lang._language import is_latvian
from reportparse._model import Document, Heading, Paragraph
from reportparse._records._report import (
    DataColumn,
    Fact,
    Field,
    Observation,
    ParseWarning,
    ReportStatus,
)

__all__ = ["report_status"]

_DIGIT = re.compile(r"\d")


def report_status(
    document: Document,
    observations: Sequence[Observation],
    facts: Sequence[Fact],
    fields: Sequence[Field],
    columns: Sequence[DataColumn],
) -> tuple[ReportStatus, ParseWarning | None]:
    """``ok``, or ``not_a_report`` with its warning.

    A report has a table cell that gave a number; or Latvian text (its
    paragraphs, headings and cells) with a figure: a number in a table (read
    or not: a cell we could not read is ours to warn about, not a reason to
    set the document aside), a fact that counts something or has a unit, a
    field of its front page, or a data set's column dictionary. A README or a
    changelog in English has numbers too, and the fact finder reads them:
    they would fill a batch's facts with whole paragraphs.
    """
    if any(o.value is not None for o in observations):
        return "ok", None
    figures = (
        any(f.unit is not None or f.counts for f in facts)
        or bool(fields or columns)
        or any(_DIGIT.search(c.text) for t in document.tables for c in t.cells)
    )
    if figures and is_latvian(_text(document)):
        return "ok", None
    tables = len(document.tables)
    return "not_a_report", ParseWarning(
        WarningCode.NOT_A_REPORT,
        f"{tables} {'table' if tables == 1 else 'tables'} and no figure read from one; the text "
        + ("is not Latvian" if figures else "has no figure of a report"),
    )


def _text(document: Document) -> str:
    blocks = [b.text for b in document.blocks if isinstance(b, Heading | Paragraph)]
    cells = [c.text for t in document.tables for c in t.cells]
    return "\n".join([*blocks, *cells])
