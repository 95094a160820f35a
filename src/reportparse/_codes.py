"""The closed vocabularies of the output: warning codes, unit codes and input formats.

Each is one enumeration with a one-line meaning per member; the JSON Schema
lists them as enums and ``docs/warnings.md`` is generated from them
(``python -m reportparse._export._docs``). Every layer may import this module.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, Self

__all__ = [
    "COUNTED_UNITS",
    "FORMATS",
    "FORMAT_MEANINGS",
    "MONEY_UNITS",
    "SHARE_UNITS",
    "Basis",
    "Format",
    "PeriodSource",
    "Unit",
    "WarningCode",
]


class _Coded(StrEnum):
    """A code that is its own JSON string, with the one line that says what it means."""

    meaning: str

    def __new__(cls, value: str, meaning: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.meaning = meaning
        return member

    def __repr__(self) -> str:
        # Records print their codes as the JSON has them: unit='person', not <Unit.PERSON: …>.
        return repr(self.value)


class WarningCode(_Coded):
    """What a warning says went wrong; ``table``, ``row``, ``column`` name its cell, if any."""

    TOTAL_MISMATCH = (
        "total_mismatch",
        "a total row or column (`kopā`, `Kopā pabalstiem`, `Gadā kopā`) differs from the sum "
        "of the numbers it totals",
    )
    BREAKDOWN_EXCEEDS_TOTAL = (
        "breakdown_exceeds_total",
        "the parts under a `…, no tiem` / `t.sk.` row add up to more than it",
    )
    UNREADABLE_VALUE = (
        "unreadable_value",
        "a cell has digits the value grammar could not read; its observation has `value: null`",
    )
    PERIOD_WITHOUT_YEAR = (
        "period_without_year",
        "month or quarter columns with no year anywhere in the report",
    )
    TABLE_NOT_UNDERSTOOD = (
        "table_not_understood",
        "two columns of a table would give numbers nothing tells apart (no heads, or the same "
        "heads): the table gives no observations and keeps its cells in `tables`",
    )
    COLUMNS_ALIKE = (
        "columns_alike",
        "two columns of a table have heads that say the same: their numbers, which nothing "
        "tells apart, give observations with `value: null`",
    )
    PERIOD_IN_INDICATOR = (
        "period_in_indicator",
        "a row's label names a period other than its observations' (`Pabalsti 2023. gadā` in "
        "a table dated 2024): check the period",
    )
    COLUMN_WITHOUT_HEAD = (
        "column_without_head",
        "a column of numbers has no head where the others have one: its numbers take the "
        "report's (or caption's) period and no measure; check what they count",
    )
    VALUE_IN_INDICATOR = (
        "value_in_indicator",
        "a row's label holds a number with a unit (`Saistošie noteikumi 4990 ģimenēm`): a "
        "value of the table may have been read into the label; check the row",
    )
    UNKNOWN_UNIT = (
        "unknown_unit",
        "a number is followed by a noun that is no unit code (`12 komplekti`): the value is "
        "kept with `unit: null` and the noun in `unit_text`",
    )
    MIXED_ENCODING = (
        "mixed_encoding",
        "the text is in more than one character encoding; it was decoded part by part",
    )
    CHARSET_MISMATCH = (
        "charset_mismatch",
        "the page declares one character encoding and is written in another; read as written",
    )
    DECODE_ERROR = (
        "decode_error",
        "some bytes could not be decoded in any encoding and were replaced",
    )
    SPAN_CLAMPED = (
        "span_clamped",
        "a cell spans past its table's grid (or over 1000 columns) and was cut to fit",
    )
    MERGE_WITHOUT_START = (
        "merge_without_start",
        "a vertically merged cell continues a merge that no cell above starts; read as a cell",
    )
    ALTCHUNK_NOT_READ = (
        "altchunk_not_read",
        "a DOCX part imported from another file (altChunk) was not read",
    )
    UNKNOWN_TERRITORY = (
        "unknown_territory",
        "a territory the data names is in neither ATVK classifier: its name is kept, its code "
        "is null (or as printed)",
    )
    TERRITORY_OTHER_CLASSIFIER = (
        "territory_other_classifier",
        "a territory's code is of an ATVK classifier not in force in the year of its figures "
        "(reportparse holds the towns and parishes of the 2021 one only): join on the name, or "
        "map the code",
    )
    HIDDEN_SHEET = (
        "hidden_sheet",
        "a workbook's sheet is hidden: it was read like the others; check whether it is data",
    )
    NOT_A_REPORT = (
        "not_a_report",
        "the document has no table with a figure and no Latvian sentence or field with one: it "
        "was read, but it is not a report (a README, a changelog, program text); "
        "`status` is `not_a_report`",
    )
    PDF_REPAIRED = (
        "pdf_repaired",
        "the PDF's cross-reference table was damaged and was rebuilt by scanning the file",
    )
    PAGES_WITHOUT_TEXT = (
        "pages_without_text",
        "some PDF pages have no text layer (scanned?) and gave nothing",
    )
    UNREADABLE_FONT = (
        "unreadable_font",
        "a PDF font has no Unicode map, so its glyphs cannot be read as text; values are null",
    )


class Unit(_Coded):
    """What a number counts or measures, in base units (``tūkst. EUR 5`` is 5000 ``EUR``)."""

    PERSON = "person", "persons (`pers.`, `personas`, `cilv.`)"
    FAMILY = "family", "families (`ģim.`, `ģimenes`)"
    HOUSEHOLD = "household", "households (`mājsaimniecības`)"
    CHILD = "child", "children (`bērni`)"
    ADULT = "adult", "adults (`pieaugušie`)"
    CLIENT = "client", "clients of a service (`klienti`)"
    TIME = "time", "times, occasions (`reizes`)"
    TRIP = "trip", "trips (`braucieni`)"
    DAY = "day", "days or nights of a service (`dienas`, `dienn.`)"
    HOUR = "hour", "hours (`stundas`, `st.`)"
    MONTH = "month", "months (`mēneši`)"
    EUR = "EUR", "euro (`EUR`, `eiro`, `euro`, `€`)"
    LVL = "LVL", "Latvian lats, before 2014 (`Ls`, `LVL`, `lati`)"
    PERCENT = "percent", "a percentage (`%`)"


class Basis(_Coded):
    """What kind of figure a number is, where its heads say (``2020. gada plāns``)."""

    ACTUAL = "actual", "what was done or spent (`izpilde`, `faktiski`, `fakts`)"
    PLAN = "plan", "what was planned (`plāns`, `precizētais plāns`, `plānotā vērtība`)"
    FORECAST = "forecast", "what is expected (`prognoze`, `sagaidāmā izpilde`)"
    BUDGET = "budget", "what was budgeted (`apstiprināts budžets`, `precizēts budžets`)"
    TARGET = "target", "a goal to reach (`mērķis`, `mērķa vērtība`, `sagaidāmā vērtība`)"


class PeriodSource(_Coded):
    """Where an observation's period was printed."""

    CELL = "cell", "in the cell itself (`0,4 (2019)`)"
    COLUMN = "column", "in the column's heads (`2021. gads`, `janv.`)"
    ROW = "row", "in the row's label (`2022.gads uz 30.11.`)"
    SECTION = "section", "in a section row above the row (`2023. gads`)"
    CAPTION = "caption", "in the table's caption or the heading above it"
    REPORT = "report", "nowhere near the cell: the report's period, from its title"


MONEY_UNITS = frozenset({Unit.EUR, Unit.LVL})
SHARE_UNITS = frozenset({Unit.PERCENT})
#: Units of things counted: a noun some words after its number can state them.
COUNTED_UNITS = frozenset(Unit) - MONEY_UNITS - SHARE_UNITS

Format = Literal["pdf", "docx", "html", "text", "xlsx", "xls", "ods", "csv"]
#: Each input format, with what is read of it.
FORMAT_MEANINGS: dict[Format, str] = {
    "pdf": "a PDF with a text layer: ruled and aligned tables, headings by size, pages",
    "docx": "a Word document (OOXML): tables with merged cells, headings by style",
    "html": "a web page: tables with colspan and rowspan, headings h1–h6",
    "text": "plain text: tab, pipe, semicolon and space-aligned tables, Markdown headings",
    "xlsx": "an Excel workbook (.xlsx, .xlsm): every sheet a table, merged cells kept",
    "xls": "an old Excel workbook (.xls): every sheet a table",
    "ods": "an OpenDocument spreadsheet (.ods): every sheet a table",
    "csv": "comma, semicolon or tab separated values (.csv, .tsv): one table",
}
FORMATS: tuple[Format, ...] = tuple(FORMAT_MEANINGS)
