"""The DOCX reader: body order, merged cells once, nested tables, headings, refusals.

Fixtures are in tests/fixtures/docx (made by make_docx_fixtures.py there); small
cases build a minimal package in the test with :func:`make_docx`.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from conftest import SAMPLES, WELFARE
from reportparse._errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    LimitExceededError,
    ReportParseError,
    UnsupportedFormatError,
)
from reportparse._lang._reading import reading_conventions
from reportparse._limits import Limits
from reportparse._model import Block, Document, Heading, Paragraph, Table
from reportparse._readers import get_reader
from reportparse._readers._docx import read
from reportparse._readers._html import read as read_html

LV = reading_conventions()

FIXTURES = Path(__file__).parent / "fixtures" / "docx"
SAMPLE = SAMPLES / f"{WELFARE}.docx"
LIMITS = Limits()

W_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="{target}"/></Relationships>'
)


def make_docx(
    body: str,
    *,
    styles: str = "",
    ns: str = W_MAIN,
    main: str = "word/document.xml",
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """A minimal DOCX package whose body is ``body`` (written with the ``w:`` prefix)."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _PACKAGE_RELS.format(target=main))
        archive.writestr(main, document)
        if styles:
            archive.writestr("word/styles.xml", f'<w:styles xmlns:w="{ns}">{styles}</w:styles>')
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def p(text: str, *, props: str = "", run_props: str = "") -> str:
    ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
    rpr = f"<w:rPr>{run_props}</w:rPr>" if run_props else ""
    return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def tc(content: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"


def tbl(rows: str, grid: int = 0) -> str:
    cols = "".join("<w:gridCol/>" for _ in range(grid))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{cols}</w:tblGrid>{rows}</w:tbl>"


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


def read_fixture(name: str, limits: Limits = LIMITS) -> Document:
    return read((FIXTURES / name).read_bytes(), conventions=LV, limits=limits)


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
# (table index, row, col, text) of the cells the contract's compound examples come from.
SAMPLE_COMPOUND_CELLS = [
    pytest.param(1, 1, 1, "121ģim/173pers", id="family-person"),
    pytest.param(1, 15, 1, "25 pers./32 reizes 6 pers./7 reizes", id="person-time-pairs"),
    pytest.param(1, 13, 1, "10 pers. (31 dienn.)", id="person-days"),
    pytest.param(1, 14, 1, "3 24", id="two-numbers"),
    pytest.param(1, 4, 1, "2 bērni (1 pers. - 10 dienn., 1 pers.- 31 dienn.)", id="breakdown"),
    pytest.param(2, 7, 1, "8613/49582,43", id="hours-amount"),
    pytest.param(5, 4, 1, "4256,00 EUR", id="eur-comma"),
    pytest.param(5, 4, 3, "4323.20 EUR", id="eur-point"),
    pytest.param(0, 41, 1, "-", id="placeholder"),
]
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
        # The sample has no gaps: every grid position belongs to exactly one cell.
        assert all(cell is not None for row in table.grid() for cell in row)


def test_sample_headings_in_order_and_last(sample: Document) -> None:
    headings = [(b.level, b.text) for b in sample.blocks if isinstance(b, Heading)]
    assert headings == SAMPLE_HEADINGS
    # The report ends with the table under its last heading.
    assert sample.blocks[-2] == Heading("Administratīvais darbs:", level=3)
    assert isinstance(sample.blocks[-1], Table)


def test_sample_block_order(sample: Document) -> None:
    kinds = "".join(type(b).__name__[0] for b in sample.blocks)
    assert kinds == "HPTHTHTHTHTHTHT"
    assert sample.blocks[1] == Paragraph(
        "Informācija par SOPA programmā reģistrēto iesniegumu (pa to veidiem) un lēmumu skaitu:"
    )


def test_sample_table_1_header(sample: Document) -> None:
    table = sample.tables[0]
    head = [(c.text, c.row, c.col, c.rowspan, c.colspan, c.header) for c in table.cells[:9]]
    assert head == [
        ("Iesnieguma veids pabalstam/pakalpojumam", 0, 0, 2, 1, True),
        ("Iesniegumu skaits", 0, 1, 1, 3, True),
        ("Lēmumu skaits", 0, 4, 1, 3, True),
        ("jūlijs", 1, 1, 1, 1, True),
        ("aug.", 1, 2, 1, 1, True),
        ("sept.", 1, 3, 1, 1, True),
        ("jūlijs", 1, 4, 1, 1, True),
        ("aug.", 1, 5, 1, 1, True),
        ("sept.", 1, 6, 1, 1, True),
    ]
    # Merged cells are stored once: 56 × 7 positions, less 1 + 2 + 2 covered by spans.
    assert len(table.cells) == 56 * 7 - 5
    assert [c.header for c in table.cells[9:]] == [False] * (len(table.cells) - 9)


def test_sample_bold_total_row(sample: Document) -> None:
    row = [c for c in sample.tables[0].cells if c.row == 2]
    assert [(c.text, c.bold) for c in row] == [
        ("kopā", True), ("316", True), ("333", True), ("659", True),
        ("306", True), ("309", True), ("620", True),
    ]  # fmt: skip
    assert not any(c.bold for c in sample.tables[0].cells if c.row == 3)


@pytest.mark.parametrize(("table", "row", "col", "text"), SAMPLE_COMPOUND_CELLS)
def test_sample_compound_cells(sample: Document, table: int, row: int, col: int, text: str) -> None:
    cell = sample.tables[table].grid()[row][col]
    assert cell is not None and cell.text == text


def test_sample_multiline_cell(sample: Document) -> None:
    cell = sample.tables[1].grid()[4][3]
    assert cell is not None and cell.text == MULTILINE_CELL


def test_sample_metadata(sample: Document) -> None:
    assert sample.format == "docx"
    assert sample.metadata_title == "Labklājības pārvaldes darbs 2024. gada 3. ceturksnī"
    assert sample.pages is None
    assert sample.notes == []
    assert all(t.page is None for t in sample.tables)


def test_reader_is_registered() -> None:
    document = get_reader("docx")(SAMPLE.read_bytes(), conventions=LV, limits=LIMITS)
    assert len(document.tables) == 7


# --- merged cells ----------------------------------------------------------------


def test_merged_both_ways_once() -> None:
    document = read_fixture("merged.docx")
    (table,) = document.tables
    assert (table.n_rows, table.n_cols) == (7, 4)
    assert cells(table) == [
        ("Rādītājs", 0, 0, 2, 1),
        ("2024. gads", 0, 1, 1, 3),
        ("jūlijs", 1, 1, 1, 1),
        ("aug.", 1, 2, 1, 1),
        ("sept.", 1, 3, 1, 1),
        ("GMI pabalsts", 2, 0, 1, 1),
        ("40", 2, 1, 1, 1),
        ("40", 2, 2, 1, 1),
        ("48", 2, 3, 1, 1),
        ("Kopā", 3, 0, 2, 2),
        ("1", 3, 2, 1, 1),
        ("2", 3, 3, 1, 1),
        ("3", 4, 2, 1, 1),
        ("4", 4, 3, 1, 1),
        # gridBefore="1": the row starts in the second column.
        ("x", 5, 1, 1, 1),
        ("y", 5, 2, 1, 1),
        ("z", 5, 3, 1, 1),
        # gridAfter="2": the row stops two columns short.
        ("p", 6, 0, 1, 1),
        ("q", 6, 1, 1, 1),
    ]
    assert_each_position_once(table)
    assert table.grid()[5][0] is None and table.grid()[6][3] is None


def test_merged_header_rows_are_headers() -> None:
    (table,) = read_fixture("merged.docx").tables
    assert {c.row for c in table.cells if c.header} == {0, 1}


def test_office_suite_docx_matches_its_html_source() -> None:
    """LibreOffice's DOCX of lo-source.html reads as the HTML reader reads the source."""
    from_docx = read_fixture("lo-merged.docx")
    from_html = read_html((FIXTURES / "lo-source.html").read_bytes(), conventions=LV, limits=LIMITS)
    assert (
        outline(from_docx)
        == outline(from_html)
        == [
            ("H", 2, "Pakalpojumi"),
            ("T", 6, 3),
            ("T", 2, 2),
            ("P", "Teksts pēc tabulas."),
        ]
    )
    for docx_table, html_table in zip(from_docx.tables, from_html.tables, strict=True):
        assert docx_table.cells == html_table.cells
    assert cells(from_docx.tables[0])[7:] == [
        ("Krīzes centrs", 3, 0, 2, 1),
        ("2 bērni\n1 pieaugušais", 3, 1, 1, 1),
        ("3", 3, 2, 1, 1),
        ("nav datu", 4, 1, 1, 2),
        ("Sadalījums", 5, 0, 1, 1),
        ("Kopsumma:", 5, 1, 1, 2),
    ]


# --- nested tables, content controls, tracked changes ----------------------------


def test_nested_tables_follow_their_outer_table_depth_first() -> None:
    document = read_fixture("nested.docx")
    assert outline(document) == [
        ("P", "Pirms tabulas"),
        ("T", 2, 2),
        ("T", 1, 2),
        ("T", 1, 1),
        ("T", 2, 2),
        ("P", "Pēc tabulas"),
    ]
    outer, inner_a, deepest, inner_b = document.tables
    # The outer cells keep their own text, without the nested tables' text.
    assert [c.text for c in outer.cells] == ["Ārējā", "Virsraksts", "Kopā", "Sadalījums:"]
    assert [c.text for c in inner_a.cells] == ["a1", "a2"]
    assert [c.text for c in deepest.cells] == ["dziļi"]
    assert [c.text for c in inner_b.cells] == ["jūlijs", "aug.", "5", "7"]


def test_content_controls_and_tracked_changes() -> None:
    document = read_fixture("controls.docx")
    assert outline(document) == [
        ("P", "Atskaite sagatavota 2024. gada oktobrī"),
        ("P", "Periods: 2024. gada 3. ceturksnis"),
        # The unfilled control's prompt is left out; deletions are, insertions are not.
        ("P", "Klientu skaits: 125"),
        ("P", "Paliek un pārvietots"),
        # Hyperlink text counts; a field's code does not, its result does.
        ("P", "Skatīt pielikumu 3. lpp."),
        ("T", 3, 2),
    ]
    # A row in a repeating-section control and a cell in a control are read;
    # the row deleted with tracked changes is not.
    assert cells(document.tables[0]) == [
        ("Rādītājs", 0, 0, 1, 1),
        ("Skaits", 0, 1, 1, 1),
        ("Klienti", 1, 0, 1, 1),
        ("462", 1, 1, 1, 1),
        ("Ģimenes", 2, 0, 1, 1),
        ("121", 2, 1, 1, 1),
    ]


# --- headings and paragraphs -----------------------------------------------------


def test_headings_by_style_name_outline_and_bold() -> None:
    document = read_fixture("headings.docx")
    assert document.metadata_title == "Virsrakstu pārbaude"
    long_bold = " ".join(["Treknraksts, kas ir pārāk garš, lai būtu virsraksts."] * 5)
    assert outline(document) == [
        ("H", 1, "Pārskats"),  # Title
        ("H", 1, "1. Ievads"),  # Heading 1; the "toc 1" line after it is left out
        ("P", "Parasts teksts ar 462 personām."),
        ("H", 2, "1.1. Apakšnodaļa"),
        ("H", 2, "Latviskais virsraksts"),  # "Virsraksts 2"
        ("H", 3, "Atvasināts virsraksts"),  # a style based on Heading 3
        ("H", 3, "Valsts asistenta pakalpojums:"),  # short and bold throughout
        ("P", long_bold),
        ("H", 3, "Izcelts ar rakstzīmju stilu"),  # bold through the "Strong" character style
        ("P", "Daļēji trekns"),
        ("LI", "Pirmais punkts"),
        ("LI", "Otrais punkts"),
        ("LI", "Numurēts ar numPr"),
        ("H", 2, "Ar struktūras līmeni"),  # outlineLvl 1 on the paragraph
        ("P", "Rinda viens\nRinda divi ar atstarpēm"),  # w:br kept, tab and runs of spaces not
    ]


STYLES_BOLD_NORMAL = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    "<w:rPr><w:b/></w:rPr></w:style>"
)

