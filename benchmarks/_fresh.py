"""Run a benchmark script again in a fresh interpreter: no cache of one run helps the next."""

from __future__ import annotations

import json
import subprocess
import sys


def run_fresh(script: str, *args: str) -> dict[str, float]:
    """``script`` with ``args`` in a new process; the JSON object its last line prints."""
    out = subprocess.run(
        [sys.executable, script, *args], check=True, capture_output=True, text=True
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result
