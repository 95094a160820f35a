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
from bisect import bisect_right
from functools import cache

from reportparse._codes import WarningCode
from reportparse._errors import EmptyFileError, LimitExceededError
from reportparse._limits import Limits, TextCounter
from reportparse._model import Block, Conventions, Document, Heading, Paragraph, Table
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

# Every cell of a ``----\t----`` or ``|---|:---:|`` row is a run of these.
_SEPARATOR_CELL = re.compile(r"\s*:?[-=_+]{3,}:?\s*|\s*")
_PIPE_SEPARATOR = re.compile(r"\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*")
_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
# A continuation line holding only a number is a row of its own, not more text.
_BARE_VALUE = re.compile(r"[\d\s.,%+*xX()\-–—]*")
# A column head: words, or a period that starts with a year or a date
# ("2021", "2022.gads uz 30.11.", "01.01.2022.-30.11.2022."), never a number alone.
_HEAD_CELL = re.compile(
    r"[^\d]*|(?:19|20)\d\d(?:\D.*)?|\d{1,2}\.\d{1,2}\.(?:\d{4}\.?)?\s*[-–—].*", re.DOTALL
)
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
    if not filled or not all(_HEAD_CELL.fullmatch(texts[c]) for c in filled):
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


def _trimmed(row: list[str]) -> list[str]:
    end = len(row)
    while end and not row[end - 1]:
        end -= 1
    return row[:end]


# --- space-aligned tables ------------------------------------------------------

# A field of a line laid out with spaces: words joined by single spaces.
_FIELD = re.compile(r"[^ ]+(?: [^ ]+)*")
# A number as a cell holds it: a sign, thousands apart by a space, a decimal
# comma or point, a percent sign, a footnote star; or a dash for "none".
_ALIGNED_NUMBER = re.compile(
    r"[-+–—−]? ?\(?\d{1,3}(?: \d{3})+(?:[.,]\d+)?\)? ?%?\**"
    r"|[-+–—−]? ?\(?\d+(?:[.,]\d+)?\)? ?%?\**"
)
# A year as a column head ("2015.", "2012.gads") is no value of the body.
_YEAR_HEAD = re.compile(r"\(?(?:19|20)\d\d\.?\)?")
_YEAR_START = re.compile(r"\(?(?:19|20)\d\d(?!\d)")
# "1.", "1.1.", "5.1" before a label: the row's number, not its label.
_ROW_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})*\.?")
# A dash or bullet before a label in a list of sub-items ("—pārvalde").
_BULLET_MARK = re.compile(r"^[-–—•·▪◦●]\s*(?=\w)")
# How many blank lines an aligned table may hold between rows.
_ALIGNED_MAX_BLANKS = 3
# How many lines without a column gap may stand between two aligned rows.
_ALIGNED_MAX_WRAPPED = 4

_Field = tuple[int, int, str]


def _fields(line: str) -> list[_Field]:
    """The fields of a space-aligned line: (start, end, text), split at 2+ spaces."""
    return [(m.start(), m.end(), m[0]) for m in _FIELD.finditer(line)]


def _is_number(text: str) -> bool:
    return bool(_ALIGNED_NUMBER.fullmatch(text)) and any(ch.isdigit() for ch in text)


def _is_value(text: str) -> bool:
    """A number of the body: not a year standing as a head."""
    return _is_number(text) and not _YEAR_HEAD.fullmatch(text)


def _is_head(text: str) -> bool:
    return bool(_HEAD_CELL.fullmatch(text) or _YEAR_HEAD.fullmatch(text))


def _is_label(text: str) -> bool:
    return any(ch.isalpha() for ch in text) and not _is_number(text)


def _aligned_cell(text: str) -> str:
    """A field as a cell: a sign set apart from its number (``- 0,67``) joined to it."""
    if len(text) > 2 and text[0] in "-+–−" and text[1] == " " and _is_number(text):
        return text[0] + text[2:]
    return text


def _continues_label(text: str) -> bool:
    """Whether a label reads on from the line above (starts in lower case or a bracket)."""
    first = text[:1]
    return first.islower() or first in "(["


