"""Layouts of Latvian statistical tables: every fixture read through the CLI and scored.

Every document ``NAME.txt|.html|.docx|.pdf`` in ``fixtures/layouts`` is read by
``reportparse NAME.ext`` and scored against ``NAME.expected.csv`` (written by
reading the document, in the form of ../shared/samples) with
``../shared/eval/score.py``; a document without its expected file fails. The
PDF and DOCX files are LibreOffice's renderings of ``sources/NAME.html``
(``make_layout_fixtures.py``); the HTML pages and texts are written as a site
has them. The focused tests below check what the score cannot see: which
total each part links to, the warnings, section rows, footnotes.
"""

from __future__ import annotations

import csv
import json
import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import reportparse
from conftest import FIXTURES
from reportparse._codes import Unit
from reportparse._interpret._pipeline import interpret
from reportparse._model import Cell, Document, Heading, Paragraph, Table
from reportparse._records._report import Source

LAYOUTS = FIXTURES / "layouts"
FORMATS = (".txt", ".html", ".docx", ".pdf")
DOCUMENTS = sorted(p for p in LAYOUTS.iterdir() if p.suffix in FORMATS)
MIN_F1 = 0.98
TOTAL_CODES = ("total_mismatch", "breakdown_exceeds_total")

BENEFITS_HTML = "pabalstu-izlietojums-2021.html"
SPENDING_DOCX = "socialo-izdevumu-struktura-2022.docx"
SPENDING_PDF = "socialo-izdevumu-struktura-2022.pdf"
SERVICES_PDF = "pakalpojumu-sanemeji-2023.pdf"
SERVICES_DOCX = "pakalpojumu-sanemeji-2023.docx"
QUARTERS_TXT = "ceturksni-2023.txt"
PARISHES_PDF = "pagasti-2023.pdf"
PARISHES_DOCX = "pagasti-2023.docx"
NOTES_TXT = "sociala-dienesta-parskats-2020.txt"
LATS_DOCX = "socialas-palidzibas-izdevumi-2012.docx"
MONTHS_PDF = "iesniegumi-pa-menesiem-2024.pdf"
STATUS_HTML = "socialas-palidzibas-statuss-2022.html"
STATUS_TXT = "gmi-11-menesi-2022.txt"
TRANSPOSED_DOCX = "socialas-palidzibas-dinamika.docx"
TRANSPOSED_PDF = "socialas-palidzibas-dinamika.pdf"


def _doc(name: str) -> Path:
    return LAYOUTS / name


@cache
def _parsed(name: str) -> reportparse.Report:
    return reportparse.parse(_doc(name))


# -- scores -------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_fixture_scores_f1_098(document: Path, cli: Any, scorer: ModuleType) -> None:
    expected = LAYOUTS / f"{document.stem}.expected.csv"
    assert expected.is_file(), f"{document.name} has no {expected.name}"
    result = cli(str(document))
    assert result.code == 0, result.err
    out = json.loads(result.out, parse_float=Decimal)
    recall, precision, f1, misses, extra = scorer.score(str(expected), out)
    assert f1 >= MIN_F1, (
        f"f1={f1:.3f} recall={recall:.3f} precision={precision:.3f}",
        [(g["indicator"], g["measure"], g["period"], g["value"], g["unit"]) for g in misses[:8]],
        [(o["indicator"], o["measure"], o["period"], o["value"], o["unit"]) for o in extra[:8]],
    )


def test_at_least_twelve_documents_in_all_four_formats() -> None:
    assert len(DOCUMENTS) >= 12
    assert {p.suffix for p in DOCUMENTS} == set(FORMATS)
    # Every expected file has its document, and every source its renderings.
    stems = {p.stem for p in DOCUMENTS}
    for expected in LAYOUTS.glob("*.expected.csv"):
        assert expected.name.removesuffix(".expected.csv") in stems, expected.name
    for source in (LAYOUTS / "sources").glob("*.html"):
        assert {p.suffix for p in DOCUMENTS if p.stem == source.stem} >= {".pdf", ".docx"}