# (body, styles, namespace, expected outline, expected cells of the first table or None)
SNIPPETS = [
    pytest.param(
        p("Virsraksts", run_props='<w:b w:val="0"/>'),
        STYLES_BOLD_NORMAL,
        W_MAIN,
        [("P", "Virsraksts")],
        None,
        id="bold-switched-off-in-a-bold-style",
    ),
    pytest.param(
        p("Nodaļa"),
        STYLES_BOLD_NORMAL,
        W_MAIN,
        [("H", 3, "Nodaļa")],
        None,
        id="bold-from-the-default-paragraph-style",
    ),
    pytest.param(
        p("Strict OOXML") + tbl(f"<w:tr>{tc(p('a'))}{tc(p('b'))}</w:tr>", grid=2),
        "",
        W_STRICT,
        [("P", "Strict OOXML"), ("T", 1, 2)],
        [("a", 0, 0, 1, 1), ("b", 0, 1, 1, 1)],
        id="strict-namespace",
    ),
    pytest.param(
        tbl(
            f"<w:tr>{tc(p('virs'))}{tc(p('x'))}</w:tr>"
            f"<w:tr>{tc(p('turp.'), '<w:vMerge/>')}{tc(p('y'))}</w:tr>",
            grid=2,
        ),
        "",
        W_MAIN,
        [("T", 2, 2)],
        # Word merges a continuation into the cell above even without "restart";
        # text left in a continuation is kept, on a line of its own.
        [("virs\nturp.", 0, 0, 2, 1), ("x", 0, 1, 1, 1), ("y", 1, 1, 1, 1)],
        id="vmerge-continue-without-restart",
    ),
    pytest.param(
        tbl("<w:tr>" + tc(p("a"), '<w:gridSpan w:val="99999"/>') + "</w:tr>", grid=3),
        "",
        W_MAIN,
        [("T", 1, 3)],
        [("a", 0, 0, 1, 3)],
        id="span-clamped-to-the-grid",
    ),
    pytest.param(
        tbl(
            "<w:tr>"
            + tc("<w:p><w:r><w:t>a</w:t><w:br/><w:t>b</w:t><w:tab/><w:t>c</w:t></w:r></w:p>")
            + tc(p("1") + p("") + p("2"))
            + "</w:tr>",
            grid=2,
        ),
        "",
        W_MAIN,
        [("T", 1, 2)],
        [("a\nb c", 0, 0, 1, 1), ("1\n2", 0, 1, 1, 1)],
        id="cell-breaks-tabs-and-paragraphs",
    ),
    pytest.param(
        tbl('<w:tr><w:trPr><w:tblHeader w:val="false"/></w:trPr>' + tc(p("a")) + "</w:tr>", 1),
        "",
        W_MAIN,
        [("T", 1, 1)],
        [("a", 0, 0, 1, 1)],
        id="header-row-switched-off",
    ),
    pytest.param(
        p("1\u00a0279\u00a0538 EUR un\u00a0vēl\u00ad teksts"),
        "",
        W_MAIN,
        [("P", "1\u00a0279\u00a0538 EUR un vēl teksts")],
        None,
        id="no-break-space-kept-only-between-digits",
    ),
    pytest.param(
        "<w:customXml><w:p><w:r><w:t>Pielāgots XML</w:t></w:r></w:p></w:customXml>"
        "<w:p><w:r><w:t>  </w:t></w:r></w:p>",
        "",
        W_MAIN,
        [("P", "Pielāgots XML")],
        None,
        id="custom-xml-read-blank-paragraph-dropped",
    ),
]


