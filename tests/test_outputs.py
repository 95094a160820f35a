"""Every document's output is the recorded one, byte for byte (tests/outputs.py re-records)."""

from __future__ import annotations

from pathlib import Path

import pytest

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
