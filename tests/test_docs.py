"""Every code block of README.md and docs/ runs, in a folder holding the files it names.

``python`` blocks of a page run in order in one namespace, ``pycon`` blocks
are doctests (the output shown is checked) in that namespace; ``console`` blocks
run each ``$ command`` with bash and expect exit 0, or what a following
``$ echo $?`` prints; ``sql`` blocks run in DuckDB; ``json`` blocks parse.
``text``, ``csv`` and ``tsv`` blocks are data (docs/layouts' are checked by
test_docs_layouts.py). A block may be left out only with a reason on the line
above it: ``<!-- docs-test: skip: why -->``. docs/batch.md runs twice: with a
file that cannot be read among the inputs, and with none (every snippet must
work on empty results).
"""

from __future__ import annotations

import doctest
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FIXTURES, SAMPLES, WELFARE

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
_FENCE = re.compile(
    r"(?:^<!-- docs-test: skip: (?P<skip>[^>]+?) -->\n)?^```(?P<lang>\w*)\n(?P<body>.*?)^```$",
    re.M | re.S,
)
_RUN = {"python", "pycon", "console", "sh", "sql", "json"}
_DATA = {"text", "csv", "tsv"}


@dataclass(frozen=True)
class Block:
    lang: str
    body: str
    line: int
    skip: str | None


def blocks(page: Path) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    return [
        Block(m["lang"], m["body"], text.count("\n", 0, m.start("body")), m["skip"])
        for m in _FENCE.finditer(text)
    ]


def _workspace(folder: Path, *, failing: bool) -> Path:
    """The files the pages name: reports, archives, a scan; one bad PDF if ``failing``."""
    folder.mkdir()
    for ext in ("pdf", "docx", "html", "txt"):
        shutil.copy(SAMPLES / f"{WELFARE}.{ext}", folder / f"report.{ext}")
    shutil.copy(FIXTURES / "bad" / "scanned.pdf", folder / "scan.pdf")
    shutil.copy(SAMPLES / f"{WELFARE}.html", folder / "big.html")
    (folder / "tests").symlink_to(ROOT / "tests")  # docs/open-data.md reads fixtures by path
    (folder / "reports" / "2024").mkdir(parents=True)
    shutil.copy(SAMPLES / f"{WELFARE}.docx", folder / "reports" / "2024" / "q3.docx")
    for path in sorted(SAMPLES.glob("di-*.txt")):
        shutil.copy(path, folder / "reports" / path.name)
    shutil.copytree(folder / "reports", folder / "archive")
    shutil.copy(SAMPLES / f"{WELFARE}.pdf", folder / "archive" / "q3.pdf")
    pdf = (SAMPLES / f"{WELFARE}.pdf").read_bytes()
    with zipfile.ZipFile(folder / "all-2019.zip", "w") as archive:
        archive.writestr("riga/q3.pdf", pdf[: len(pdf) // 2] if failing else pdf)
        archive.write(SAMPLES / f"{WELFARE}.txt", "riga/q2.txt")
    with zipfile.ZipFile(folder / "archive.zip", "w") as archive:
        archive.writestr("2024/q3.pdf", pdf)
    with tarfile.open(folder / "more.tar.gz", "w:gz") as archive:
        archive.add(SAMPLES / f"{WELFARE}.html", "q3.html")
    return folder


def _python(block: Block, namespace: dict[str, object], page: Path) -> None:
    code = compile("\n" * block.line + block.body, str(page), "exec")
    exec(code, namespace)


def _pycon(block: Block, namespace: dict[str, object], page: Path) -> None:
    test = doctest.DocTestParser().get_doctest(
        block.body, namespace, f"{page.name}:{block.line}", str(page), block.line
    )
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report: list[str] = []
    runner.run(test, out=report.append, clear_globs=False)
    assert not runner.failures, "".join(report)


def _console(block: Block, page: Path, *, strict: bool) -> None:
    """Run each ``$`` line; ``strict``: the exit code shown, else that or 0 (nothing failed)."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    lines = block.body.splitlines()
    for i, line in enumerate(lines):
        if not line.startswith("$ ") or line.startswith("$ echo $?"):
            continue
        command = line[2:]
        expected = {0}
        following = [j for j in range(i + 1, len(lines)) if lines[j].startswith("$ ")]
        if following and lines[following[0]].startswith("$ echo $?"):
            shown = int(lines[following[0] + 1])
            expected = {shown} if strict else {0, shown}
        done = subprocess.run(
            ["bash", "-c", command],
            check=False,
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )
        where = f"{page.name}:{block.line}: {command}"
        assert done.returncode in expected, f"{where}: exit {done.returncode}\n{done.stderr}"
        assert "Traceback" not in done.stderr, where


def _sql(block: Block) -> None:
    duckdb = pytest.importorskip("duckdb")
    body = "\n".join(line for line in block.body.splitlines() if not line.startswith("--"))
    for statement in filter(str.strip, body.split(";")):
        duckdb.sql(statement).fetchall()


def _json(block: Block) -> None:
    body = block.body.strip()
    json.loads(body if body.startswith(("{", "[")) else "{" + body + "}")


def _run_page(page: Path, folder: Path, *, strict: bool = True) -> int:
    namespace: dict[str, object] = {"__name__": "docs"}
    ran = 0
    for block in blocks(page):
        assert block.lang in _RUN | _DATA, f"{page.name}:{block.line}: say what the block is"
        if block.skip or block.lang in _DATA:
            continue
        os.chdir(folder)
        if block.lang == "python":
            _python(block, namespace, page)
        elif block.lang == "pycon":
            _pycon(block, namespace, page)
        elif block.lang in ("console", "sh"):
            console = block if block.lang == "console" else _as_console(block)
            _console(console, page, strict=strict)
        elif block.lang == "sql":
            _sql(block)
        else:
            _json(block)
        ran += 1
    return ran


def _as_console(block: Block) -> Block:
    lines = [f"$ {line}" for line in block.body.splitlines() if line.strip()]
    return Block("console", "\n".join(lines) + "\n", block.line, block.skip)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_block_of_the_page_runs(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _run_page(page, _workspace(tmp_path / "work", failing=True))


def test_the_batch_page_runs_when_nothing_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = _workspace(tmp_path / "work", failing=False)
    assert _run_page(ROOT / "docs" / "batch.md", folder, strict=False) > 5
    assert (folder / "out" / "errors.jsonl").read_text() == ""


def test_every_skipped_block_says_why() -> None:
    skipped = [(p.name, b.line, b.skip) for p in PAGES for b in blocks(p) if b.skip]
    assert all(len(reason) > 20 for _, _, reason in skipped), skipped
    assert len(skipped) <= 9, skipped  # leaving blocks out is the exception


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(b.body.strip() for b in blocks(ROOT / "README.md") if "pytest" in b.body)
    assert command in readme
    assert (ROOT / ".ci" / "run").read_text().rstrip().endswith(command)


def test_the_output_example_is_what_the_sample_gives() -> None:
    import reportparse

    example = json.loads(next(b.body for b in blocks(ROOT / "docs" / "output.md")))
    got = reportparse.parse(SAMPLES / f"{WELFARE}.pdf").to_dict()
    (shown,) = example["observations"]
    assert shown in got["observations"]
    assert list(example) == list(got)  # every key, in order
    assert example["report"] == got["report"]
    assert {k: example["source"][k] for k in ("format", "pages")} == {
        k: got["source"][k] for k in ("format", "pages")
    }