@pytest.mark.parametrize(("body", "styles", "ns", "expected", "table_cells"), SNIPPETS)
def test_snippets(
    body: str,
    styles: str,
    ns: str,
    expected: list[tuple[object, ...]],
    table_cells: list[CellView] | None,
) -> None:
    document = read(make_docx(body, styles=styles, ns=ns), conventions=LV, limits=LIMITS)
    assert outline(document) == expected
    if table_cells is not None:
        assert cells(document.tables[0]) == table_cells
        assert_each_position_once(document.tables[0])


def test_header_by_row_and_bold_by_run() -> None:
    body = tbl(
        f"<w:tr><w:trPr><w:tblHeader/></w:trPr>{tc(p('Rādītājs'))}{tc(p('Skaits'))}</w:tr>"
        f"<w:tr>{tc(p('kopā', run_props='<w:b/>'))}"
        + tc("<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>7</w:t></w:r><w:r><w:t> pers.</w:t></w:r></w:p>")
        + "</w:tr>",
        grid=2,
    )
    (table,) = read(make_docx(body), conventions=LV, limits=LIMITS).tables
    assert [(c.text, c.header, c.bold) for c in table.cells] == [
        ("Rādītājs", True, False),
        ("Skaits", True, False),
        ("kopā", False, True),
        ("7 pers.", False, False),
    ]


