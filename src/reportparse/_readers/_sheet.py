"""Spreadsheets (XLSX, XLSM, XLS, ODS) through python-calamine: every sheet a table.

A sheet is a table of the document model, under a heading with the sheet's
name. Numbers are written as the cell holds them (``40``, ``49582.43``,
never an exponent), dates as ISO dates, merged cells as spanning cells where
the format keeps them (calamine reads the merges of XLSX and XLS). A hidden
sheet is read like the others and noted. Before a sheet is loaded its
declared size is checked against the cell limit: a workbook that claims a
sheet of a billion cells fails on the limit, not on memory.
"""

from __future__ import annotations

import datetime
import html
import io
import re
import zipfile
from decimal import Decimal
from typing import Any

from reportparse._codes import WarningCode
from reportparse._errors import CorruptFileError, EncryptedFileError, LimitExceededError
from reportparse._limits import Limits, check_time
from reportparse._model import Block, Cell, Conventions, Document, Format, Heading, Table

__all__ = ["read"]

# "<dimension ref="A1:XFD1048576"/>" and every cell's reference in a sheet's XML.
_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')


def read(
    data: bytes,
    *,
    limits: Limits,
    conventions: Conventions,
    password: str | None = None,
) -> Document:
    """Read a workbook into one table per sheet."""
    from python_calamine import CalamineWorkbook, PasswordError, SheetVisibleEnum

    fmt = _format_of(data)
    formatted = _scan_xlsx(data, limits) if fmt == "xlsx" else {}
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except PasswordError:
        raise EncryptedFileError("encrypted workbook") from None
    except Exception as error:  # calamine raises a handful of its own and OSError
        raise CorruptFileError(f"not a readable workbook ({_reason(error)})") from None
    ods_merges = _ods_merges(data, limits) if fmt == "ods" else {}
    blocks: list[Block] = []
    notes: list[tuple[WarningCode, str]] = []
    cells_read = 0
    for meta in workbook.sheets_metadata:
        check_time()
        try:
            sheet = workbook.get_sheet_by_name(meta.name)
        except Exception as error:
            raise CorruptFileError(
                f"sheet {meta.name!r} cannot be read ({_reason(error)})"
            ) from None
        size = sheet.height * sheet.width
        cells_read += size
        if cells_read > limits.max_cells:
            raise LimitExceededError(f"more than {limits.max_cells} cells")
        rows = [[_text(value) for value in row] for row in sheet.to_python()]
        if meta.name in formatted:
            _apply_formats(rows, formatted[meta.name], sheet.start or (0, 0))
        if meta.visible != SheetVisibleEnum.Visible:
            notes.append((WarningCode.HIDDEN_SHEET, f"sheet {meta.name!r} is hidden; it was read"))
        merges = sheet.merged_cell_ranges or ods_merges.get(meta.name, [])
        table = _table(rows, merges, sheet.start or (0, 0))
        if table is not None:
            blocks += [Heading(meta.name, level=2), table]
    return Document(format=fmt, blocks=blocks, notes=notes)


def _format_of(data: bytes) -> Format:
    if data.startswith(b"PK"):
        return "ods" if b"opendocument.spreadsheet" in data[:256] else "xlsx"
    return "xls"