def test_expected_files_are_in_the_scorer_format() -> None:
    header = ["table", "indicator", "measure", "period", "value", "unit", "extra_ok"]
    period = re.compile(r"\d{4}(?:-(?:Q[1-4]|H[12]|\d{2}))?|\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}")
    for path in LAYOUTS.glob("*.expected.csv"):
        with path.open(encoding="utf-8") as stream:
            rows = list(csv.reader(stream))
        assert rows[0] == header, path.name
        for row in rows[1:]:
            table, indicator, _, when, value, unit, _ = row
            assert int(table) >= 1 and indicator, (path.name, row)
            assert period.fullmatch(when), (path.name, row)
            assert Decimal(value).is_finite(), (path.name, row)  # "NaN" and "Infinity" parse too
            assert unit in {"", *Unit}, (path.name, row)


# -- totals: parents and warnings ---------------------------------------------

# (document, table, row label, period, label of the total it is a part of, or None)
CASES_PARENTS = [
    # Sections with a subtotal each, and one without under the grand total.
    (BENEFITS_HTML, 1, "GMI pabalsts", "2020", "Kopā pabalstiem"),
    (BENEFITS_HTML, 1, "Kopā pabalstiem", "2020", "Kopā"),
    (BENEFITS_HTML, 1, "Dienas aprūpes centrs", "2019", "Kopā"),
    (BENEFITS_HTML, 1, "Kopā", "2021", None),
    (SPENDING_DOCX, 1, "Kopā pakalpojumiem", "2022", "Pavisam kopā"),
    (SPENDING_PDF, 1, "Atlīdzība", "2021", "Pavisam kopā"),
    (SPENDING_PDF, 1, "Asistenta pakalpojums", "2022", "Kopā pakalpojumiem"),
    # A "no tiem:" row alone: the rows under it break down the row above it.
    (SPENDING_DOCX, 2, "trūcīgās personas", "2022", "Pabalstu saņēmēji kopā"),
    # "kopā" first, over sections that have no totals of their own.
    (SPENDING_DOCX, 3, "ilgstošā sociālā aprūpe institūcijā", "2021", "kopā"),
    # Sections without subtotals, one "Kopā" at the end.
    (SERVICES_PDF, 1, "Aprūpe mājās", "2023", "Kopā"),
    (SERVICES_DOCX, 1, "Krīzes centrs", "2022", "Kopā"),
    # "…, no tiem": unmarked parts, ending where the next item starts.
    (SERVICES_PDF, 2, "personas ar invaliditāti", "2022", "Klientu skaits kopā, no tiem"),
    (SERVICES_PDF, 2, "Ģimeņu skaits", "2022", None),
    # "t.sk. …": marked parts of the row above them.
    (SERVICES_DOCX, 2, "t.sk. audžuģimenes", "2023", "Ģimeņu skaits"),
    (SERVICES_DOCX, 2, "Sniegto konsultāciju skaits", "2023", None),
    # A total first, under the header.
    (QUARTERS_TXT, 2, "Asistenta pakalpojums", "2023-H2", "Kopā"),
    (QUARTERS_TXT, 1, "trūcīgas personas", "2023-Q3", "Personas ar trūcīgas vai "
     "maznodrošinātas personas statusu kopā"),
    # Totals at the end of tables that run over a page break.
    (PARISHES_PDF, 1, "Zeltiņu pagasts", "2023-01-01/2023-12-31", "Kopā"),
    (PARISHES_PDF, 2, "Aizkraukles pagasts", "2023", "Kopā"),
    (PARISHES_DOCX, 2, "Zeltiņu pagasts", "2022", "Kopā"),
    # A cell with a note is a part by its first number.
    (NOTES_TXT, 1, "Aprūpe mājās", "2019", "Kopā"),
    (LATS_DOCX, 1, "Apbedīšanas pabalsts", "2011", "Kopā"),
    (MONTHS_PDF, 2, "GMI pabalsts", "2024-09", "kopā"),
    (STATUS_HTML, 1, "Pabalsts krīzes situācijā", "2022-01-01/2022-11-30", "Kopā"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "table", "label", "period", "total"), CASES_PARENTS)
