"""The plain-text reader: the welfare sample's structure, encodings, markup and limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reportparse
from conftest import SAMPLES, WELFARE
from reportparse._errors import (
    EmptyFileError,
    LimitExceededError,
    ReportParseError,
    UnsupportedFormatError,
)
from reportparse._lang._reading import reading_conventions
from reportparse._limits import Limits
from reportparse._model import Block, Document, Heading, Paragraph, Table
from reportparse._readers import get_reader
from reportparse._readers._encoding import decode_text
from reportparse._readers._text import read

LV = reading_conventions()

HERE = Path(__file__).parent / "fixtures" / "text"
SAMPLE = SAMPLES / f"{WELFARE}.txt"


def parse(text: str | bytes, limits: Limits | None = None) -> Document:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read(data, conventions=LV, limits=limits or Limits())


def rows(table: Table) -> list[list[str]]:
    return [[cell.text if cell else "" for cell in row] for row in table.grid()]


def outline(blocks: list[Block]) -> list[tuple[str, str]]:
    """(kind, text) per block; a table shows its first row's first filled cell."""
    result = []
    for block in blocks:
        if isinstance(block, Table):
            first = next(text for text in rows(block)[0] if text)
            result.append(("table", first))
        elif isinstance(block, Heading):
            result.append((f"h{block.level}", block.text))
        else:
            result.append(("li" if block.list_item else "p", block.text))
    return result


@pytest.fixture(scope="module")
def sample() -> Document:
    return read(SAMPLE.read_bytes(), conventions=LV, limits=Limits())


# --- the welfare sample --------------------------------------------------------

SAMPLE_OUTLINE = [
    (
        "p",
        "Par Labklājības pārvaldes darbu laika periodā no 2024. gada 1. jūlija "
        "līdz 2024. gada 30. septembrim",
    ),
    (
        "p",
        "Informācija par SOPA programmā reģistrēto iesniegumu (pa to veidiem) un lēmumu skaitu:",
    ),
    ("table", "Iesnieguma veids pabalstam/pakalpojumam"),
    (
        "h2",
        "Cita sociālo jomu raksturojošā informācija (sociālie pakalpojumi, to saņēmēju "
        "skaits, veiktās darbības to nodrošināšanai):",
    ),
    ("table", "jūlijs"),
    ("h4", "Valsts asistenta pakalpojums:"),
    ("table", "jūlijs"),
    ("h4", "Psihologa pakalpojums:"),
    ("table", "Darbības veids"),
    ("h4", "Dienas aprūpes centra pakalpojums:"),
    ("table", "jūlijs"),
    ("h4", "Aprūpes mājās birojs:"),
    ("table", "Darbības veids"),
    ("h4", "Administratīvais darbs:"),
    ("table", "jūlijs"),
]


def test_sample_blocks_in_reading_order(sample: Document) -> None:
    assert outline(sample.blocks) == SAMPLE_OUTLINE


def test_sample_document_fields(sample: Document) -> None:
    assert (sample.format, sample.pages, sample.metadata_title, sample.notes) == (
        "text",
        None,
        None,
        [],
    )
    assert len(sample.tables) == 7


# (table index, rows, columns)
CASES_SAMPLE_SHAPES = [
    (0, 56, 7),
    (1, 17, 4),
    (2, 14, 4),
    (3, 4, 4),
    (4, 3, 4),
    (5, 7, 4),
    (6, 18, 4),
]


@pytest.mark.parametrize(("index", "n_rows", "n_cols"), CASES_SAMPLE_SHAPES)
def test_sample_table_shapes(sample: Document, index: int, n_rows: int, n_cols: int) -> None:
    table = sample.tables[index]
    assert (table.n_rows, table.n_cols) == (n_rows, n_cols)
    assert len(table.cells) == n_rows * n_cols
    assert table.footnotes == []
    assert table.page is None


def test_sample_first_table_header_rows_are_rows_not_headers(sample: Document) -> None:
    table = sample.tables[0]
    grid = rows(table)
    assert grid[0] == [
        "Iesnieguma veids pabalstam/pakalpojumam",
        "Iesniegumu skaits",
        "",
        "",
        "Lēmumu skaits",
        "",
        "",
    ]
    assert grid[1] == ["", "jūlijs", "aug.", "sept.", "jūlijs", "aug.", "sept."]
    # Only markup may mark headers; a tab table has none, interpretation infers them.
    assert not any(cell.header for cell in table.cells)


def test_sample_first_table_spans_its_blank_line(sample: Document) -> None:
    labels = [row[0] for row in rows(sample.tables[0])]
    before = (
        "Iesniegums valsts finansēta sociālās rehabilitācijas pakalpojuma saņemšanai "
        "institūcijā personai ar funkcionāliem traucējumiem"
    )
    after = "Iesniegums transporta apmaksai valsts finansētam asistentam"
    assert labels.index(after) == labels.index(before) + 1
    assert labels[-1] == "iesniegums par bērna sociālo rehabilitāciju institūcijā"


def test_sample_bold_total_row(sample: Document) -> None:
    table = sample.tables[0]
    total = [cell for cell in table.cells if cell.row == 2]
    assert [cell.text for cell in total] == ["kopā", "316", "333", "659", "306", "309", "620"]
    assert all(cell.bold for cell in total)
    assert not any(cell.bold for cell in table.cells if cell.row != 2)


def test_sample_continued_cell(sample: Document) -> None:
    grid = rows(sample.tables[1])
    crisis = next(row for row in grid if row[0].startswith("Krīzes centrā"))
    assert crisis[3] == (
        "5 klienti: 2 pieaugušie(1 pers. - 11dienn., 1pers.- 8 dienn.);\n"
        "3 bērni (2 pers. - 11 dienn., 1 pers.-30 dienn.)"
    )
    assert crisis[1] == "2 bērni (1 pers. - 10 dienn., 1 pers.- 31 dienn.)"
    # The continuation line added no row of its own.
    assert grid[grid.index(crisis) + 1][0].startswith("Riska ģimeņu skaits")


