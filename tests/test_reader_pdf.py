"""The PDF reader: ruled tables, wrapped cell text, tables over page breaks, headings, errors.

Fixtures are in tests/fixtures/pdf (made by make_fixtures.py there, with
LibreOffice; the tests only read the PDFs).
"""

from __future__ import annotations

import random
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2
import pytest

import reportparse
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
from reportparse._readers._pdf._layout import _Marks
from reportparse._readers._pdf._page import _column_bands, extract_page
from reportparse._readers._pdf._reader import read
from reportparse._readers._pdf._text import (
    Char,
    TextLine,
    build_lines,
    is_bold_font,
    join_cell_lines,
)

LV = reading_conventions()

HERE = Path(__file__).parent / "fixtures" / "pdf"
# An earlier LibreOffice rendering of the welfare sample, whose six tables break
# over pages in the places these tests name (a row split by a page break, a
# repeated header); the complete sample is read by tests/test_samples.py.
SAMPLE = "welfare-report-six-tables.pdf"


@cache
def _read(name: str) -> Document:
    folder = HERE
    return read((folder / name).read_bytes(), conventions=LV, limits=Limits())


def doc(name: str) -> Document:
    return _read(name)


def rows(table: Table) -> list[list[str]]:
    return [[cell.text if cell else "" for cell in row] for row in table.grid()]


def outline(blocks: list[Block]) -> list[tuple[str, str]]:
    """(kind, text) per block; a table shows its shape and first filled cell."""
    result = []
    for block in blocks:
        if isinstance(block, Table):
            first = next(c.text for c in block.cells if c.text)
            result.append((f"table {block.n_rows}x{block.n_cols}", first))
        elif isinstance(block, Heading):
            result.append((f"h{block.level}", block.text))
        else:
            result.append(("li" if block.list_item else "p", block.text))
    return result


# -- the welfare sample --------------------------------------------------------------

SAMPLE_OUTLINE = [
    (
        "h1",
        "Par Labklājības pārvaldes darbu laika periodā no 2024. gada 1. jūlija "
        "līdz 2024. gada 30. septembrim",
    ),
    (
        "p",
        "Informācija par SOPA programmā reģistrēto iesniegumu (pa to veidiem) un lēmumu skaitu:",
    ),
    ("table 56x7", "Iesnieguma veids pabalstam/pakalpojumam"),
    (
        "h2",
        "Cita sociālo jomu raksturojošā informācija (sociālie pakalpojumi, to saņēmēju "
        "skaits, veiktās darbības to nodrošināšanai):",
    ),
    ("table 17x4", "jūlijs"),
    ("h3", "Valsts asistenta pakalpojums:"),
    ("table 14x4", "jūlijs"),
    ("h3", "Psihologa pakalpojums:"),
    ("table 4x4", "Darbības veids"),
    ("h3", "Dienas aprūpes centra pakalpojums:"),
    ("table 3x4", "jūlijs"),
    ("h3", "Aprūpes mājās birojs:"),
    ("table 7x4", "Darbības veids"),
    # The PDF lacks the report's last table: the document ends on its heading.
    ("h3", "Administratīvais darbs:"),
]


def test_sample_outline_in_reading_order() -> None:
    assert outline(doc(SAMPLE).blocks) == SAMPLE_OUTLINE


def test_sample_document_fields() -> None:
    d = doc(SAMPLE)
    assert (d.format, d.pages) == ("pdf", 5)
    assert d.metadata_title == "Labklājības pārvaldes darbs 2024. gada 3. ceturksnī"
    assert [t.page for t in d.tables] == [1, 3, 4, 5, 5, 5]


# (row, col, rowspan, colspan, text, header, bold) of table 1's two header rows.
TABLE1_HEADER = [
    (0, 0, 2, 1, "Iesnieguma veids pabalstam/pakalpojumam", True, True),
    (0, 1, 1, 3, "Iesniegumu skaits", True, True),
    (0, 4, 1, 3, "Lēmumu skaits", True, True),
    (1, 1, 1, 1, "jūlijs", True, True),
    (1, 2, 1, 1, "aug.", True, True),
    (1, 3, 1, 1, "sept.", True, True),
    (1, 4, 1, 1, "jūlijs", True, True),
    (1, 5, 1, 1, "aug.", True, True),
    (1, 6, 1, 1, "sept.", True, True),
]


def test_sample_table1_header_cells_and_spans() -> None:
    table = doc(SAMPLE).tables[0]
    header = [
        (c.row, c.col, c.rowspan, c.colspan, c.text, c.header, c.bold)
        for c in table.cells
        if c.row < 2
    ]
    assert header == TABLE1_HEADER