def test_parts_link_to_their_total(
    name: str, table: int, label: str, period: str, total: str | None
) -> None:
    report = _parsed(name)
    found = [
        o
        for o in report.observations
        if o.table == table and o.indicator == label and o.period == period and o.value is not None
    ]
    assert found, (name, table, label, period)
    for o in found:
        parent = report.observations[o.parent] if o.parent is not None else None
        assert (parent.indicator if parent else None) == total, (o, parent)
        if parent is not None:
            assert (parent.table, parent.column, parent.period) == (o.table, o.column, o.period)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_totals_of_the_fixtures_agree(document: Path) -> None:
    # Every fixture's totals are right as printed: a warning would be a misread total.
    report = _parsed(document.name)
    assert [w for w in report.warnings if w.code in TOTAL_CODES] == []
    assert [w for w in report.warnings if w.code == "unreadable_value"] == []


# (document, what to change, warnings as (code, table, label of the row, column))
CASES_CHANGED_TOTALS = [
    (
        BENEFITS_HTML,
        ("<strong>1578539</strong>", "<strong>1578540</strong>"),
        [("total_mismatch", 1, "Kopā", 2)],
    ),
    (
        # A wrong subtotal is named, and so is the grand total it makes wrong.
        BENEFITS_HTML,
        ("<strong>1189009</strong>", "<strong>1189010</strong>"),
        [("total_mismatch", 1, "Kopā pabalstiem", 2), ("total_mismatch", 1, "Kopā", 2)],
    ),
    (
        QUARTERS_TXT,
        ("Kopā\t393\t416", "Kopā\t393\t417"),
        [("total_mismatch", 2, "Kopā", 2)],
    ),
    (
        NOTES_TXT,
        ("Dienas centrs\t5 748\t6602", "Dienas centrs\t5 749\t6602"),
        [("total_mismatch", 1, "Kopā", 1)],
    ),
    (
        STATUS_TXT,
        ("Mājokļa pabalsts\t61 980\t66 014", "Mājokļa pabalsts\t61 980\t66 015"),
        [("total_mismatch", 1, "Kopā", 2)],
    ),
    (
        STATUS_HTML,
        ("<b>292 930,45</b>", "<b>292 930,54</b>"),
        [("total_mismatch", 1, "Kopā", 1)],
    ),
]


@pytest.mark.parametrize(("name", "change", "expected"), CASES_CHANGED_TOTALS)
def test_a_changed_number_is_named(
    tmp_path: Path, name: str, change: tuple[str, str], expected: list[tuple[Any, ...]]
) -> None:
    text = _doc(name).read_text("utf-8")
    assert text.count(change[0]) == 1, change
    path = tmp_path / name
    path.write_text(text.replace(*change), "utf-8")
    report = reportparse.parse(path)
    labels = {(o.table, o.row): o.indicator for o in report.observations}
    got = [
        (w.code, w.table, labels[(w.table, w.row)], w.column)
        for w in report.warnings
        if w.code in TOTAL_CODES
    ]
    assert got == expected
    # Nothing is dropped for a warning.
    assert len(report.observations) == len(_parsed(name).observations)


# -- sections, groups and footnotes ---------------------------------------------

