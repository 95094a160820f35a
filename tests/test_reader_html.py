"""The HTML reader: spans, headers, sections, page chrome left out, encodings, limits.

Fixtures are in tests/fixtures/html; small cases are inline snippets.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from conftest import SAMPLES, WELFARE
from reportparse._errors import (
    EmptyFileError,
    LimitExceededError,
    ReportParseError,
    UnsupportedFormatError,
)
from reportparse._lang._reading import reading_conventions
from reportparse._limits import Limits
from reportparse._model import Document, Heading, Paragraph, Table
from reportparse._readers import get_reader
from reportparse._readers._docx import read as read_docx
from reportparse._readers._html import read

LV = reading_conventions()

FIXTURES = Path(__file__).parent / "fixtures" / "html"
SAMPLE = SAMPLES / f"{WELFARE}.html"
SAMPLE_DOCX = SAMPLES / f"{WELFARE}.docx"
LIMITS = Limits()

CellView = tuple[str, int, int, int, int]


def cells(table: Table) -> list[CellView]:
    """(text, row, col, rowspan, colspan) of every cell, in reading order."""
    return [(c.text, c.row, c.col, c.rowspan, c.colspan) for c in table.cells]


def outline(document: Document) -> list[tuple[object, ...]]:
    """Blocks as short tuples: ("H", level, text), ("P", text), ("LI", text), ("T", rows, cols)."""
    out: list[tuple[object, ...]] = []
    for block in document.blocks:
        if isinstance(block, Heading):
            out.append(("H", block.level, block.text))
        elif isinstance(block, Paragraph):
            out.append(("LI" if block.list_item else "P", block.text))
        else:
            out.append(("T", block.n_rows, block.n_cols))
    return out


def assert_each_position_once(table: Table) -> None:
    """No two cells claim a grid position, and every cell lies inside the grid."""
    seen: set[tuple[int, int]] = set()
    for cell in table.cells:
        assert cell.row + cell.rowspan <= table.n_rows, cell
        assert cell.col + cell.colspan <= table.n_cols, cell
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                assert (r, c) not in seen, f"{cell} overlaps another cell at {(r, c)}"
                seen.add((r, c))


def read_text(html: str, limits: Limits = LIMITS) -> Document:
    return read(html.encode(), conventions=LV, limits=limits)


def read_fixture(name: str) -> Document:
    return read((FIXTURES / name).read_bytes(), conventions=LV, limits=LIMITS)


# --- the sample report ----------------------------------------------------------

SAMPLE_TABLE_SIZES = [(56, 7), (17, 4), (14, 4), (4, 4), (3, 4), (7, 4), (18, 4)]
SAMPLE_HEADINGS = [
    (
        1,
        "Par Labklājības pārvaldes darbu laika periodā no 2024. gada 1. jūlija"
        " līdz 2024. gada 30. septembrim",
    ),
    (
        2,
        "Cita sociālo jomu raksturojošā informācija (sociālie pakalpojumi, to saņēmēju"
        " skaits, veiktās darbības to nodrošināšanai):",
    ),
    (3, "Valsts asistenta pakalpojums:"),
    (3, "Psihologa pakalpojums:"),
    (3, "Dienas aprūpes centra pakalpojums:"),
    (3, "Aprūpes mājās birojs:"),
    (3, "Administratīvais darbs:"),
]
SAMPLE_COMPOUND_CELLS = [
    pytest.param(1, 1, 1, "121ģim/173pers", id="family-person"),
    pytest.param(1, 15, 1, "25 pers./32 reizes 6 pers./7 reizes", id="person-time-pairs"),
    pytest.param(1, 13, 1, "10 pers. (31 dienn.)", id="person-days"),
    pytest.param(1, 14, 1, "3 24", id="two-numbers"),
    pytest.param(1, 13, 0, 'Personu skaits, kas saņēmuši izmitināšanas pakalpojumu Labklājības '
                 'pārvaldes pakalpojumu centrā "Liči"', id="entity-quotes"),
    pytest.param(2, 7, 1, "8613/49582,43", id="hours-amount"),
    pytest.param(5, 4, 1, "4256,00 EUR", id="eur-comma"),
    pytest.param(5, 4, 3, "4323.20 EUR", id="eur-point"),
]  # fmt: skip
MULTILINE_CELL = (
    "5 klienti: 2 pieaugušie(1 pers. - 11dienn., 1pers.- 8 dienn.);\n"
    "3 bērni (2 pers. - 11 dienn., 1 pers.-30 dienn.)"
)


@pytest.fixture(scope="module")
def sample() -> Document:
    return read(SAMPLE.read_bytes(), conventions=LV, limits=LIMITS)


def test_sample_tables_in_order_with_their_sizes(sample: Document) -> None:
    assert [(t.n_rows, t.n_cols) for t in sample.tables] == SAMPLE_TABLE_SIZES
    for table in sample.tables:
        assert_each_position_once(table)
        assert all(cell is not None for row in table.grid() for cell in row)


def test_sample_headings_in_order_and_last(sample: Document) -> None:
    headings = [(b.level, b.text) for b in sample.blocks if isinstance(b, Heading)]
    assert headings == SAMPLE_HEADINGS
    # The report ends with the table under its last heading.
    assert sample.blocks[-2] == Heading("Administratīvais darbs:", level=3)
    assert isinstance(sample.blocks[-1], Table)


def test_sample_table_1_header(sample: Document) -> None:
    table = sample.tables[0]
    head = [(c.text, c.row, c.col, c.rowspan, c.colspan, c.header) for c in table.cells[:3]]
    assert head == [
        ("Iesnieguma veids pabalstam/pakalpojumam", 0, 0, 2, 1, True),
        ("Iesniegumu skaits", 0, 1, 1, 3, True),
        ("Lēmumu skaits", 0, 4, 1, 3, True),
    ]
    assert [c.text for c in table.cells[3:9]] == ["jūlijs", "aug.", "sept."] * 2
    assert all(c.header for c in table.cells[:9])
    assert not any(c.header for c in table.cells[9:])
    assert len(table.cells) == 56 * 7 - 5


@pytest.mark.parametrize(("table", "row", "col", "text"), SAMPLE_COMPOUND_CELLS)
def test_sample_compound_cells(sample: Document, table: int, row: int, col: int, text: str) -> None:
    cell = sample.tables[table].grid()[row][col]
    assert cell is not None and cell.text == text


def test_sample_multiline_cell(sample: Document) -> None:
    cell = sample.tables[1].grid()[4][3]
    assert cell is not None and cell.text == MULTILINE_CELL


def test_sample_metadata(sample: Document) -> None:
    assert sample.format == "html"
    assert sample.metadata_title == "Labklājības pārvaldes darbs 2024. gada 3. ceturksnī"
    assert sample.pages is None
    assert sample.notes == []


def test_sample_reads_the_same_as_its_docx(sample: Document) -> None:
    """The report as HTML and as the DOCX an office suite made of it: the same document."""
    docx = read_docx(SAMPLE_DOCX.read_bytes(), conventions=LV, limits=LIMITS)
    assert outline(sample) == outline(docx)
    for html_table, docx_table in zip(sample.tables, docx.tables, strict=True):
        assert html_table.cells == docx_table.cells


def test_reader_is_registered() -> None:
    assert len(get_reader("html")(SAMPLE.read_bytes(), conventions=LV, limits=LIMITS).tables) == 7


# --- tables ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def tables() -> Document:
    return read_fixture("tables.html")


def test_tables_block_order(tables: Document) -> None:
    assert outline(tables) == [
        ("H", 2, "Pabalsti"),
        ("P", "1. tabula. Pabalsti pa mēnešiem"),  # <caption>, right before its table
        ("T", 7, 5),
        ("P", "Teksts starp tabulām."),
        ("T", 3, 2),
        ("T", 1, 2),  # nested tables after their outer table, depth first
        ("T", 1, 1),
        ("T", 2, 1),
        ("T", 4, 2),
    ]


def test_thead_rowspan_colspan_tfoot(tables: Document) -> None:
    table = tables.tables[0]
    assert cells(table) == [
        ("Pabalsta veids", 0, 0, 2, 1),
        ("Iesniegumu skaits", 0, 1, 1, 3),
        ("Kopā", 0, 4, 2, 1),
        ("jūlijs", 1, 1, 1, 1),
        ("aug.", 1, 2, 1, 1),
        ("sept.", 1, 3, 1, 1),
        ("kopā", 2, 0, 1, 1),
        ("316", 2, 1, 1, 1),
        ("333", 2, 2, 1, 1),
        ("659", 2, 3, 1, 1),
        ("1308", 2, 4, 1, 1),
        ("GMI pabalsts", 3, 0, 2, 1),  # a source line break inside a cell is a space
        ("40", 3, 1, 1, 1),
        ("40", 3, 2, 1, 1),
        ("48", 3, 3, 1, 1),
        ("128", 3, 4, 1, 1),
        ("1\u00a0279\u00a0538", 4, 1, 1, 1),  # no-break spaces between digits are kept
        ("nav datu", 4, 2, 1, 2),
        ("-", 4, 4, 1, 1),
        ("Krīzes centrs", 5, 0, 1, 1),
        ("2 bērni\n3 pieaugušie", 5, 1, 1, 1),  # <br>
        ("5\n6", 5, 2, 1, 1),  # paragraphs in a cell
        ("7 pers.", 5, 3, 1, 1),
        ("18", 5, 4, 1, 1),
        # <tfoot> is shown last wherever it stands; colspan="100" fills the row.
        ("Avots: SOPA", 6, 0, 1, 1),
        ("", 6, 1, 1, 4),
    ]
    assert_each_position_once(table)


def test_headers_and_bold(tables: Document) -> None:
    table = tables.tables[0]
    assert {(c.row, c.col) for c in table.cells if c.header} == {
        (0, 0), (0, 1), (0, 4), (1, 1), (1, 2), (1, 3),
    }  # fmt: skip
    bold = {c.text for c in table.cells if c.bold}
    # <th>, <strong>, <b> and font-weight; "<b>7</b> pers." is not bold throughout.
    assert bold == {"Pabalsta veids", "Iesniegumu skaits", "Kopā", "jūlijs", "aug.", "sept.",
                    "kopā", "316", "333", "659", "1308"}  # fmt: skip
    first = tables.tables[1].cells[0]
    assert (first.text, first.header, first.bold) == ("Rādītājs", True, False)  # font-weight:normal


def test_nested_tables(tables: Document) -> None:
    outer, inner_a, deepest, inner_b = tables.tables[1:5]
    assert [c.text for c in outer.cells] == [
        "Rādītājs",
        "2023",
        "Ārējā šūna",
        "Sadalījums:",
        "Otrā",
        "",
    ]
    assert [c.text for c in inner_a.cells] == ["a1", "a2"]
    assert [c.text for c in deepest.cells] == ["dziļi"]
    assert [(c.text, c.header) for c in inner_b.cells] == [("b1", True), ("b2", False)]


def test_absurd_and_zero_spans(tables: Document) -> None:
    table = tables.tables[5]
    assert cells(table) == [
        ("Absurds", 0, 0, 1, 1),  # colspan="5000" before another cell keeps one column
        ("x", 0, 1, 1, 1),
        ("a", 1, 0, 1, 1),
        ("b", 1, 1, 1, 1),
        ("līdz beigām", 2, 0, 2, 1),  # rowspan="0": to the end of the row group
        ("c", 2, 1, 1, 1),
        ("d", 3, 1, 1, 1),
    ]
    assert ("span_clamped", "a colspan over 1000 was clamped") in tables.notes


# (snippet inside <body>, expected outline, expected cells of the first table or None)
SNIPPETS = [
    pytest.param(
        "<table><tr><td>a</td><td colspan='2px'>b</td></tr>"
        "<tr><td>1</td><td>2</td><td>3</td></tr></table>",
        [("T", 2, 3)],
        [("a", 0, 0, 1, 1), ("b", 0, 1, 1, 2),
         ("1", 1, 0, 1, 1), ("2", 1, 1, 1, 1), ("3", 1, 2, 1, 1)],
        id="span-with-units-read-like-a-browser",
    ),
    pytest.param(
        "<table><tr><td colspan='0' rowspan='x'>a</td><td>b</td></tr></table>",
        [("T", 1, 2)],
        [("a", 0, 0, 1, 1), ("b", 0, 1, 1, 1)],
        id="invalid-spans-are-one",
    ),
    pytest.param(
        "<table><thead><tr><th rowspan='5'>h</th><th>x</th></tr></thead>"
        "<tbody><tr><td>1</td><td>2</td></tr></tbody></table>",
        [("T", 2, 2)],
        [("h", 0, 0, 1, 1), ("x", 0, 1, 1, 1), ("1", 1, 0, 1, 1), ("2", 1, 1, 1, 1)],
        id="rowspan-stops-at-its-row-group",
    ),
    pytest.param(
        "<table><tr><td>a</td><td>b</td></tr><tr style='display:none'><td>x</td><td>y</td></tr>"
        "<tr><td hidden>z</td><td>c</td></tr></table>",
        [("T", 2, 2)],
        [("a", 0, 0, 1, 1), ("b", 0, 1, 1, 1), ("c", 1, 0, 1, 1)],
        id="hidden-rows-and-cells",
    ),
    pytest.param(
        "<table><tr><td>a<script>document.write('99')</script> <span class='sr-only'>(jauns)</span>"
        "</td><td><img alt='ikona'>b</td></tr></table>",
        [("T", 1, 2)],
        [("a", 0, 0, 1, 1), ("b", 0, 1, 1, 1)],
        id="scripts-and-screen-reader-text-in-cells",
    ),
    pytest.param(
        "<table></table><p>pēc</p>",
        [("P", "pēc")],
        None,
        id="empty-table-is-no-block",
    ),
    pytest.param(
        "<h2>Sadaļa <small>(2024)</small><br>otrā rinda</h2><h7>nav virsraksts</h7>",
        [("H", 2, "Sadaļa (2024) otrā rinda"), ("P", "nav virsraksts")],
        None,
        id="heading-on-one-line",
    ),
    pytest.param(
        "<p>Rinda viens<br>rinda\u00a0divi</p><ol><li>Pirmais <b>punkts</b></li></ol>",
        [("P", "Rinda viens\nrinda divi"), ("LI", "Pirmais punkts")],
        None,
        id="paragraph-keeps-its-line-breaks",
    ),
    pytest.param(
        "<p><span style='font-weight: 700'>Trekns ar stilu</span></p>"
        "<p style='font-weight:bold'><span style='font-weight:normal'>Atcelts</span></p>",
        [("H", 3, "Trekns ar stilu"), ("P", "Atcelts")],
        None,
        id="font-weight-in-style",
    ),
    pytest.param(
        "Teksts bez bloka<div>bloks</div>aste",
        [("P", "Teksts bez bloka"), ("P", "bloks"), ("P", "aste")],
        None,
        id="loose-text-around-blocks",
    ),
    pytest.param(
        "<table role='presentation'><tr><td>Izvēlne</td><td><p>Saturs</p></td></tr></table>",
        [("P", "Izvēlne"), ("P", "Saturs")],
        None,
        id="presentation-table-is-layout",
    ),
    pytest.param(
        "<dialog><p>Sīkdatnes</p></dialog><div role='navigation'>Izvēlne</div>"
        "<div role='search'>Meklēt</div><p>Saturs</p>",
        [("P", "Saturs")],
        None,
        id="closed-dialog-and-navigation-roles",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("body", "expected", "table_cells"), SNIPPETS)
def test_snippets(
    body: str, expected: list[tuple[object, ...]], table_cells: list[CellView] | None
) -> None:
    document = read_text(f"<!DOCTYPE html><html><body>{body}</body></html>")
    assert outline(document) == expected
    if table_cells is not None:
        assert cells(document.tables[0]) == table_cells
        assert_each_position_once(document.tables[0])


# --- page chrome and layout ------------------------------------------------------


def test_chrome_left_out() -> None:
    document = read_fixture("chrome.html")
    assert document.metadata_title == "Sociālais dienests — Pārskats"
    assert outline(document) == [
        ("H", 1, "Pārskats par 2024. gada 3. ceturksni"),  # the article's own <header>
        ("P", "Dienests sniedza atbalstu 2141 ģimenei (3626 personām)."),
        ("P", "Redzams teksts."),
        ("LI", "Pirmais punkts"),
        ("LI", "Otrais punkts"),
        ("LI", "Apakšpunkts"),
        ("P", "Brīvs teksts pirmā rinda"),  # loose text: a paragraph per <br> line
        ("P", "otrā rinda"),
        ("P", "trešā rinda"),
        ("H", 3, "Valsts asistenta pakalpojums:"),  # bold throughout and short
        ("H", 3, "Aprūpe mājās"),
        ("P", "Garš treknraksts nav virsraksts."),
        ("P", "Publicēts 2024. gada 10. oktobrī"),  # the article's <footer>, not the page's
    ]


def test_layout_tables_read_as_text() -> None:
    document = read_fixture("layout.html")
    assert outline(document) == [
        ("P", "Sākums"),
        ("H", 1, "Sociālā dienesta darbs"),
        ("P", "Ievads par darbu."),
        ("T", 2, 2),
        ("P", "Rāmī ielikts teksts."),
    ]


# --- encodings -------------------------------------------------------------------

LATVIAN = "Ģimeņu skaits: 12 (ārpusģimenes aprūpē)"
_TEMPLATE = "<html><head>{meta}<title>t</title></head><body><p>" + LATVIAN + "</p></body></html>"


def page(meta: str, codec: str, *, bom: bytes = b"") -> bytes:
    return bom + _TEMPLATE.format(meta=meta).encode(codec)


HTTP_EQUIV = '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=Windows-1257">'
XML_DECLARATION = b'<?xml version="1.0" encoding="windows-1257"?>\n'
MISMATCH = ["charset_mismatch"]

ENCODINGS = [
    pytest.param(page('<meta charset="utf-8">', "utf-8"), [], id="utf-8-declared"),
    pytest.param(page("", "utf-8"), [], id="utf-8-undeclared"),
    pytest.param(page('<meta charset="windows-1257">', "cp1257"), [], id="meta-charset"),
    pytest.param(page(HTTP_EQUIV, "cp1257"), [], id="http-equiv"),
    pytest.param(page('<meta charset="iso-8859-13">', "iso-8859-13"), [], id="iso-8859-13"),
    pytest.param(page("", "cp1257"), [], id="undeclared-windows-1257"),
    pytest.param(
        page('<meta charset="windows-1257">', "utf-8", bom=codecs.BOM_UTF8),
        [],
        id="bom-beats-meta",
    ),
    pytest.param(page("", "utf-16-le", bom=codecs.BOM_UTF16_LE), [], id="utf-16-bom"),
    pytest.param(
        page('<meta charset="windows-1257">', "utf-8"), MISMATCH, id="declared-legacy-but-utf-8"
    ),
    pytest.param(
        page('<meta charset="utf-8">', "cp1257"), MISMATCH, id="declared-utf-8-but-legacy"
    ),
    pytest.param(XML_DECLARATION + page("", "cp1257"), [], id="xml-declaration"),
]


@pytest.mark.parametrize(("data", "notes"), ENCODINGS)
def test_encodings(data: bytes, notes: list[str]) -> None:
    document = read(data, conventions=LV, limits=LIMITS)
    assert outline(document) == [("P", LATVIAN)]
    assert [code for code, _ in document.notes] == notes


def test_mixed_utf8_and_windows_1257_lines() -> None:
    data = (
        b"<html><body>\n"
        + f"<p>{LATVIAN}</p>\n".encode()
        + f"<p>{LATVIAN}</p>\n".encode("cp1257")
        + b"</body></html>"
    )
    document = read(data, conventions=LV, limits=LIMITS)
    assert outline(document) == [("P", LATVIAN), ("P", LATVIAN)]
    assert [code for code, _ in document.notes] == ["mixed_encoding"]


def test_windows_1257_fixture() -> None:
    document = read_fixture("windows-1257.html")
    assert document.metadata_title == "Sociālā dienesta pārskats"
    assert outline(document) == [
        ("H", 2, "Ģimenes asistenta pakalpojums"),
        ("P", "Pakalpojumu saņēma 12 ģimenes, kopā 41 persona."),
        ("T", 3, 2),
    ]
    assert [c.text for c in document.tables[0].cells][2:] == [
        "Ģimeņu skaits", "12", "Bērnu skaits (ārpusģimenes aprūpē)", "7",
    ]  # fmt: skip


# --- refusals and limits ---------------------------------------------------------

REFUSALS = [
    pytest.param(b"", EmptyFileError, "empty file", id="empty"),
    pytest.param(b" \n\t ", EmptyFileError, "empty file", id="whitespace"),
    pytest.param(b"%PDF-1.7\n<html>", UnsupportedFormatError, "not HTML", id="pdf"),
    pytest.param(b"PK\x03\x04\x14\x00", UnsupportedFormatError, "not HTML", id="zip"),
    pytest.param(bytes(range(256)) * 8, UnsupportedFormatError, "not HTML", id="binary"),
    pytest.param(
        "Pārskats\tbez tagiem\n12 ģimenes".encode(),
        UnsupportedFormatError,
        "not HTML",
        id="plain-text",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("data", "error", "reason"), REFUSALS)
def test_refusals(data: bytes, error: type[ReportParseError], reason: str) -> None:
    with pytest.raises(error) as caught:
        read(data, conventions=LV, limits=LIMITS)
    assert caught.value.reason == reason
    assert caught.value.path is None


def test_messy_markup_is_read() -> None:
    document = read_text("<p>Nav aizvērts<p>Otrs <b>trekns<td>šūna bez tabulas</table></div>beigas")
    assert [b.text for b in document.blocks if not isinstance(b, Table)][:2] == [
        "Nav aizvērts",
        "Otrs trekns",
    ]


@pytest.mark.parametrize(
    ("html", "limits"),
    [
        pytest.param("<div>" * 100_000 + "x" + "</div>" * 100_000, LIMITS, id="100000-divs"),
        pytest.param("<table><tr><td>" * 100_000 + "x", LIMITS, id="100000-tables"),
        pytest.param("<b>" * 100_000 + "x", LIMITS, id="100000-unclosed-inline"),
        pytest.param("<div>" * 150 + "x", Limits(max_depth=100), id="past-the-configured-depth"),
        pytest.param("<span>" * 1_500 + "x", LIMITS, id="past-the-default-depth"),
    ],
)
def test_deep_nesting_is_a_limit_not_a_crash(html: str, limits: Limits) -> None:
    with pytest.raises(LimitExceededError, match="HTML nested deeper than"):
        read_text(f"<html><body>{html}</body></html>", limits)


def test_moderate_nesting_reads() -> None:
    html = "<div>" * 600 + "dziļš teksts" + "</div>" * 600 + "<p>pēc</p>"
    assert outline(read_text(html)) == [("P", "dziļš teksts"), ("P", "pēc")]


def test_cell_limit() -> None:
    # The first table's 56 × 7 grid passes the limit before its cells are counted.
    with pytest.raises(LimitExceededError, match="a table spans more than 100 cells"):
        read(SAMPLE.read_bytes(), conventions=LV, limits=Limits(max_cells=100))


def test_table_area_limit() -> None:
    rows = "<tr><td colspan='1000'>a</td><td>b</td></tr>" * 1_100
    limit = Limits().max_cells
    with pytest.raises(LimitExceededError, match=f"a table spans more than {limit} cells"):
        read_text(f"<table>{rows}</table>")


# --- known gaps ------------------------------------------------------------------


@pytest.mark.xfail(strict=True, reason="styles from <style> sheets and classes are not applied")
def test_bold_from_a_stylesheet_class() -> None:
    html = (
        "<style>.total { font-weight: bold }</style>"
        "<table><tr><td class='total'>kopā</td></tr></table>"
    )
    (table,) = read_text(html).tables
    assert table.cells[0].bold


@pytest.mark.xfail(strict=True, reason="<pre> text is collapsed like any other text")
def test_preformatted_text_keeps_its_lines() -> None:
    document = read_text("<pre>jūlijs   12\naugusts  15</pre>")
    assert outline(document) == [("P", "jūlijs   12\naugusts  15")]