def _scan_xlsx(data: bytes, limits: Limits) -> dict[str, dict[tuple[int, int], str]]:
    """Check the workbook's parts against the limits and find its formatted cells,
    reading each sheet's XML once; per sheet name, the cells (row, column from 0)
    whose number format adds what calamine, which gives the stored number only,
    leaves out: ``%`` (``0.25`` shown as ``25%``) or a currency (``1 250 €``).

    calamine lays a sheet out as one dense grid from its first to its last
    cell, so two cells far apart (``A1`` and ``XFD1048576``) would cost the
    whole grid between them in memory: such a sheet fails on the cell limit here.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_parts(archive, limits)
        styled = _styled_formats(archive)
        names = _sheet_names(archive) if styled else {}
        out: dict[str, dict[tuple[int, int], str]] = {}
        for path in archive.namelist():
            if not path.startswith("xl/worksheets/sheet"):
                continue
            xml = archive.read(path)
            _check_extent(xml, limits)
            name = names.get(path)
            cells = {
                (int(digits) - 1, _column_number(letters) - 1): styled[int(style)]
                for letters, digits, style in (_STYLED_CELL.findall(xml) if name else ())
                if int(style) in styled
            }
            if name and cells:
                out[name] = cells
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as error:
        raise CorruptFileError(f"not a readable workbook ({_reason(error)})") from None
    return out


def _check_parts(archive: zipfile.ZipFile, limits: Limits) -> None:
    """A shared-strings or sheet part that unpacks to far more than it weighs fails."""
    members = archive.infolist()
    if sum(m.file_size for m in members) > limits.max_unzipped_bytes:
        raise LimitExceededError(f"unpacks to more than {limits.max_unzipped_bytes} bytes")
    for m in members:
        if m.compress_size and m.file_size > limits.max_zip_ratio * m.compress_size:
            raise LimitExceededError(
                f"{m.filename} unpacks to over {limits.max_zip_ratio} times its size"
            )


def _check_extent(xml: bytes, limits: Limits) -> None:
    """A sheet whose cells, by their references, span past the cell limit fails."""
    rows = cols = 0
    for letters, digits in _CELL_REF.findall(xml):
        rows = max(rows, int(digits))
        cols = max(cols, _column_number(letters))
    if rows * cols > limits.max_cells:
        raise LimitExceededError(
            f"a sheet of {rows} rows by {cols} columns, more than {limits.max_cells} cells"
        )


# Built-in number formats that print a percentage (0%, 0.00%); the built-in
# currency formats (5-8) follow the reader's locale and say no currency.
_PERCENT_FORMATS = frozenset({9, 10})
_NUM_FMT = re.compile(rb'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"')
_CELL_XFS = re.compile(rb"<cellXfs[^>]*>(.*?)</cellXfs>", re.DOTALL)
_XF = re.compile(rb"<xf\b[^>]*?numFmtId=\"(\d+)\"")
_SHEET = re.compile(rb'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"')
_STYLED_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*?\bs="(\d+)"')


def _styled_formats(archive: zipfile.ZipFile) -> dict[int, str]:
    """Cell style index → what its number format adds (``%``, `` EUR``); only those that add."""
    try:
        styles = archive.read("xl/styles.xml")
    except KeyError:
        return {}
    kinds = {int(i): _format_kind(code) for i, code in _NUM_FMT.findall(styles)}
    kinds.update(dict.fromkeys(_PERCENT_FORMATS, "%"))
    xfs = _CELL_XFS.search(styles)
    formats = [int(i) for i in _XF.findall(xfs.group(1))] if xfs else []
    return {k: kinds[f] for k, f in enumerate(formats) if kinds.get(f)}


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet part path (``xl/worksheets/sheet1.xml``) → the sheet's name."""
    try:
        workbook = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = dict(_REL.findall(rels))
    names = {}
    for name, rid in _SHEET.findall(workbook):
        target = targets.get(rid, b"").decode().lstrip("/")
        names[target if target.startswith("xl/") else f"xl/{target}"] = html.unescape(name.decode())
    return names


def _format_kind(code: bytes) -> str:
    r"""What a number format code adds: ``%``, `` EUR``, `` Ls`` or nothing.

    >>> codes = ["0.0%", r'#,##0.00\ "€"', '"Ls" #,##0', r"0\%", "0.00"]
    >>> [_format_kind(c.encode()) for c in codes]
    ['%', ' EUR', ' Ls', '', '']
    """
    text = code.decode("utf-8", "replace")
    if "%" in text.replace("\\%", ""):
        return "%"
    if "€" in text or "EUR" in text:
        return " EUR"
    if "Ls" in text or "LVL" in text:
        return " Ls"
    return ""


