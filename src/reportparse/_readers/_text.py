"""Plain-text reports: tab-separated tables, Markdown and stray HTML markup.

Text reports are what a clerk gets by copying a Word table into a text box:
each row a line, cells separated by tabs, a cell's second line on a line of
its own that starts with tabs, headings marked with ``####`` or ``**…**``
and bold totals with ``<b>``. Markdown pipe tables turn up too, and so do
CSV lines saved with ``;`` and text copied out of a PDF viewer (what
``pdftotext -layout`` writes), where columns are aligned with runs of spaces:
the columns of such a block are found from the alignment of all its lines,
a head over several lines is joined per column and a label wrapped over
lines is joined into its row. This reader recovers that structure and
nothing more; what the numbers mean and which paragraph is the title is for
interpretation.

>>> from reportparse._lang._reading import reading_conventions
>>> data = b"Title\\n\\n\\tjuly\\taugust\\nGMI\\t40\\t41\\n"
>>> doc = read(data, limits=Limits(), conventions=reading_conventions())
>>> [type(b).__name__ for b in doc.blocks]
['Paragraph', 'Table']
>>> [[c.text for c in row] for row in doc.tables[0].grid()]
[['', 'july', 'august'], ['GMI', '40', '41']]
"""

from __future__ import annotations

import re
from functools import cache

from reportparse._codes import WarningCode
from reportparse._errors import EmptyFileError, LimitExceededError
from reportparse._limits import Limits, TextCounter
from reportparse._model import Block, Conventions, Document, Heading, Paragraph, Table
from reportparse._readers._aligned import (
    HEAD_CELL,
    AlignedTables,
    fields_of,
    is_label,
    is_number,
    is_value,
)
from reportparse._readers._encoding import decode_text

__all__ = ["read"]

# --- inline markup -----------------------------------------------------------

_BOLD_TAG = re.compile(r"</?(?:b|strong)(?:\s[^>]*)?>", re.IGNORECASE)
_OTHER_TAG = re.compile(r"</?(?:i|em|u|span|font|p)(?:\s[^>]*)?>", re.IGNORECASE)
_BR_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
# A ``**`` that is not part of a longer run of stars.
_DOUBLE_STAR = re.compile(r"(?<!\*)\*\*(?!\*)")
# The few entities a hand-edited text with HTML markup actually contains.
_ENTITY = re.compile(r"&(nbsp|amp|lt|gt|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});")
_ENTITIES = {"nbsp": "\xa0", "amp": "&", "lt": "<", "gt": ">", "quot": '"'}
# Controls left over after decoding: a DOS end-of-file mark, NUL padding.
_STRAY_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")

# --- line kinds --------------------------------------------------------------

_ATX_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*")
_BOLD_OPEN_TAG = re.compile(r"<(b|strong)(?:\s[^>]*)?>", re.IGNORECASE)
_BOLD_CLOSE_TAG = re.compile(r"</(b|strong)\s*>$", re.IGNORECASE)
_RULE = re.compile(r"\s*([-*_=])(?:\s*\1){2,}\s*")
# ``* …``, ``** …``, ``*) …`` and ``*Dati uz 30.09.`` under a table.
_FOOTNOTE = re.compile(r"\s*\*{1,4}\)?\s*\S")
_BULLET = re.compile(r"\s*[-–—•·▪◦●*+]\s+(?=\S)")
_NUMBERED = re.compile(
    r"\s*(?:\((?P<paren>\d{1,2})\)|(?P<num>\d{1,2})[.)]|(?P<letter>[a-z])\))\s+(?=\S)"
)
# A row merged across a tab table is a label, never a paragraph.
_MAX_MERGED_ROW_CHARS = 200
_SENTENCE_ENDS = (".", "!", "?")
# How far ahead an item ``1.`` looks for its ``2.`` to count as a list.
_LIST_LOOKAHEAD = 40
# How many lines of prose right above an aligned table may be heads of it.
_MAX_HEAD_LINES_ABOVE = 3

# Every cell of a ``----\t----`` or ``|---|:---:|`` row is a run of these.
_SEPARATOR_CELL = re.compile(r"\s*:?[-=_+]{3,}:?\s*|\s*")
_PIPE_SEPARATOR = re.compile(r"\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*")
_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
# A continuation line holding only a number is a row of its own, not more text.
_BARE_VALUE = re.compile(r"[\d\s.,%+*xX()\-–—]*")
_DIGIT = re.compile(r"\d")


