"""The corpus of real reports (tests/corpus/README.md): each document scored, the corpus checked.

Every ``SLUG.<ext>`` is read by ``reportparse`` and scored against
``SLUG.expected.csv`` with ``../shared/eval/score.py``. A document is read
right when its precision is at least 0.99 and its recall at least 0.95; the
documents not yet read right are listed in :data:`NOT_YET_READ` with what goes
wrong, as strict xfails, so that each one fixed shows.
"""

from __future__ import annotations

import csv
import tomllib
from collections import defaultdict
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import reportparse
from conftest import FIXTURES

CORPUS = FIXTURES.parent / "corpus"
SOURCES = CORPUS / "sources"
SUFFIXES = (".txt", ".html", ".docx", ".pdf")
DOCUMENTS = sorted(p for p in CORPUS.iterdir() if p.suffix in SUFFIXES)
LAYOUTS = {
    "text-aligned", "text-delimited", "section-rows", "multi-period-sections", "basis",
    "form", "counted-units", "lats", "period-in-heading",
}  # fmt: skip
MIN_PRECISION = 0.99
MIN_RECALL = 0.95
COLUMNS = ["table", "indicator", "measure", "period", "value", "unit", "extra_ok", "basis"]

#: Documents not yet read right, and why (strict: a document read right fails here until removed).
NOT_YET_READ: dict[str, str] = {
    "c-fm-valsts-socialie-pabalsti-2019.pdf": "a label wrapped after a comma gains a space the printed text lacks ('beigās), ( %)')",
    "d-daugavpils-nakts-patversme-2017.docx": "the report's span is printed only in the first table's row labels: the second table and a month label ('Septembrī') get no year",
    "d-daugavpils-ziemas-sezona-2017.txt": "a copy that sets two columns one space apart ('Saistošie noteikumi 4990 ģimenēm'): their cells are read as one (and warn value_in_indicator)",
    "d-madona-kalsnava-es-pakas-2017.html": "a table of what is given: counts inside phrases in the cells ('1 paka katrai personai')",
    "d-rezekne-patversme-2018.pdf": "a count of places ('22 vietas') in a list-like PDF table",
    "d-ventspils-partikas-pakas-2021.html": "the span is told as a start in one sentence and an end in another ('uzsāka … 17. novembrī', 'pēdējo … 3. jūnijā')",
}


def _slug(path: Path) -> str:
    return path.name.split(".")[0]


@cache
def _meta(slug: str) -> dict[str, Any]:
    return tomllib.loads((SOURCES / f"{slug}.toml").read_text(encoding="utf-8"))


@cache
def _score(path: Path, scorer: ModuleType) -> tuple[float, float, list[Any], list[Any]]:
    out = reportparse.parse(path).to_dict()
    recall, precision, _, misses, extra = scorer.score(
        str(CORPUS / f"{_slug(path)}.expected.csv"), out
    )
    return recall, precision, misses, extra


def _case(path: Path) -> Any:
    reason = NOT_YET_READ.get(path.name)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(path, id=path.name, marks=marks)


@pytest.mark.shared
@pytest.mark.parametrize("path", [_case(p) for p in DOCUMENTS])
def test_document_is_read_right(path: Path, scorer: ModuleType) -> None:
    recall, precision, misses, extra = _score(path, scorer)
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL, (
        f"recall={recall:.3f} precision={precision:.3f}",
        [(g["indicator"], g["measure"], g["period"], g["value"], g["unit"]) for g in misses[:6]],
        [(o["indicator"], o["measure"], o["period"], o["value"], o["unit"]) for o in extra[:6]],
    )


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_document_has_its_sidecar_and_expected_file(path: Path) -> None:
    slug = _slug(path)
    meta = _meta(slug)
    for key in ("source", "publisher", "published", "layouts", "printed_text"):
        assert meta.get(key), f"sources/{slug}.toml has no {key}"
    assert set(meta["layouts"]) <= LAYOUTS, meta["layouts"]
    assert str(meta["source"]).startswith("http")
    with (CORPUS / f"{slug}.expected.csv").open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == COLUMNS
        rows = list(reader)
    assert rows, f"{slug}.expected.csv is empty"
    units = {"", *reportparse.Unit}
    for row in rows:
        assert row["unit"] in units and row["basis"] in {
            "",
            "actual",
            "plan",
            "forecast",
            "budget",
            "target",
        }, row


def test_every_document_has_a_reason_or_passes() -> None:
    names = {p.name for p in DOCUMENTS}
    assert set(NOT_YET_READ) <= names, sorted(set(NOT_YET_READ) - names)


def _coverage() -> tuple[set[str], dict[str, set[str]], dict[str, set[str]]]:
    publishers: set[str] = set()
    by_publisher: dict[str, set[str]] = defaultdict(set)
    by_format: dict[str, set[str]] = defaultdict(set)
    for path in DOCUMENTS:
        meta = _meta(_slug(path))
        publishers.add(meta["publisher"])
        for layout in meta["layouts"]:
            by_publisher[layout].add(meta["publisher"])
            by_format[layout].add(path.suffix)
    return publishers, by_publisher, by_format


def test_corpus_is_large_and_varied() -> None:
    publishers, _, _ = _coverage()
    years = {int(_meta(_slug(p))["published"]) for p in DOCUMENTS}
    assert len(DOCUMENTS) >= 40
    assert len(publishers) >= 20, sorted(publishers)
    assert min(years) <= 2008 and max(years) >= 2022, sorted(years)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_class_has_two_publishers_and_two_formats(layout: str) -> None:
    _, by_publisher, by_format = _coverage()
    assert len(by_publisher[layout]) >= 2, (layout, sorted(by_publisher[layout]))
    assert len(by_format[layout]) >= 2, (layout, sorted(by_format[layout]))
