"""Check each total row against the rows it totals, and link those rows to it.

Which rows a total totals is read from the table's structure first and its
numbers second. The structures Latvian tables use:

- a total last (``…``, ``Kopā``) totals the rows above it, back to the section
  row or the total before it; a total first (``Kopā`` right under the header
  or a section row) totals the rows below it;
- sections with subtotals (``PABALSTI`` … ``Kopā pabalstiem``,
  ``PAKALPOJUMI`` … ``Kopā``) under one grand total: the grand total sums
  each section's subtotal, and the rows of a section that has none;
- breakdowns: a row ending in a marker (``Klienti kopā, no tiem``) or a
  marker row alone (``no tiem:``) opens parts that need not be complete
  (their sum may be less than the row, never more); a row starting with one
  (``t.sk. bērni``) is a part of the row above it.

Where the structure allows two readings (the last section's rows, or the
whole table), the reading whose parts add up to the total wins; where neither
or both do, the structure decides. Parts of a breakdown are not parts of a
total: the row they break down is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from reportparse._codes import SHARE_UNITS, WarningCode
from reportparse._interpret._layout import period_span
from reportparse._interpret._observations import DataRow
from reportparse._lang._labels import clean_label
from reportparse._records._report import Observation, ParseWarning

__all__ = ["check_totals"]

# Shares and rates do not add up: a total's percentage is no sum of its parts'.
_UNSUMMED_UNITS = SHARE_UNITS


class _Table:
    """One table's rows and observations, and the warnings and links being made."""

    def __init__(
        self,
        rows: list[DataRow],
        observations: list[Observation],
        *,
        offset: int,
        table_id: int,
        warnings: list[ParseWarning],
    ) -> None:
        self.rows = rows
        self.observations = observations
        self.offset = offset
        self.table_id = table_id
        self.warnings = warnings

    def data(self, i: int) -> bool:
        return self.rows[i].kind == "data"

    # -- sums --------------------------------------------------------------

    def agrees(self, total: DataRow, parts: list[DataRow]) -> bool | None:
        """Whether ``parts`` add up to ``total`` in every column both state; None if none."""
        compared = False
        for column, index in total.main.items():
            summed = self._sum(parts, column, index)
            if summed is None:
                continue
            total_value = self.observations[index].value
            if summed != total_value:
                return False
            compared = True
        return True if compared else None

    def _sum(self, parts: list[DataRow], column: int, index: int) -> int | Decimal | None:
        """The sum of ``parts`` in ``column``; None unless all are comparable with ``index``."""
        return self.sum_of([part.main.get(column) for part in parts], index)

    def sum_of(self, parts: list[int | None], index: int) -> int | Decimal | None:
        """The sum of the observations ``parts``; None unless all are comparable with ``index``."""
        total_obs = self.observations[index]
        if not parts or total_obs.value is None or total_obs.unit in _UNSUMMED_UNITS:
            return None
        summed: int | Decimal = 0
        for part in parts:
            if part is None:
                return None
            part_obs = self.observations[part]
            # A placeholder ("-") among the parts means none of that kind; it
            # states no unit.
            if part_obs.value is None:
                continue
            if part_obs.unit != total_obs.unit:
                return None
            summed += part_obs.value
        return summed

    # -- links and warnings ------------------------------------------------

    def link(self, total: DataRow, parts: list[DataRow], *, exact: bool) -> None:
        """Point every observation of ``parts`` at ``total``'s in its column; warn on a mismatch."""
        if not parts:
            return
        for column, main in total.main.items():
            parent = self.offset + main
            for part in parts:
                for index in part.cells.get(column, []):
                    # The table's observations were made for this table and are
                    # not shared yet: setting the field spares copying each one,
                    # which cost a third of reading a large table.
                    object.__setattr__(self.observations[index], "parent", parent)
            summed = self._sum(parts, column, main)
            if summed is None:
                continue
            total_value = self.observations[main].value
            assert total_value is not None
            if (exact and summed != total_value) or (not exact and summed > total_value):
                self.warn(total, f"{len(parts)} rows", column, main, summed, exact=exact)

    def warn(
        self, total: DataRow, parts: str, column: int, index: int, summed: object, *, exact: bool
    ) -> None:
        """Warn that the total at ``index`` is not what its ``parts`` ("3 rows") add up to."""
        total_obs = self.observations[index]
        code = WarningCode.TOTAL_MISMATCH if exact else WarningCode.BREAKDOWN_EXCEEDS_TOTAL
        relation = "sum to" if exact else "add up to more than the total:"
        where = " ".join(x for x in (total_obs.measure, total_obs.period) if x)
        self.warnings.append(
            ParseWarning(
                code=code,
                message=(
                    f"table {self.table_id}, row {total.row} {total.label!r}, column {column}"
                    f"{' (' + where + ')' if where else ''}: the total is {total_obs.value} "
                    f"but the {parts} it totals {relation} {summed}"
                ),
                table=self.table_id,
                row=total.row,
                column=column,
            )
        )