def _unclosed(text: str) -> bool:
    """Whether a label leaves a bracket open (``… (uzskaitē esošo``).

    >>> _unclosed("noslodze (uzskaitē esošo"), _unclosed("beigās (% no IKP)")
    (True, False)
    """
    return text.count("(") > text.count(")") or text.count("[") > text.count("]")


def _join(parts: list[str]) -> str:
    """Join the lines of a cell with spaces; rejoin a word hyphenated at the line end."""
    text = ""
    for part in parts:
        if not text:
            text = part
        elif len(text) > 1 and text[-1] == "-" and text[-2].isalpha() and part[:1].islower():
            text = text[:-1] + part
        else:
            text += " " + part
    return text


def _spans(fields: list[_Field]) -> list[tuple[int, int]]:
    """The union of the fields' spans: one span per run of overlapping fields."""
    spans: list[tuple[int, int]] = []
    for start, end, _ in sorted(fields):
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def _is_cell_value(text: str) -> bool:
    """A value or a dash standing for none."""
    return _is_value(text) or (bool(text) and all(ch in "-–—" for ch in text))


def _columns(lines: list[list[_Field]]) -> list[tuple[int, int]]:
    """Column spans: value columns where the numbers of the rows overlap, text
    columns where the other fields do, clear of the values.

    A number set a little off its column (pdftotext aligns each cell on its
    own) leaves a span of its own in the gap; two neighbouring spans that no
    line fills both of are one column.
    """
    numbers = [[f for f in fields if _is_cell_value(f[2])] for fields in lines]
    values = _spans([f for fields in numbers for f in fields])
    rights = [right for _, right in values]
    # Per value column, the lines with a number in it.
    used: list[set[int]] = [set() for _ in values]
    for k, fields in enumerate(numbers):
        for start, _, _ in fields:
            used[bisect_right(rights, start)].add(k)
    while len(values) > 1:
        gaps = [
            (values[c + 1][0] - values[c][1], c)
            for c in range(len(values) - 1)
            if used[c].isdisjoint(used[c + 1])
        ]
        if not gaps:
            break
        _, c = min(gaps)
        values[c : c + 2] = [(values[c][0], values[c + 1][1])]
        used[c : c + 2] = [used[c] | used[c + 1]]
    texts = _spans(
        [
            f
            for fields in lines
            for f in fields
            if not _is_cell_value(f[2])
            and not any(f[0] < right and left < f[1] for left, right in values)
        ]
    )
    return sorted(values + texts)


def _column_of(columns: list[tuple[int, int]], start: int, end: int) -> int:
    """The column a field overlaps most, else the nearest one."""
    best, best_key = 0, None
    for col, (left, right) in enumerate(columns):
        overlap = min(end, right) - max(start, left)
        key = (overlap, -abs((left + right) - (start + end)))
        if best_key is None or key > best_key:
            best, best_key = col, key
    return best


def _split_values(fields: list[_Field], columns: list[tuple[int, int]]) -> list[_Field]:
    """Fields with a value split off a label it runs into (``oktobris 2,65``).

    pdftotext sets a single space between a long label and the value after
    it; the value's place under a column of its own tells them apart.
    """
    result: list[_Field] = []
    for start, end, text in fields:
        cut = text.rfind(" ")
        if cut > 0 and not _is_cell_value(text) and _is_cell_value(text[cut + 1 :]):
            label_col = _column_of(columns, start, start + cut)
            if _column_of(columns, start + cut + 1, end) != label_col:
                result.append((start, start + cut, text[:cut]))
                result.append((start + cut + 1, end, text[cut + 1 :]))
                continue
        result.append((start, end, text))
    return result


def _split_head(field: _Field, columns: list[tuple[int, int]]) -> list[_Field]:
    """A head field over several columns split into the heads of each
    (``Ģimenes Personas Summa, Ls``), when every word sits inside one column;
    a head centred over columns stays whole.
    """
    start, _, text = field
    groups: list[tuple[int, list[_Field]]] = []
    for match in re.finditer(r"[^ ]+", text):
        s, e = start + match.start(), start + match.end()
        inside = [c for c, (left, right) in enumerate(columns) if s < right and left < e]
        if len(inside) > 1:
            return [field]
        col = inside[0] if inside else groups[-1][0] if groups else _column_of(columns, s, e)
        if groups and groups[-1][0] == col:
            groups[-1][1].append((s, e, match[0]))
        else:
            groups.append((col, [(s, e, match[0])]))
    if len(groups) < 2:
        return [field]
    return [
        (words[0][0], words[-1][1], " ".join(word for _, _, word in words)) for _, words in groups
    ]


