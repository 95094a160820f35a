"""One column specification: records, to_frame(), batch tables and docs agree with it."""

from __future__ import annotations

import dataclasses
from typing import get_args

import pytest

import reportparse
from conftest import FIXTURES, SAMPLES, WELFARE
from reportparse._batch._outputs import FACT_COLUMNS as BATCH_FACTS
from reportparse._batch._outputs import OBSERVATION_COLUMNS as BATCH_OBSERVATIONS
from reportparse._codes import FORMAT_MEANINGS, Format, Unit, WarningCode
from reportparse._export._docs import PAGES
from reportparse._readers import FORMATS as READER_FORMATS
from reportparse._records._columns import (
    BATCH_COLUMNS,
    DOCUMENT_COLUMNS,
    FACT_COLUMNS,
    OBSERVATION_COLUMNS,
    names,
)
from reportparse._records._report import Fact, Observation

DOCS = FIXTURES.parents[1] / "docs"


def test_observation_columns_are_the_records_fields_in_order() -> None:
    # A nested record (``territory``) gives a column per part it is read by.
    fields = tuple(dict.fromkeys(c.path[0] if c.path else c.name for c in OBSERVATION_COLUMNS))
    assert fields == tuple(f.name for f in dataclasses.fields(Observation))


def test_to_frame_reads_the_nested_territory() -> None:
    text = "Krāslavas novada pašvaldība\n\nRādītājs\t2023\nGMI\t40\n"
    report = reportparse.parse(text.encode(), format="text")
    frame = report.to_frame()
    assert list(frame[["territory_code", "territory_name"]].itertuples(index=False, name=None)) == [
        ("0032000", "Krāslavas novads")
    ]


def test_fact_columns_are_the_records_fields_in_order() -> None:
    assert names(FACT_COLUMNS) == tuple(f.name for f in dataclasses.fields(Fact))


def test_to_frame_has_the_specified_columns() -> None:
    frame = reportparse.parse(SAMPLES / f"{WELFARE}.txt").to_frame()
    assert tuple(frame.columns) == names(DOCUMENT_COLUMNS + OBSERVATION_COLUMNS)


def test_batch_tables_have_the_specified_columns() -> None:
    head = names(BATCH_COLUMNS)
    assert (*head, "observation", *names(OBSERVATION_COLUMNS)) == BATCH_OBSERVATIONS
    assert (*head[:4], "fact", *names(FACT_COLUMNS)) == BATCH_FACTS


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