def test_sample_group_label_row_is_padded(sample: Document) -> None:
    assert ["nodrošināta pakalpojuma saņemšana:", "", "", ""] in rows(sample.tables[2])


def test_sample_dash_separator_row_dropped(sample: Document) -> None:
    assert rows(sample.tables[3]) == [
        ["Darbības veids", "jūlijs", "augusts", "septembris"],
        ["sniegto individuālo konsultāciju skaits klātienē", "89", "38", "65"],
        ["pa tālruni", "-", "1", "-"],
        ["jauno klientu skaits, ar kuriem uzsākts darbs", "6", "1", "3"],
    ]


def test_sample_last_table_spans_its_blank_line(sample: Document) -> None:
    grid = rows(sample.tables[6])
    assert grid[0] == ["", "jūlijs", "augusts", "septembris"]
    assert grid[-3] == ["rīkojumi par komandējumiem", "1", "-", "2"]
    assert grid[-2] == [
        "jauni/pārjaunināti darba līgumi, vienošanās pie darba līgumiem",
        "6",
        "8",
        "64",
    ]
    assert grid[-1] == ["aktualizētie amatu vienību saraksti", "-", "-", "1"]


# Within this many seconds a quadratic reading of the inputs below (which took
# from 2 s to a minute) shows as an error; a linear one takes well under 0.5 s.
# The bound is the library's own time limit, not a stopwatch of the test.
PATHOLOGICAL_SECONDS = 10.0


def test_large_table_is_read_within_the_time_limit() -> None:
    row = "Rādītājs\t" + "\t".join(str(n) for n in range(10)) + "\n"
    data = ("\tjūlijs" * 10 + "\n" + row * 5_000).encode("utf-8")
    limits = Limits(max_seconds=PATHOLOGICAL_SECONDS)
    report = reportparse.parse(data, format="text", limits=limits)
    assert len(report.tables[0].rows) == 5_000


# Inputs that a backtracking regex or a rescan per line would make quadratic.
CASES_PATHOLOGICAL = [
    ("unclosed stars", "**" + "a" * 50_000),
    ("many unpaired stars", "**a " * 20_000),
    ("unclosed bold tag", "<b>" + "a " * 30_000),
    ("pipe lines without a separator", "a | b\n" * 20_000),
    ("items numbered 1", "1. a\n" * 20_000),
    ("tab-indented prose", "\tx\n" * 20_000),
    ("footnotes", "a\t1\n" + "* x\n" * 20_000),
    ("spaces", " " * 100_000 + "x"),
    ("aligned rows", "a  1  2\n" * 20_000),
    ("aligned text", "a  b\n" * 20_000),
    ("semicolon rows", "a;1\n" * 20_000),
    (
        "numbers wandering between columns",
        "".join(f"x{' ' * (2 + k % 150)}1{' ' * (2 + k * 7 % 150)}2\n" for k in range(20_000)),
    ),
]


@pytest.mark.parametrize(
    "text", [case[1] for case in CASES_PATHOLOGICAL], ids=[case[0] for case in CASES_PATHOLOGICAL]
)
def test_pathological_lines_are_read_within_the_time_limit(text: str) -> None:
    limits = Limits(max_seconds=PATHOLOGICAL_SECONDS)
    report = reportparse.parse(text.encode("utf-8"), format="text", limits=limits)
    assert report.source.format == "text"


def test_registry_finds_the_text_reader() -> None:
    assert get_reader("text") is read


# --- encodings -----------------------------------------------------------------

# (fixture, expected encoding name)
CASES_ENCODINGS = [
    ("welfare-report-2024-q3.txt", "utf-8"),
    ("welfare-report-2024-q3.utf16.txt", "utf-16"),
    ("welfare-report-2024-q3.utf8-bom.txt", "utf-8-sig"),
    ("welfare-report-2024-q3.cp1257.txt", "windows-1257"),
    ("welfare-report-2024-q3.mixed.txt", "utf-8+windows-1257"),
]


def _encoded(name: str) -> bytes:
    return (SAMPLE if name == SAMPLE.name else HERE / name).read_bytes()


@pytest.mark.parametrize(("name", "encoding"), CASES_ENCODINGS)
def test_encodings_decode_to_the_sample(name: str, encoding: str) -> None:
    text, found = decode_text(_encoded(name))
    assert found == encoding
    assert text == SAMPLE.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "encoding"), CASES_ENCODINGS)
def test_encodings_read_to_the_same_document(sample: Document, name: str, encoding: str) -> None:
    doc = read(_encoded(name), conventions=LV, limits=Limits())
    assert doc.blocks == sample.blocks


def test_mixed_encoding_is_noted() -> None:
    doc = read(
        (HERE / "welfare-report-2024-q3.mixed.txt").read_bytes(), conventions=LV, limits=Limits()
    )
    assert [code for code, _ in doc.notes] == ["mixed_encoding"]


# (name, bytes, expected text, expected encoding)
CASES_DECODE = [
    ("utf-16-be bom", b"\xfe\xff" + "Rīga\tģim.".encode("utf-16-be"), "Rīga\tģim.", "utf-16"),
    ("utf-16-le without bom", "Rīga\tģim.\n".encode("utf-16-le"), "Rīga\tģim.\n", "utf-16-le"),
    ("utf-16-be without bom", "Rīga\tģim.\n".encode("utf-16-be"), "Rīga\tģim.\n", "utf-16-be"),
    ("utf-32 bom", "Rīga".encode("utf-32"), "Rīga", "utf-32"),
    ("crlf and lone cr", b"a\r\nb\rc", "a\nb\nc", "utf-8"),
    ("nfd to nfc", "ba\u0304rni".encode(), "bārni", "utf-8"),
    ("utf-8 cut mid-character", "Rīga ā".encode()[:-1], "Rīga \ufffd", "utf-8"),
    (
        "cp1257 undefined byte",
        b"R\xeeg\xe2 pabalstu sa\xf2\xe7ma 40 personas \x98",
        "Rīgā pabalstu saņēma 40 personas \x98",
        "iso-8859-13",
    ),
    ("nul padding", b"Pabalsts\t40\n" + bytes(64), "Pabalsts\t40\n" + "\x00" * 64, "utf-8"),
]


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [case[1:] for case in CASES_DECODE],
    ids=[case[0] for case in CASES_DECODE],
)
def test_decode_text(data: bytes, text: str, encoding: str) -> None:
    assert decode_text(data) == (text, encoding)


