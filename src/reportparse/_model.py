"""The document model every reader produces and interpretation consumes.

Readers know formats; interpretation knows Latvian reports. This model is the
only thing between them: headings, paragraphs and tables in reading order,
each with the page it came from. A table is a list of cells that know their
position and span, so that a merged header (``Iesniegumu skaits`` over three
month columns) is stored once and expanded only by :meth:`Table.grid`.

Cell text is the text as printed: markup removed (``<b>``, ``**``), a line
wrapped by the layout joined back (``jūlij`` + ``s`` → ``jūlijs``), an explicit
line break kept as ``\\n``. Footnote marks (``*``) stay in the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportparse._codes import Format, WarningCode

__all__ = [
    "BBox",
    "Block",
    "Cell",
    "Conventions",
    "Document",
    "Format",
    "Heading",
    "LineBox",
    "Paragraph",
    "Table",
]


@dataclass(frozen=True, slots=True)
class Conventions:
    """The words of the document's language that a reader needs to lay its text out.

    Readers know markup and geometry; these come from ``_lang`` through the
    caller, as regular-expression fragments matched case-insensitively.
    """

    #: After ``1.`` a month makes a date (``1. jūlijā``), not a numbered list item.
    month_stems: tuple[str, ...]
    #: Nouns that, after ``3.``, make an ordinal phrase (``3. ceturksnī``), not an item.
    ordinal_noun_stems: tuple[str, ...]
    #: Words of a running page number before the number (``lpp. 3``, ``page 3``).
    page_words: tuple[str, ...]
    #: Words of a running page number after the number (``3. lpp.``).
    page_words_after_number: tuple[str, ...]
    #: ``3 no 5``, ``3 of 5``.
    page_of_words: tuple[str, ...]
    #: Word's built-in paragraph style names, as it names them in each language:
    #: ``Heading 2`` / ``Virsraksts 2``, ``Title``, ``List Paragraph``, ``Table Heading``.
    heading_styles: tuple[str, ...]
    title_styles: tuple[str, ...]
    list_styles: tuple[str, ...]
    table_heading_styles: tuple[str, ...]


#: ``(x0, top, x1, bottom)`` in PDF points from the page's top-left corner.
BBox = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class LineBox:
    """Where one printed line of a paragraph is: the offsets of its text in the
    paragraph's text, and its box on the paragraph's page."""

    start: int
    end: int
    bbox: BBox


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of a table, stored once at its top-left grid position."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    #: The source marks the cell as a header (``<th>``, a repeated header row, a heading style).
    header: bool = False
    bold: bool = False
    #: 1-based page the cell is printed on, where the format has pages.
    page: int | None = None
    #: Its box on ``page``, where the format has pages (the part on its first
    #: page, for a cell a page break cut).
    bbox: BBox | None = None


@dataclass(slots=True)
class Table:
    """A table as a set of spanning cells on an ``n_rows`` × ``n_cols`` grid."""

    cells: list[Cell]
    n_rows: int
    n_cols: int
    #: 1-based page on which the table starts, where the format has pages.
    page: int | None = None
    #: Footnote lines printed under the table (``* …``, ``** …``), in order.
    footnotes: list[str] = field(default_factory=list)

    def grid(self) -> list[list[Cell | None]]:
        """Rows × columns; a spanned position holds the spanning cell itself.

        >>> t = Table([Cell("a", 0, 0, colspan=2), Cell("b", 1, 1)], n_rows=2, n_cols=2)
        >>> [[c.text if c else None for c in row] for row in t.grid()]
        [['a', 'a'], [None, 'b']]
        """
        grid: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, min(cell.row + cell.rowspan, self.n_rows)):
                for c in range(cell.col, min(cell.col + cell.colspan, self.n_cols)):
                    grid[r][c] = cell
        return grid

    @classmethod
    def from_rows(
        cls,
        rows: list[list[str]],
        *,
        header_rows: int = 0,
        page: int | None = None,
        bold: set[tuple[int, int]] | None = None,
    ) -> Table:
        """Build a span-less table from rows of text (short rows are padded).

        >>> t = Table.from_rows([["", "jūlijs"], ["GMI pabalsts", "40"]], header_rows=1)
        >>> (t.n_rows, t.n_cols, t.cells[1].header, t.cells[3].text)
        (2, 2, True, '40')
        """
        n_cols = max((len(r) for r in rows), default=0)
        bold = bold or set()
        cells = [
            Cell(
                text=row[c] if c < len(row) else "",
                row=r,
                col=c,
                header=r < header_rows,
                bold=(r, c) in bold,
                page=page,
            )
            for r, row in enumerate(rows)
            for c in range(n_cols)
        ]
        return cls(cells=cells, n_rows=len(rows), n_cols=n_cols, page=page)


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading; ``level`` 1 is the largest. Readers map styles, tags and markup to levels."""

    text: str
    level: int = 1
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Running text: a paragraph or one list item."""

    text: str
    page: int | None = None
    list_item: bool = False
    #: Its printed lines, in order, where the format has pages.
    lines: tuple[LineBox, ...] = ()


Block = Heading | Paragraph | Table


@dataclass(slots=True)
class Document:
    """What a reader returns: blocks in reading order and what the file says about itself."""

    format: Format
    blocks: list[Block] = field(default_factory=list)
    #: Number of pages for paged formats (PDF), else None.
    pages: int | None = None
    #: The title stored in the file's metadata (PDF info, DOCX core properties, HTML <title>).
    metadata_title: str | None = None
    #: Problems the reader noticed but read past, as (code, message) pairs.
    notes: list[tuple[WarningCode, str]] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]