@cache
def _ordinal_word(conventions: Conventions) -> re.Pattern[str]:
    # ``1. jūlijā`` and ``3. ceturksnī`` open sentences, not lists: Latvian writes
    # ordinals as a number with a full stop.
    stems = (*conventions.month_stems, *conventions.ordinal_noun_stems)
    return re.compile(f"(?:{'|'.join(stems)})", re.IGNORECASE)


def read(
    data: bytes, *, limits: Limits, conventions: Conventions, password: str | None = None
) -> Document:
    """Read a plain-text or Markdown report (``password`` is ignored).

    Raises ``UnsupportedFormatError`` for binary data, ``EmptyFileError`` for
    a file with nothing but whitespace, ``LimitExceededError`` past
    ``limits.max_file_bytes`` or ``limits.max_cells``.
    """
    if len(data) > limits.max_file_bytes:
        raise LimitExceededError(f"file larger than {limits.max_file_bytes} bytes")
    text, encoding = decode_text(data)
    notes: list[tuple[WarningCode, str]] = []
    if "+" in encoding:
        notes.append(
            (
                WarningCode.MIXED_ENCODING,
                f"lines in more than one encoding ({encoding}), decoded line by line",
            )
        )
    if "\ufffd" in text:
        notes.append(
            (WarningCode.DECODE_ERROR, "some bytes could not be decoded and were replaced")
        )
    # A form feed is a page break in text exported from PDF; a vertical tab is
    # Word's manual line break inside a paragraph.
    text = _STRAY_CONTROL.sub("", text.replace("\f", "\n").replace("\v", " "))
    if not text.strip():
        raise EmptyFileError("empty file")
    blocks = _Parser(text.split("\n"), limits, conventions).parse()
    return Document(format="text", blocks=blocks, pages=None, notes=notes)


