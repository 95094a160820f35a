"""One column specification: records, to_frame(), batch tables and docs agree with it."""

from __future__ import annotations

import dataclasses
from typing import get_args

import pytest

import reportparse
from conftest import FIXTURES, SAMPLES, WELFARE
from reportparse._codes import FORMAT_MEANINGS, Format, Unit, WarningCode
from reportparse._export._docs import PAGES
from reportparse._readers import FORMATS as READER_FORMATS
from reportparse._records._columns import (
    DOCUMENT_COLUMNS,
    FACT_COLUMNS,
    OBSERVATION_COLUMNS,
    TABLES,
    WARNING_COLUMNS,
    Column,
    names,
)
from reportparse._records._report import Fact, Observation, ParseWarning

DOCS = FIXTURES.parents[1] / "docs"


def _fields_read(columns: tuple[Column, ...]) -> tuple[str, ...]:
    # A nested record (``territory``) gives a column per part it is read by;
    # a derived column (``period_start``) reads no field of its own.
    return tuple(dict.fromkeys(c.path[0] if c.path else c.name for c in columns if not c.derived))


@pytest.mark.parametrize(
    ("columns", "record"),
    [(OBSERVATION_COLUMNS, Observation), (FACT_COLUMNS, Fact), (WARNING_COLUMNS, ParseWarning)],
)
def test_columns_are_the_records_fields_in_order(columns: tuple[Column, ...], record: type) -> None:
    assert _fields_read(columns) == tuple(f.name for f in dataclasses.fields(record))


def test_no_column_is_named_as_an_sql_keyword() -> None:
    duckdb = pytest.importorskip("duckdb")
    reserved = "select keyword_name from duckdb_keywords() where keyword_category = 'reserved'"
    # ``row`` is reserved by the SQL standard and by most engines, not by DuckDB.
    keywords = {name for (name,) in duckdb.sql(reserved).fetchall()} | {"row"}
    every = {c.name for spec in TABLES.values() for c in spec.all_columns}
    assert every.isdisjoint(keywords)
    assert {"table_id", "row_index", "column_index", "period_start", "sha256"} <= every


def test_to_frame_reads_the_nested_territory() -> None:
    text = "Krāslavas novada pašvaldība\n\nRādītājs\t2023\nGMI\t40\n"
    report = reportparse.parse(text.encode(), format="text")
    frame = report.to_frame()
    assert list(frame[["territory_code", "territory_name"]].itertuples(index=False, name=None)) == [
        ("0032000", "Krāslavas novads")
    ]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_to_frame_has_the_specified_columns(table: str) -> None:
    frame = reportparse.parse(SAMPLES / f"{WELFARE}.txt").to_frame(table)
    assert tuple(frame.columns) == names(TABLES[table].all_columns)
    assert tuple(frame.columns[: len(DOCUMENT_COLUMNS)]) == names(DOCUMENT_COLUMNS)


def test_to_frame_gives_period_bounds_as_dates() -> None:
    text = "Rādītājs\t2024. gada 3. ceturksnis\t2024. gada jūlijs\nGMI saņēmēji\t40\t12\n"
    frame = reportparse.parse(text.encode(), format="text").to_frame()
    bounds = frame[["period", "period_start", "period_end"]].itertuples(index=False)
    assert [(p, s.isoformat(), e.isoformat()) for p, s, e in bounds] == [
        ("2024-Q3", "2024-07-01", "2024-09-30"),
        ("2024-07", "2024-07-01", "2024-07-31"),
    ]


def test_to_frame_names_the_tables_it_has() -> None:
    report = reportparse.parse(SAMPLES / f"{WELFARE}.txt")
    with pytest.raises(ValueError, match="observations, facts, warnings"):
        report.to_frame("cells")


def test_every_format_has_its_meaning_and_a_reader() -> None:
    assert tuple(FORMAT_MEANINGS) == get_args(Format) == READER_FORMATS


def test_the_schema_lists_every_unit_and_warning_code() -> None:
    schema = reportparse.json_schema()
    enums = [d.get("enum") for d in schema["$defs"].values() if "enum" in d]
    assert sorted(Unit) in [sorted(e) for e in enums]
    assert sorted(WarningCode) in [sorted(e) for e in enums]
    assert schema["$defs"]["Source"]["properties"]["format"]["enum"] == list(get_args(Format))
    assert schema["$id"].startswith("urn:")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_generated_docs_page_is_current(name: str) -> None:
    page = DOCS / name
    assert page.read_text(encoding="utf-8") == PAGES[name](), (
        f"docs/{name} is stale: run python -m reportparse._export._docs docs"
    )
