"""The layers of docs/architecture.md hold: each stage imports only the stages below it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept() -> None:
    # import-linter reads the contracts in pyproject.toml ([tool.importlinter]).
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_every_package_says_what_it_holds_and_may_import() -> None:
    packages = sorted((ROOT / "src" / "reportparse").glob("_*/__init__.py"))
    assert len(packages) >= 6
    for init in packages:
        doc = init.read_text(encoding="utf-8").split('"""')
        assert len(doc) >= 3 and "import" in doc[1].lower(), (
            f"{init}: no docstring naming its imports"
        )


MAX_FUNCTION_LINES = 60


def test_no_function_is_longer_than_sixty_lines() -> None:
    import ast

    long = [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1})"
        for path in sorted((ROOT / "src" / "reportparse").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, long
