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
    "a-adazi-budzets-2008.pdf": "'2008 projekts'/'2008 fakts' heads: no basis, and the title's 2009 given to every cell",
    "a-adazi-budzets-2008.txt": "a space-aligned copy from a PDF viewer: no table found",
    "a-csp-sociala-aizsardziba-2012.pdf": "a 'Valūta' column (lati/eiro) does not set the unit row by row; '(provizoriskie dati)' head",
    "a-csp-sociala-aizsardziba-2012.txt": "a space-aligned copy from a PDF viewer: no table found",
    "a-csp-sociala-aizsardziba-2015.txt": "a semicolon-separated copy: no table found",
    "a-csp-sociala-aizsardziba-2020.txt": "'1 198,1' split into two numbers; the caption's 'milj. eiro' scale",
    "a-fm-valsts-socialie-pabalsti-2019.pdf": "'0,4 (2019)' read as two values; 'Faktiskā vērtība'/'Plānotā vērtība' give no basis",
    "a-fm-valsts-socialie-pabalsti-2019.txt": "a space-aligned copy from a PDF viewer: no table found",
    "a-fm-valsts-socialie-pabalsti-2020.txt": "a pipe table: '0,4 (2019)' read as two values, footnote digits on labels, no basis",
    "a-lv-ienakumu-deciles-1998.pdf": "the caption's '(Ls …)' unit ignored; '- 0,67' loses its sign",
    "a-lv-ienakumu-deciles-1998.txt": "a space-aligned copy from a PDF viewer: no table found",
    "a-saeima-specialais-budzets-2005.pdf": "the '(Ls)' line above the table ignored; 'grozījumi' columns get no year",
    "a-saeima-specialais-budzets-2005.txt": "a space-aligned copy from a PDF viewer: no table found",
    "a-salaspils-pabalsti-2018.docx": "'…, 2017' and 'Personu skaits, 2018' heads not read as periods",
    "a-salaspils-pabalsti-2018.html": "'…, 2017' and 'Personu skaits, 2018' heads not read as periods",
    "b-jekabpils-izlietojums-2015-2019.txt": "a space-aligned copy with two-line heads ('2015.' over '(euro)'): no table found",
    "b-talsi-materialais-atbalsts-2020.docx": "a column headed only 'EUR' gives no measure",
    "b-talsi-materialais-atbalsts-2020.html": "a column headed only 'EUR' gives no measure",
    "b-talsi-materialais-atbalsts-2020.pdf": "a column headed only 'EUR' gives no measure",
    "c-csp-socialas-aizsardzibas-izdevumi-2008.docx": "the '%' column scaled as 'milj. latu'; year heads read as values",
    "c-csp-socialas-aizsardzibas-izdevumi-2009.html": "signed changes with a space ('- 13,3') lose their sign",
    "c-csp-socialas-aizsardzibas-izdevumi-2012.docx": "a 'Valūta' column (lati/eiro*) does not set the unit row by row",
    "c-csp-socialas-aizsardzibas-izdevumi-2012.pdf": "a 'Valūta' column (lati/eiro*) does not set the unit row by row",
    "c-fm-pasvaldibu-izlidzinasana-2021.txt": "'2019. gads (izpilde)' heads: no basis, and the period of the whole range",
    "c-fm-valsts-sociala-apdrosinasana-2019.pdf": "'2019. gads (izpilde)', '2020. gada plāns', 'prognoze' heads: no basis",
    "c-fm-valsts-sociala-apdrosinasana-2019.txt": "a space-aligned copy from a PDF viewer: no table found",
    "c-fm-valsts-socialie-pabalsti-2019.docx": "no basis from heads; '0,4 (2019)' read as two values",
    "c-fm-valsts-socialie-pabalsti-2019.pdf": "no basis from heads; '0,4 (2019)' read as two values",
    "c-fm-valsts-socialie-pabalsti-2021.html": "no basis from heads; '0,4 (2019)' read as two values",
    "c-mk-budzeta-izmainas-2006.pdf": "label behind two empty code columns; the '(Ls)' caption; no basis",
    "c-saeima-lm-budzets-2007.html": "label behind two empty code columns; no basis from 'plāns'/'Precizēts budžets'",
    "c-saeima-specialais-budzets-2009.docx": "label behind code columns; the 'Ls' line above; no basis",
    "c-valsts-kase-kopbudzeta-izpilde-2000.docx": "'(tūkst.latu)' above the table; 'Jūnija izpilde' is a month with basis actual",
    "c-valsts-kase-kopbudzeta-izpilde-2000.pdf": "'(tūkst.latu)' above the table; 'Jūnija izpilde' is a month with basis actual",
    "c-vestnesis-ienakumi-decilem-1998.txt": "hand-hyphenated heads ('Izmai- ņas Ls'); the caption's Ls unit",
    "d-daugavpils-nakts-patversme-2017.docx": "a 'Rādītājs | Vērtība' form gives no observations",
    "d-daugavpils-palidziba-2022-5men.pdf": "the 'Mērvienība' text joined to the indicator; a section row glued to measures",
    "d-daugavpils-statusi-2022.docx": "the column head joined to the indicator; measure empty",
    "d-daugavpils-statusi-2022.html": "the column head joined to the indicator; measure empty",
    "d-daugavpils-ziemas-sezona-2017.pdf": "'2017./2018.g. ziemas sezonai' taken over 'dati uz 01.10.2017'; 'Nr.47' glued to indicators",
    "d-daugavpils-ziemas-sezona-2017.txt": "a space-aligned copy from a PDF viewer: no table found",
    "d-gulbene-palidziba-2018-pusgads.docx": "'pirmajā pusgadā' in the heading not read: the whole year given",
    "d-gulbene-palidziba-2018-pusgads.txt": "a space-aligned copy from a PDF viewer: no table found",
    "d-liepaja-ukrainai-2023.docx": "a second table of rates ('342 eiro', '3 reizes') missed",
    "d-madona-kalsnava-es-pakas-2017.html": "cells with counted nouns ('pakas') give no observations",
    "d-preili-sociala-virtuve-2011.txt": "a header row starting with a tab shifts the columns",
    "d-rezekne-patversme-2018.pdf": "a form of counted things ('gultasvietas') gives no observations",
    "d-ventspils-partikas-pakas-2021.html": "cells with counted nouns ('pakas') give no observations",
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


@pytest.mark.xfail(strict=True, reason="18 publishers of the 20 asked")
def test_corpus_is_large_and_varied() -> None:
    publishers, _, _ = _coverage()
    years = {int(_meta(_slug(p))["published"]) for p in DOCUMENTS}
    assert len(DOCUMENTS) >= 40
    assert len(publishers) >= 20, sorted(publishers)
    assert min(years) <= 2008 and max(years) >= 2022, sorted(years)


@pytest.mark.parametrize(
    "layout",
    [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason="no document yet"))
        if name == "multi-period-sections"
        else name
        for name in sorted(LAYOUTS)
    ],
)
def test_every_layout_class_has_two_publishers_and_two_formats(layout: str) -> None:
    _, by_publisher, by_format = _coverage()
    assert len(by_publisher[layout]) >= 2, (layout, sorted(by_publisher[layout]))
    assert len(by_format[layout]) >= 2, (layout, sorted(by_format[layout]))