# (document, table, row label, its section)
CASES_SECTIONS = [
    (BENEFITS_HTML, 1, "Mājokļa pabalsts", "PABALSTI"),
    (BENEFITS_HTML, 1, "Aprūpe mājās", "PAKALPOJUMI"),
    (SPENDING_DOCX, 1, "Atlīdzība", "ADMINISTRĀCIJA"),
    (SPENDING_PDF, 3, "dienas centrs", "Pašu nodrošinātie pakalpojumi"),
    (SERVICES_PDF, 1, "Dienas aprūpes centrs", "Pašu nodrošinātie"),
    (SERVICES_DOCX, 1, "Ilgstošā sociālā aprūpe institūcijā", "Pirktie"),
    # A grand total under the last section is in none of the sections.
    (BENEFITS_HTML, 1, "Kopā", "Summas norādītas euro"),
    (SPENDING_PDF, 1, "Pavisam kopā", "Sociālā dienesta izdevumi (EUR)"),
    (SERVICES_PDF, 1, "Kopā", "1. Pakalpojumu saņēmēji"),
    # A "no tiem:" row and a group label over period rows are no sections.
    (SPENDING_DOCX, 2, "trūcīgās personas", "Pabalstu saņēmēji"),
    (STATUS_HTML, 2, "GMI", "Trūcīgo, maznodrošināto un GMI saņēmēju ģimenes un personas"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "table", "label", "section"), CASES_SECTIONS)
def test_section_rows_set_the_section(name: str, table: int, label: str, section: str) -> None:
    found = [o for o in _parsed(name).observations if o.table == table and o.indicator == label]
    assert found
    assert {o.section for o in found} == {section}


CASES_SECTION_ROWS = [
    (BENEFITS_HTML, ["PABALSTI", "PAKALPOJUMI"]),
    (SPENDING_DOCX, ["PABALSTI", "ADMINISTRĀCIJA", "no tiem:"]),
    (SERVICES_PDF, ["Pašu nodrošinātie", "Pirktie"]),
    (STATUS_TXT, ["Trūcīgs", "Maznodrošināts", "GMI"]),
]


@pytest.mark.parametrize(("name", "labels"), CASES_SECTION_ROWS)
def test_a_row_without_values_gives_no_observation(name: str, labels: list[str]) -> None:
    report = _parsed(name)
    rows = {(o.table, o.row) for o in report.observations}
    for table in report.tables:
        for r, row in enumerate(table.rows, start=len(table.header)):
            if row[0] in labels:
                assert (table.id, r) not in rows, (table.id, row)
    assert sum(row[0] in labels for t in report.tables for row in t.rows) == len(labels)


# (document, table, footnotes)
CASES_FOOTNOTES = [
    (
        BENEFITS_HTML,
        1,
        [
            "* Dienas aprūpes centrs 2020. gadā bija slēgts divus mēnešus.",
            "** 2019. gada dati pirms novadu apvienošanas.",
        ],
    ),
    (NOTES_TXT, 1, ["* Krīzes centrs darbojas kopš 2019. gada marta."]),
    (NOTES_TXT, 2, ["** ieskaitot 4 personas no citiem novadiem"]),
    (
        TRANSPOSED_DOCX,
        3,
        ["* No 2021. gada 1. janvāra.", "** Pabalsta apmērs pašvaldības saistošajos noteikumos."],
    ),
    (
        TRANSPOSED_PDF,
        3,
        ["* No 2021. gada 1. janvāra.", "** Pabalsta apmērs pašvaldības saistošajos noteikumos."],
    ),
    (
        PARISHES_PDF,
        1,
        ["* Personas, kurām statuss bija spēkā vismaz vienu mēnesi gada laikā."],
    ),
]


@pytest.mark.parametrize(("name", "table", "footnotes"), CASES_FOOTNOTES)
def test_footnotes_stay_with_their_table(name: str, table: int, footnotes: list[str]) -> None:
    report = _parsed(name)
    assert report.tables[table - 1].footnotes == footnotes
    # The notes are the table's, not running text of the report.
    assert not any(f.sentence.startswith(footnotes[0]) for f in report.facts)