def test_binary_named_txt_is_unsupported() -> None:
    with pytest.raises(UnsupportedFormatError, match="binary data, not a text report"):
        read((HERE / "binary.txt").read_bytes(), conventions=LV, limits=Limits())


CASES_EMPTY = [
    ("no bytes", b""),
    ("whitespace", b"  \n\t\n\r\n"),
    ("utf-8 bom only", b"\xef\xbb\xbf"),
    ("utf-16 bom and newline", "\n".encode("utf-16")),
    ("nul padding", bytes(512)),
    ("no-break spaces", "\xa0\n\xa0".encode()),
]


@pytest.mark.parametrize("data", [case[1] for case in CASES_EMPTY], ids=[c[0] for c in CASES_EMPTY])
def test_empty_input(data: bytes) -> None:
    with pytest.raises(EmptyFileError, match=r"^empty file$"):
        read(data, conventions=LV, limits=Limits())


# --- tables --------------------------------------------------------------------

# (name, text, expected rows of the first table)
CASES_TAB_TABLES = [
    (
        "header line with one value is a row, not a continuation",
        "Rādītājs\tSkaits\n\t2024\nGMI\t40\n",
        [["Rādītājs", "Skaits"], ["", "2024"], ["GMI", "40"]],
    ),
    (
        "a bare number under a value is a row of its own",
        "\tjūl.\taug.\nGMI\t40\t41\n\t\t5\n",
        [["", "jūl.", "aug."], ["GMI", "40", "41"], ["", "", "5"]],
    ),
    (
        "continuation under an empty cell is a row",
        "\tjūl.\taug.\nGMI\t40\t\n\t\tpiezīme\n",
        [["", "jūl.", "aug."], ["GMI", "40", ""], ["", "", "piezīme"]],
    ),
    (
        "continuation of a label column cell",
        "\tjūl.\taug.\nGMI\t2 bērni;\t3\n\t1 pieaugušais\n",
        [["", "jūl.", "aug."], ["GMI", "2 bērni;\n1 pieaugušais", "3"]],
    ),
    (
        "trailing tabs add no columns",
        "A\tB\t\t\t\nC\tD\t\n",
        [["A", "B"], ["C", "D"]],
    ),
    (
        "a head row cut by a line break inside one of its cells is one row",
        "Rādītājs\tKods\tGrozījumi\n(+/-)\tPrecizēts budžets\nIeņēmumi\t1.0.0.0.\t5\t10\n",
        [
            ["Rādītājs", "Kods", "Grozījumi\n(+/-)", "Precizēts budžets"],
            ["Ieņēmumi", "1.0.0.0.", "5", "10"],
        ],
    ),
    (
        "short rows are padded",
        "A\tB\tC\nD\t\n\tE\tF\tG\n",
        [["A", "B", "C", ""], ["D", "", "", ""], ["", "E", "F", "G"]],
    ),
    (
        "separator of equals signs dropped",
        "A\tB\n====\t===\nC\tD\n",
        [["A", "B"], ["C", "D"]],
    ),
    (
        "placeholder dashes are values, not a separator",
        "A\tB\tC\n-\t-\t-\n",
        [["A", "B", "C"], ["-", "-", "-"]],
    ),
    (
        "strong and stars in cells",
        "<strong>Kopā</strong>\t**12**\t5**\n",
        [["Kopā", "12", "5**"]],
    ),
    (
        "entities in cells",
        "A&amp;B\t1&nbsp;279\n",
        [["A&B", "1\xa0279"]],
    ),
    (
        "cells are stripped",
        "  GMI pabalsts \t 40 \t\xa041\n",
        [["GMI pabalsts", "40", "41"]],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [case[1:] for case in CASES_TAB_TABLES],
    ids=[case[0] for case in CASES_TAB_TABLES],
)
def test_tab_tables(text: str, expected: list[list[str]]) -> None:
    doc = parse(text)
    assert len(doc.tables) == 1
    assert rows(doc.tables[0]) == expected


# (name, text, (first cell, rows) of each table): a blank line ends a table only
# where the line after it heads another one.
CASES_BLANK_LINE_TABLES = [
    (
        "a word under a number starts a table",
        "\tjūlijs\nGMI\t40\n\n\tskaits\nSAC\t3\n",
        [("", 2), ("", 2)],
    ),
    (
        "column heads over the value columns start a table",
        "Pabalsts\t2021, EUR\t2022, EUR\nGMI\t98 455\t87 120\nKopā\t160 435\t153 134\n\n"
        "\tĢimeņu skaits\tPersonu skaits\nTrūcīgs\t\t\n2021.gads\t96\t187\n",
        [("Pabalsts", 3), ("", 3)],
    ),
    (
        "year heads start a table",
        "\tjūl.\taug.\nGMI\t40\t41\nSAC\t3\t4\n\n\t2021\t2022\nDAC\t5\t6\n",
        [("", 3), ("", 2)],
    ),
    (
        "labelled heads of another width start a table",
        "Pabalsts\t2021\t2022\nGMI\t40\t41\nSAC\t3\t4\n\n"
        "Pakalpojums\t2021.gads\t2022.gads uz 30.11.\tIzmaiņas\nDAC\t5\t6\t1\n",
        [("Pabalsts", 3), ("Pakalpojums", 2)],
    ),
    (
        "a row of the same shape goes on after a blank line",
        "\tjūl.\taug.\nGMI\t40\t41\nSAC\t3\t4\n\nDAC\t5\t6\n",
        [("", 4)],
    ),
    (
        "a cell continued after a blank line goes on",
        "\tjūl.\taug.\nGMI\t40\t5 klienti;\nSAC\t3\t2 bērni;\n\n\t\t3 bērni\n",
        [("", 3)],
    ),
    (
        "a section row after a blank line goes on",
        "\t2021\t2022\nGMI\t40\t41\nSAC\t3\t4\n\nPAKALPOJUMI\t\t\nDAC\t5\t6\n",
        [("", 5)],
    ),
    (
        "heads right under the first row are a second header row",
        "\tIesniegumi\t\n\n\tjūl.\taug.\nGMI\t40\t41\n",
        [("", 3)],
    ),
]


@pytest.mark.parametrize(
    ("text", "tables"),
    [case[1:] for case in CASES_BLANK_LINE_TABLES],
    ids=[case[0] for case in CASES_BLANK_LINE_TABLES],
)
def test_blank_line_between_tables(text: str, tables: list[tuple[str, int]]) -> None:
    doc = parse(text)
    assert [(rows(table)[0][0], table.n_rows) for table in doc.tables] == tables


def test_bold_cells_only_where_marked() -> None:
    table = parse("<b>kopā</b>\t<b>316</b>\t12\n**GMI**\t40\t**41**\n").tables[0]
    assert [(cell.text, cell.bold) for cell in table.cells] == [
        ("kopā", True),
        ("316", True),
        ("12", False),
        ("GMI", True),
        ("40", False),
        ("41", True),
    ]


def test_tab_indented_prose_is_not_a_table() -> None:
    doc = parse("\tPirmā rindkopa,\n\tkas turpinās.\n\n\tOtrā rindkopa.\n")
    assert outline(doc.blocks) == [("p", "Pirmā rindkopa, kas turpinās."), ("p", "Otrā rindkopa.")]


def test_table_ends_at_text_line() -> None:
    doc = parse("A\t1\nB\t2\nTeksts pēc tabulas.\nC\t3\nD\t4\n")
    assert outline(doc.blocks) == [("table", "A"), ("p", "Teksts pēc tabulas."), ("table", "C")]


CASES_PIPE_TABLES = [
    (
        "one header row",
        "| Rādītājs | jūlijs |\n|---|---:|\n| GMI | 40 |\n| **Kopā** | **40** |\n",
        [["Rādītājs", "jūlijs"], ["GMI", "40"], ["Kopā", "40"]],
        1,
    ),
    (
        "two header rows",
        "| | Skaits | |\n| | jūl. | aug. |\n|:--|:-:|--|\n| GMI | 1 | 2 |\n",
        [["", "Skaits", ""], ["", "jūl.", "aug."], ["GMI", "1", "2"]],
        2,
    ),
    (
        "without outer pipes",
        "Rādītājs | jūlijs\n--- | ---\nGMI | 40\n",
        [["Rādītājs", "jūlijs"], ["GMI", "40"]],
        1,
    ),
    (
        "escaped pipe",
        "| a | b |\n|---|---|\n| x \\| y | 1 |\n",
        [["a", "b"], ["x | y", "1"]],
        1,
    ),
    (
        "no separator, no headers",
        "| GMI | 40 |\n| Kopā | 41 |\n",
        [["GMI", "40"], ["Kopā", "41"]],
        0,
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "header_rows"),
    [case[1:] for case in CASES_PIPE_TABLES],
    ids=[case[0] for case in CASES_PIPE_TABLES],
)
def test_pipe_tables(text: str, expected: list[list[str]], header_rows: int) -> None:
    doc = parse("Virsraksts\n\n" + text + "\nBeigas.\n")
    assert outline(doc.blocks)[0] == ("p", "Virsraksts")
    assert outline(doc.blocks)[-1] == ("p", "Beigas.")
    table = doc.tables[0]
    assert rows(table) == expected
    assert [cell.row < header_rows for cell in table.cells] == [cell.header for cell in table.cells]


def test_pipe_table_bold_cells() -> None:
    table = parse("| a | b |\n|---|---|\n| **Kopā** | 4 |\n").tables[0]
    assert [cell.bold for cell in table.cells] == [False, False, True, False]


def test_a_lone_pipe_line_is_a_paragraph() -> None:
    doc = parse("Sākums | Par mums | Kontakti\n")
    assert outline(doc.blocks) == [("p", "Sākums | Par mums | Kontakti")]


# --- space-aligned tables (pdftotext -layout) and semicolon tables --------------

# (name, text, rows of the one table, header rows)
CASES_ALIGNED_TABLES = [
    (
        "a head over two lines joins per column; the caption stays a paragraph",
        "Izlietojums pa gadiem\n"
        "                       2015.      2016.\n"
        "  Pabalsta veids\n"
        "                      (euro)     (euro)\n"
        "\n"
        "Dzīvokļa pabalsti      170654     148611\n"
        "Zupas virtuve            1797       1383\n",
        [
            ["Pabalsta veids", "2015. (euro)", "2016. (euro)"],
            ["Dzīvokļa pabalsti", "170654", "148611"],
            ["Zupas virtuve", "1797", "1383"],
        ],
        1,
    ),
    (
        "a word hyphenated over head lines is rejoined",
        "                     Izmai-    Izmai-\n"
        "Deciles     1997.g.  ņas Ls    ņas %\n"
        "1. decile    15,24   - 0,67    95\n"
        "2. decile    30,15   + 1,45    104,6\n",
        [
            ["Deciles", "1997.g.", "Izmaiņas Ls", "Izmaiņas %"],
            ["1. decile", "15,24", "-0,67", "95"],
            ["2. decile", "30,15", "+1,45", "104,6"],
        ],
        1,
    ),
    (
        "a label wrapped above and below its numbers",
        "Rādītājs                    2023     2024\n"
        "Pabalsts garantētā\n"
        "minimālā ienākuma līmenim     40       41\n"
        "Dzīvokļa pabalsts             12       15\n"
        "komunālajiem maksājumiem\n"
        "Veselības aprūpe               7        9\n",
        [
            ["Rādītājs", "2023", "2024"],
            ["Pabalsts garantētā minimālā ienākuma līmenim", "40", "41"],
            ["Dzīvokļa pabalsts komunālajiem maksājumiem", "12", "15"],
            ["Veselības aprūpe", "7", "9"],
        ],
        1,
    ),
    (
        "numbers centred between the lines of their label",
        "Rādītājs                    2023     2024\n"
        "Īpašiem mērķiem iezīmēti\n"
        "                              40       41\n"
        "ieņēmumi\n"
        "Izdevumi - kopā               12       15\n",
        [
            ["Rādītājs", "2023", "2024"],
            ["Īpašiem mērķiem iezīmēti ieņēmumi", "40", "41"],
            ["Izdevumi - kopā", "12", "15"],
        ],
        1,
    ),
    (
        "an indented line under a row is a group row; a dash before a label goes",
        "Rādītājs          2023     2024\n"
        "Kopā                52       56\n"
        "  tai skaitā\n"
        "—pabalsti           40       41\n",
        [
            ["Rādītājs", "2023", "2024"],
            ["Kopā", "52", "56"],
            ["tai skaitā", "", ""],
            ["pabalsti", "40", "41"],
        ],
        1,
    ),
    (
        "a number set a little off its column stays in it",
        "Rādītājs        plāns   grozījumi    kopā\n"
        "Ieņēmumi          100        -20       80\n"
        "Izdevumi           90          0       90\n",
        [
            ["Rādītājs", "plāns", "grozījumi", "kopā"],
            ["Ieņēmumi", "100", "-20", "80"],
            ["Izdevumi", "90", "0", "90"],
        ],
        1,
    ),
    (
        "a head of single-spaced words over several columns is split",
        "Pabalsta veids        Ģimenes Personas\n"
        "Kopā                     2990    4934\n"
        "GMI pabalsti              297     733\n",
        [
            ["Pabalsta veids", "Ģimenes", "Personas"],
            ["Kopā", "2990", "4934"],
            ["GMI pabalsti", "297", "733"],
        ],
        1,
    ),
    (
        "a value run into its label by a single space is split off",
        "Mēnesis       %      skaits\n"
        "janvāris   3,3       65 461\n"
        "oktobris 2,65\n"
        "decembris 2,6        51 287\n"
        "maijs      2,49      48 892\n",
        [
            ["Mēnesis", "%", "skaits"],
            ["janvāris", "3,3", "65 461"],
            ["oktobris", "2,65", ""],
            ["decembris", "2,6", "51 287"],
            ["maijs", "2,49", "48 892"],
        ],
        1,
    ),
    (
        "a label with a bracket open goes on under its numbers, over a line starting with digits",
        "Rādītājs                          2023     2024\n"
        "Veselības aprūpe                     7        9\n"
        "Sistēmas noslodze (pensionāru\n"
        "skaits uz                          650      642\n"
        "1000 apdrošinātām personām\n"
        "gada beigās)\n"
        "Valdības deklarācija: 110.punkts\n",
        [
            ["Rādītājs", "2023", "2024"],
            ["Veselības aprūpe", "7", "9"],
            [
                "Sistēmas noslodze (pensionāru skaits uz 1000 apdrošinātām personām gada beigās)",
                "650",
                "642",
            ],
        ],
        1,
    ),
    (
        "a label with a bracket open goes on over a line starting with digits, mid-table",
        "Rādītājs                          2023     2024\n"
        "Pensionāru skaits (uz              650      642\n"
        "1000 personām)\n"
        "Veselības aprūpe                     7        9\n",
        [
            ["Rādītājs", "2023", "2024"],
            ["Pensionāru skaits (uz 1000 personām)", "650", "642"],
            ["Veselības aprūpe", "7", "9"],
        ],
        1,
    ),
    (
        "a bracket that no line closes takes no line that starts with digits",
        "Rādītājs                          2023     2024\n"
        "Veselības aprūpe                     7        9\n"
        "Pensionāru skaits (uz              650      642\n"
        "1000 apdrošinātām\n"
        "Valdības deklarācija\n",
        [
            ["Rādītājs", "2023", "2024"],
            ["Veselības aprūpe", "7", "9"],
            ["Pensionāru skaits (uz", "650", "642"],
        ],
        1,
    ),
    (
        "years under the values of a row whose label goes on stay in the row",
        "                                  Faktiskā     Plānotā\n"
        "Rādītājs                          vērtība      vērtība\n"
        "Pabalsta saņēmēju īpatsvars\n"
        "virs darbspējas vecuma (%)          0,4          0,5\n"
        "skaits gada beigās                 (2019)       (2021)\n"
        "Nabadzības riska indekss (%)        26,2         26,0\n"
        "                                   (2018)       (2024)\n",
        [
            ["Rādītājs", "Faktiskā vērtība", "Plānotā vērtība"],
            [
                "Pabalsta saņēmēju īpatsvars virs darbspējas vecuma (%) skaits gada beigās",
                "0,4 (2019)",
                "0,5 (2021)",
            ],
            ["Nabadzības riska indekss (%)", "26,2 (2018)", "26,0 (2024)"],
        ],
        1,
    ),
    (
        "a head just past the numbers of its column heads that column",
        "                                  Faktiskā          Plānotā\n"
        "Rādītājs                           vērtība           vērtība\n"
        "Pabalsta saņēmēji             0,4               0,5\n"
        "Nabadzības riska indekss      26,2              26,0\n",
        [
            ["Rādītājs", "Faktiskā vērtība", "Plānotā vērtība"],
            ["Pabalsta saņēmēji", "0,4", "0,5"],
            ["Nabadzības riska indekss", "26,2", "26,0"],
        ],
        1,
    ),
    (
        "a number with thousands set apart by one space is one cell",
        "Rādītājs              2018       2019\n"
        "Kopā                  434,6      774,5\n"
        "slimība/veselība    1 198,1    1 378,1\n"
        "vecums                 26,6    - 142,0\n",
        [
            ["Rādītājs", "2018", "2019"],
            ["Kopā", "434,6", "774,5"],
            ["slimība/veselība", "1 198,1", "1 378,1"],
            ["vecums", "26,6", "-142,0"],
        ],
        1,
    ),
    (
        "one value column of counted nouns, with row numbers before the labels",
        "Nr.        Rādītājs                        Vērtība\n"
        "1. Pabalstu saņēmušas ģimenes              41 ģimene (97 personas)\n"
        "1.1. t.sk. bērni                           38 bērni\n"
        "2. Izsniegtas zupas porcijas               1200 porcijas\n",
        [
            ["Nr.", "Rādītājs", "Vērtība"],
            ["1.", "Pabalstu saņēmušas ģimenes", "41 ģimene (97 personas)"],
            ["1.1.", "t.sk. bērni", "38 bērni"],
            ["2.", "Izsniegtas zupas porcijas", "1200 porcijas"],
        ],
        1,
    ),
    (
        "values centred on a label of three lines, the row number beside them",
        "Nr.        Rādītājs                        Vērtība\n"
        "     Izmaksāts dzīvokļa pabalstos\n"
        "1.                                         5100,50 EUR\n"
        "     un malkas iegādei\n"
        "     t.sk. pensionāriem (vecumā\n"
        "1.1.                                       1200 EUR\n"
        "     virs 65 gadiem)\n"
        "2. Krīzes pabalsti                         300 EUR\n",
        [
            ["Nr.", "Rādītājs", "Vērtība"],
            ["1.", "Izmaksāts dzīvokļa pabalstos un malkas iegādei", "5100,50 EUR"],
            ["1.1.", "t.sk. pensionāriem (vecumā virs 65 gadiem)", "1200 EUR"],
            ["2.", "Krīzes pabalsti", "300 EUR"],
        ],
        1,
    ),
    (
        "a label centred between the two sub-rows of a key column is theirs",
        "Funkcija                Valūta     2020      2021\n"
        "veselība                lati        9,0       9,2\n"
        "                        eiro       12,8      13,1\n"
        "                        lati       12,5      13,0\n"
        "bezdarbs\n"
        "                        eiro       17,8      18,5\n"
        "                        lati        4,1       4,4\n"
        "mājoklis\n"
        "                        eiro        5,8       6,3\n",
        [
            ["Funkcija", "Valūta", "2020", "2021"],
            ["veselība", "lati", "9,0", "9,2"],
            ["", "eiro", "12,8", "13,1"],
            ["bezdarbs", "lati", "12,5", "13,0"],
            ["bezdarbs", "eiro", "17,8", "18,5"],
            ["mājoklis", "lati", "4,1", "4,4"],
            ["mājoklis", "eiro", "5,8", "6,3"],
        ],
        1,
    ),
    (
        "a label wrapped beside the two sub-rows of a key column is theirs",
        "Funkcija                Valūta     2020      2021\n"
        "Izdevumi kopā           lati       12,5      13,0\n"
        "pašvaldībā              eiro       17,8      18,5\n"
        "veselība                lati        4,1       4,4\n"
        "                        eiro        5,8       6,3\n",
        [
            ["Funkcija", "Valūta", "2020", "2021"],
            ["Izdevumi kopā pašvaldībā", "lati", "12,5", "13,0"],
            ["Izdevumi kopā pašvaldībā", "eiro", "17,8", "18,5"],
            ["veselība", "lati", "4,1", "4,4"],
            ["", "eiro", "5,8", "6,3"],
        ],
        1,
    ),
    (
        "a head centred over two columns with heads of their own heads both",
        "                               2021.gads\n"
        "Pakalpojums         2020     (provizoriski)\n"
        "                             skaits     %\n"
        "Aprūpe mājās          410      432      61,2\n"
        "Dienas centrs         260      274      38,8\n",
        [
            [
                "Pakalpojums",
                "2020",
                "2021.gads (provizoriski) skaits",
                "2021.gads (provizoriski) %",
            ],
            ["Aprūpe mājās", "410", "432", "61,2"],
            ["Dienas centrs", "260", "274", "38,8"],
        ],
        1,
    ),
    (
        "a head line set with single spaces over the columns",
        "Pārskats\n"
        "\n"
        "  Mēnesis Trūcīgo īpatsvars, % Trūcīgo skaits\n"
        "janvāris   3,3                     65 461\n"
        "februāris  3,1\n"
        "marts      2,9                     61 200\n",
        [
            ["Mēnesis", "Trūcīgo īpatsvars, %", "Trūcīgo skaits"],
            ["janvāris", "3,3", "65 461"],
            ["februāris", "3,1", ""],
            ["marts", "2,9", "61 200"],
        ],
        1,
    ),
    (
        "semicolon-separated lines",
        "Sociālie pabalsti\nRādītājs;2023;2024\nGMI;40;41\nDzīvoklis;12;15\n",
        [["Rādītājs", "2023", "2024"], ["GMI", "40", "41"], ["Dzīvoklis", "12", "15"]],
        1,
    ),
    (
        "semicolon table with a head over two rows",
        ";2013;2014 (provizoriski)\n;;milj. eiro\nKopā;3 335,5;3 418,3\n",
        [
            ["", "2013", "2014 (provizoriski)"],
            ["", "", "milj. eiro"],
            ["Kopā", "3 335,5", "3 418,3"],
        ],
        2,
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "header_rows"),
    [case[1:] for case in CASES_ALIGNED_TABLES],
    ids=[case[0] for case in CASES_ALIGNED_TABLES],
)
def test_aligned_tables(text: str, expected: list[list[str]], header_rows: int) -> None:
    doc = parse(text)
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert rows(table) == expected
    assert sorted({cell.row for cell in table.cells if cell.header}) == list(range(header_rows))


# (name, text, outline): spaces and semicolons that make no table
CASES_NOT_ALIGNED_TABLES = [
    (
        "prose with double spaces after sentences",
        "Pabalstu saņēma 40 personas.  Vēl 12 gaidīja rindā.\n"
        "Kopā 52 cilvēki.  Paldies 2 darbiniekiem.\n",
        [
            (
                "p",
                "Pabalstu saņēma 40 personas.  Vēl 12 gaidīja rindā. "
                "Kopā 52 cilvēki.  Paldies 2 darbiniekiem.",
            )
        ],
    ),
    (
        "a numbered list laid out with spaces",
        "1.  Aprūpe mājās  12 personas\n2.  Dienas centrs  8 personas\n",
        [("li", "Aprūpe mājās  12 personas"), ("li", "Dienas centrs  8 personas")],
    ),
    (
        "one line of numbers",
        "Rādītājs        skaits     summa\nGMI                 40       410\n",
        [("p", "Rādītājs        skaits     summa GMI                 40       410")],
    ),
    (
        "numbers in several columns without any head",
        "GMI        40       41\nDzīvoklis  12       15\n",
        [("p", "GMI        40       41 Dzīvoklis  12       15")],
    ),
    (
        "rows of years only",
        "Gadi  2015  2016\nun  2017  2018\n",
        [("p", "Gadi  2015  2016 un  2017  2018")],
    ),
    (
        "semicolons in prose",
        "Pirmkārt; otrkārt\nTreškārt; ceturtkārt\n",
        [("p", "Pirmkārt; otrkārt Treškārt; ceturtkārt")],
    ),
    (
        "semicolon lines of different lengths",
        "a;1\nb;2;3\n",
        [("p", "a;1 b;2;3")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [case[1:] for case in CASES_NOT_ALIGNED_TABLES],
    ids=[case[0] for case in CASES_NOT_ALIGNED_TABLES],
)
def test_not_aligned_tables(text: str, expected: list[tuple[str, str]]) -> None:
    assert outline(parse(text).blocks) == expected


def test_a_row_of_heads_under_the_values_starts_another_table() -> None:
    text = (
        "Rādītājs                          Vērtība\n"
        "Pabalstu saņēmēji                 41 persona\n"
        "t.sk. bērni                       12 bērni\n"
        "                                                Summa,\n"
        "Pabalsts              Saņēmēji                  EUR\n"
        "Krīzes pabalsts       14 personas               2100\n"
        "Dzīvokļa pabalsts     27 ģimenes                5400,50\n"
    )
    first, second = parse(text).tables
    assert rows(first)[1:] == [["Pabalstu saņēmēji", "41 persona"], ["t.sk. bērni", "12 bērni"]]
    assert rows(second) == [
        ["Pabalsts", "Saņēmēji", "Summa, EUR"],
        ["Krīzes pabalsts", "14 personas", "2100"],
        ["Dzīvokļa pabalsts", "27 ģimenes", "5400,50"],
    ]


def test_aligned_table_ends_before_the_next_head() -> None:
    text = (
        "Rādītājs        2023     2024\n"
        "GMI               40       41\n"
        "Dzīvoklis         12       15\n"
        "                2025     2026\n"
        "GMI               42       43\n"
        "Dzīvoklis         16       17\n"
    )
    assert [rows(t)[0] for t in parse(text).tables] == [
        ["Rādītājs", "2023", "2024"],
        ["", "2025", "2026"],
    ]


# (name, text after a table, footnotes, following blocks)
CASES_FOOTNOTES = [
    ("star", "* dati uz 30.09.\n", ["* dati uz 30.09."], []),
    (
        "several marks, blank lines between",
        "\n* pirmā\n\n** otrā\n*) trešā\n",
        ["* pirmā", "** otrā", "*) trešā"],
        [],
    ),
    ("mark without space", "*Dati uz 30.09.2024.\n", ["*Dati uz 30.09.2024."], []),
    ("markup removed", "* <b>svarīgi</b>\n", ["* svarīgi"], []),
    (
        "prose after footnotes",
        "* piezīme\n\nTeksts.\n",
        ["* piezīme"],
        [("p", "Teksts.")],
    ),
    ("a bold heading is not a footnote", "**Nākamā sadaļa**\n", [], [("h2", "Nākamā sadaļa")]),
    ("a rule is not a footnote", "***\nTeksts.\n", [], [("p", "Teksts.")]),
]


@pytest.mark.parametrize(
    ("after", "footnotes", "following"),
    [case[1:] for case in CASES_FOOTNOTES],
    ids=[case[0] for case in CASES_FOOTNOTES],
)
def test_footnotes(after: str, footnotes: list[str], following: list[tuple[str, str]]) -> None:
    for table in ("GMI*\t40\nKopā**\t41\n", "| a | b |\n|---|---|\n| GMI* | 40 |\n"):
        doc = parse(table + after)
        assert doc.tables[0].footnotes == footnotes
        assert outline(doc.blocks)[1:] == following


def test_footnote_marks_stay_in_cells() -> None:
    assert rows(parse("GMI*\t40\nKopā**\t41**\n").tables[0]) == [
        ["GMI*", "40"],
        ["Kopā**", "41**"],
    ]


# --- headings and paragraphs ---------------------------------------------------

# (name, text, outline)
CASES_PROSE = [
    ("atx levels", "# Viens\n###### Seši\n", [("h1", "Viens"), ("h6", "Seši")]),
    ("atx closing hashes", "## Pārskats ##\n", [("h2", "Pārskats")]),
    ("hashtag is text", "#pabalsti\n", [("p", "#pabalsti")]),
    ("bold line", "<b>Pārskats</b>\n", [("h2", "Pārskats")]),
    ("strong line", "<STRONG>Pārskats</STRONG>\n", [("h2", "Pārskats")]),
    ("stars line", "**Pārskats:**\n", [("h2", "Pārskats:")]),
    ("two bold spans are a paragraph", "**a** un **b**\n", [("p", "a un b")]),
    ("markup inside a heading", "#### **Valsts** pakalpojums\n", [("h4", "Valsts pakalpojums")]),
    ("setext", "Pārskats\n========\nSadaļa\n------\n", [("h1", "Pārskats"), ("h2", "Sadaļa")]),
    ("rule dropped", "Pirms.\n\n-----\n\nPēc.\n", [("p", "Pirms."), ("p", "Pēc.")]),
    (
        "lines join into one paragraph",
        "Pabalstu saņēma\n2141 ģimene.\n\nOtrā.\n",
        [("p", "Pabalstu saņēma 2141 ģimene."), ("p", "Otrā.")],
    ),
    ("heading ends a paragraph", "Teksts\n# Virsraksts\n", [("p", "Teksts"), ("h1", "Virsraksts")]),
    ("markup removed", "Kopā <b>462</b> personas, **86%**.\n", [("p", "Kopā 462 personas, 86%.")]),
    (
        "bullets",
        "Pakalpojumi:\n- aprūpe mājās\n• dienas centrs\n* grupu dzīvokļi\n– mentors\n",
        [
            ("p", "Pakalpojumi:"),
            ("li", "aprūpe mājās"),
            ("li", "dienas centrs"),
            ("li", "grupu dzīvokļi"),
            ("li", "mentors"),
        ],
    ),
    (
        "numbered list",
        "1. izstrādāta programma;\n2. iesaistīti sniedzēji.\n",
        [("li", "izstrādāta programma;"), ("li", "iesaistīti sniedzēji.")],
    ),
    (
        "parenthesised numbers after a colon",
        "Aktivitātes:\n(1) izstrāde;\n(2) semināri;\n",
        [("p", "Aktivitātes:"), ("li", "izstrāde;"), ("li", "semināri;")],
    ),
    (
        "a wrapped list item continues",
        "1. Ārpusģimenes aprūpē esošie bērni līdz 17\ngadu vecumam\n2. Bērni ar FT\n",
        [("li", "Ārpusģimenes aprūpē esošie bērni līdz 17 gadu vecumam"), ("li", "Bērni ar FT")],
    ),
    (
        "a date opens a sentence, not a list",
        "1. jūlijā pabalstu saņēma 40 personas.\n",
        [("p", "1. jūlijā pabalstu saņēma 40 personas.")],
    ),
    (
        "an ordinal opens a sentence, not a list",
        "3. ceturksnī pabalstu saņēma 40 personas.\n",
        [("p", "3. ceturksnī pabalstu saņēma 40 personas.")],
    ),
    (
        "a year opens a sentence, not a list",
        "2024. gadā pabalstu saņēma 40 personas.\n",
        [("p", "2024. gadā pabalstu saņēma 40 personas.")],
    ),
    (
        "form feed between pages, as pdftotext writes it",
        "Pirmā lapa.\n\fOtrā lapa.\n",
        [("p", "Pirmā lapa."), ("p", "Otrā lapa.")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [case[1:] for case in CASES_PROSE],
    ids=[case[0] for case in CASES_PROSE],
)
def test_prose(text: str, expected: list[tuple[str, str]]) -> None:
    assert outline(parse(text).blocks) == expected


def test_prose_blocks_carry_no_page() -> None:
    doc = parse("# A\nB\n- C\n")
    assert all(isinstance(b, Heading | Paragraph) and b.page is None for b in doc.blocks)


# --- limits and robustness -----------------------------------------------------


def test_max_cells() -> None:
    text = "A\tB\nC\tD\n\nTeksts\n\nE\tF\n"
    assert len(parse(text, Limits(max_cells=6)).tables) == 2
    with pytest.raises(LimitExceededError, match="more than 5 table cells"):
        parse(text, Limits(max_cells=5))


def test_max_cells_checked_before_cells_exist() -> None:
    wide = "A" + "\t" * 100_000 + "x\n"
    with pytest.raises(LimitExceededError):
        parse(wide + "B\t1\n" * 1000, Limits(max_cells=10_000))


def test_max_file_bytes() -> None:
    with pytest.raises(LimitExceededError):
        parse("A\t1\n" * 10, Limits(max_file_bytes=10))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_document_or_a_domain_error(data: bytes) -> None:
    try:
        doc = read(data, conventions=LV, limits=Limits())
    except ReportParseError:
        return
    assert doc.format == "text"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab1 \t\n|-*#<>/:", max_size=300))
def test_any_text_gives_a_document(text: str) -> None:
    try:
        doc = parse(text)
    except EmptyFileError:
        assert not text.strip()
        return
    for table in doc.tables:
        assert len(table.cells) == table.n_rows * table.n_cols
        assert table.n_cols >= 1


# --- known gaps ----------------------------------------------------------------


@pytest.mark.xfail(reason="a footnote wrapped onto a second line is not rejoined", strict=True)
def test_wrapped_footnote() -> None:
    doc = parse("GMI*\t40\nKopā\t41\n* dati par personām,\nkas saņēma pabalstu\n")
    assert doc.tables[0].footnotes == ["* dati par personām, kas saņēma pabalstu"]


# A row merged across a tab table is copied from a browser as a line without
# tabs: (text, the table's rows) — it stays a row of its table.
CASES_MERGED_ROWS = [
    (
        "Pašvaldība\t2020. gads\t2021. gads\nValmieras pilsēta\nIzsniegti pabalsti\t130\t63\n"
        "Burtnieku novads\nIzsniegti pabalsti\t2\t7\n",
        [
            ["Pašvaldība", "2020. gads", "2021. gads"],
            ["Valmieras pilsēta", "", ""],
            ["Izsniegti pabalsti", "130", "63"],
            ["Burtnieku novads", "", ""],
            ["Izsniegti pabalsti", "2", "7"],
        ],
    ),
    # A caption between two tables, over the next one's heads, is no row of the first.
    (
        "A\t1\t2\nB\t3\t4\nPakalpojumi\n\tjūlijs\taugusts\nC\t5\t6\n",
        [["A", "1", "2"], ["B", "3", "4"]],
    ),
    # A sentence between two tables is a paragraph, not a row.
    (
        "A\t1\t2\nB\t3\t4\nTas ir teikums par tabulu.\nC\t5\t6\nD\t7\t8\n",
        [["A", "1", "2"], ["B", "3", "4"]],
    ),
]


@pytest.mark.parametrize(("text", "rows"), CASES_MERGED_ROWS)
def test_a_merged_row_stays_in_its_tab_table(text: str, rows: list[list[str]]) -> None:
    table = parse(text).tables[0]
    assert [[c.text if c else "" for c in row] for row in table.grid()] == rows
