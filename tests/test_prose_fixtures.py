"""Prose fixtures: each document's facts scored like ../shared/eval, its report and fields exact.

Every document ``NAME.txt|.html|.docx|.pdf`` in ``fixtures/prose`` is read and
scored against ``NAME.expected.csv`` (``value,unit``, written by reading the
document) with ``score_facts`` of ``../shared/eval/score.py``, and its
``report`` and ``fields`` are compared with ``expected/NAME.expected.json``
(in a folder of its own, so that ``run_eval.sh`` does not take it for a
document of the same name). The
project page sample of ``fixtures/samples`` is scored against its expected
file in ``../shared/samples`` in every rendering made of it.
"""

from __future__ import annotations

import csv
import json
import re
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import reportparse
from conftest import FIXTURES, SAMPLES
from reportparse._codes import Unit

PROSE = FIXTURES / "prose"
FORMATS = (".txt", ".html", ".docx", ".pdf")
DOCUMENTS = sorted(p for p in PROSE.iterdir() if p.suffix in FORMATS)
PROJECT_PAGE = "di-project-latgale"
MIN_F1 = 0.95


def _expected_csv(document: Path, shared: Path) -> Path:
    for candidate in (
        PROSE / f"{document.stem}.expected.csv",
        shared / "samples" / f"{document.stem}.expected.csv",
    ):
        if candidate.is_file():
            return candidate
    pytest.fail(f"{document.name} has no expected facts file")


def _output(document: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(reportparse.parse(document).to_json(), parse_float=Decimal)
    return data


@pytest.mark.parametrize(
    "document",
    [*DOCUMENTS, SAMPLES / f"{PROJECT_PAGE}.txt"],
    ids=lambda p: p.name,
)
def test_facts_score(document: Path, shared: Path, scorer: ModuleType) -> None:
    expected = _expected_csv(document, shared)
    recall, precision, f1, misses, extra = scorer.score_facts(expected, _output(document))
    assert f1 >= MIN_F1, (
        f"f1={f1:.3f} recall={recall:.3f} precision={precision:.3f}",
        misses,
        [(f["value"], f["unit"], f["text"]) for f in extra],
    )


@pytest.mark.parametrize(
    "document",
    [*DOCUMENTS, SAMPLES / f"{PROJECT_PAGE}.txt"],
    ids=lambda p: p.name,
)
def test_report_and_fields(document: Path) -> None:
    expected_file = PROSE / "expected" / f"{document.stem}.expected.json"
    assert expected_file.is_file(), f"{document.name} has no {expected_file.name}"
    expected = json.loads(expected_file.read_text("utf-8"), parse_float=Decimal)
    output = _output(document)
    assert output["report"] == expected["report"]
    assert output["fields"] == expected["fields"]


def test_there_are_ten_prose_documents_of_our_own() -> None:
    own = {p.stem for p in DOCUMENTS} - {PROJECT_PAGE}
    assert len(own) >= 10
    for stem in own:
        assert (PROSE / f"{stem}.expected.csv").is_file(), stem
    assert {p.suffix for p in DOCUMENTS} == set(FORMATS)


def test_the_project_page_is_rendered_in_html_and_docx() -> None:
    assert {p.suffix for p in DOCUMENTS if p.stem == PROJECT_PAGE} == {".html", ".docx"}


def test_expected_files_are_in_the_scorer_format() -> None:
    for path in PROSE.glob("*.expected.csv"):
        with path.open(encoding="utf-8") as stream:
            rows = list(csv.reader(stream))
        assert rows[0] == ["value", "unit"], path.name
        for value, unit in rows[1:]:
            assert Decimal(value) is not None
            assert unit in {"", *Unit}, (path.name, unit)


# Figures of 3+ digits that a rule naming a fixture would have to spell out.
_FIGURE = re.compile(r"[0-9]{3,}")
_SOURCE = Path(reportparse.__file__).parent


def test_no_code_names_a_fixture_or_its_figures() -> None:
    figures: set[str] = set()
    for path in PROSE.glob("*.expected.csv"):
        with path.open(encoding="utf-8") as stream:
            for row in csv.DictReader(stream):
                digits = row["value"].replace(".", "")
                if len(digits.lstrip("0")) >= 4:
                    figures.add(digits)
    names = {p.stem for p in DOCUMENTS}
    for path in [*_SOURCE.glob("*.py"), *_SOURCE.glob("_data/*.toml")]:
        text = path.read_text("utf-8")
        assert not figures.intersection(_FIGURE.findall(text.replace(" ", ""))), path.name
        assert not any(name in text for name in names), path.name
