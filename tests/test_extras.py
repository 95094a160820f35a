"""Without the ``frames`` extra (pandas, pyarrow): parse(), the CLI and a batch's
CSV tables work, and what needs the extra says which to install."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import SAMPLES, WELFARE

# Run in a fresh interpreter in which pandas and pyarrow cannot be imported.
_WITHOUT_FRAMES = """
import importlib.abc, sys

class NoFrames(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"pandas", "pyarrow"}:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, NoFrames())
"""


def _run_without_frames(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    script = _WITHOUT_FRAMES + textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-c", script],
        check=False,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )


def test_parse_and_the_cli_need_no_frames(tmp_path: Path) -> None:
    sample = SAMPLES / f"{WELFARE}.txt"
    result = _run_without_frames(
        f"""
        import reportparse
        from reportparse._cli import main
        report = reportparse.parse({str(sample)!r})
        assert len(report.observations) > 500
        try:
            report.to_frame()
        except reportparse.MissingExtraError as error:
            print("frame:", error)
        sys.exit(main([{str(sample)!r}]))
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    first, _, rest = result.stdout.partition("\n")
    assert first == "frame: a DataFrame needs pandas: pip install 'reportparse[frames]'"
    assert len(json.loads(rest)["observations"]) > 500


def test_a_batch_without_pyarrow_writes_the_csv_tables_and_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "r.txt").write_bytes((SAMPLES / f"{WELFARE}.txt").read_bytes())
    result = _run_without_frames(
        f"""
        import reportparse
        from reportparse._cli import main
        sys.exit(main(["batch", {str(folder)!r}, "-o", "out", "-j", "1"]))
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "CSV tables only (pip install 'reportparse[frames]' for Parquet)" in result.stderr
    out = tmp_path / "out"
    assert sorted(p.name for p in out.glob("*.csv")) == [
        "documents.csv", "facts.csv", "observations.csv", "warnings.csv"
    ]  # fmt: skip
    assert not list(out.glob("*.parquet"))
    run = json.loads((out / "summary.json").read_text())["run"]
    assert run["parquet"] == "not written: pip install 'reportparse[frames]' for the Parquet tables"