# (document, row label, period, value, raw): marks are stripped from values and
# heads, and kept in raw.
CASES_MARKS = [
    (BENEFITS_HTML, "Dienas aprūpes centrs", "2020", 88412, "88412*"),
    (BENEFITS_HTML, "GMI pabalsts", "2019", 1284906, "1\xa0284\xa0906"),
    (NOTES_TXT, "Krīzes centrs", "2019", Decimal("12450.50"), "12 450.50"),
    (TRANSPOSED_DOCX, "Apbedīšanas pabalsts", "2021", Decimal("300.00"), "300,00**"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "label", "period", "value", "raw"), CASES_MARKS)
def test_footnote_marks_are_kept_in_raw_only(
    name: str, label: str, period: str, value: object, raw: str
) -> None:
    found = [
        (o.value, o.raw)
        for o in _parsed(name).observations
        if o.indicator == label and o.period == period
    ]
    assert (value, raw) in found
    assert str(found[found.index((value, raw))][0]) == str(value)


# -- periods as rows, transposed tables ------------------------------------------

# (document, table, (indicator, measure, period, value))
CASES_PERIOD_ROWS = [
    (STATUS_TXT, 2, ("Maznodrošināts", "Personu skaits", "2022-01-01/2022-11-30", 73)),
    (STATUS_HTML, 2, ("Trūcīgs", "Ģimeņu skaits", "2021", 214)),
    (TRANSPOSED_DOCX, 1, ("GMI pabalsta saņēmēju skaits", None, "2019", 934)),
    (TRANSPOSED_PDF, 2, ("Izmaksātā summa (EUR)", None, "2021-Q4", Decimal("71208.35"))),
]  # fmt: skip


@pytest.mark.parametrize(("name", "table", "expected"), CASES_PERIOD_ROWS)
def test_periods_down_the_rows(name: str, table: int, expected: tuple[Any, ...]) -> None:
    found = [
        (o.indicator, o.measure, o.period, o.value)
        for o in _parsed(name).observations
        if o.table == table
    ]
    assert expected in found


# -- the code knows layouts, not these documents -----------------------------------

_FIGURE = re.compile(r"[0-9]{4,}")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_SOURCE = Path(reportparse.__file__).parent


def test_no_code_names_a_fixture_or_its_figures() -> None:
    figures: set[str] = set()
    labels: set[str] = set()
    for path in LAYOUTS.glob("*.expected.csv"):
        with path.open(encoding="utf-8") as stream:
            for row in csv.DictReader(stream):
                digits = row["value"].replace(".", "")
                # Years are dates throughout the code; a year-like amount
                # ("2018" EUR) is no figure only a fixture could name.
                if len(digits.lstrip("0")) >= 4 and not _YEAR.fullmatch(digits):
                    figures.add(digits)
                if len(row["indicator"]) >= 25:
                    labels.add(row["indicator"].casefold())
    names = {p.stem for p in DOCUMENTS}
    for path in [*_SOURCE.rglob("*.py"), *_SOURCE.glob("_data/*.toml")]:
        text = path.read_text("utf-8")
        assert not figures.intersection(_FIGURE.findall(text.replace(" ", ""))), path.name
        assert not any(name in text for name in names), path.name
        folded = text.casefold()
        assert not any(label in folded for label in labels), path.name


# -- small tables: one layout rule each ---------------------------------------------


def _small(rows: list[list[str]], title: str = "Pārskats par 2023. gadu") -> reportparse.Report:
    document = Document(format="text", blocks=[Heading(title), Table.from_rows(rows)])
    return interpret(document, Source(path=None, format="text", sha256="0" * 64))