def _second_column(fields: list[_Field]) -> int:
    return fields[2][0] if len(fields) > 2 else fields[-1][0]


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
            _is_number(part.strip()) for line in run for part in line.split(";")
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
            if any(_is_value(text) for text in texts):
                break
            header_rows += 1
        self.flush()
        self.add_table(rows, header_rows=header_rows, bold=bold)
        return end

    def aligned_region(self, start: int) -> int:
        """The index after the lines from ``start`` that may form one aligned table."""
        end, last_split = self._aligned_rows_end(start)
        return self._wrapped_label_end(end, last_split)

    def _aligned_rows_end(self, start: int) -> tuple[int, int]:
        """The index after the aligned rows from ``start``, and the last line split in fields."""
        lines = self.lines
        end = start + 1
        last_split = start
        wrapped = blanks = 0
        # Where the second column of values starts (the only one, in two columns).
        label_right = _second_column(_fields(lines[start]))
        widest = _fields(lines[start])[-1][1]
        has_values = any(_is_value(text) for _, _, text in _fields(lines[start]))
        j = start + 1
        while j < len(lines):
            line = lines[j]
            if not line.strip():
                blanks += 1
                if blanks > _ALIGNED_MAX_BLANKS:
                    break
                j += 1
                continue
            if "\t" in line.rstrip() or "|" in line or _is_heading_line(line):
                break
            fields = _fields(line)
            values = sum(1 for _, _, text in fields if _is_value(text))
            heads = not values and len(fields) >= 2 and all(_is_head(t) for _, _, t in fields)
            # A row of years under rows of values heads another table; not a
            # line whose label goes on from the row above, with years under its values.
            if (
                heads
                and has_values
                and sum(1 for f in fields if _YEAR_START.match(f[2])) >= 2
                and not (fields[0][0] < label_right and _continues_label(fields[0][2]))
            ):
                break
            if blanks:
                # Past a blank line the table goes on only with a row of values
                # near: not with prose, nor with the head of another table.
                if heads:
                    break
                if blanks > 1 and not self.values_near(j):
                    break
            if len(fields) >= 2:
                last_split = j
                end = j + 1
                wrapped = 0
                has_values = has_values or values > 0
                label_right = min(label_right, _second_column(fields))
                widest = max(widest, fields[-1][1])
            else:
                wrapped += 1
                # A line running from the labels on over the values is prose.
                if wrapped > _ALIGNED_MAX_WRAPPED or (
                    fields[0][0] < label_right < fields[0][1] - 2 and fields[0][1] > widest * 2 // 3
                ):
                    break
            blanks = 0
            j += 1
        return end, last_split

    def _wrapped_label_end(self, end: int, last_split: int) -> int:
        """The index after the label lines from ``end`` wrapped under the row at ``last_split``.

        A line of one field left of the row's values goes on with its label
        when it starts in lower case, or, whatever it starts with (``1000
        personām``), while the label leaves a bracket open that a line
        below closes.
        """
        lines = self.lines
        first = _fields(lines[last_split])
        value_x = first[1][0] if len(first) > 1 else 0
        label = self._row_label(last_split, value_x)
        k = end
        while k < len(lines):
            fields = _fields(lines[k])
            if len(fields) != 1 or fields[0][1] >= value_x:
                break
            text = fields[0][2]
            near = k - last_split <= 2 and _continues_label(text)
            if not near and not (_unclosed(label) and k - last_split <= _ALIGNED_MAX_WRAPPED):
                break
            label += " " + text
            k += 1
            # Lines under an open bracket count only once it closes.
            if near or not _unclosed(label):
                end = k
        return end

    def _row_label(self, last_split: int, value_x: int) -> str:
        """The label text left of ``value_x`` on line ``last_split`` and the
        lines of one field wrapped right above it."""
        lines = self.lines
        k = last_split
        while k > 0 and last_split - k < _ALIGNED_MAX_WRAPPED and len(_fields(lines[k - 1])) == 1:
            k -= 1
        parts = [fields[0][2] for fields in map(_fields, lines[k : last_split + 1])]
        first = _fields(lines[last_split])
        if first[0][1] >= value_x:
            parts.pop()
        return " ".join(parts)

    def values_near(self, j: int) -> bool:
        """Whether a line with two fields, one a value, comes within a few lines from ``j``."""
        for line in self.lines[j : j + _ALIGNED_MAX_WRAPPED + 2]:
            fields = _fields(line)
            if len(fields) >= 2 and any(_is_value(text) for _, _, text in fields):
                return True
        return False

    def aligned_table(self, start: int) -> int | None:
        """Read the space-aligned table at ``start``; the index after it, or None.

        When the lines from ``start`` are no table, no line among them starts
        one either: a table's tail read alone is no better a table.
        """
        end = self.aligned_region(start)
        # A label line of the running paragraph right above the first row
        # (a group row such as a year) belongs to the table.
        first = _fields(self.lines[start])
        above = _fields(self.lines[start - 1]) if start and self.para else []
        pulled = (
            len(above) == 1
            and len(first) >= 2
            and any(_is_value(text) for _, _, text in first)
            and above[0][1] < first[1][0]
            and _is_label(above[0][2])
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
        and is taken back from it.
        """
        lines = self.lines
        region = [(j, _fields(lines[j])) for j in range(start, end) if lines[j].strip()]
        if len(self._value_rows(region)) < 2:
            return False
        body_at = self._body_start(region)
        if body_at is None:
            return False
        columns = _columns([fields for _, fields in region[body_at:] if len(fields) >= 2])
        if len(columns) < 2:
            return False
        body_at = self._wrapped_label_start(region, body_at, columns)
        region[body_at:] = [(j, _split_values(fields, columns)) for j, fields in region[body_at:]]
        if not self._values_keep_columns(region[body_at:], columns):
            return False
        head = self._aligned_head(region[:body_at], columns)
        # Several value columns without heads: what each means is unknown.
        value_cols = {
            _column_of(columns, s, e)
            for _, fields in region[body_at:]
            for s, e, text in fields
            if _is_value(text)
        }
        if len(value_cols) > 1 and not any(head[col] for col in value_cols):
            return False
        lines_cells = self._line_cells(region[body_at:], columns)
        label_col = self.label_column(lines_cells, len(columns))
        records = self.aligned_records(lines_cells, label_col)
        rows: list[list[str]] = []
        if any(head):
            rows.append([_join(parts) for parts in head])
        for record in records:
            row = [_join(record.get(col, [])) for col in range(len(columns))]
            row[label_col] = _BULLET_MARK.sub("", row[label_col])
            rows.append(row)
        if pulled:
            self.para.pop()
        self.flush()
        self.add_table(rows, header_rows=1 if any(head) else 0, bold=set())
        return True

    @staticmethod
    def _value_rows(region: list[tuple[int, list[_Field]]]) -> list[int]:
        """The lines of ``region`` with two fields or more that are numbers or years."""
        return [
            j
            for j, fields in region
            if sum(1 for _, _, text in fields if _is_number(text) or _YEAR_HEAD.fullmatch(text))
            >= 2
        ]

    @staticmethod
    def _body_start(region: list[tuple[int, list[_Field]]]) -> int | None:
        """Where in ``region`` the body starts, after the head; None for a head alone."""
        # The head: lines above the first line holding a cell that is no head.
        return next(
            (
                k
                for k, (_, fields) in enumerate(region)
                if (len(fields) >= 2 and not all(_is_head(text) for _, _, text in fields))
                or any(_is_value(text) for _, _, text in fields)
            ),
            None,
        )

    @staticmethod
    def _wrapped_label_start(
        region: list[tuple[int, list[_Field]]], body_at: int, columns: list[tuple[int, int]]
    ) -> int:
        """Where the body at ``body_at`` starts with the label lines wrapped above it."""
        # A line of one field right above the body, in the first column, is a
        # label wrapped over the first row, not a head.
        while body_at > 0 and len(region[body_at - 1][1]) == 1:
            field = region[body_at - 1][1][0]
            if _column_of(columns, field[0], field[1]) != 0 or field[1] > columns[1][0]:
                break
            body_at -= 1
        return body_at

    @staticmethod
    def _values_keep_columns(
        body: list[tuple[int, list[_Field]]], columns: list[tuple[int, int]]
    ) -> bool:
        """Whether no line of ``body`` holds two values in one column."""
        # Two values in one column of a line mean the columns are not found.
        for _, fields in body:
            taken = [_column_of(columns, s, e) for s, e, text in fields if _is_value(text)]
            if len(taken) != len(set(taken)):
                return False
        return True

    @staticmethod
    def _aligned_head(
        head_lines: list[tuple[int, list[_Field]]], columns: list[tuple[int, int]]
    ) -> list[list[str]]:
        """The texts of the head lines, per column."""
        head: list[list[str]] = [[] for _ in columns]
        for _, fields in head_lines:
            for field in fields:
                for s, e, text in _split_head(field, columns):
                    head[_column_of(columns, s, e)].append(text)
        return head

    @staticmethod
    def _line_cells(
        body: list[tuple[int, list[_Field]]], columns: list[tuple[int, int]]
    ) -> list[tuple[int, dict[int, list[str]], dict[int, int]]]:
        """Per body line: its index, its cell texts per column and where each column's starts."""
        lines_cells: list[tuple[int, dict[int, list[str]], dict[int, int]]] = []
        for j, fields in body:
            cells: dict[int, list[str]] = {}
            starts: dict[int, int] = {}
            for s, e, text in fields:
                col = _column_of(columns, s, e)
                cells.setdefault(col, []).append(_aligned_cell(text))
                starts.setdefault(col, s)
            lines_cells.append((j, cells, starts))
        return lines_cells

    @staticmethod
    def label_column(
        lines_cells: list[tuple[int, dict[int, list[str]], dict[int, int]]], width: int
    ) -> int:
        """The leftmost column that holds labels in many lines."""
        counts = [0] * width
        for _, cells, _ in lines_cells:
            for col, parts in cells.items():
                text = " ".join(parts)
                if _is_label(text) and not _ROW_NUMBER.fullmatch(text):
                    counts[col] += 1
        most = max(counts)
        return next(col for col, count in enumerate(counts) if count * 2 >= most)

    @staticmethod
    def aligned_records(
        lines_cells: list[tuple[int, dict[int, list[str]], dict[int, int]]], label_col: int
    ) -> list[dict[int, list[str]]]:
        """Group the body lines into rows: a label or cell wrapped over lines is one row.

        A line starts a row of its own when it repeats a value column of the
        row above, when its label starts in upper case (or with a number)
        under a label, when the label above ends with a colon, and when its
        label is indented further than the label above, which had values: a
        sub-item, not the label's second line.
        """
        records: list[dict[int, list[str]]] = []
        record_values: set[int] = set()
        label_x: int | None = None
        previous = -2
        for j, cells, starts in lines_cells:
            values = {
                col
                for col, parts in cells.items()
                if all(_is_value(p) or (p and all(ch in "-–—" for ch in p)) for p in parts)
            }
            label = " ".join(cells.get(label_col, []))
            record = records[-1] if records else None
            new = record is None or j != previous + 1 or bool(values & record_values)
            if not new and record is not None and label:
                above = " ".join(record.get(label_col, []))
                sub_item = (
                    bool(record_values) and label_x is not None and starts[label_col] > label_x
                )
                # A label ending in a colon or naming a year heads a group.
                group = above.endswith(":") or bool(_YEAR_START.match(above))
                # A label that leaves a bracket open goes on, whatever the next line starts with.
                opens = not _continues_label(label) and bool(above) and not _unclosed(above)
                new = group or opens or sub_item
            if new:
                records.append({})
                record_values = set()
            for col, parts in cells.items():
                records[-1].setdefault(col, []).extend(parts)
            record_values |= values
            if label:
                label_x = starts[label_col]
            elif new:
                label_x = None
            previous = j
        return records
