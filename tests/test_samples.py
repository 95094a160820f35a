"""The quarterly welfare report in four formats: scored, compared, checked against golden JSON."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest

import reportparse
from conftest import SAMPLES, WELFARE, WELFARE_FORMATS

RENDERINGS = ("html", "docx", "pdf")


@pytest.fixture(scope="module", params=WELFARE_FORMATS)
def fmt(request: pytest.FixtureRequest) -> str:
    return str(request.param)


_cache: dict[str, reportparse.Report] = {}


def _parsed(fmt: str) -> reportparse.Report:
    if fmt not in _cache:
        _cache[fmt] = reportparse.parse(SAMPLES / f"{WELFARE}.{fmt}")
    return _cache[fmt]


def _score(scorer: ModuleType, gold: Path, report: reportparse.Report) -> tuple[float, ...]:
    out = json.loads(report.to_json())
    recall, precision, f1, misses, fps = scorer.score(str(gold), out)
    return recall, precision, f1, misses[:5], fps[:5]


@pytest.mark.shared
def test_text_sample_scores_f1_098(scorer: ModuleType, shared: Path) -> None:
    gold = shared / "samples" / f"{WELFARE}.expected.csv"
    recall, precision, f1, misses, fps = _score(scorer, gold, _parsed("txt"))
    assert f1 >= 0.98, (recall, precision, misses, fps)


@pytest.mark.shared
@pytest.mark.parametrize("fmt", RENDERINGS)
def test_rendering_scores_f1_098_on_the_whole_report(
    scorer: ModuleType, shared: Path, fmt: str
) -> None:
    gold = shared / "samples" / f"{WELFARE}.expected.csv"
    assert _score(scorer, gold, _parsed(fmt))[2] >= 0.98


def _facts(report: reportparse.Report) -> set[tuple[Any, ...]]:
    return {
        (o.table, o.indicator, o.measure, o.period, o.value, o.unit)
        for o in report.observations
        if o.value is not None
    }


def test_all_four_formats_give_the_same_observations() -> None:
    text = _facts(_parsed("txt"))
    assert len(text) > 450
    for fmt in RENDERINGS:
        other = _facts(_parsed(fmt))
        assert other == text, (fmt, sorted(other - text)[:5], sorted(text - other)[:5])


def test_title_and_period(fmt: str) -> None:
    report = _parsed(fmt)
    assert report.title == (
        "Par Labklājības pārvaldes darbu laika periodā no 2024. gada 1. jūlija "
        "līdz 2024. gada 30. septembrim"
    )
    assert report.to_dict()["report"]["period"] == {"start": "2024-07-01", "end": "2024-09-30"}


def test_totals_of_the_sample_agree(fmt: str) -> None:
    report = _parsed(fmt)
    assert [w for w in report.warnings if "total" in w.code] == []
    kopa = [o for o in report.observations if o.indicator == "kopā"]
    assert len(kopa) == 6
    parts = [o for o in report.observations if o.parent is not None]
    assert {report.observations[o.parent].indicator for o in parts if o.parent is not None} >= {
        "kopā"
    }


def test_output_validates_against_the_schema(fmt: str) -> None:
    schema = reportparse.json_schema()
    jsonschema.validate(json.loads(_parsed(fmt).to_json()), schema)