def test_main_part_found_through_the_package_relationships() -> None:
    data = make_docx(p("Citur"), main="word/document2.xml")
    assert outline(read(data, conventions=LV, limits=LIMITS)) == [("P", "Citur")]


def test_orphan_vmerge_is_noted() -> None:
    body = tbl(f"<w:tr>{tc(p('x'), '<w:vMerge/>')}</w:tr>", grid=1)
    document = read(make_docx(body), conventions=LV, limits=LIMITS)
    assert cells(document.tables[0]) == [("x", 0, 0, 1, 1)]
    assert [code for code, _ in document.notes] == ["merge_without_start"]


# --- refusals and limits ---------------------------------------------------------


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DOCTYPE_STYLES = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><w:styles/>'

NOT_A_ZIP = "not a DOCX (not a zip archive)"
REFUSED_DECLARATION = "DOCX part declares a DOCTYPE or entity (refused)"
UTF16_FONT_TABLE = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE f><f/>'.encode("utf-16")

REFUSALS = [
    pytest.param(b"", EmptyFileError, "empty file", id="empty"),
    pytest.param(b"%PDF-1.7\n...", UnsupportedFormatError, NOT_A_ZIP, id="pdf"),
    pytest.param("Pārskats\tteksts\n".encode(), UnsupportedFormatError, NOT_A_ZIP, id="text"),
    pytest.param(_OLE + b"\x00" * 504, UnsupportedFormatError, NOT_A_ZIP, id="legacy-doc"),
    pytest.param(
        _OLE + b"\x00" * 64 + "EncryptedPackage".encode("utf-16-le"),
        EncryptedFileError,
        "encrypted",
        id="office-encrypted",
    ),
    pytest.param(
        zip_of({"xl/workbook.xml": b"<workbook/>"}),
        UnsupportedFormatError,
        "not a DOCX (no word/document.xml)",
        id="zip-without-document",
    ),
    pytest.param(
        SAMPLE.read_bytes()[:6000],
        CorruptFileError,
        "damaged DOCX: truncated zip archive",
        id="truncated",
    ),
    pytest.param(
        (FIXTURES / "doctype.docx").read_bytes(),
        CorruptFileError,
        REFUSED_DECLARATION,
        id="doctype-in-document",
    ),
    pytest.param(
        make_docx(p("x"), extra={"word/styles.xml": _DOCTYPE_STYLES}),
        CorruptFileError,
        REFUSED_DECLARATION,
        id="entity-in-styles",
    ),
    pytest.param(
        make_docx(p("x"), extra={"word/fontTable.xml": UTF16_FONT_TABLE}),
        CorruptFileError,
        REFUSED_DECLARATION,
        id="doctype-in-utf16-part",
    ),
    pytest.param(
        zip_of({"word/document.xml": b"<w:document xmlns:w='x'><w:body>"}),
        CorruptFileError,
        None,
        id="broken-xml",
    ),
    pytest.param(
        zip_of({"word/document.xml": b"<html><body/></html>"}),
        CorruptFileError,
        "damaged DOCX: the main part is not a Word document",
        id="not-wordml",
    ),
]


