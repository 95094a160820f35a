"""A batch's tables: exact values in CSV and Parquet, one decimal type, the
warnings, facts and documents tables, and documents that are not reports."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import reportparse
from reportparse._records._columns import DOCUMENT_COLUMNS, DOCUMENTS_TABLE, TABLES, names

pq = pytest.importorskip("pyarrow.parquet")
duckdb = pytest.importorskip("duckdb")

INTEGERS = "Pārskats\n\nRādītājs\t2024\nKlienti\t316\nĢimenes\t12\n"
DECIMALS = "Pārskats\n\nRādītājs\t2024\nA\t10\nB\t5\nKopā\t20\nIzlietots, EUR\t49582,43\n"
PROSE = "Pārskats\n\n2024. gada jūlijā pabalstu saņēma 120 ģimenes (310 personas).\n"
README = "# Tool\n\nRun the 2418 tests in 2 commands; it reads 96 pages in 3.5 seconds.\n"


def _batch(tmp_path: Path, name: str, files: dict[str, str]) -> Path:
    folder = tmp_path / f"{name}-in"
    folder.mkdir()
    for file, text in files.items():
        (folder / file).write_text(text, encoding="utf-8")
    out = tmp_path / f"{name}-out"
    reportparse.convert_batch([folder], out, workers=1, progress="quiet")
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_csv_writes_every_value_as_printed(tmp_path: Path) -> None:
    out = _batch(tmp_path, "one", {"a.txt": INTEGERS, "b.txt": DECIMALS})
    values = {row["raw"]: row["value"] for row in _rows(out / "observations.csv")}
    assert values == {"316": "316", "12": "12", "10": "10", "5": "5", "20": "20",
                      "49582,43": "49582.43"}  # fmt: skip


def test_parquet_has_one_decimal_type_in_every_batch(tmp_path: Path) -> None:
    integers = _batch(tmp_path, "ints", {"a.txt": INTEGERS})
    decimals = _batch(tmp_path, "decs", {"b.txt": DECIMALS})
    types = {pq.read_schema(out / "observations.parquet").field("value").type
             for out in (integers, decimals)}  # fmt: skip
    assert [str(t) for t in types] == ["decimal128(38, 10)"]
    values = pq.read_table(integers / "observations.parquet").column("value").to_pylist()
    assert values == [Decimal("316"), Decimal("12")]  # the same number, whatever its scale


def test_duckdb_reads_values_as_decimal(tmp_path: Path) -> None:
    out = _batch(tmp_path, "duck", {"b.txt": DECIMALS})
    parquet = duckdb.sql(
        f"select any_value(typeof(value)), sum(value) from '{out}/observations.parquet'"
    )
    assert parquet.fetchall() == [("DECIMAL(38,10)", Decimal("49617.43"))]
    text = duckdb.sql(
        f"select sum(value) from read_csv('{out}/observations.csv', "
        "types = {'value': 'DECIMAL(38,10)'})"
    )
    assert text.fetchall() == [(Decimal("49617.43"),)]


def test_every_table_has_its_columns_in_csv_and_parquet(tmp_path: Path) -> None:
    out = _batch(tmp_path, "all", {"b.txt": DECIMALS, "p.txt": PROSE})
    wanted = {name: names(spec.all_columns) for name, spec in TABLES.items()}
    wanted["documents"] = names(DOCUMENT_COLUMNS + DOCUMENTS_TABLE)
    for name, columns in wanted.items():
        with (out / f"{name}.csv").open(encoding="utf-8") as stream:
            assert tuple(next(csv.reader(stream))) == columns, name
        assert tuple(pq.read_schema(out / f"{name}.parquet").names) == columns, name


def test_warnings_and_facts_tables_name_their_place(tmp_path: Path) -> None:
    out = _batch(tmp_path, "places", {"b.txt": DECIMALS, "p.txt": PROSE})
    (warning,) = _rows(out / "warnings.csv")
    place = (warning["code"], warning["table_id"], warning["row_index"])
    assert place == ("total_mismatch", "1", "3")
    assert warning["source"].endswith("b.txt") and len(warning["sha256"]) == 64
    facts = _rows(out / "facts.csv")
    assert [(f["value"], f["unit"], f["period"], f["period_start"]) for f in facts] == [
        ("120", "family", "2024-07", "2024-07-01"),
        ("310", "person", "2024-07", "2024-07-01"),
    ]
    fact = facts[0]
    assert fact["sentence"][int(fact["text_start"]) : int(fact["text_end"])] == fact["text"]


def test_documents_table_has_status_counts_and_timings(tmp_path: Path) -> None:
    out = _batch(tmp_path, "docs", {"b.txt": DECIMALS, "readme.md": README, "e.pdf": "x"})
    documents = {Path(row["source"]).name: row for row in _rows(out / "documents.csv")}
    assert {n: d["status"] for n, d in documents.items()} == {
        "b.txt": "ok", "readme.md": "not_a_report", "e.pdf": "error"
    }  # fmt: skip
    ok = documents["b.txt"]
    assert (ok["tables"], ok["observations"], ok["warnings"]) == ("1", "4", "1")
    assert (ok["period_start"], ok["period_end"]) == ("2024-01-01", "2024-12-31")
    assert float(ok["seconds"]) > 0
    assert documents["e.pdf"]["error"] == "UnsupportedFormatError"
    assert documents["e.pdf"]["reason"]


def test_a_document_that_is_not_a_report_is_counted_listed_and_kept_out(tmp_path: Path) -> None:
    out = _batch(tmp_path, "readme", {"b.txt": DECIMALS, "readme.md": README})
    summary: dict[str, Any] = json.loads((out / "summary.json").read_text())
    assert summary["counts"]["not_reports"] == 1
    assert summary["counts"]["errors"] == 0
    assert [Path(i).name for i in summary["not_reports"]] == ["readme.md"]
    assert (out / "errors.jsonl").read_text() == ""
    sources = {Path(row["source"]).name for row in _rows(out / "facts.csv")}
    assert "readme.md" not in sources  # its numbers are no figures of a report
    codes = {(Path(r["source"]).name, r["code"]) for r in _rows(out / "warnings.csv")}
    assert ("readme.md", "not_a_report") in codes


def test_the_batch_line_says_how_many_were_no_reports(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "b.txt").write_text(DECIMALS, encoding="utf-8")
    (folder / "readme.md").write_text(README, encoding="utf-8")
    result = cli("batch", str(folder), "-o", str(tmp_path / "out"))
    assert result.code == 0, result.err
    assert "2 converted (1 not reports: see summary.json)" in result.err
