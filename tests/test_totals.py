"""Totals are checked against the rows they total; parts link to their total; nothing is dropped."""

from __future__ import annotations

from typing import Any

import pytest

import reportparse
from conftest import SAMPLES, WELFARE
from reportparse._interpret._pipeline import interpret
from reportparse._model import Document, Heading, Table
from reportparse._records._report import Source


def _report(rows: list[list[str]], header_rows: int = 1) -> reportparse.Report:
    document = Document(
        format="text",
        blocks=[
            Heading("Pārskats par 2023. gadu", level=1),
            Table.from_rows(rows, header_rows=header_rows),
        ],
    )
    return interpret(document, Source(path=None, format="text", sha256="0" * 64))


def _warnings(report: reportparse.Report) -> list[tuple[str, Any, Any]]:
    return [(w.code, w.row, w.column) for w in report.warnings]


CASES_TOTALS = [
    pytest.param(
        [["", "2022", "2023"], ["Kopā", "10", "21"], ["a", "4", "8"], ["b", "6", "12"]],
        [("total_mismatch", 1, 2)],
        id="total-first-row",
    ),
    pytest.param(
        [["", "2022", "2023"], ["a", "4", "8"], ["b", "6", "12"], ["Kopā", "10", "20"]],
        [],
        id="total-last-row-agrees",
    ),
    pytest.param(
        [["", "2023"], ["a", "4"], ["b", "-"], ["Pavisam kopā", "5"]],
        [("total_mismatch", 3, 1)],
        id="placeholder-part-counts-as-none",
    ),
    pytest.param(
        [
            ["", "2023"],
            ["PABALSTI", ""],
            ["a", "4"],
            ["b", "6"],
            ["Kopā pabalstiem", "10"],
            ["PAKALPOJUMI", ""],
            ["c", "1"],
            ["Kopā pakalpojumiem", "1"],
            ["Kopā", "12"],
        ],
        [("total_mismatch", 8, 1)],
        id="grand-total-of-subtotals",
    ),
    pytest.param(
        [["", "2023"], ["klienti, no tiem", "201"], ["I grupa", "76"], ["II grupa", "107"]],
        [],
        id="breakdown-may-be-incomplete",
    ),
    pytest.param(
        [["", "2023"], ["klienti, no tiem", "100"], ["I grupa", "76"], ["II grupa", "107"]],
        [("breakdown_exceeds_total", 1, 1)],
        id="breakdown-exceeding-its-total",
    ),
    pytest.param(
        [["", "2023"], ["Kopā", "10"], ["a", "4/3"], ["b", "6"]],
        [],
        id="compound-part-is-not-summed",
    ),
    pytest.param(
        [
            ["", "2023"],
            ["PABALSTI", ""],
            ["a", "4"],
            ["b", "6"],
            ["Kopā pabalstiem", "10"],
            ["PAKALPOJUMI", ""],
            ["c", "1"],
            ["d", "2"],
            ["Kopā", "13"],
        ],
        [],
        id="grand-total-of-a-subtotal-and-a-section-without-one",
    ),
    pytest.param(
        [
            ["", "2023"],
            ["PABALSTI", ""],
            ["a", "4"],
            ["b", "6"],
            ["Kopā pabalstiem", "10"],
            ["PAKALPOJUMI", ""],
            ["c", "1"],
            ["d", "2"],
            ["Kopā", "14"],
        ],
        [("total_mismatch", 8, 1)],
        id="grand-total-of-a-subtotal-and-a-section-without-one-differs",
    ),
    pytest.param(
        [["", "2023"], ["Pašu", ""], ["a", "4"], ["b", "6"], ["Pirktie", ""], ["c", "1"],
         ["Kopā", "11"]],
        [],
        id="one-total-after-sections-without-subtotals",
    ),
    pytest.param(
        [["", "2023"], ["A", ""], ["a", "4"], ["Kopā", "4"], ["B", ""], ["b", "6"], ["c", "1"],
         ["Kopā", "7"]],
        [],
        id="each-section-its-own-kopa",
    ),
    pytest.param(
        [["", "2023"], ["A", ""], ["a", "4"], ["Kopā", "4"], ["B", ""], ["b", "6"], ["c", "1"],
         ["Kopā", "8"]],
        [("total_mismatch", 7, 1)],
        id="each-section-its-own-kopa-differs",
    ),
    pytest.param(
        [["", "2023"], ["kopā", "11"], ["Pašu", ""], ["a", "4"], ["b", "6"], ["Pirktie", ""],
         ["c", "1"]],
        [],
        id="total-first-over-sections",
    ),
    pytest.param(
        [["", "2023"], ["Saņēmēji kopā", "10"], ["no tiem:", ""], ["a", "4"], ["b", "5"]],
        [],
        id="marker-row-makes-a-breakdown",
    ),
    pytest.param(
        [["", "2023"], ["Saņēmēji kopā", "10"], ["no tiem:", ""], ["a", "4"], ["b", "7"]],
        [("breakdown_exceeds_total", 1, 1)],
        id="marker-row-breakdown-exceeding",
    ),
    pytest.param(
        [["", "2023"], ["Pabalsti kopā", "100"], ["t.sk. GMI", "40"], ["t.sk. mājokļa", "70"],
         ["Pakalpojumi", "30"]],
        [],
        id="total-over-marked-parts-totals-no-later-rows",
    ),
    pytest.param(
        [["", "2023"], ["Klienti, no tiem", "50"], ["bērni", "20"], ["pensionāri", "25"],
         ["Ģimenes", "40"]],
        [],
        id="lower-case-parts-end-at-a-capital",
    ),
    pytest.param(
        [["", "2023"], ["a", "76 475 (t.sk. valsts dotāc. 10 780)"], ["b", "25"],
         ["Kopā", "76 500"]],
        [],
        id="a-cell-with-a-note-adds-up-by-its-first-number",
    ),
    pytest.param(
        [["", "2023"], ["a", "76 475 (t.sk. valsts dotāc. 10 780)"], ["b", "25"],
         ["Kopā", "76 501"]],
        [("total_mismatch", 3, 1)],
        id="a-cell-with-a-note-adds-up-by-its-first-number-differs",
    ),
    pytest.param(
        [["", "Izmaiņas, %"], ["a", "4,1"], ["b", "6,0"], ["Kopā", "5,2"]],
        [],
        id="percentages-are-not-summed",
    ),
    pytest.param(
        [["", "2023"], ["a", "4"], ["b", "6"], ["Kopā", "10"], ["c", "1"], ["d", "2"],
         ["Kopā", "3"], ["Pavisam kopā", "13"]],
        [],
        id="grand-total-of-blocks",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("rows", "expected"), CASES_TOTALS)
def test_totals(rows: list[list[str]], expected: list[tuple[str, int, int]]) -> None:
    report = _report(rows)
    assert _warnings(report) == expected
    numbers = sum(1 for row in rows[1:] for cell in row[1:] if cell.strip() not in ("", "-"))
    assert sum(o.value is not None for o in report.observations) >= numbers


# (rows, label of each data row's total in the last column: None for none)
CASES_PARENTS = [
    pytest.param(
        [["", "2023"], ["PABALSTI", ""], ["a", "4"], ["Kopā pabalstiem", "4"],
         ["PAKALPOJUMI", ""], ["c", "1"], ["Kopā", "5"]],
        {"a": "Kopā pabalstiem", "Kopā pabalstiem": "Kopā", "c": "Kopā", "Kopā": None},
        id="subtotal-and-grand-total",
    ),
    pytest.param(
        [["", "2023"], ["X, no tiem", "9"], ["a", "4"], ["t.sk. a1", "1"], ["b", "5"],
         ["Kopā", "9"]],
        {"X, no tiem": "Kopā", "a": "X, no tiem", "t.sk. a1": "a", "b": "X, no tiem",
         "Kopā": None},
        id="breakdown-with-a-marked-part-of-a-part",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("rows", "parents"), CASES_PARENTS)
def test_parents(rows: list[list[str]], parents: dict[str, str | None]) -> None:
    report = _report(rows)
    observations = report.observations
    got: dict[str, str | None] = {}
    for o in observations:
        if o.value is not None and o.column == len(rows[0]) - 1:
            assert o.indicator is not None
            parent = observations[o.parent].indicator if o.parent is not None else None
            got.setdefault(o.indicator, parent)
    assert {k: got.get(k, "(absent)") for k in parents} == parents


def test_a_total_under_period_rows_takes_their_span() -> None:
    report = _report([["Mēnesis", "Iesniegumi"], ["janvāris", "10"], ["marts", "12"],
                      ["Kopā", "22"], ["februāris", "1"]])  # fmt: skip
    total = next(o for o in report.observations if o.raw == "22")
    # January and March leave a gap: no span, the report's period stays.
    assert (total.indicator, total.period) == ("Iesniegumi", "2023-01-01/2023-12-31")
    report = _report([["Mēnesis", "Iesniegumi"], ["janvāris", "10"], ["februāris", "12"],
                      ["Kopā", "22"]])  # fmt: skip
    total = next(o for o in report.observations if o.raw == "22")
    assert (total.indicator, total.measure, total.period) == (
        "Iesniegumi",
        None,
        "2023-01-01/2023-02-28",
    )


def test_parts_link_to_their_total() -> None:
    report = _report([["", "2023"], ["a", "4"], ["b", "6"], ["Kopā", "10"]])
    total = next(i for i, o in enumerate(report.observations) if o.indicator == "Kopā")
    assert [o.parent for o in report.observations if o.indicator in ("a", "b")] == [total, total]
    assert report.observations[total].parent is None


def test_a_changed_total_in_the_sample_is_named(tmp_path: Any) -> None:
    text = (SAMPLES / f"{WELFARE}.txt").read_text("utf-8")
    changed = text.replace("<b>333</b>", "<b>334</b>", 1)
    assert changed != text
    path = tmp_path / "changed-total.txt"
    path.write_text(changed, "utf-8")
    original = reportparse.parse(SAMPLES / f"{WELFARE}.txt")
    report = reportparse.parse(path)
    mismatches = [w for w in report.warnings if w.code == "total_mismatch"]
    assert [(w.table, w.row, w.column) for w in mismatches] == [(1, 2, 2)]
    assert "334" in mismatches[0].message and "333" in mismatches[0].message
    assert len(report.observations) == len(original.observations)