@pytest.mark.parametrize(("data", "error", "reason"), REFUSALS)
def test_refusals(data: bytes, error: type[ReportParseError], reason: str | None) -> None:
    with pytest.raises(error) as caught:
        read(data, conventions=LV, limits=LIMITS)
    # The reason is short and names no path: the library adds that.
    assert caught.value.path is None
    if reason is None:
        assert caught.value.reason.startswith("damaged DOCX: ")
        assert len(caught.value.reason) < 120
    else:
        assert caught.value.reason == reason


def test_zip_bomb_refused_before_inflating() -> None:
    bomb = make_docx(p("x"), extra={"word/media/zeros.bin": b"\x00" * (4 * 1024 * 1024)})
    with pytest.raises(LimitExceededError, match="inflates more than 200 times"):
        read(bomb, conventions=LV, limits=LIMITS)


def test_unzipped_size_limit() -> None:
    with pytest.raises(LimitExceededError, match="unzips to more than 100000 bytes"):
        read(SAMPLE.read_bytes(), conventions=LV, limits=Limits(max_unzipped_bytes=100_000))


def test_cell_limit() -> None:
    with pytest.raises(LimitExceededError, match="more than 100 table cells"):
        read(SAMPLE.read_bytes(), conventions=LV, limits=Limits(max_cells=100))