def _unescape(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match[1]
        if name.startswith("#"):
            code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
            return chr(code) if 0 < code <= 0x10FFFF else match[0]
        return _ENTITIES[name]

    return _ENTITY.sub(replace, text) if "&" in text else text


def _strip_markup(text: str) -> tuple[str, bool]:
    """Text without inline markup, and whether any of it was bold.

    >>> _strip_markup("<b>kopā</b>")
    ('kopā', True)
    >>> _strip_markup("**Kopā** 12**")
    ('Kopā 12**', True)
    >>> _strip_markup("5*")
    ('5*', False)
    """
    bold = False
    if "<" in text:
        stripped = _BOLD_TAG.sub("", text)
        bold = stripped != text
        text = _OTHER_TAG.sub("", _BR_TAG.sub("\n", stripped))
    if "**" in text:
        stripped = _remove_star_bold(text)
        bold = bold or stripped != text
        text = stripped
    text = _unescape(text)
    text = "\n".join(part.strip() for part in text.split("\n")) if "\n" in text else text.strip()
    return text, bold and bool(text)


def _remove_star_bold(text: str) -> str:
    """Drop the ``**`` pairs that mark bold text; keep footnote marks.

    Footnote marks are stars too (``Kopā**``, ``12*``), so a pair must open at
    a word start and close at a word end, with no space just inside. Pairing
    in one scan (rather than a lazy regex per opening) keeps a long line with
    many unpaired marks linear.

    >>> _remove_star_bold("**Kopā** un 5** no **6**")
    'Kopā un 5** no 6'
    """
    spans: list[tuple[int, int]] = []
    opening: int | None = None
    for match in _DOUBLE_STAR.finditer(text):
        start, end = match.span()
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if opening is not None and not before.isspace() and not (after.isalnum() or after == "_"):
            spans.append((opening, start))
            opening = None
        elif not (before.isalnum() or before == "_") and not after.isspace():
            opening = end
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for inner_start, inner_end in spans:
        parts.append(text[last : inner_start - 2])
        parts.append(text[inner_start:inner_end])
        last = inner_end + 2
    parts.append(text[last:])
    return "".join(parts)


def _cells(line: str, parts: list[str]) -> tuple[list[str], list[int]]:
    """Cell texts of ``line`` split into ``parts``, without markup; the bold columns."""
    if "<" not in line and "*" not in line and "&" not in line:
        return [part.strip() for part in parts], []
    texts: list[str] = []
    bold_cols: list[int] = []
    for col, part in enumerate(parts):
        text, bold = _strip_markup(part)
        texts.append(text)
        if bold:
            bold_cols.append(col)
    return texts, bold_cols


def _is_separator_row(line: str, texts: list[str]) -> bool:
    """A ``----\t----`` row: every cell a rule or empty."""
    return ("-" in line or "=" in line or "_" in line or "+" in line) and all(
        _SEPARATOR_CELL.fullmatch(text) for text in texts
    )


def _is_heading_line(line: str) -> bool:
    return bool(_ATX_HEADING.fullmatch(line) or _bold_line_text(line) is not None)


def _bold_line_text(line: str) -> str | None:
    """The text of a line that is bold from end to end, else None."""
    line = line.strip()
    if line.startswith("**") and line.endswith("**") and len(line) > 4:
        inner = line[2:-2]
    else:
        opening = _BOLD_OPEN_TAG.match(line)
        closing = _BOLD_CLOSE_TAG.search(line) if opening else None
        if not opening or not closing or opening[1].lower() != closing[1].lower():
            return None
        inner = line[opening.end() : closing.start()]
    # "**a** and **b**" is bold twice, not one bold line.
    if "**" in inner or _BOLD_TAG.search(inner):
        return None
    text, _ = _strip_markup(inner)
    return text if any(ch.isalnum() for ch in text) else None


def _opens_table(rows: list[list[str]], texts: list[str]) -> bool:
    """Whether a tab line after a blank line heads a new table rather than going on with ``rows``.

    A table may go on after a blank line (a page break in the source), so only
    a line shaped like a header row starts another: column heads over the
    value columns of the table above (``\\tĢimeņu skaits\\tPersonu skaits``,
    ``\\t2021\\t2022``), a word under a number, or a labelled row of heads
    wider or narrower than the table.
    """
    if len(rows) < 2:
        return False
    filled = [c for c, text in enumerate(texts) if text and c > 0]
    if not filled or not all(HEAD_CELL.fullmatch(texts[c]) for c in filled):
        return False
    if texts[0]:
        width = max(len(_trimmed(row)) for row in rows)
        return len(filled) >= 2 and len(_trimmed(texts)) != width
    if len(filled) >= 2:
        return True
    # One word alone under a number is no continuation of it ("40" + "skaits").
    col = filled[0]
    above = rows[-1][col] if col < len(rows[-1]) else ""
    return bool(above) and not _DIGIT.search(texts[col]) and bool(_BARE_VALUE.fullmatch(above))


def _rows_rejoined(
    rows: list[list[str]], bold: set[tuple[int, int]]
) -> tuple[list[list[str]], set[tuple[int, int]]]:
    """Rows that a line break inside one cell cut in two, joined again.

    A browser copies a cell's line break as a new line: ``a\tb\tGrozījumi``
    then ``(+/-)\tc`` is one row of a table four cells wide when the two
    lines' cells, none empty, add up to the width with one cell shared.
    Lines of one cell alone are left as they are: such a line is a row
    merged across the table; so are ragged rows with empty cells.
    """
    width = max(len(row) for row in rows)
    out: list[list[str]] = []
    moved: dict[int, tuple[int, int]] = {}
    k = 0
    while k < len(rows):
        row = rows[k]
        following = rows[k + 1] if k + 1 < len(rows) else None
        if (
            following is not None
            and 2 <= len(row) < width
            and 2 <= len(following) < width
            and len(row) + len(following) - 1 == width
            and all(row)
            and all(following)
        ):
            out.append([*row[:-1], row[-1] + "\n" + following[0], *following[1:]])
            moved[k] = (len(out) - 1, 0)
            moved[k + 1] = (len(out) - 1, len(row) - 1)
            k += 2
            continue
        out.append(row)
        moved[k] = (len(out) - 1, 0)
        k += 1
    shifted = {(moved[r][0], c + moved[r][1]) for r, c in bold}
    return out, shifted


def _trimmed(row: list[str]) -> list[str]:
    end = len(row)
    while end and not row[end - 1]:
        end -= 1
    return row[:end]


def _semicolon_fields(line: str) -> int:
    return line.count(";") + 1 if ";" in line else 0


class _Parser:
    """One pass over the lines, emitting blocks in reading order."""

    def __init__(self, lines: list[str], limits: Limits, conventions: Conventions) -> None:
        self.ordinal_word = _ordinal_word(conventions)
        self.lines = lines
        self.limits = limits
        self.blocks: list[Block] = []
        self.cells = 0
        self.text = TextCounter(limits)
        # The running paragraph: its lines, and whether it is a list item.
        self.para: list[str] = []
        self.para_list = False
        self.last_number: int | None = None
        # Lines before this index are known not to start a pipe table.
        self.no_pipe_table_before = 0
        # Lines before these indices are known not to start such a table either.
        self.no_semicolon_table_before = 0
        self.no_aligned_table_before = 0
        self.aligned = AlignedTables(lines, _is_heading_line)
        # Per line, the index of the next line numbered "2" (filled on first use).
        self.next_two: list[int] | None = None

    def parse(self) -> list[Block]:
        lines = self.lines
        i = 0
        while i < len(lines):
            line = lines[i]
            if not line.strip():
                self.flush()
                i += 1
                continue
            if "|" in line and i >= self.no_pipe_table_before:
                end = self.pipe_table(i)
                if end is not None:
                    i = self.footnotes(end)
                    continue
            if "\t" in line.rstrip():
                end = self.tab_table(i)
                if end is not None:
                    i = self.footnotes(end)
                    continue
                # Not a table after all (tab-indented prose): read the run
                # again as text, which no longer has tabs to send it here.
                continue
            if ";" in line and i >= self.no_semicolon_table_before:
                end = self.semicolon_table(i)
                if end is not None:
                    i = self.footnotes(end)
                    continue
            if "  " in line.strip() and i >= self.no_aligned_table_before:
                end = self.aligned_table(i)
                if end is not None:
                    i = self.footnotes(end)
                    continue
            self.text_line(i)
            i += 1
        self.flush()
        return self.blocks

    # --- prose ---------------------------------------------------------------

    def text_line(self, i: int) -> None:
        line = self.lines[i]
        atx = _ATX_HEADING.fullmatch(line)
        if atx:
            self.flush()
            self.last_number = None
            text, _ = _strip_markup(atx[2] or "")
            if text:
                self.text.add(text)
                self.blocks.append(Heading(text, level=len(atx[1])))
            return
        bold_text = _bold_line_text(line)
        if bold_text is not None:
            self.flush()
            self.last_number = None
            self.text.add(bold_text)
            self.blocks.append(Heading(bold_text, level=2))
            return
        rule = _RULE.fullmatch(line)
        if rule:
            # Setext: a single line underlined with === or --- is a heading.
            if len(self.para) == 1 and not self.para_list and rule[1] in "=-":
                text, _ = _strip_markup(self.para[0])
                self.para = []
                self.text.add(text)
                self.blocks.append(Heading(text, level=1 if rule[1] == "=" else 2))
            self.flush()
            return
        item = self.list_marker(i)
        if item is not None:
            self.flush()
            self.para = [line[item:]]
            self.para_list = True
            return
        self.para.append(line)

    def list_marker(self, i: int) -> int | None:
        """Length of the list marker that opens line ``i``, if it opens a list item."""
        line = self.lines[i]
        bullet = _BULLET.match(line)
        if bullet:
            self.last_number = None
            return bullet.end()
        numbered = _NUMBERED.match(line)
        if not numbered:
            return None
        if numbered["letter"]:
            return numbered.end()
        number = int(numbered["paren"] or numbered["num"])
        follows = self.last_number is not None and number == self.last_number + 1
        opens = number == 1 and self.has_item_two(i + 1)
        after_colon = self.previous_text(i).endswith(":")
        ordinal = numbered["num"] is not None and self.ordinal_word.match(line, numbered.end())
        if (follows or opens or after_colon) and not (ordinal and not follows and not opens):
            self.last_number = number
            return numbered.end()
        return None

    def has_item_two(self, start: int) -> bool:
        """Whether an item numbered 2 follows within the lookahead from ``start``."""
        if self.next_two is None:
            # One backward pass instead of a lookahead scan per "1." line.
            lines = self.lines
            never = len(lines) + _LIST_LOOKAHEAD
            self.next_two = [never] * (len(lines) + 1)
            for k in range(len(lines) - 1, -1, -1):
                match = _NUMBERED.match(lines[k]) if lines[k][:4].strip()[:1] in "(2" else None
                two = match is not None and (match["paren"] or match["num"]) == "2"
                self.next_two[k] = k if two else self.next_two[k + 1]
        return self.next_two[start] < start + _LIST_LOOKAHEAD

    def previous_text(self, i: int) -> str:
        for line in reversed(self.lines[max(0, i - 3) : i]):
            if line.strip():
                return line.rstrip()
        return ""

    def flush(self) -> None:
        if self.para:
            text, _ = _strip_markup(" ".join(part.strip() for part in self.para))
            if text:
                self.text.add(text)
                self.blocks.append(Paragraph(text, list_item=self.para_list))
        self.para = []
        self.para_list = False

    # --- tables --------------------------------------------------------------

    def tab_table(self, start: int) -> int | None:
        """Read the tab table at ``start``; the index after it, or None if it is none."""
        lines = self.lines
        last = start
        rows: list[list[str]] = []
        bold: set[tuple[int, int]] = set()
        after_blank = False
        for j in range(start, len(lines)):
            line = lines[j]
            if not line.strip():
                after_blank = True
                continue
            # A row may end in tabs only (a group label over empty cells),
            # but a heading with a stray trailing tab still ends the table.
            if "\t" not in line or (
                line.lstrip(" ").startswith("#") and _ATX_HEADING.fullmatch(line.rstrip())
            ):
                if rows and not after_blank and self.merged_row(j):
                    # A cell merged across the table is copied as a line without tabs.
                    rows.append([line.strip()])
                    last = j
                    continue
                break
            parts = line.split("\t")
            texts, bold_cols = _cells(line, parts)
            if after_blank and _opens_table(rows, texts):
                break
            after_blank = False
            last = j
            if _is_separator_row(line, texts):
                continue
            if not texts[0]:
                filled = [c for c, text in enumerate(texts) if text]
                if len(filled) == 1 and self.continues(rows, filled[0], texts):
                    col = filled[0]
                    rows[-1][col] += "\n" + texts[col]
                    if bold_cols:
                        bold.add((len(rows) - 1, col))
                    continue
            if bold_cols:
                bold.update((len(rows), c) for c in bold_cols)
            rows.append(texts)

        if not any(sum(1 for text in row if text) >= 2 for row in rows):
            for k in range(start, last + 1):
                lines[k] = lines[k].replace("\t", " ")
            return None
        rows, bold = _rows_rejoined(rows, bold)
        self.flush()
        self.add_table(rows, header_rows=0, bold=bold)
        return last + 1

    def merged_row(self, j: int) -> bool:
        """Whether line ``j``, without tabs, is a row merged across the tab table around it:
        a short line that ends no sentence, right above another row of two or more cells."""
        line, lines = self.lines[j].strip(), self.lines
        if not line or len(line) > _MAX_MERGED_ROW_CHARS or line.endswith(_SENTENCE_ENDS):
            return False
        if line.startswith("#") or _FOOTNOTE.match(line):
            return False
        following = lines[j + 1] if j + 1 < len(lines) else ""
        cells = [c for c in following.split("\t") if c.strip()]
        # Over a row of heads it is the caption of the next table, not a row of this one.
        return len(cells) >= 2 and any(_DIGIT.search(c) for c in cells[1:])

    @staticmethod
    def continues(rows: list[list[str]], col: int, texts: list[str]) -> bool:
        """Whether a tab-led line with one cell continues that cell of the row above.

        Not when the row above is the table's first row (a header such as
        ``\\t2024`` under a title row), nor when the cell above is empty, nor
        when the line holds a bare number, which is a value of its own.
        """
        if len(rows) < 2 or col >= len(rows[-1]) or not rows[-1][col]:
            return False
        return not _BARE_VALUE.fullmatch(texts[col])

    def pipe_table(self, start: int) -> int | None:
        """Read the Markdown pipe table at ``start``; the index after it, or None."""
        lines = self.lines
        end = start
        while end < len(lines) and lines[end].strip() and "|" in lines[end]:
            end += 1
        run = lines[start:end]
        separators = [
            k for k, line in enumerate(run) if "-" in line and _PIPE_SEPARATOR.fullmatch(line)
        ]
        if separators:
            header_rows = separators[0]
        elif len(run) >= 2 and all(
            line.strip().startswith("|") and line.strip().endswith("|") for line in run
        ):
            header_rows = 0
        else:
            # No later line of this run can start a table either; without
            # this, a long run of "a | b" lines would be rescanned per line.
            self.no_pipe_table_before = end
            return None

        rows: list[list[str]] = []
        bold: set[tuple[int, int]] = set()
        for k, line in enumerate(run):
            if k in separators:
                continue
            body = line.strip()
            body = body[1:] if body.startswith("|") else body
            body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
            parts = [part.replace("\\|", "|") for part in _PIPE_SPLIT.split(body)]
            texts, bold_cols = _cells(body, parts)
            bold.update((len(rows), c) for c in bold_cols)
            rows.append(texts)
        if not any(any(row) for row in rows):
            return None
        self.flush()
        self.add_table(rows, header_rows=header_rows, bold=bold)
        return end

    def add_table(
        self, rows: list[list[str]], *, header_rows: int, bold: set[tuple[int, int]]
    ) -> None:
        # Trailing tabs leave empty columns no row fills; they are not columns.
        width = 0
        for row in rows:
            end = len(row)
            while end > width and not row[end - 1]:
                end -= 1
            width = max(width, end)
        # Checked before the cells exist: one line of a million tabs times a
        # thousand rows would exhaust memory long before a count afterwards.
        self.cells += len(rows) * width
        if self.cells > self.limits.max_cells:
            raise LimitExceededError(f"more than {self.limits.max_cells} table cells")
        rows = [row[:width] for row in rows]
        self.last_number = None
        self.blocks.append(Table.from_rows(rows, header_rows=header_rows, bold=bold))

    def footnotes(self, start: int) -> int:
        """Attach the footnote lines under the table just added; the index after them."""
        table = self.blocks[-1]
        if not isinstance(table, Table):
            return start
        lines = self.lines
        i = next_content = start
        while i < len(lines):
            line = lines[i]
            if not line.strip():
                i += 1
                continue
            if _FOOTNOTE.match(line) and not _is_heading_line(line) and not _RULE.fullmatch(line):
                text, _ = _strip_markup(line)
                table.footnotes.append(text)
                i = next_content = i + 1
                continue
            break
        return next_content

    # --- space-aligned and semicolon tables ----------------------------------

    def semicolon_table(self, start: int) -> int | None:
        """Read the ``;``-separated table at ``start``; the index after it, or None.

        A CSV file saved with semicolons: 2+ lines in a row, each with the same
        number of fields (at least two, at least one holding a number).
        """
        lines = self.lines
        count = _semicolon_fields(lines[start])
        end = start
        while end < len(lines) and lines[end].strip() and _semicolon_fields(lines[end]) == count:
            end += 1
        run = lines[start:end]
        if len(run) < 2 or not any(
            is_number(part.strip()) for line in run for part in line.split(";")
        ):
            self.no_semicolon_table_before = end
            return None
        rows: list[list[str]] = []
        bold: set[tuple[int, int]] = set()
        for line in run:
            parts = line.split(";")
            if len(parts) > 1 and all(
                p.strip().startswith('"') and p.strip().endswith('"') and len(p.strip()) > 1
                for p in parts
                if p.strip()
            ):
                parts = [p.strip()[1:-1] if p.strip() else p for p in parts]
            texts, bold_cols = _cells(line, parts)
            bold.update((len(rows), c) for c in bold_cols)
            rows.append(texts)
        # The head: the rows above the first with a value (a year is a head).
        header_rows = 0
        for texts in rows[:-1]:
            if any(is_value(text) for text in texts):
                break
            header_rows += 1
        self.flush()
        self.add_table(rows, header_rows=header_rows, bold=bold)
        return end

    def aligned_table(self, start: int) -> int | None:
        """Read the space-aligned table at ``start``; the index after it, or None.

        When the lines from ``start`` are no table, no line among them starts
        one either: a table's tail read alone is no better a table.
        """
        end = self.aligned.region(start)
        # A label line of the running paragraph right above the first row
        # (a group row such as a year) belongs to the table.
        first = fields_of(self.lines[start])
        above = fields_of(self.lines[start - 1]) if start and self.para else []
        pulled = (
            len(above) == 1
            and len(first) >= 2
            and any(is_value(text) for _, _, text in first)
            and above[0][1] < first[1][0]
            and is_label(above[0][2])
        )
        if pulled and self.add_aligned_table(start - 1, end, pulled=True):
            return end
        if self.add_aligned_table(start, end):
            return end
        self.no_aligned_table_before = end
        return None

    def add_aligned_table(self, start: int, end: int, *, pulled: bool = False) -> bool:
        """Add the table that lines ``start`` to ``end`` hold; whether they hold one.

        ``pulled``: line ``start`` was read into the running paragraph already
        and is taken back from it; so are the lines above it that head it.
        """
        in_para = len(self.para) - (1 if pulled else 0)
        above = 0
        while (
            above < min(_MAX_HEAD_LINES_ABOVE, in_para, start)
            and self.lines[start - above - 1].strip()
            and self.para[in_para - above - 1] == self.lines[start - above - 1]
        ):
            above += 1
        table = self.aligned.table(start, end, above=above)
        if table is None:
            return False
        rows, header_rows, taken = table
        if pulled:
            self.para.pop()
        del self.para[len(self.para) - taken :]
        self.flush()
        self.add_table(rows, header_rows=header_rows, bold=set())
        return True
