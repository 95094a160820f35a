"""Every document's output is the recorded one, byte for byte (tests/outputs.py re-records)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import reportparse
from outputs import RECORDED, ROOT, documents, output_of, recorded, recorded_form

DOCUMENTS = list(documents())


def test_every_document_has_a_recording_and_every_recording_a_document() -> None:
    kept = {p.relative_to(RECORDED).as_posix() for p in RECORDED.rglob("*.json*")}
    names = {k.removesuffix(".sha256").removesuffix(".json") for k in kept}
    wanted = {rel.as_posix() for rel in DOCUMENTS}
    assert not wanted - names, f"not recorded (run tests/outputs.py): {sorted(wanted - names)}"
    assert not names - wanted, f"recorded, but no such document: {sorted(names - wanted)}"


@pytest.mark.parametrize("rel", DOCUMENTS, ids=str)
def test_output_is_the_recorded_one(rel: Path) -> None:
    target = recorded(rel)
    if target is None:
        pytest.fail(f"{rel} has no recording: run tests/outputs.py {rel}")
    suffix, content = recorded_form(output_of(rel))
    assert target.name.endswith(suffix), f"{target.relative_to(ROOT)}: kept as another form"
    assert content == target.read_text(encoding="utf-8"), (
        f"the output of {rel} changed: if meant, run tests/outputs.py {rel} and read the diff"
    )


def test_every_recorded_output_satisfies_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(reportparse.json_schema())
    checked = 0
    for path in sorted(RECORDED.rglob("*.json")):
        text = path.read_text(encoding="utf-8")
        if not text.startswith("{"):
            continue  # a recorded error line: the document could not be read
        errors = [e.message for e in validator.iter_errors(json.loads(text))][:3]
        assert not errors, f"{path.relative_to(ROOT)}: {errors}"
        checked += 1
    assert checked > 150


@pytest.mark.parametrize(
    ("period", "valid"),
    [
        ("2024", True), ("2024-H2", True), ("2024-Q3", True), ("2024-07", True),
        ("2024-07-15", True), ("2022-01-01/2022-11-30", True),
        ("2024-13", False), ("2024-Q5", False), ("jūlijs", False), ("2024-7", False),
        ("2024/2025", False),
    ],
)  # fmt: skip
def test_the_schema_names_the_shape_of_a_period(period: str, valid: bool) -> None:
    schema = reportparse.json_schema()
    observation = schema["$defs"]["Observation"]
    form = next(f for f in observation["properties"]["period"]["anyOf"] if "pattern" in f)
    assert jsonschema.Draft202012Validator(form).is_valid(period) is valid