# (rows, one observation expected as (indicator, measure, period, value, unit))
CASES_SMALL = [
    pytest.param(
        [["Rādītājs", "Mērvienība", "2022", "2023"], ["Saņēmēji", "pers.", "1 204", "1 262"],
         ["Pabalsti", "tūkst. EUR", "612,4", "655,8"]],
        ("Pabalsti", None, "2023", 655800, "EUR"),
        id="unit-column",
    ),
    pytest.param(
        [["Rādītājs", "2021", "2022"], ["", "EUR", "EUR"], ["GMI", "1 000", "2 000"]],
        ("GMI", None, "2022", 2000, "EUR"),
        id="unit-row-under-years-is-no-measure",
    ),
    pytest.param(
        [["", "Personas", "Izmaksāts, EUR"], ["2020.g.*", "1 020", "120 500,00"],
         ["2021.g.", "980", "118 240,50"]],
        ("Personas", None, "2020", 1020, None),
        id="counting-noun-head-is-the-indicator-of-a-transposed-table",
    ),
    pytest.param(
        [["Pabalsts", "2021", "2022"], ["GMI", "2018", "2019"], ["Mājokļa", "12", "14"]],
        ("GMI", None, "2021", 2018, None),
        id="years-under-years-are-values",
    ),
    pytest.param(
        [["", "Izmaksāts"], ["Apbedīšanas pabalsts", "2012"], ["Krīzes pabalsts", "1 500"]],
        ("Apbedīšanas pabalsts", "Izmaksāts", "2023-01-01/2023-12-31", 2012, None),
        id="one-bare-year-in-a-labelled-row-is-a-value",
    ),
    pytest.param(
        [["Nr.", "Pakalpojums", "janv.", "febr."], ["1.", "PAKALPOJUMI", "", ""],
         ["1.1.", "Aprūpe mājās", "10", "11"]],
        ("Aprūpe mājās", None, "2023-02", 11, None),
        id="numbered-section-row-under-month-heads",
    ),
    pytest.param(
        [["Mēnesis", "Iesniegumi"], ["janvāris", "10"], ["februāris", "12"], ["Kopā", "22"]],
        ("Iesniegumi", None, "2023-01-01/2023-02-28", 22, None),
        id="total-under-period-rows-spans-them",
    ),
    pytest.param(
        [["Pakalpojums", "2022. gads (uz 30.11.)"], ["Dienas centrs*", "19"]],
        ("Dienas centrs", None, "2022-01-01/2022-11-30", 19, None),
        id="as-of-in-parentheses-and-a-marked-label",
    ),
    pytest.param(
        [["Rādītājs", "I cet.", "II cet.", "III cet.", "IV cet.", "Gadā kopā"],
         ["Klienti", "1", "2", "3", "4", "10"]],
        ("Klienti", None, "2023", 10, None),
        id="total-column-spans-the-quarters",
    ),
    pytest.param(
        [["Rādītājs", "Klienti", "", "Kopā"], ["", "janvāris", "februāris", ""],
         ["GMI", "5", "7", "12"]],
        ("GMI", "Klienti", "2023-01-01/2023-02-28", 12, None),
        id="total-column-under-a-group-head",
    ),
    pytest.param(
        [["Rādītājs", "Kopā", "2022", "2023"], ["Klienti", "30", "10", "20"]],
        ("Klienti", None, "2022-01-01/2023-12-31", 30, None),
        id="total-column-before-the-years",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("rows", "expected"), CASES_SMALL)
def test_small_tables(rows: list[list[str]], expected: tuple[Any, ...]) -> None:
    found = [
        (o.indicator, o.measure, o.period, o.value, o.unit)
        for o in _small(rows).observations
        if o.value is not None
    ]
    assert expected in found, found


def test_a_total_column_is_checked_against_the_columns_it_totals() -> None:
    report = _small(
        [["Rādītājs", "I cet.", "II cet.", "III cet.", "IV cet.", "Gadā kopā"],
         ["Klienti", "1", "2", "3", "4", "10"],
         ["Pabalsti, EUR", "100", "-", "50", "50", "210"]]
    )  # fmt: skip
    by_period = {(o.indicator, o.period): o for o in report.observations}
    year = report.observations.index(by_period[("Klienti", "2023")])
    assert [by_period[("Klienti", f"2023-Q{q}")].parent for q in range(1, 5)] == [year] * 4
    assert [w.code for w in report.warnings] == ["total_mismatch"]
    assert "the total is 210 but the 4 columns it totals sum to 200" in report.warnings[0].message
    assert (report.warnings[0].row, report.warnings[0].column) == (2, 5)


def test_columns_that_are_no_periods_keep_their_total_column_as_a_measure() -> None:
    report = _small([["Rādītājs", "Vīrieši", "Sievietes", "Kopā"], ["Klienti", "4", "6", "10"]])
    found = {(o.measure, o.period, o.value) for o in report.observations}
    assert ("Kopā", "2023-01-01/2023-12-31", 10) in found


# (caption above the table, its rows, the periods of its numbers) in a report for 2024
CASES_CAPTION_PERIODS = [
    pytest.param(
        "Sociālie pabalsti 2023. gadā", [["Pabalsts", "Saņēmēji"], ["GMI", "120"]], ["2023"],
        id="caption-names-another-year",
    ),
    pytest.param(
        "Klienti 2024. gada 1. pusgadā", [["Pakalpojums", "Klienti"], ["Aprūpe", "55"]],
        ["2024-H1"],
        id="caption-names-a-part-of-the-year",
    ),
    pytest.param(
        "Klienti 2023. gadā", [["Pakalpojums", "janvāris", "februāris"], ["Aprūpe", "5", "6"]],
        ["2023-01", "2023-02"],
        id="caption-year-dates-the-month-heads",
    ),
    pytest.param(
        "Klienti 2024. gadā", [["Pakalpojums", "Klienti"], ["Aprūpe", "55"]],
        ["2024-01-01/2024-12-31"],
        id="caption-repeats-the-report-period",
    ),
    pytest.param(
        "Izmaiņas salīdzinot ar 2023. gadu", [["Pakalpojums", "Izmaiņas"], ["Aprūpe", "4"]],
        ["2024-01-01/2024-12-31"],
        id="caption-that-compares-names-no-period",
    ),
    pytest.param(
        "Klienti 2023. gadā", [["Pakalpojums", "2022", "2023"], ["Aprūpe", "5", "6"]],
        ["2022", "2023"],
        id="columns-name-their-own-periods",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("caption", "rows", "periods"), CASES_CAPTION_PERIODS)
def test_a_caption_states_the_period_of_the_cells_that_name_none(
    caption: str, rows: list[list[str]], periods: list[str]
) -> None:
    blocks = [Heading("Sociālā dienesta pārskats par 2024. gadu"), Paragraph(caption),
              Table.from_rows(rows)]  # fmt: skip
    report = interpret(Document(format="text", blocks=blocks), Source(None, "text", "0" * 64))
    assert report.tables[0].title == caption
    assert [o.period for o in report.observations] == periods


def test_a_caption_row_spanning_the_table_states_its_unit() -> None:
    cells = [
        Cell("Pabalstu izmaksas, tūkst. EUR", 0, 0, colspan=2),
        Cell("Pabalsts", 1, 0),
        Cell("2022", 1, 1),
        Cell("GMI", 2, 0),
        Cell("12,5", 2, 1),
    ]
    table = Table(cells=cells, n_rows=3, n_cols=2)
    document = Document(format="html", blocks=[Heading("Pārskats par 2023. gadu"), table])
    report = interpret(document, Source(path=None, format="html", sha256="0" * 64))
    assert [(o.indicator, o.measure, o.period, o.value, o.unit) for o in report.observations] == [
        ("GMI", None, "2022", 12500, "EUR")
    ]


def test_cells_of_unreadable_glyphs_are_unread_values_not_heads() -> None:
    rows = [["Pabalsta veids", "jūlijs", "augusts"], ["GMI pabalsts", "\ufffd\ufffd", "\ufffd"]]
    report = _small(rows)
    assert [(o.indicator, o.period, o.value) for o in report.observations] == [
        ("GMI pabalsts", "2023-07", None),
        ("GMI pabalsts", "2023-08", None),
    ]
    assert report.tables[0].header == [rows[0]]
