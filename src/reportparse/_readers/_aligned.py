"""Text tables aligned with spaces, as a PDF viewer or ``pdftotext -layout`` copies them.

The columns of a block are found from the alignment of all its lines; a
head over several lines is joined per column (a head centred over columns
that have heads of their own below is the head of each), a label wrapped
over lines is joined into its row, and values centred on a label of
several lines are that label's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

__all__ = ["HEAD_CELL", "AlignedTables", "fields_of", "is_label", "is_number", "is_value"]

# A column head: words, or a period that starts with a year or a date
# ("2021", "2022.gads uz 30.11.", "01.01.2022.-30.11.2022."), never a number alone.
HEAD_CELL = re.compile(
    r"[^\d]*|(?:19|20)\d\d(?:\D.*)?|\d{1,2}\.\d{1,2}\.(?:\d{4}\.?)?\s*[-–—].*", re.DOTALL
)
# --- space-aligned tables ------------------------------------------------------

# A field of a line laid out with spaces: words joined by single spaces.
_FIELD = re.compile(r"[^ ]+(?: [^ ]+)*")
# A number as a cell holds it: a sign, thousands apart by a space, a decimal
# comma or point, a percent sign, a footnote star; or a dash for "none".
_ALIGNED_NUMBER = re.compile(
    r"[-+–—−]? ?\(?\d{1,3}(?: \d{3})+(?:[.,]\d+)?\)? ?%?\**"
    r"|[-+–—−]? ?\(?\d+(?:[.,]\d+)?\)? ?%?\**"
)
# A number with the noun it counts, as a cell of one value column holds it
# ("524 personas", "176117,11 EUR", "595 ģimenes (947 personas)", "aptuveni
# 7 000 Ls"): a few words after the number, none of them a number of its own
# that would make it a sentence.
_QUANTITY = re.compile(
    r"(?:[a-zāčēģīķļņšūž]+ )?"
    r"(?:\d{1,3}(?: \d{3})+|\d+)(?:[.,]\d+)? ?%?"
    r"(?: (?:[^\W\d]|\()[^ ]*){1,4}"
    r"(?: \(?\d[^ ]*(?: [^\W\d][^ ]*){0,3}\)?)?"
)
_QUANTITY_MAX_CHARS = 48
# A year as a column head ("2015.", "2012.gads") is no value of the body.
_YEAR_HEAD = re.compile(r"\(?(?:19|20)\d\d\.?\)?")
_YEAR_START = re.compile(r"\(?(?:19|20)\d\d(?!\d)")
# "1.", "1.1.", "5.1" before a label: the row's number, not its label.
_ROW_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})*\.?")
# The same with its closing dot, as a row number stands in a label's words.
_DOTTED_ROW_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.")
# The head of a column of row numbers, printed before the head of the labels.
_NUMBER_HEAD = re.compile(r"(N(?:r|\.)\.?(?: ?p\. ?k\.)?)(?: |$)")
# A dash or bullet before a label in a list of sub-items ("—pārvalde").
_BULLET_MARK = re.compile(r"^[-–—•·▪◦●]\s*(?=\w)")
# How many blank lines an aligned table may hold between rows.
_ALIGNED_MAX_BLANKS = 3
# How many lines without a column gap may stand between two aligned rows.
_ALIGNED_MAX_WRAPPED = 4

_Field = tuple[int, int, str]


def fields_of(line: str) -> list[_Field]:
    """The fields of a space-aligned line: (start, end, text), split at 2+ spaces."""
    return [(m.start(), m.end(), m[0]) for m in _FIELD.finditer(line)]


def is_number(text: str) -> bool:
    return bool(_ALIGNED_NUMBER.fullmatch(text)) and any(ch.isdigit() for ch in text)


def is_value(text: str) -> bool:
    """A number of the body: not a year standing as a head."""
    return (is_number(text) and not _YEAR_HEAD.fullmatch(text)) or _is_quantity(text)


def _is_quantity(text: str) -> bool:
    """A number with the noun it counts (``524 personas``), no year nor date.

    >>> [_is_quantity(t) for t in ("524 personas", "595 ģimenes (947 personas)", "2011. gads")]
    [True, True, False]
    >>> [_is_quantity(t) for t in ("1000 personām", "12,5 EUR", "Nr.47", "2 Sociālo")]
    [True, True, False, True]

    The tail of one wrapped over lines (``21 bērni)``) is none: it goes on
    from the cell above.

    >>> _is_quantity("21 bērni)"), _is_quantity("179 ģimenes (236 personas, t.sk.")
    (False, True)
    """
    return (
        text.count(")") <= text.count("(")
        and len(text) <= _QUANTITY_MAX_CHARS
        and not _YEAR_START.match(text)
        and bool(_QUANTITY.fullmatch(text))
    )


def _is_head(text: str) -> bool:
    return bool(HEAD_CELL.fullmatch(text) or _YEAR_HEAD.fullmatch(text))


def is_label(text: str) -> bool:
    return any(ch.isalpha() for ch in text) and not is_number(text) and not _is_quantity(text)


def _aligned_cell(text: str) -> str:
    """A field as a cell: a sign set apart from its number (``- 0,67``) joined to it."""
    if len(text) > 2 and text[0] in "-+–−" and text[1] == " " and is_number(text):
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
        # Fields that only touch (one ends where the next starts) are apart.
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def _is_cell_value(text: str) -> bool:
    """A value or a dash standing for none."""
    return is_value(text) or (bool(text) and all(ch in "-–—" for ch in text))


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


class AlignedTables:
    """The space-aligned tables among the lines of a text."""

    def __init__(self, lines: list[str], is_heading: Callable[[str], bool]) -> None:
        self.lines = lines
        # A heading ends a table (the text reader knows what a heading is).
        self.is_heading = is_heading

    def region(self, start: int) -> int:
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
        label_right = _second_column(fields_of(lines[start]))
        widest = fields_of(lines[start])[-1][1]
        has_values = last_values = any(is_value(text) for _, _, text in fields_of(lines[start]))
        j = start + 1
        while j < len(lines):
            line = lines[j]
            if not line.strip():
                blanks += 1
                if blanks > _ALIGNED_MAX_BLANKS:
                    break
                j += 1
                continue
            if "\t" in line.rstrip() or "|" in line or self.is_heading(line):
                break
            fields = fields_of(line)
            values = sum(1 for _, _, text in fields if is_value(text))
            heads = not values and len(fields) >= 2 and all(_is_head(t) for _, _, t in fields)
            if heads and _heads_next_table(fields, has_values, last_values, label_right):
                break
            if blanks:
                # Past a blank line the table goes on only with a row of values
                # near: not with prose, nor with the head of another table.
                if heads:
                    break
                if blanks > 1 and not self.values_near(j):
                    break
            if len(fields) >= 2:
                last_values = values > 0
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
        first = fields_of(lines[last_split])
        value_x = first[1][0] if len(first) > 1 else 0
        label = self._row_label(last_split, value_x)
        k = end
        while k < len(lines):
            fields = fields_of(lines[k])
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
        while k > 0 and last_split - k < _ALIGNED_MAX_WRAPPED and len(fields_of(lines[k - 1])) == 1:
            k -= 1
        parts = [fields[0][2] for fields in map(fields_of, lines[k : last_split + 1])]
        first = fields_of(lines[last_split])
        if first[0][1] >= value_x:
            parts.pop()
        return " ".join(parts)

    def values_near(self, j: int) -> bool:
        """Whether a line with two fields, one a value, comes within a few lines from ``j``."""
        for line in self.lines[j : j + _ALIGNED_MAX_WRAPPED + 2]:
            fields = fields_of(line)
            if len(fields) >= 2 and any(is_value(text) for _, _, text in fields):
                return True
        return False

    def table(
        self, start: int, end: int, *, above: int = 0
    ) -> tuple[list[list[str]], int, int] | None:
        """The rows of the table that lines ``start`` to ``end`` hold, how
        many of them are head rows, and how many of the ``above`` lines right
        before ``start`` are heads of it; None when the lines hold no table.

        Those lines were read as prose (a head set with single spaces, or
        one word over a column): they are heads when their words sit over
        the columns, in two columns or more, or over a column with a head.
        """
        lines = self.lines
        region = [(j, fields_of(lines[j])) for j in range(start, end) if lines[j].strip()]
        if len(self._value_rows(region)) < 2:
            return None
        body_at = self._body_start(region)
        if body_at is None:
            return None
        columns = _columns([fields for _, fields in region[body_at:] if len(fields) >= 2])
        if len(columns) < 2:
            return None
        body_at = self._wrapped_label_start(region, body_at, columns)
        region[body_at:] = [(j, _split_values(fields, columns)) for j, fields in region[body_at:]]
        if not self._values_keep_columns(region[body_at:], columns):
            return None
        taken = self._heads_above(start, above, columns, region[:body_at])
        head_lines = [(j, fields_of(lines[j])) for j in range(start - taken, start)]
        head = self._aligned_head(head_lines + region[:body_at], columns)
        # Several value columns without heads: what each means is unknown.
        value_cols = {
            _column_of(columns, s, e)
            for _, fields in region[body_at:]
            for s, e, text in fields
            if is_value(text)
        }
        if len(value_cols) > 1 and not any(head[col] for col in value_cols):
            return None
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
        header_rows = 1 if any(head) else 0
        return _row_numbers_apart(rows, label_col, header_rows=header_rows), header_rows, taken

    def _heads_above(
        self,
        start: int,
        above: int,
        columns: list[tuple[int, int]],
        head_lines: list[tuple[int, list[_Field]]],
    ) -> int:
        """How many of the ``above`` lines before ``start`` are heads over ``columns``."""
        headed = {
            _column_of(columns, s, e)
            for _, fields in head_lines
            for field in fields
            for s, e, _ in _split_head(field, columns)
        }
        taken = 0
        for j in range(start - 1, start - above - 1, -1):
            pieces = [p for field in fields_of(self.lines[j]) for p in _split_head(field, columns)]
            if any(is_value(text) or len(_overlapped(columns, s, e)) > 1 for s, e, text in pieces):
                break
            cols = {_column_of(columns, s, e) for s, e, _ in pieces}
            if not (len(cols) >= 2 or (cols and min(cols) > 0 and cols <= headed)):
                break
            headed |= cols
            taken += 1
        return taken

    @staticmethod
    def _value_rows(region: list[tuple[int, list[_Field]]]) -> list[int]:
        """The lines of ``region`` with two fields or more that are numbers or years."""
        # Or, in a table of one value column, a label and a value after it.
        return [
            j
            for j, fields in region
            if sum(1 for _, _, text in fields if is_number(text) or _YEAR_HEAD.fullmatch(text)) >= 2
            or (len(fields) >= 2 and is_label(fields[0][2]) and is_value(fields[-1][2]))
            # A row number and the values centred on a label wrapped around them.
            or (
                len(fields) == 2
                and bool(_ROW_NUMBER.fullmatch(fields[0][2]))
                and is_value(fields[1][2])
            )
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
                or any(is_value(text) for _, _, text in fields)
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
            taken = [_column_of(columns, s, e) for s, e, text in fields if is_value(text)]
            if len(taken) != len(set(taken)):
                return False
        return True

    @staticmethod
    def _aligned_head(
        head_lines: list[tuple[int, list[_Field]]], columns: list[tuple[int, int]]
    ) -> list[list[str]]:
        """The texts of the head lines, per column.

        A head centred over two columns or more that have heads of their own
        below (``2012.gads`` over ``valūta`` and ``%``) is a merged head: each
        of those columns gets it; so does a head stacked on such a head.
        """
        placed = [
            [(text, _overlapped(columns, s, e), (s + e) / 2) for s, e, text in pieces]
            for _, fields in head_lines
            for pieces in [[p for field in fields for p in _split_head(field, columns)]]
        ]
        for k in range(len(placed) - 2, -1, -1):
            below = [(cols, centre) for _, cols, centre in placed[k + 1]]
            for n, (text, cols, centre) in enumerate(placed[k]):
                spans = [
                    wide for wide, _ in below
                    if len(wide) > len(cols) and cols <= wide and _within(columns, wide, centre)
                ]  # fmt: skip
                if spans:
                    placed[k][n] = (text, spans[0], centre)
        head: list[list[str]] = [[] for _ in columns]
        lower = [set().union(*(cols for _, cols, _ in line)) for line in placed]
        for k, line in enumerate(placed):
            under = set().union(*lower[k + 1 :]) if k + 1 < len(placed) else set()
            for text, cols, centre in line:
                targets = cols if len(cols) > 1 and cols <= under else set()
                if not targets:
                    targets = (
                        {min(cols, key=lambda c: abs(sum(columns[c]) / 2 - centre))}
                        if cols
                        else set()
                    )
                for col in sorted(targets) or [_column_of(columns, int(centre), int(centre) + 1)]:
                    head[col].append(text)
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
                if is_label(text) and not _ROW_NUMBER.fullmatch(text):
                    counts[col] += 1
        most = max(counts)
        return next(col for col, count in enumerate(counts) if count * 2 >= most)

    @staticmethod
    def aligned_records(
        lines_cells: list[_LineCells], label_col: int
    ) -> list[dict[int, list[str]]]:
        """Group the body lines into rows: a label or cell wrapped over lines is one row."""
        return _RowGrouping(lines_cells, label_col).records()


_LineCells = tuple[int, dict[int, list[str]], dict[int, int]]


class _RowGrouping:
    """The rows of an aligned table's body, from its lines.

    A line starts a row of its own when it repeats a value column of the
    row above (unless that cell leaves a bracket open), when its label
    starts in upper case (or with a number) under a label, when the label
    above ends with a colon, and when its label is indented further than
    the label above, which had values: a sub-item, not the label's second
    line. pdftotext centres a row's values on its label lines: a line of
    values with no label (or a row number only) takes the label lines above
    it, and a label line right above such a line starts its row.
    """

    def __init__(self, lines_cells: list[_LineCells], label_col: int) -> None:
        self.lines_cells = lines_cells
        self.label_col = label_col
        self.kinds = [_line_kind(cells, label_col) for _, cells, _ in lines_cells]
        self.key_col = _key_column(lines_cells, self.kinds, label_col)
        value_lines = [
            c for (_, c, _), kind in zip(lines_cells, self.kinds, strict=True) if kind[1]
        ]
        self.first_key = (
            _key(value_lines[0], self.key_col) if self.key_col is not None and value_lines else ""
        )
        self.rows: list[dict[int, list[str]]] = []
        self.row_values: set[int] = set()
        self.label_x: int | None = None
        self.previous = -2

    def records(self) -> list[dict[int, list[str]]]:
        shared: list[str] = []
        for k, (j, cells, starts) in enumerate(self.lines_cells):
            if self.rows and _sandwiched(self.lines_cells, self.kinds, k, self.label_col):
                # One label centred between two rows of values with none: a
                # label merged over both rows (``lati`` and ``eiro`` of one item).
                shared = cells.get(self.label_col, [])
                self.rows[-1].setdefault(self.label_col, []).extend(shared)
            elif shared and self.kinds[k][0] == "centred":
                self.start_row({self.label_col: list(shared)})
                self.add(cells, k)
                shared = []
            else:
                shared = []
                self.line(k, j, cells, starts)
            self.previous = j
        return self.rows

    def start_row(self, row: dict[int, list[str]] | None = None) -> None:
        self.rows.append(row or {})
        self.row_values = set()

    def add(self, cells: dict[int, list[str]], k: int) -> None:
        for col, parts in cells.items():
            self.rows[-1].setdefault(col, []).extend(parts)
        self.row_values |= self.kinds[k][1]

    def line(self, k: int, j: int, cells: dict[int, list[str]], starts: dict[int, int]) -> None:
        record = self.rows[-1] if self.rows else None
        label = " ".join(cells.get(self.label_col, []))
        repeated = {
            col for col in self.kinds[k][1] & self.row_values
            if record is None or not _unclosed(" ".join(record.get(col, [])))
        }  # fmt: skip
        new = record is None or j != self.previous + 1 or bool(repeated)
        centred_values = self.kinds[k][0] == "centred" and not self.row_values
        if not new and record is not None and label and not centred_values:
            new = self.opens_row(k, j, label, starts[self.label_col], record)
        merged = bool(repeated) and record is not None and self.merged_label(j, cells, record)
        if new:
            self.start_row()
        if merged and record is not None:
            # A label wrapped beside the sub-rows of a key column
            # (``lati`` / ``eiro``) is the label of both.
            record[self.label_col].extend(cells[self.label_col])
            self.rows[-1][self.label_col] = list(record[self.label_col])
            cells = {col: parts for col, parts in cells.items() if col != self.label_col}
        self.add(cells, k)
        if label and self.kinds[k][0] != "centred":
            self.label_x = starts[self.label_col]
        elif new:
            self.label_x = None

    def opens_row(
        self, k: int, j: int, label: str, label_start: int, record: dict[int, list[str]]
    ) -> bool:
        """Whether a labelled line that repeats no value column starts a row."""
        above = " ".join(record.get(self.label_col, []))
        sub_item = bool(self.row_values) and self.label_x is not None and label_start > self.label_x
        # A label ending in a colon or naming a year heads a group.
        group = above.endswith(":") or bool(_YEAR_START.match(above))
        # A label that leaves a bracket open goes on, whatever the next line starts with.
        opens = not _continues_label(label) and bool(above) and not _unclosed(above)
        following = self.lines_cells[k + 1][0] if k + 1 < len(self.lines_cells) else -1
        tops_centred = (
            bool(self.row_values)
            and not _unclosed(above)
            and self.kinds[k][0] == "label"
            and following == j + 1
            and self.kinds[k + 1][0] == "centred"
        )
        return group or opens or sub_item or tops_centred

    def merged_label(
        self, j: int, cells: dict[int, list[str]], record: dict[int, list[str]]
    ) -> bool:
        """Whether a line that repeats the value columns carries on the label
        above beside the next sub-row of a key column."""
        label = " ".join(cells.get(self.label_col, []))
        above = " ".join(record.get(self.label_col, []))
        return (
            self.key_col is not None
            and _key(cells, self.key_col) != self.first_key
            and j == self.previous + 1
            and bool(label)
            and _continues_label(label)
            and bool(above)
            and not above.endswith(":")
        )


def _row_numbers_apart(
    rows: list[list[str]], label_col: int, *, header_rows: int
) -> list[list[str]]:
    """The row numbers that lead the labels (``2.1. t.sk. bērni``), or stand
    among a centred label's lines, set in a column of their own before the
    labels, as the table printed them; a head ``Nr.`` over both goes with them.

    Only when two rows or more have one, and what is left of the labels is
    not mostly one word repeated (``1. decile``, ``2. decile`` count the rows' subject:
    the number is part of the label).
    """
    split = [_row_number_of(row[label_col]) for row in rows[header_rows:]]
    rests = [rest for number, rest in split if number]
    if len(rests) < 2 or len(set(rests)) * 2 <= len(rests):
        return rows
    result = []
    for row in rows[:header_rows]:
        head = _NUMBER_HEAD.match(row[label_col])
        number_head, label_head = (
            (head[1], row[label_col][head.end() :]) if head else ("", row[label_col])
        )
        result.append([*row[:label_col], number_head, label_head, *row[label_col + 1 :]])
    for row, (number, label) in zip(rows[header_rows:], split, strict=True):
        result.append([*row[:label_col], number, label, *row[label_col + 1 :]])
    return result


def _row_number_of(label: str) -> tuple[str, str]:
    """A label's row number and the rest: leading, or alone among its words.

    >>> _row_number_of("2.1. t.sk. bērni"), _row_number_of("Piešķirts 1. pabalstos")
    (('2.1.', 't.sk. bērni'), ('1.', 'Piešķirts pabalstos'))
    >>> _row_number_of("2018. gadā"), _row_number_of("Kopā")
    (('', '2018. gadā'), ('', 'Kopā'))
    """
    words = label.split(" ")
    for k, word in enumerate(words):
        if _DOTTED_ROW_NUMBER.fullmatch(word) and (k == 0 or len(words) > k + 1):
            return word, " ".join(words[:k] + words[k + 1 :])
    return "", label


def _sandwiched(
    lines_cells: list[tuple[int, dict[int, list[str]], dict[int, int]]],
    kinds: list[tuple[str, set[int]]],
    k: int,
    label_col: int,
) -> bool:
    """Whether body line ``k`` is a label alone between two lines of values
    without labels, right above and below, in the same value columns."""
    if k == 0 or k + 1 >= len(lines_cells) or kinds[k][0] != "label":
        return False
    j = lines_cells[k][0]
    above, below = kinds[k - 1], kinds[k + 1]
    return (
        lines_cells[k - 1][0] == j - 1
        and lines_cells[k + 1][0] == j + 1
        and above[0] == below[0] == "centred"
        and not lines_cells[k - 1][1].get(label_col)
        and bool(above[1] & below[1])
    )


def _key_column(
    lines_cells: list[tuple[int, dict[int, list[str]], dict[int, int]]],
    kinds: list[tuple[str, set[int]]],
    label_col: int,
) -> int | None:
    """A text column beside the labels that names each line of values with
    one of a few words (``Valūta``: ``lati``, ``eiro``): sub-rows of one
    item, each item starting with the first of them."""
    value_lines = [cells for (_, cells, _), kind in zip(lines_cells, kinds, strict=True) if kind[1]]
    if len(value_lines) < 4:
        return None
    others = {col for cells in value_lines for col in cells} - {label_col}
    for col in sorted(others):
        texts = [_key(cells, col) for cells in value_lines]
        if all(is_label(t) for t in texts) and len(set(texts)) * 2 <= len(texts):
            return col
    return None


def _key(cells: dict[int, list[str]], col: int) -> str:
    return " ".join(cells.get(col, [])).rstrip("*")


def _overlapped(columns: list[tuple[int, int]], start: int, end: int) -> set[int]:
    """The columns a field overlaps; the one it overlaps most when it overlaps one."""
    cols = {c for c, (left, right) in enumerate(columns) if start < right and left < end}
    return cols or {_column_of(columns, start, end)}


def _within(columns: list[tuple[int, int]], cols: set[int], centre: float) -> bool:
    return columns[min(cols)][0] <= centre <= columns[max(cols)][1]


def _heads_next_table(
    fields: list[_Field], has_values: bool, last_values: bool, label_right: int
) -> bool:
    """Whether a line of heads under the rows of a table heads another table.

    A row of years under rows of values does, but not a line whose label
    goes on from the row above with years under its values; so does a row
    of capitalised heads right under a row of values (``Pabalsts
    Saņēmēji`` under ``4.1. t.sk. bērni   10 bērni``).
    """
    years = sum(1 for f in fields if _YEAR_START.match(f[2]))
    if has_values and years >= 2:
        return not (fields[0][0] < label_right and _continues_label(fields[0][2]))
    return last_values and all(t[:1].isupper() or _YEAR_HEAD.fullmatch(t) for _, _, t in fields)


def _line_kind(cells: dict[int, list[str]], label_col: int) -> tuple[str, set[int]]:
    """What a body line holds: ``label`` only, values under a label of their
    own (``row``) or under none but a row number (``centred``); and its value columns."""
    values = {
        col
        for col, parts in cells.items()
        if col != label_col and all(_is_cell_value(p) for p in parts)
    }
    label = " ".join(cells.get(label_col, []))
    if not values:
        return "label", values
    if not label or _ROW_NUMBER.fullmatch(label):
        return "centred", values
    return "row", values