def nested_tables(levels: int) -> str:
    body = p("dziļākais")
    for _ in range(levels):
        body = tbl(f"<w:tr>{tc(body)}</w:tr>", grid=1)
    return body


@pytest.mark.parametrize(
    ("levels", "limits"),
    [
        pytest.param(20, Limits(max_depth=40), id="past-the-configured-depth"),
        pytest.param(400, LIMITS, id="past-the-default-depth"),
        pytest.param(800, Limits(max_depth=100_000), id="past-libxml2s-own-limit"),
    ],
)
def test_deep_nesting_is_a_limit_not_a_crash(levels: int, limits: Limits) -> None:
    with pytest.raises(LimitExceededError):
        read(make_docx(nested_tables(levels)), conventions=LV, limits=limits)


def test_moderate_nesting_reads() -> None:
    document = read(make_docx(nested_tables(30)), conventions=LV, limits=LIMITS)
    assert len(document.tables) == 30
    assert document.tables[-1].cells[0].text == "dziļākais"


# --- known gaps ------------------------------------------------------------------


@pytest.mark.xfail(strict=True, reason="text boxes (w:txbxContent in drawings) are not read")
def test_text_box_text() -> None:
    body = (
        '<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
        f"<w:txbxContent>{p('Lodziņā: 12 klienti')}</w:txbxContent>"
        "</v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    assert outline(read(make_docx(body), conventions=LV, limits=LIMITS)) == [
        ("P", "Lodziņā: 12 klienti")
    ]


@pytest.mark.xfail(strict=True, reason="altChunk imports (HTML inside a DOCX) are noted, not read")
def test_alt_chunk_content() -> None:
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/aFChunk" Target="chunk.html"/></Relationships>'
    )
    data = make_docx(
        '<w:altChunk xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships" r:id="rId9"/>',
        extra={
            "word/_rels/document.xml.rels": rels.encode(),
            "word/chunk.html": "<p>Importēts teksts</p>".encode(),
        },
    )
    assert outline(read(data, conventions=LV, limits=LIMITS)) == [("P", "Importēts teksts")]


def _blocks_are_typed(blocks: list[Block]) -> bool:
    return all(isinstance(b, Heading | Paragraph | Table) for b in blocks)


def test_every_fixture_reads_to_typed_blocks() -> None:
    for path in sorted(FIXTURES.glob("*.docx")):
        if path.name == "doctype.docx":
            continue
        assert _blocks_are_typed(read(path.read_bytes(), conventions=LV, limits=LIMITS).blocks), (
            path.name
        )


# (run properties of the mark, the cell's text)
CASES_RAISED_MARKS = [
    ('<w:position w:val="6"/><w:sz w:val="14"/>', "348 638¹¹"),
    ('<w:vertAlign w:val="superscript"/>', "348 638¹¹"),
    ('<w:vertAlign w:val="subscript"/>', "348 63811"),
    ("", "348 63811"),
]


@pytest.mark.parametrize(("props", "text"), CASES_RAISED_MARKS)
def test_digits_raised_above_the_line_are_a_footnote_mark(props: str, text: str) -> None:
    runs = f"<w:p><w:r><w:t>348 638</w:t></w:r><w:r><w:rPr>{props}</w:rPr><w:t>11</w:t></w:r></w:p>"
    body = tbl(f"<w:tr>{tc(p('Saņēmēji'))}{tc(runs)}</w:tr>", grid=2)
    (table,) = read(make_docx(body), conventions=LV, limits=LIMITS).tables
    assert [c.text for c in table.cells] == ["Saņēmēji", text]