def test_sample_each_cell_stored_once() -> None:
    for table in doc(SAMPLE).tables:
        slots = [(r, c) for cell in table.cells for r, c in _covered(cell)]
        assert len(slots) == len(set(slots)) == table.n_rows * table.n_cols


def _covered(cell: Any) -> list[tuple[int, int]]:
    return [
        (r, c)
        for r in range(cell.row, cell.row + cell.rowspan)
        for c in range(cell.col, cell.col + cell.colspan)
    ]


# (table index, row, col, text): words the layout cut or wrapped, joined back.
SAMPLE_CELLS = {
    "cut-lone-letter": (0, 1, 4, "jūlijs"),
    "cut-before-period": (0, 1, 2, "aug."),
    "cut-before-period-2": (0, 1, 6, "sept."),
    "word-wrap": (0, 0, 1, "Iesniegumu skaits"),
    "cut-lone-letter-2": (5, 0, 3, "septembris"),
    "after-slash": (1, 1, 1, "121ģim/173pers"),
    "cut-before-comma": (2, 7, 1, "8613/49582,43"),
    "cut-after-comma": (2, 7, 3, "8745/50137,53"),
    "long-label": (
        0,
        33,
        0,
        "Iesniegums valsts finansēta sociālās rehabilitācijas pakalpojuma saņemšanai "
        "institūcijā personai ar funkcionāliem traucējumiem",
    ),
    "compound-days": (1, 13, 1, "10 pers. (31 dienn.)"),
    "compound-trips": (1, 15, 1, "25 pers./32 reizes 6 pers./7 reizes"),
    "two-numbers": (1, 14, 1, "3 24"),
    "explicit-break": (
        1,
        4,
        3,
        "5 klienti: 2 pieaugušie(1 pers. - 11dienn., 1pers.- 8 dienn.);\n"
        "3 bērni (2 pers. - 11 dienn., 1 pers.-30 dienn.)",
    ),
    "real-dash": (1, 16, 0, "sagatavoti pieņemšanas - nodošanas akti dāvanu karšu jaundzimušajiem "
                  "izsniegšanai"),
    "amount-unit": (5, 4, 3, "4323.20 EUR"),
    "bold-total": (0, 2, 0, "kopā"),
}  # fmt: skip


@pytest.mark.parametrize(("table", "row", "col", "text"), SAMPLE_CELLS.values(), ids=SAMPLE_CELLS)
def test_sample_cell_text(table: int, row: int, col: int, text: str) -> None:
    assert rows(doc(SAMPLE).tables[table])[row][col] == text


def test_sample_table_over_three_pages_is_one_table() -> None:
    table = doc(SAMPLE).tables[0]
    grid = rows(table)
    assert grid[19][0].startswith("Vienreizējs pabalsts apģērba")  # last row of page 1
    assert grid[20][0].startswith("Pabalsts ikmēneša izdevumiem")  # first row of page 2
    assert grid[-1] == ["iesniegums par bērna sociālo rehabilitāciju institūcijā", *"010010"]
    assert {c.page for c in table.cells} == {1, 2, 3}


def test_sample_row_split_by_page_break_is_joined() -> None:
    table = doc(SAMPLE).tables[1]
    row = rows(table)[7]
    assert row == [
        "Veikto apsekošanu klientu dzīves vietā skaits, sagatavoto apsekošanas aktu skaits",
        "73",
        "84",
        "83",
    ]
    assert not any(r[0] == "sagatavoto apsekošanas aktu skaits" for r in rows(table))
    assert table.grid()[7][0].page == 3  # type: ignore[union-attr]


def test_sample_section_row_inside_table_is_kept() -> None:
    grid = rows(doc(SAMPLE).tables[2])
    assert grid[9] == ["nodrošināta pakalpojuma saņemšana:", "", "", ""]
    assert grid[11] == ["I grupas invalīdu skaits", "76", "75", "76"]  # continued on page 5


def test_sample_headers_marked() -> None:
    for table in doc(SAMPLE).tables:
        assert [c.header for c in table.cells if c.row == 0] == [True] * len(
            [c for c in table.cells if c.row == 0]
        )
        assert not any(c.header for c in table.cells if c.row >= 2)


# -- generated fixtures ----------------------------------------------------------


