"""Every page of docs/layouts/ shows what reportparse gives: its example is parsed here.

A page holds a ``tsv`` block (the document, as a browser copies it) and a
``csv`` block of the observations it gives (``indicator,measure,period,value,
unit,basis``, placeholders left out); the test fails when the output differs.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest

import reportparse

PAGES = sorted((Path(__file__).resolve().parents[1] / "docs" / "layouts").glob("*.md"))
PAGES = [p for p in PAGES if p.name != "README.md"]
_BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.M | re.S)


def _blocks(page: Path) -> dict[str, str]:
    return {kind: body for kind, body in _BLOCK.findall(page.read_text(encoding="utf-8"))}


def test_there_is_a_page_for_every_layout_class_of_the_corpus() -> None:
    assert {p.stem for p in PAGES} == {
        "text-aligned", "text-delimited", "section-rows", "multi-period-sections", "basis",
        "form", "counted-units", "lats", "period-in-heading",
    }  # fmt: skip


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_the_page_shows_what_its_example_gives(page: Path) -> None:
    blocks = _blocks(page)
    report = reportparse.parse(blocks["tsv"].encode("utf-8"), format="text")
    got = [
        (o.indicator, o.measure or "", o.period or "", o.value, o.unit or "", o.basis or "")
        for o in report.observations
        if o.value is not None
    ]
    expected = [
        (r["indicator"], r["measure"], r["period"], Decimal(r["value"]), r["unit"], r["basis"])
        for r in csv.DictReader(io.StringIO(blocks["csv"]))
    ]
    assert got == expected
