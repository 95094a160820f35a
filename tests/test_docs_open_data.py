"""docs/open-data.md runs: a report and a data set joined by territory and month."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "open-data.md"


def test_the_open_data_page_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("duckdb", reason="the page's join needs duckdb (the test extra has it)")
    blocks = re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.DOTALL)
    assert blocks, "docs/open-data.md has no python block"
    monkeypatch.chdir(ROOT)
    for block in blocks:
        exec(compile(block, str(PAGE), "exec"), {"__name__": "docs"})
    assert os.getcwd() == str(ROOT)