def test_repeated_header_row_dropped_and_footnotes_attached() -> None:
    d = doc("continued-header.pdf")
    assert d.pages == 2
    assert outline(d.blocks) == [
        ("h1", "Sociālā dienesta pārskats 2024. gadā"),
        ("p", "Pārskatā apkopoti pabalstu un pakalpojumu dati par diviem gadiem."),
        ("h2", "Pabalstu saņēmēji"),
        ("table 72x3", "Pabalsta veids"),
        ("p", "Pārskatu sagatavoja Labklājības pārvalde."),
        ("h2", "Pakalpojumi"),
        ("table 3x3", "Pakalpojums"),
    ]
    table = d.tables[0]
    grid = rows(table)
    assert grid[:2] == [
        ["Pabalsta veids", "Personu skaits", "Personu skaits"],
        ["Pabalsta veids", "2023", "2024"],
    ]
    assert [r[0] for r in grid].count("Pabalsta veids") == 2  # the header, not its repeats
    assert grid[2:] == [[f"{_FILLER[i % 6]} ({i + 1})", str(10 + i), str(20 + 2 * i)]
                        for i in range(70)]  # fmt: skip
    assert table.footnotes == [
        "* Dati uz 2024. gada 31. decembri.",
        "** Ieskaitot vienreizējos pabalstus.",
    ]
    assert {c.page for c in table.cells if c.row >= 2} == {1, 2}
    assert [c.header for c in table.cells if c.row < 2] == [True] * 4


_FILLER = [
    "Trūcīgas mājsaimniecības statuss",
    "Mājokļa pabalsts",
    "Pabalsts krīzes situācijā",
    "Bērna piedzimšanas pabalsts",
    "Pabalsts trūcīgas personas apbedīšanai",
    "Iesniegums aprūpes mājās pakalpojuma piešķiršanai",
]

# (row, col, text) in cell-wrapping.pdf, whose fixed-width cells force breaks.
WRAPPING_CELLS = {
    "cut-mid-word": (0, 1, "septembris"),
    "soft-hyphen": (1, 1, "sociālās"),
    "real-dash-at-line-end": (1, 2, "sagatavoti pieņemšanas - nodošanas akti"),
    "after-slash": (1, 3, "121ģim/173pers"),
    "cut-before-comma": (1, 4, "8613/49582,43"),
    "explicit-break": (2, 2, "5 klienti;\n3 bērni"),
    "word-wrap-in-full-cell": (2, 4, "4256,00 EUR"),
    "word-wrap": (1, 0, "Krīzes centrā pakalpojumu saņēmušo personu skaits"),
}


@pytest.mark.parametrize(("row", "col", "text"), WRAPPING_CELLS.values(), ids=WRAPPING_CELLS)
def test_cell_wrapping(row: int, col: int, text: str) -> None:
    assert rows(doc("cell-wrapping.pdf").tables[0])[row][col] == text


@pytest.mark.parametrize(
    ("name", "section"),
    [
        ("section-row.pdf", "PABALSTI"),
        ("section-row-lowercase.pdf", "nodrošināta pakalpojuma saņemšana:"),
    ],
    ids=["capitals", "lowercase"],
)
def test_section_row_starting_a_page_is_not_joined_to_the_row_above(
    name: str, section: str
) -> None:
    d = doc(name)
    assert len(d.tables) == 1
    table = d.tables[0]
    grid = rows(table)
    assert table.n_rows == 50
    assert grid[46] == ["Bērna piedzimšanas pabalsts (46)", "55", "110"]
    assert grid[47] == [section, "", ""]
    assert table.grid()[47][0].page == 2  # type: ignore[union-attr]
    assert grid[48] == ["GMI pabalsts", "40", "48"]


def test_split_row_without_cell_padding_is_joined() -> None:
    table = doc("split-row.pdf").tables[0]
    grid = rows(table)
    assert table.n_rows == 49
    assert grid[46] == [
        "Veikto apsekošanu klientu dzīves vietā skaits, kad klienti nav sastapti, "
        "sagatavoto apsekošanas aktu skaits un nosūtīto uzaicinājumu skaits, "
        "ieskaitot atkārtotās apsekošanas un apsekošanas pēc citu iestāžu lūguma, "
        "kā arī sagatavoto atzinumu skaits bāriņtiesai un sociālajam dienestam",
        "73",
        "84",
    ]
    assert grid[47] == ["Sagatavoto sarunu protokolu skaits", "17", "15"]