def check_totals(
    rows: list[DataRow],
    observations: list[Observation],
    *,
    offset: int,
    table_id: int,
    warnings: list[ParseWarning],
    column_totals: Mapping[int, tuple[int, ...]] | None = None,
) -> None:
    """Set ``parent`` on the parts of every total and warn where the numbers disagree.

    ``observations`` are the table's own, which stand at ``offset`` in the report.
    A total row must equal the sum of its rows (``total_mismatch``); a breakdown
    only bounds its parts from above, since it need not be complete
    (``breakdown_exceeds_total``). ``column_totals`` maps a total column to the
    columns it totals (``Gadā kopā`` after the quarters): in each row it must
    equal their sum too. Nothing is dropped.
    """
    table = _Table(rows, observations, offset=offset, table_id=table_id, warnings=warnings)
    claimed, owners = _breakdowns(table)
    _totals(table, claimed, owners)
    for total, parts in (column_totals or {}).items():
        _column_total(table, total, parts)


# -- breakdowns -------------------------------------------------------------


def _breakdowns(table: _Table) -> tuple[set[int], set[int]]:
    """Link and check every breakdown; the positions of their parts, and of their owners."""
    rows = table.rows
    claimed: set[int] = set()
    owners: set[int] = set()
    for i, row in enumerate(rows):
        if row.kind == "marker":
            owner = i - 1 if i > 0 and table.data(i - 1) else None
            if owner is None:
                continue
            parts = _unmarked_parts(table, i + 1)
        elif row.kind == "data" and row.role == "breakdown":
            owner = i
            marked = i + 1 < len(rows) and table.data(i + 1) and rows[i + 1].role == "part"
            parts = _marked_parts(table, i + 1) if marked else _unmarked_parts(table, i + 1)
        else:
            continue
        owners.add(owner)
        claimed.update(parts)
        table.link(rows[owner], [rows[p] for p in parts], exact=False)
    for i, row in enumerate(rows):
        if row.kind != "data" or row.role != "part" or i in claimed:
            continue
        owner = _owner_of_part(table, i)
        if owner is not None:
            claimed.add(i)
            # Parts marked one by one ("t.sk. bērni", "t.sk. sievietes") may
            # overlap: only a part larger than its row is wrong.
            table.link(rows[owner], [row], exact=False)
    return claimed, owners


def _marked_parts(table: _Table, start: int) -> list[int]:
    parts = []
    for i in range(start, len(table.rows)):
        if not table.data(i) or table.rows[i].role != "part":
            break
        parts.append(i)
    return parts


def _unmarked_parts(table: _Table, start: int) -> list[int]:
    """The rows under a breakdown: to the next section, total or breakdown.

    Parts printed in lower case end at a row in upper case (``bērni``,
    ``pensionāri``, then ``Ģimeņu skaits``): that row is the next item of the table.
    A part's own marked parts (``t.sk. …``) are its, not the breakdown's.
    """
    parts: list[int] = []
    lower: bool | None = None
    for i in range(start, len(table.rows)):
        row = table.rows[i]
        if not table.data(i) or row.role in ("total", "breakdown", "marker"):
            break
        if row.role == "part":
            continue
        initial = next((ch for ch in row.label if ch.isalpha()), "")
        if lower is None:
            lower = initial.islower()
        elif lower and initial.isupper():
            break
        parts.append(i)
    return parts


def _owner_of_part(table: _Table, i: int) -> int | None:
    for j in range(i - 1, -1, -1):
        if not table.data(j):
            return None
        if table.rows[j].role != "part":
            return j
    return None


# -- totals -----------------------------------------------------------------


def _totals(table: _Table, claimed: set[int], owners: set[int]) -> None:
    rows = table.rows
    totals = [
        i
        for i, row in enumerate(rows)
        if row.kind == "data" and row.role == "total" and i not in claimed and i not in owners
    ]
    if not totals:
        return
    first_data = next(i for i, row in enumerate(rows) if row.kind == "data")
    # Positions totalled by a total already scoped, and the totals that were grand.
    covered: set[int] = set()
    grand_ends: list[int] = [-1]
    scopes: dict[int, list[int]] = {}
    deferred: list[int] = []
    for i in totals:
        if i == first_data or not table.data(i - 1):
            if i + 1 < len(rows) and table.data(i + 1) and rows[i + 1].role == "part":
                # "Pabalsti kopā" over "t.sk. …" rows is broken down, not summed:
                # the rows after its parts are no parts of it.
                continue
            local = _run(table, range(i + 1, len(rows)), claimed, covered)
            if i == first_data and any(not table.data(j) for j in range(i + 1, len(rows))):
                # "Kopā" under the header of a table in sections: the units
                # below it are known only once the sections' totals are.
                deferred.append(i)
                continue
            scopes[i] = local
            covered.update(local)
            continue
        local = _run(table, range(i - 1, -1, -1), claimed, covered)[::-1]
        span = range(grand_ends[-1] + 1, i)
        grand = _units(table, span, claimed, covered)
        scope = _choose(table, i, local, grand, last=i == len(rows) - 1)
        if scope is grand and scope != local:
            grand_ends.append(i)
            _lift_section(table, i, span)
        scopes[i] = scope
        covered.update(scope)
    for i in deferred:
        local = _run(table, range(i + 1, len(rows)), claimed, covered)
        grand = _units(table, range(i + 1, len(rows)), claimed, covered)
        scopes[i] = _pick(table, i, local, grand, prefer_grand=True)
        covered.update(scopes[i])
    for i, scope in scopes.items():
        parts = [rows[p] for p in scope]
        table.link(rows[i], parts, exact=True)
        _date_total(table, rows[i], parts)


