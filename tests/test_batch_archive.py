"""Acceptance: 1 000 reports (four formats, 2% corrupt, many inside a zip and a tar.gz)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

import reportparse
from conftest import FIXTURES

sys.path.insert(0, str(FIXTURES / "batch"))
from batch_corpus import make_corpus


def test_a_thousand_reports_convert_with_every_bad_one_recorded(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, 1000, seed=1, pdfs=4, corrupt=0.02)
    assert (len(corpus.good), len(corpus.bad)) == (980, 20)
    assert any("reports.zip!" in name for name in corpus.good)
    assert any("more.tar.gz!" in name for name in corpus.good)
    out = tmp_path / "out"

    summary = reportparse.convert_batch(corpus.inputs, out, workers=2, progress="quiet")

    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert sorted(e["input"] for e in errors) == sorted(corpus.bad)
    assert {e["error"] for e in errors} <= {
        "EmptyFileError", "UnsupportedFormatError", "CorruptFileError",
    }  # fmt: skip
    documents = {p.stem for p in (out / "documents").glob("*.json")}
    assert len(documents) == 980
    assert documents.isdisjoint(e["id"] for e in errors)

    frame = pd.read_parquet(
        out / "observations.parquet", columns=["document_id", "source", "member"]
    )
    inputs = {
        (source if pd.isna(member) else f"{source}!{member}")
        for source, member in frame[["source", "member"]].drop_duplicates().itertuples(index=False)
    }
    assert inputs == set(corpus.good)  # every good file has its observations in the table
    assert set(frame["document_id"]) == documents

    data = json.loads((out / "summary.json").read_text())
    counts = data["counts"]
    assert counts["inputs"] == 1000 == counts["documents"] + counts["errors"]
    assert (counts["documents"], counts["errors"]) == (980, 20)
    assert counts["observations"] == len(frame)
    assert sum(data["formats"].values()) == 980
    assert data["formats"]["pdf"] == 4
    assert sum(data["failures"].values()) == 20
    assert data["run"]["converted"] + data["run"]["failed"] == 1000
    assert summary.to_dict() == data