RUNNING_HEADS_OUTLINE = [
    ("h1", "Labklājības pārvaldes darbs 2024. gadā"),
    (
        "p",
        "Labklājības pārvalde 2024. gadā sniedza sociālo palīdzību 2141 ģimenei "
        "(3626 personām), un pabalstos izmaksāja 327603,20 euro. Salīdzinot ar "
        "iepriekšējo gadu, palīdzības saņēmēju skaits pieauga, bet vidējais "
        "pabalsta apmērs palika gandrīz nemainīgs.",
    ),
    ("p", "Galvenie darba virzieni bija šādi:"),
    ("li", "sociālā palīdzība trūcīgām ģimenēm;"),
    ("li", "aprūpe mājās;"),
    ("li", "dienas centri."),
    ("h2", "Pabalsti"),
    ("table 61x3", "Pabalsta veids"),
    ("p", "Tabulā iekļauti visi izmaksātie pabalsti."),
    ("h2", "Pakalpojumi"),
    (
        "p",
        "Aprūpes mājās pakalpojumu saņēma 462 personas ar garīga rakstura "
        "traucējumiem un citas personas, kurām tas bija nepieciešams.",
    ),
    ("p", "Pakalpojuma apjoms pieauga par 12%."),
]


@pytest.mark.parametrize("name", ["running-heads.pdf", "owner-password.pdf"])
def test_running_heads_page_numbers_headings_and_lists(name: str) -> None:
    """Header line and page number on every page dropped; Word styles → levels.

    ``owner-password.pdf`` is the same file encrypted with an owner password
    only: it opens with the empty user password.
    """
    d = doc(name)
    assert d.pages == 4
    assert outline(d.blocks) == RUNNING_HEADS_OUTLINE


def test_running_heads_table_rows_cut_by_page_breaks_are_joined() -> None:
    table = doc("running-heads.pdf").tables[0]
    grid = rows(table)
    assert grid[0] == ["Pabalsta veids", "2023", "2024"]
    assert grid[1:] == [[f"{_FILLER[i % 6]} ({i + 1})", str(10 + i), str(20 + 2 * i)]
                        for i in range(60)]  # fmt: skip
    assert {c.page for c in table.cells} == {1, 2, 3, 4}


def test_table_without_ruling_lines() -> None:
    d = doc("unruled.pdf")
    assert outline(d.blocks) == [
        ("h1", "Tabula bez līnijām"),
        ("p", _PROSE_RUNS[3]),
        ("table 5x4", "Rādītājs"),
        ("p", _PROSE_RUNS[2]),
        *[("li", item) for item in _ITEMS],  # bullets: not a table
        *[("li", f"{i}. {item}") for i, item in enumerate(_ITEMS, start=1)],
    ]
    table = d.tables[0]
    assert rows(table) == [
        ["Rādītājs", "jūlijs", "augusts", "septembris"],
        # The label wraps; its values are centred beside its two lines.
        ["Pilngadīgu personu ar garīga rakstura traucējumiem DAC apmeklējumu skaits",
         "313", "323", "289"],
        ["citu DAC mērķgrupas personu apmeklējumu skaits", "92", "83", "60"],
        ["Sniegto konsultāciju skaits", "546", "448", "560"],
        ["Starpinstitucionālo tikšanos skaits", "5", "5", "7"],
    ]  # fmt: skip
    assert [c.header for c in table.cells if c.row == 0] == [True] * 4


_PROSE = (
    "Dienas aprūpes centrs strādāja visu ceturksni bez pārtraukuma, un apmeklētāju "
    "skaits saglabājās līdzīgs iepriekšējam ceturksnim."
)
_PROSE_RUNS = {2: _PROSE + " " + _PROSE, 3: " ".join([_PROSE] * 3)}
_ITEMS = ["sociālā palīdzība trūcīgām ģimenēm", "aprūpe mājās", "dienas centri"]


def test_two_column_page_read_column_by_column() -> None:
    d = doc("two-columns.pdf")
    assert outline(d.blocks)[:2] == [
        ("h1", "Pārskats divās slejās"),
        (
            "p",
            "Pirmajā ceturksnī sociālo palīdzību saņēma 2141 ģimene, un pabalstos izmaksāja "
            "327603,20 euro. Lielākā daļa līdzekļu tika novirzīta mājokļa pabalstiem un "
            "garantētā minimālā ienākuma pabalstiem trūcīgām mājsaimniecībām.",
        ),
    ]


def test_heads_set_bottom_to_top_are_read() -> None:
    (table,) = doc("rotated-heads.pdf").tables
    assert rows(table) == [
        ["Pabalsta veids", "Personas", "Ģimenes", "Summa, EUR"],
        ["Mājokļa pabalsts", "120", "80", "15400"],
        ["Pabalsts krīzes situācijā", "35", "20", "4200"],
        ["Bērna piedzimšanas pabalsts", "18", "18", "2700"],
    ]
    report = reportparse.parse(HERE / "rotated-heads.pdf")
    assert {(o.measure, o.unit) for o in report.observations} >= {
        ("Personas", None),
        ("Summa, EUR", "EUR"),
    }