def _date_total(table: _Table, total: DataRow, parts: list[DataRow]) -> None:
    """A total under period rows (``2021``, ``2022``, ``Kopā``) counts what they count, over
    all their periods: it takes their indicator and measure, and the span of their periods."""
    periods = [part.period for part in parts]
    if total.period is not None or not periods or None in periods:
        return
    joined = period_span([p for p in periods if p is not None])
    span = joined.iso if joined is not None else None
    for column in total.main:
        siblings = [table.observations[i] for part in parts for i in part.cells.get(column, [])]
        if not siblings or len({(o.indicator, o.measure) for o in siblings}) != 1:
            continue
        for index in total.cells[column]:
            table.observations[index] = replace(
                table.observations[index],
                indicator=siblings[0].indicator,
                measure=siblings[0].measure,
                period=span if span is not None else table.observations[index].period,
            )


def _column_total(table: _Table, total: int, parts: tuple[int, ...]) -> None:
    """Check each row's cell in a total column against the row's cells in ``parts``.

    A number that a total row already totals keeps that parent: a cell has
    one, and the row's structure is the one the table states first.
    """
    for row in table.rows:
        main = row.main.get(total)
        if row.kind != "data" or main is None:
            continue
        summed = table.sum_of([row.main.get(column) for column in parts], main)
        if summed is None:
            continue
        parent = table.offset + main
        for column in parts:
            for index in row.cells.get(column, []):
                if table.observations[index].parent is None:
                    object.__setattr__(table.observations[index], "parent", parent)
        if summed != table.observations[main].value:
            table.warn(row, f"{len(parts)} columns", total, main, summed, exact=True)


def _lift_section(table: _Table, i: int, span: range) -> None:
    """A grand total printed under the last section is in none: it takes the section
    that the first section row of its span is in."""
    outer = next((table.rows[j] for j in span if table.rows[j].kind == "section"), None)
    if outer is None:
        return
    for indices in table.rows[i].cells.values():
        for index in indices:
            observation = table.observations[index]
            table.observations[index] = replace(observation, section=outer.section)


def _run(table: _Table, order: range, claimed: set[int], covered: set[int]) -> list[int]:
    """The rows next to a total in ``order`` up to the first section row, total or totalled row."""
    run = []
    for j in order:
        if not table.data(j) or table.rows[j].role == "total" or j in covered:
            break
        if j not in claimed:
            run.append(j)
    return run


def _units(table: _Table, span: range, claimed: set[int], covered: set[int]) -> list[int]:
    """What a grand total over ``span`` sums: subtotals, and rows under none."""
    return [j for j in span if table.data(j) and j not in claimed and j not in covered]


def _choose(table: _Table, i: int, local: list[int], grand: list[int], *, last: bool) -> list[int]:
    """A total printed after rows: its own section's rows, or all the sections above."""
    rows = table.rows
    subtotals = [j for j in grand if rows[j].role == "total"]
    if subtotals:
        # Sections that each end in "Kopā" repeat a pattern: this "Kopā" is one more.
        label = clean_label(rows[i].label).casefold()
        prefer_grand = all(clean_label(rows[j].label).casefold() != label for j in subtotals)
    else:
        # Sections with no subtotals and one total at the very end ("Pašu
        # nodrošinātie" …, "Pirktie" …, "Kopā"): it totals them all.
        prefer_grand = last
    return _pick(table, i, local, grand, prefer_grand=prefer_grand)


def _pick(
    table: _Table, i: int, local: list[int], grand: list[int], *, prefer_grand: bool
) -> list[int]:
    if not local:
        return grand
    if not grand or grand == local:
        return local
    total = table.rows[i]
    local_agrees = table.agrees(total, [table.rows[j] for j in local])
    grand_agrees = table.agrees(total, [table.rows[j] for j in grand])
    if local_agrees and not grand_agrees:
        return local
    if grand_agrees and not local_agrees:
        return grand
    return grand if prefer_grand else local
