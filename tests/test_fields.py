"""Fields: labelled values from lines, label-over-value paragraphs and two-column tables, typed."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reportparse
from conftest import SAMPLES
from reportparse._interpret._fields import find_fields, is_field_table, typed_value
from reportparse._interpret._meta import find_meta
from reportparse._model import Block, Document, Heading, Paragraph, Table
from reportparse._records._report import ReportPeriod

Typed = tuple[str, object, str | None]


def fields_of(*blocks: Block) -> list[tuple[str, str]]:
    return [(f.label, f.value) for f in find_fields(Document("text", list(blocks)))]


# The typed value of each kind.
CASES_TYPED: list[tuple[str, str, Typed]] = [
    ("Publicēts", "25.03.2021", ("date", "2021-03-25", None)),
    ("Datu izdošanas datums", "2020-09-14", ("date", "2020-09-14", None)),
    (
        "Projekta īstenošanas laiks",
        "Projekta īstenošanas laiks līdz 2023. gada 31. decembrim.",
        ("date", "2023-12-31", None),
    ),
    (
        "Projekta īstenošanas periods",
        "no 2020. gada 1. marta līdz 2023. gada 31. augustam",
        ("date_range", "2020-03-01/2023-08-31", None),
    ),
    (
        "Projekta īstenošanas laiks",
        "01.01.2016.–31.12.2023.",
        ("date_range", "2016-01-01/2023-12-31", None),
    ),
    ("Pārskata periods", "2023. gads", ("date_range", "2023-01-01/2023-12-31", None)),
    ("Kopējās izmaksas", "1 317 451,00 EUR", ("money", Decimal("1317451.00"), "EUR")),
    ("Kopējais finansējums", "EUR 6 832 140,00", ("money", Decimal("6832140.00"), "EUR")),
    ("Budžets", "30,6 milj. eiro", ("money", 30600000, "EUR")),
    ("Pabalsts", "Ls 45,50", ("money", Decimal("45.50"), "LVL")),
    ("Projekta periods", "11 mēneši", ("number", 11, "month")),
    ("Ierakstu skaits", "2 064", ("number", 2064, None)),
    ("ESF līdzfinansējums", "85 %", ("number", 85, "percent")),
    ("Projekta partneri", "43 pašvaldības", ("number", 43, None)),
    ("Projekta numurs", "Nr.9.2.2.1./15/I/005", ("text", None, None)),
    ("Tālrunis", "67 181 818", ("text", None, None)),
    ("ATVK kods", "0001000", ("text", None, None)),
    ("Saziņas e-pasts", "dati@lm.gov.lv", ("text", None, None)),
    ("Atjaunošanas biežums", "reizi gadā", ("text", None, None)),
    ("Licence", "CC0 1.0", ("text", None, None)),
    ("Darba laiks", "katru dienu 19:00–8:00", ("text", None, None)),
    ("Finansējuma avots", "ESF (85 %) un valsts budžets (15 %)", ("text", None, None)),
]


@pytest.mark.parametrize(("label", "value", "expected"), CASES_TYPED)
def test_typed_values(label: str, value: str, expected: Typed) -> None:
    assert typed_value(label, value) == expected


# A line that is a field, and one that is a sentence with a colon.
CASES_LINES: list[tuple[str, list[tuple[str, str]]]] = [
    ("Projekta numurs: Nr.9.2.2.1./15/I/005", [("Projekta numurs", "Nr.9.2.2.1./15/I/005")]),
    ("Tālr.: 64607184", [("Tālr.", "64607184")]),
    (
        "Programma: „Cilvēkresursi un nodarbinātība” 1.4.",
        [("Programma", "„Cilvēkresursi un nodarbinātība” 1.4.")],
    ),
    ("Projekta periods:   11\u00a0mēneši", [("Projekta periods", "11 mēneši")]),
    # Lines a plain-text reader joined: each label starts a field of its own.
    (
        "Projekta Nr.: 9.2.1.1/15/I/001 Projekta īstenošanas laiks: 01.03.2016.–30.11.2023. "
        "Kopējās izmaksas: 5 876 543,21 EUR ESF finansējums: 4 994 061,73 EUR",
        [
            ("Projekta Nr.", "9.2.1.1/15/I/001"),
            ("Projekta īstenošanas laiks", "01.03.2016.–30.11.2023."),
            ("Kopējās izmaksas", "5 876 543,21 EUR"),
            ("ESF finansējums", "4 994 061,73 EUR"),
        ],
    ),
    (
        "Kontaktpersona: Zita Bautre, tālr.: 64607184, e-pasts: z@r.lv",
        [("Kontaktpersona", "Zita Bautre, tālr.: 64607184, e-pasts: z@r.lv")],
    ),
    # Sentences and section names.
    ("Aktuālā informācija par projektu ir pieejama: https://lpr.gov.lv/", []),
    ("Vecākā sociālā darbiniece darbam ar bērniem un ģimenēm: Zita Bautre", []),
    ("FINANSĒJUMS:                REZULTĀTI:", []),
    ("PROJEKTU ĪSTENOŠANA: PROJEKTU ATLASE: PAVEIKTS", []),
    ("2023. gadā: 45 personas", []),
    ("Pabalsti kopā", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES_LINES)
def test_label_value_lines(text: str, expected: list[tuple[str, str]]) -> None:
    assert fields_of(Paragraph(text)) == expected


# A label on a line of its own over its value.
CASES_LABEL_OVER_VALUE: list[tuple[list[Block], list[tuple[str, str]]]] = [
    (
        [Paragraph("Projekta numurs:"), Paragraph(" "), Paragraph("Nr.9.2.2.1./15/I/005")],
        [("Projekta numurs", "Nr.9.2.2.1./15/I/005")],
    ),
    # A reader's bold heading as the label.
    (
        [Heading("Projekta numurs:", level=3), Paragraph("Nr.9.2.2.1./15/I/005")],
        [("Projekta numurs", "Nr.9.2.2.1./15/I/005")],
    ),
    # A description runs over its sentences, up to the next label.
    (
        [
            Paragraph("Projekta apraksts:"),
            Paragraph("Pirmais teikums."),
            Paragraph("Otrais."),
            Paragraph("Kontaktpersona:"),
            Paragraph("Zita Bautre"),
            Paragraph("Aktualitātes"),
            Paragraph("Vēl kas."),
        ],
        [("Projekta apraksts", "Pirmais teikums.\nOtrais."), ("Kontaktpersona", "Zita Bautre")],
    ),
    (
        [
            Paragraph("Projekta aktivitātes:"),
            Paragraph("izstrāde;", list_item=True),
            Paragraph("apspriešana", list_item=True),
            Paragraph("Beigas."),
        ],
        [("Projekta aktivitātes", "izstrāde;\napspriešana")],
    ),
    # No value: a table, another label, a line that is a label itself.
    ([Paragraph("Valsts asistenta pakalpojums:"), Table.from_rows([["a", "1"], ["b", "2"]])], []),
    (
        [Paragraph("DI PROGRAMMAS FINANSĒJUMS:"), Paragraph("GALVENIE RĀDĪTĀJI LĪDZ 2023.GADAM:")],
        [],
    ),
    (
        [Paragraph("Projekta nosaukums:"), Paragraph("Projekta numurs:"), Paragraph("Nr.1/2")],
        [("Projekta numurs", "Nr.1/2")],
    ),
]


@pytest.mark.parametrize(("blocks", "expected"), CASES_LABEL_OVER_VALUE)
def test_label_over_value(blocks: list[Block], expected: list[tuple[str, str]]) -> None:
    assert fields_of(*blocks) == expected


# Two-column tables: label/value lists or data.
CASES_TABLES: list[tuple[list[list[str]], int, bool]] = [
    (
        [["Lauks", "Vērtība"], ["Valoda", "Latviešu"], ["Datu izdošanas datums", "2020-09-14"]],
        0,
        True,
    ),
    (
        [
            ["Adrese", "Katlakalna iela 9, Rīga"],
            ["Tālrunis", "67 181 818"],
            ["Darba laiks", "katru dienu 19:00–8:00"],
        ],
        0,
        True,
    ),
    ([["Pabalsts", "Summa"], ["GMI", "40"], ["Mājokļa", "52"]], 0, False),
    ([["GMI pabalsts", "-"], ["Mājokļa pabalsts", "nav"], ["Krīzes pabalsts", "3"]], 0, False),
    ([["Rādītājs", "2023"], ["Personas", "12"], ["Ģimenes", "7"]], 1, False),
    ([["Nosaukums", "Apraksts"], ["A", "teksts"]], 1, False),
    ([["Lauks", "Vērtība", "Piezīmes"], ["Valoda", "Latviešu", ""]], 0, False),
]


@pytest.mark.parametrize(("rows", "header_rows", "expected"), CASES_TABLES)
def test_field_tables(rows: list[list[str]], header_rows: int, expected: bool) -> None:
    assert is_field_table(Table.from_rows(rows, header_rows=header_rows)) is expected


def test_a_field_table_gives_fields_and_no_observations() -> None:
    html = (
        "<h1>Datu kopa</h1><p>Apraksts.</p><table><tr><th>Lauks</th><th>Vērtība</th></tr>"
        "<tr><td>Ierakstu skaits</td><td>2 064</td></tr>"
        "<tr><td>Datu izdošanas datums</td><td>2020-09-14</td></tr></table>"
    ).encode()
    report = reportparse.parse(html, format="html")
    assert report.observations == []
    assert [t.rows for t in report.tables] == [
        [["Ierakstu skaits", "2 064"], ["Datu izdošanas datums", "2020-09-14"]]
    ]
    assert [(f.label, f.kind, f.typed) for f in report.fields] == [
        ("Ierakstu skaits", "number", 2064),
        ("Datu izdošanas datums", "date", "2020-09-14"),
    ]
    assert report.facts == []


def test_the_labelled_project_sample() -> None:
    report = reportparse.parse(SAMPLES / "social-services-planning-latgale.txt")
    labels = [f.label for f in report.fields]
    assert labels == [
        "Programma",
        "Projekta nosaukums",
        "Projekta iesniedzējs",
        "Projekta mērķa grupas",
        "Projekta vispārējais mērķis",
        "Projekta tiešais mērķis",
        "Projekta aktivitātes",
        "Projekta rezultāti",
        "Projekta periods",
        "Projekta statuss",
    ]
    period = report.fields[8]
    assert (period.value, period.kind, period.typed, period.unit) == (
        "11 mēneši",
        "number",
        11,
        "month",
    )
    assert report.fields[6].value.count("\n") == 2
    # The programme's code numbers are no facts; "11 mēneši" is one.
    assert [(f.value, f.unit) for f in report.facts] == [(11, "month")]


def test_the_project_page_sample_fields() -> None:
    report = reportparse.parse(SAMPLES / "di-project-latgale.txt")
    assert [(f.label, f.kind) for f in report.fields] == [
        ("Publicēts", "date"),
        ("Atjaunots", "date"),
        ("Projekta nosaukums", "text"),
        ("Projekta numurs", "text"),
        ("Galvenās projekta aktivitātes", "text"),
        ("Projekta īstenošanas laiks", "date"),
        ("Projektu īsteno", "text"),
        ("Kontaktpersona", "text"),
    ]
    assert report.fields[3].value == "Nr.9.2.2.1./15/I/005"
    assert report.fields[4].value.count("\n") == 5
    assert report.report.period is None and report.report.publisher is None


# The report's publisher.
CASES_PUBLISHER: list[tuple[list[Block], str | None]] = [
    (
        [
            Heading("Ziņa"),
            Paragraph("Teksts."),
            Paragraph("Sagatavoja: Ogres novada Sociālais dienests"),
        ],
        "Ogres novada Sociālais dienests",
    ),
    (
        [
            Heading("Ziņa"),
            Paragraph("Teksts."),
            Table.from_rows([["Lauks", "Vērtība"], ["Publicētājs", "Labklājības ministrija"]]),
        ],
        "Labklājības ministrija",
    ),
    (
        [
            Heading("Pārskats"),
            Paragraph("Jēkabpils pilsētas pašvaldības Sociālais dienests"),
            Paragraph("Teksts."),
        ],
        "Jēkabpils pilsētas pašvaldības Sociālais dienests",
    ),
    (
        [Heading("Ziņa"), Paragraph("Teksts."), Paragraph("Ogres novada pašvaldība")],
        "Ogres novada pašvaldība",
    ),
    (
        [
            Heading("Ziņa"),
            Paragraph("Teksts."),
            Paragraph(
                "Informāciju sagatavoja Kuldīgas novada iestāde “Sociālo lietu pārvalde”, "
                "tālr. 63 000 000."
            ),
        ],
        "Kuldīgas novada iestāde “Sociālo lietu pārvalde”",
    ),
    # A field's value is that field's, and a signature is a person's.
    (
        [
            Heading("Projekts"),
            Paragraph("Projekta īstenotājs:"),
            Paragraph("Aizkraukles novada pašvaldība"),
        ],
        None,
    ),
    ([Heading("Pārskats"), Paragraph("Teksts."), Paragraph("Sociālā dienesta vadītāja")], None),
    ([Heading("Finansējuma avots: ESF")], None),
    ([Heading("Ziņa"), Paragraph("Autors norāda, ka pakalpojums ir pieejams.")], None),
]


@pytest.mark.parametrize(("blocks", "expected"), CASES_PUBLISHER)
def test_publisher(blocks: list[Block], expected: str | None) -> None:
    meta = find_meta(Document("html", blocks)).meta
    assert meta.publisher == expected


def test_a_period_field_is_the_report_period_when_the_opening_states_none() -> None:
    blocks: list[Block] = [
        Heading("Dienas centra izveide"),
        Paragraph("Publicēts: 14.02.2020"),
        Paragraph("Projekta nosaukums: Centrs"),
        Paragraph("Projekta apraksts: Teksts."),
        Paragraph("Kontaktpersona: Ilze"),
        Paragraph("Projekta numurs: Nr.1"),
        Paragraph(
            "Projekta īstenošanas periods: no 2020. gada 1. marta līdz 2023. gada 31. augustam"
        ),
    ]
    meta = find_meta(Document("html", blocks)).meta
    assert meta.period == ReportPeriod(datetime.date(2020, 3, 1), datetime.date(2023, 8, 31))


def test_a_title_a_pdf_wrapped_is_one_title() -> None:
    blocks: list[Block] = [
        Heading("Senioru dienas centra darbs 2023. gada 1."),
        Heading("pusgadā"),
        Paragraph("Teksts."),
    ]
    front = find_meta(Document("pdf", blocks))
    meta, index = front.meta, front.title_index
    assert (meta.title, index) == ("Senioru dienas centra darbs 2023. gada 1. pusgadā", 0)
    assert meta.period == ReportPeriod(datetime.date(2023, 1, 1), datetime.date(2023, 6, 30))


def test_the_title_is_no_field() -> None:
    document = Document("text", [Paragraph("Sociālais dienests: darba rezultāti martā")])
    front = find_meta(document)
    assert front.fields == find_fields(document, skip=front.title_index) == []


def test_a_portal_table_of_fields_copied_as_one_line() -> None:
    report = reportparse.parse(SAMPLES / "di-services-dataset-description.txt")
    assert ("Valoda", "Latviešu") in [(f.label, f.value) for f in report.fields]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=6), st.text(max_size=80))
def test_any_text_gives_fields_without_error(lines: list[str], value: str) -> None:
    document = Document("text", [Paragraph(line) for line in lines])
    for field in find_fields(document):
        assert field.label and field.value
    kind, typed, _ = typed_value("Lauks", value)
    assert kind in {"date", "date_range", "money", "number", "text"}
    assert (typed is None) == (kind == "text")