def test_unruled_table_cut_by_a_page_break_is_one_table() -> None:
    d = doc("unruled-continued.pdf")
    (table,) = d.tables
    grid = rows(table)
    assert grid[0] == ["Rādītājs", "jūlijs", "augusts"]
    # Every filler row, in order, the ones of the second page included.
    assert [row[1] for row in grid[1:]] == [str(10 + i) for i in range(len(grid) - 1)]
    assert grid[-1] == [
        f"Mājokļa pabalsts ({len(grid) - 1})",
        str(9 + len(grid) - 1),
        str(18 + 2 * (len(grid) - 1)),
    ]
    assert outline(d.blocks)[-1] == ("p", "Tabulas beigas.")


def test_text_pdf_has_no_notes() -> None:
    assert doc(SAMPLE).notes == []


def _tiny_pdf(text: str, *, shift_offsets: int = 0, startxref: int | None = None) -> bytes:
    """A one-page PDF written by hand, its xref offsets optionally wrong."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % (o + shift_offsets) for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(bodies) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % (xref if startxref is None else startxref)
    return bytes(out)


@pytest.mark.parametrize(
    "damage",
    [{"shift_offsets": 17}, {"startxref": 999_999}, {"shift_offsets": 17, "startxref": 999_999}],
    ids=["offsets-wrong", "startxref-past-end", "both"],
)
def test_damaged_xref_is_rebuilt_with_a_note(damage: dict[str, int]) -> None:
    """Offsets pointing into other objects, as a tool that edited the file leaves them."""
    assert outline(
        read(_tiny_pdf("Kopsavilkums 2024"), conventions=LV, limits=Limits()).blocks
    ) == [("p", "Kopsavilkums 2024")]
    d = read(_tiny_pdf("Kopsavilkums 2024", **damage), conventions=LV, limits=Limits())
    assert [code for code, _ in d.notes] == ["pdf_repaired"]
    assert outline(d.blocks) == [("p", "Kopsavilkums 2024")]


def test_glyphs_without_unicode_are_unreadable_not_digits() -> None:
    raw = [
        {"text": t, "x0": x, "x1": x + 5.0, "top": 10.0, "bottom": 20.0, "size": 10.0,
         "fontname": "ABCDEF+Arial", "upright": True, "matrix": (1, 0, 0, 1, x, 80.0)}
        for x, t in ((10.0, "(cid:23)"), (15.0, "(cid:19)"), (25.0, "E"))
    ]  # fmt: skip
    content = extract_page(1, 100.0, 100.0, raw, [])
    assert [line.text for line in content.lines] == ["\ufffd\ufffd E"]
    assert content.unreadable_chars == 2


@pytest.mark.parametrize(
    ("password", "outcome"),
    [
        (None, "encrypted PDF (a password is needed)"),
        ("", "encrypted PDF (a password is needed)"),
        ("nepareizi", "encrypted PDF (wrong password)"),
        ("lietotajs", RUNNING_HEADS_OUTLINE),
        ("eigen", RUNNING_HEADS_OUTLINE),  # the owner password opens it too
    ],
    ids=["none", "empty", "wrong", "user", "owner"],
)
def test_encrypted_pdf_and_passwords(password: str | None, outcome: object) -> None:
    data = (HERE / "encrypted.pdf").read_bytes()
    if isinstance(outcome, str):
        with pytest.raises(EncryptedFileError) as info:
            read(data, conventions=LV, limits=Limits(), password=password)
        assert info.value.reason == outcome == str(info.value)
    else:
        assert (
            outline(read(data, conventions=LV, limits=Limits(), password=password).blocks)
            == outcome
        )


def test_password_ignored_for_a_pdf_without_encryption() -> None:
    d = read(_sample_bytes(), conventions=LV, limits=Limits(), password="x")
    assert outline(d.blocks) == SAMPLE_OUTLINE


# -- errors and limits -------------------------------------------------------------


def _sample_bytes() -> bytes:
    return (HERE / SAMPLE).read_bytes()


ERROR_CASES = {
    "empty": (b"", EmptyFileError, "empty file"),
    "whitespace": (b" \n\t ", EmptyFileError, "empty file"),
    "random-bytes": (random.Random(7).randbytes(4096), UnsupportedFormatError, "not a PDF"),
    "text-file": (
        "Labklājības pārvalde\tjūlijs\n".encode() * 50,
        UnsupportedFormatError,
        "not a PDF",
    ),
    "html": (b"<!DOCTYPE html><html><body>%PDF</body></html>", UnsupportedFormatError, "not a PDF"),
    "truncated": (
        _sample_bytes()[: len(_sample_bytes()) // 2],
        CorruptFileError,
        "truncated PDF (no end-of-file marker)",
    ),
    "garbage-with-markers": (
        b"%PDF-1.7\n" + b"\x00garbage\xff" * 300 + b"\n%%EOF\n",
        CorruptFileError,
        "damaged PDF: ",
    ),
    "encrypted": ((HERE / "encrypted.pdf").read_bytes(), EncryptedFileError, "encrypted PDF"),
    "scanned": ((HERE / "scanned.pdf").read_bytes(), UnsupportedFormatError,
                "no text layer (scanned?)"),
}  # fmt: skip


@pytest.mark.parametrize(("data", "error", "reason"), ERROR_CASES.values(), ids=ERROR_CASES)
def test_unreadable_input(data: bytes, error: type[ReportParseError], reason: str) -> None:
    with pytest.raises(error) as info:
        read(data, conventions=LV, limits=Limits())
    assert type(info.value) is error
    assert info.value.reason.startswith(reason)
    assert info.value.path is None  # the library adds it
    assert "\n" not in str(info.value) and len(str(info.value)) < 120


def test_damaged_stream_inside_a_valid_envelope() -> None:
    data = bytearray(_sample_bytes())
    start = data.index(b"stream", 2000)
    data[start + 10 : start + 400] = b"\x00" * 390
    try:
        d = read(bytes(data), conventions=LV, limits=Limits())
    except CorruptFileError as exc:
        assert exc.reason.startswith("damaged PDF: ")
    else:
        assert d.pages == 5  # pdfminer read past it: fine, as long as nothing else escapes


@pytest.mark.parametrize(
    ("limits", "reason"),
    [
        (Limits(max_pages=4), "more than 4 pages"),
        (Limits(max_cells=100), "more than 100 table cells"),
    ],
    ids=["pages", "cells"],
)
def test_limits(limits: Limits, reason: str) -> None:
    with pytest.raises(LimitExceededError, match=reason):
        read(_sample_bytes(), conventions=LV, limits=limits)


def test_limits_at_the_bound_pass() -> None:
    assert read(_sample_bytes(), conventions=LV, limits=Limits(max_pages=5)).pages == 5


def test_registered_as_the_pdf_reader() -> None:
    assert get_reader("pdf") is read


def test_every_page_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    closed: list[int] = []
    original = pdfplumber.page.Page.close

    def close(self: Any) -> None:
        closed.append(self.page_number)
        original(self)

    monkeypatch.setattr(pdfplumber.page.Page, "close", close)
    read(_sample_bytes(), conventions=LV, limits=Limits(), engine="pdfplumber")
    assert closed == [1, 2, 3, 4, 5]


def test_every_pdfium_page_closed_before_the_next_is_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    open_pages: list[int] = []
    most = [0]
    original_get, original_close = pypdfium2.PdfDocument.__getitem__, pypdfium2.PdfPage.close

    def get(self: Any, index: int) -> Any:
        open_pages.append(index)
        most[0] = max(most[0], len(open_pages))
        return original_get(self, index)

    def close(self: Any) -> None:
        open_pages.pop()
        original_close(self)

    monkeypatch.setattr(pypdfium2.PdfDocument, "__getitem__", get)
    monkeypatch.setattr(pypdfium2.PdfPage, "close", close)
    assert read(_sample_bytes(), conventions=LV, limits=Limits(), engine="pypdfium2").pages == 5
    assert not open_pages and most == [1]


def test_page_closed_when_reading_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    closed: list[int] = []
    monkeypatch.setattr(pdfplumber.page.Page, "close", lambda self: closed.append(1))

    def boom(*args: Any) -> Any:
        raise ValueError("bad table")

    monkeypatch.setattr("reportparse._readers._pdf._reader.table_boxes", boom)
    with pytest.raises(CorruptFileError, match="damaged PDF: ValueError: bad table"):
        read(_sample_bytes(), conventions=LV, limits=Limits(), engine="pdfplumber")
    assert closed == [1]


def test_pdfium_error_on_a_page_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: Any, index: int) -> Any:
        raise pypdfium2.PdfiumError("Failed to load page.")

    monkeypatch.setattr(pypdfium2.PdfDocument, "__getitem__", boom)
    with pytest.raises(CorruptFileError, match=r"damaged PDF: PdfiumError: Failed to load page\."):
        read(_sample_bytes(), conventions=LV, limits=Limits(), engine="pypdfium2")


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown PDF engine 'mupdf'"):
        read(_sample_bytes(), conventions=LV, limits=Limits(), engine="mupdf")  # type: ignore[arg-type]


# -- line building and joining, on synthetic glyphs ----------------------------------


def _line(text: str, width: float, *, first_char: float = 5.0, space: float = 3.0) -> TextLine:
    first_word = width * len(text.split(" ", 1)[0]) / max(len(text), 1)
    return TextLine(text, 0.0, width, 0.0, 9.0, 9.0, False, first_char, first_word, space)


# (lines as (text, width), inner width of the cell, joined text)
JOIN_CASES: dict[str, tuple[list[tuple[str, float]], float | None, str]] = {
    "word-wrap": ([("Iesniegumu", 59.5), ("skaits", 29.8)], 80.7, "Iesniegumu skaits"),
    "cut-lone-letter": ([("jūlij", 19.9), ("s", 5.1)], 23.4, "jūlijs"),
    "cut-period": ([("aug", 18.7), (".", 3.1)], 21.6, "aug."),
    "cut-mid-word-full-line": ([("septem", 38.0), ("bris", 20.0)], 40.0, "septembris"),
    "overflowing-word-is-whole": ([("Konsolidētais", 60.0), ("valsts", 25.0)], 59.8,
                                  "Konsolidētais valsts"),
    "full-line-then-words": ([("īstenošanai", 45.0), ("kopā ar grozījumiem", 60.0)], 47.5,
                             "īstenošanai kopā ar grozījumiem"),
    "cut-few-letters-then-words": ([("nodrošināšana", 45.0), ("i un", 15.0)], 47.5,
                                   "nodrošināšanai un"),
    "full-line-then-word": ([("4256,00", 40.0), ("EUR", 19.0)], 43.0, "4256,00 EUR"),
    "full-line-then-capital": ([("pakalpojums", 40.0), ("Rīgā", 19.0)], 42.0,
                               "pakalpojums Rīgā"),
    "lone-capital-is-a-word": ([("Pensionāri", 30.0), ("I", 2.0)], None, "Pensionāri I"),
    "soft-hyphen": ([("sociā\u00ad", 30.0), ("lās", 15.0)], 33.0, "sociālās"),
    "hyphen": ([("sociā-", 30.0), ("lās palīdzība", 60.0)], 33.0, "sociālās palīdzība"),
    "real-dash": ([("pieņemšanas -", 60.0), ("nodošanas akti", 60.0)], 70.0,
                  "pieņemšanas - nodošanas akti"),
    "dash-before-number": ([("1 pers.-", 40.0), ("31 dienn.", 40.0)], 45.0, "1 pers.- 31 dienn."),
    "after-slash": ([("121ģim/", 35.0), ("173pers", 35.0)], 60.0, "121ģim/173pers"),
    "explicit-break": ([("5 klienti;", 40.0), ("3 bērni", 30.0)], 120.0, "5 klienti;\n3 bērni"),
    "no-geometry": ([("5 klienti;", 40.0), ("3 bērni", 30.0)], None, "5 klienti; 3 bērni"),
    "spaces-collapsed": ([("  a   b ", 10.0)], None, "a b"),
}  # fmt: skip


@pytest.mark.parametrize(("lines", "inner", "text"), JOIN_CASES.values(), ids=JOIN_CASES)
def test_join_cell_lines(lines: list[tuple[str, float]], inner: float | None, text: str) -> None:
    assert join_cell_lines([_line(t, w) for t, w in lines], inner) == text


def _glyphs(text: str, *, x: float = 10.0, top: float = 100.0, size: float = 10.0) -> list[Char]:
    out = []
    for ch in text:
        out.append(Char(ch, x, x + 5.0, top, top + size, size, False, top + size))
        x += 5.0
    return out


def test_build_lines_orders_and_spaces_glyphs() -> None:
    glyphs = _glyphs("second", top=120.0) + _glyphs("first", top=100.0)
    glyphs += _glyphs("word", x=50.0, top=100.5)  # a gap wider than a space, no space glyph
    lines = build_lines(reversed(glyphs))
    assert [line.text for line in lines] == ["first word", "second"]
    assert lines[0].first_char_width == 5.0
    assert lines[0].first_word_width == 25.0


def test_build_lines_keeps_raised_mark_on_its_line_and_drops_doubled_glyphs() -> None:
    glyphs = [*_glyphs("Kopā"), Char("*", 30.0, 33.0, 97.0, 103.0, 6.0, False, 103.0)]
    glyphs += _glyphs("Kopā")  # drawn twice, as producers fake bold
    assert [line.text for line in build_lines(glyphs)] == ["Kopā*"]


Box = tuple[float, float, float, float]


def _grid(rows: list[list[float]], top: float, height: float = 10.0) -> list[Box]:
    """Cell boxes of rows, each row given by its column edges, stacked from ``top``."""
    boxes = []
    for k, edges in enumerate(rows):
        y = top + k * height
        boxes += [(x0, y, x1, y + height) for x0, x1 in pairwise(edges)]
    return boxes


# (the rows of one ruled grid by their column edges, how many tables they are)
CASES_COLUMN_BANDS = [
    ([[0, 50, 100, 150]] * 3, 1),
    # A head spanning columns, then the body: one table.
    ([[0, 50, 150], [0, 50, 100, 150], [0, 50, 100, 150]], 1),
    # A section row over the whole width inside the body: one table.
    ([[0, 50, 100, 150], [0, 150], [0, 50, 100, 150]], 1),
    # Two tables drawn edge to edge, with columns of their own.
    ([[0, 60, 150], [0, 60, 150], [0, 40, 90, 120, 150], [0, 40, 90, 120, 150]], 2),
]


@pytest.mark.parametrize(("rows", "tables"), CASES_COLUMN_BANDS)
def test_a_grid_is_cut_where_its_rows_change_columns(rows: list[list[float]], tables: int) -> None:
    bands = _column_bands(_grid(rows, top=100.0))
    assert len(bands) == tables
    assert sum(len(band) for band in bands) == sum(len(r) - 1 for r in rows)


# (baseline of the small digits, their size, the line's text): raised digits
# are a footnote mark, digits of the line's size or on its baseline are not.
CASES_RAISED_DIGITS = [
    (103.0, 6.0, "348¹¹"),
    (110.0, 6.0, "34811"),
    (110.0, 10.0, "34811"),
]


@pytest.mark.parametrize(("baseline", "size", "text"), CASES_RAISED_DIGITS)
def test_build_lines_marks_raised_digits(baseline: float, size: float, text: str) -> None:
    marks = [
        Char("1", 25.0 + 3.0 * k, 28.0 + 3.0 * k, baseline - size, baseline, size, False, baseline)
        for k in range(2)
    ]
    assert [line.text for line in build_lines([*_glyphs("348"), *marks])] == [text]


@pytest.mark.parametrize(
    ("font", "bold"),
    [
        ("BAAAAA+DejaVuSans-Bold", True),
        ("DAAAAA+DejaVuSerif-Bold", True),
        ("Arial,Bold", True),
        ("ABCDEF+Calibri-BoldItalic", True),
        ("TimesNewRomanPS-BoldMT", True),
        ("CAAAAA+DejaVuSerif", False),
        ("Bold+Arial", False),  # the subset prefix is not the font
        ("ArialMT", False),
    ],
)
def test_is_bold_font(font: str, bold: bool) -> None:
    assert is_bold_font(font) is bold


@pytest.mark.parametrize(
    ("text", "is_number"),
    [
        ("3", True),
        ("- 12 -", True),
        ("3/5", True),
        ("4. lpp.", True),
        ("Page 2 of 9", True),
        ("lpp. 3 no 9", True),
        ("2024. gada 30. septembrim", False),
        ("316", True),
        ("Kopā 3", False),
    ],
)
def test_page_number_pattern(text: str, is_number: bool) -> None:
    assert bool(_Marks.of(LV).page_number.fullmatch(text)) is is_number


def test_paragraph_blocks_carry_page_numbers() -> None:
    d = doc("running-heads.pdf")
    pages = [(type(b).__name__, b.page) for b in d.blocks if isinstance(b, Heading | Paragraph)]
    assert pages[0] == ("Heading", 1)
    assert pages[-1] == ("Paragraph", 4)


def test_the_table_finder_finds_what_pdfplumbers_finds() -> None:
    """``_tables._cells`` is pdfplumber's ``intersections_to_cells`` without its quadratic scan."""
    from pdfplumber.table import TableFinder, TableSettings, intersections_to_cells

    from reportparse._readers._pdf._page import TABLE_SETTINGS
    from reportparse._readers._pdf._tables import _cells, table_boxes

    names = [SAMPLE, "cell-wrapping.pdf", "continued-header.pdf", "rotated-heads.pdf"]
    for name in names:
        with pdfplumber.open(HERE / name) as pdf:
            for page in pdf.pages:
                finder = TableFinder(page, TableSettings.resolve(TABLE_SETTINGS))
                assert _cells(finder.intersections) == intersections_to_cells(finder.intersections)
                expected = [table.cells for table in finder.tables]
                assert table_boxes(page.edges, page.width, page.height) == expected