def _apply_formats(
    rows: list[list[str]], cells: dict[tuple[int, int], str], start: tuple[int, int]
) -> None:
    """Write the numbers of formatted cells as the sheet shows them (``25%``, ``1250 EUR``)."""
    for (row, col), kind in cells.items():
        r, c = row - start[0], col - start[1]
        if not (0 <= r < len(rows) and 0 <= c < len(rows[r])):
            continue
        try:
            value = Decimal(rows[r][c])
        except ArithmeticError:
            continue  # text in a cell with a number format: as it is
        if kind == "%":
            rows[r][c] = format((value * 100).normalize(), "f") + "%"
        else:
            rows[r][c] = rows[r][c] + kind


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def _ods_merges(
    data: bytes, limits: Limits
) -> dict[str, list[tuple[tuple[int, int], tuple[int, int]]]]:
    """Per sheet, the merged ranges of an ODS workbook (calamine reads none there),
    counted through repeated rows and cells without expanding them."""
    from lxml import etree

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if archive.getinfo("content.xml").file_size > limits.max_unzipped_bytes:
            raise LimitExceededError(f"content of more than {limits.max_unzipped_bytes} bytes")
        content = archive.read("content.xml")
    except (KeyError, zipfile.BadZipFile, OSError):
        return {}
    t = _ODS_TABLE
    out: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = {}
    try:
        root = etree.fromstring(content, etree.XMLParser(resolve_entities=False, huge_tree=False))
    except etree.XMLSyntaxError:
        return {}
    for table in root.iter(f"{t}table"):
        merges = []
        r = 0
        for row in table.iter(f"{t}table-row"):
            c = 0
            for cell in row:
                across = int(cell.get(f"{t}number-columns-spanned", "1"))
                down = int(cell.get(f"{t}number-rows-spanned", "1"))
                if cell.tag == f"{t}table-cell" and (across > 1 or down > 1):
                    merges.append(((r, c), (r + down - 1, c + across - 1)))
                c += int(cell.get(f"{t}number-columns-repeated", "1"))
            r += int(row.get(f"{t}number-rows-repeated", "1"))
        if merges:
            out[table.get(f"{t}name", "")] = merges
    return out


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - ord("A") + 1
    return number


def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:120] if text else type(error).__name__


def _text(value: Any) -> str:
    """A cell's value as the sheet would print it without a number format.

    >>> [_text(v) for v in (40.0, 49582.43, 0.1, 1e-05, "  GMI ", None)]
    ['40', '49582.43', '0.1', '0.00001', 'GMI', '']
    >>> _text(datetime.date(2020, 9, 14)), _text(True)
    ('2020-09-14', 'TRUE')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        # The shortest decimal that is this float, written out: no exponent.
        return format(Decimal(repr(value)), "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value).strip()


def _table(rows: list[list[str]], merges: Any, start: tuple[int, int]) -> Table | None:
    """The sheet's rows as a table, merged ranges as spanning cells; None for an empty sheet."""
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        return None
    n_cols = max(len(row) for row in rows)
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for (top, left), (bottom, right) in merges:
        # Merges count from A1; the rows read start where the sheet's data does.
        r0, c0 = top - start[0], left - start[1]
        if r0 < 0 or c0 < 0 or r0 >= len(rows) or c0 >= n_cols:
            continue
        r1, c1 = min(bottom - start[0], len(rows) - 1), min(right - start[1], n_cols - 1)
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        covered.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
    cells = []
    for r, row in enumerate(rows):
        for c in range(n_cols):
            if (r, c) in covered and (r, c) not in spans:
                continue
            rowspan, colspan = spans.get((r, c), (1, 1))
            text = row[c] if c < len(row) else ""
            cells.append(Cell(text, r, c, rowspan=rowspan, colspan=colspan))
    return Table(cells=cells, n_rows=len(rows), n_cols=n_cols)
