"""The review page: each cell's status, the page's HTML, the commands, the page in a browser.

The browser tests open the page from disk in headless Chromium, driven by
playwright (the ``test`` extra) with the system's Chromium (``apt-get install
chromium``); they skip, saying why, where either is missing.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import reportparse
from conftest import FIXTURES, SAMPLES, WELFARE
from reportparse._export._review import ReviewOptions, status_counts, write_review
from reportparse._export._review._marks import cell_marks

CORPUS = FIXTURES.parent / "corpus"
# One page, five warnings on cells: an unknown unit, totals that do not add up.
WARNED_PDF = CORPUS / "d-rezekne-patversme-2018.pdf"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _report(**tables: Any) -> dict[str, Any]:
    return {
        "source": {"path": "x.txt", "format": "text", "sha256": "0", "pages": None},
        "report": {"title": "T", "period": None, "publisher": None},
        "tables": [
            {
                "id": 1,
                "title": "<b>Tabula</b>",
                "section": None,
                "page": None,
                "header": [["", "2024"]],
                "rows": [["GMI", "40"], ["Mājoklis", "-"], ["Nr. 7", "12 345"], ["Cits", "5"]],
                "cells": None,
            }
        ],
        "observations": [
            {"table": 1, "row": 1, "column": 1, "part": 0, "value": 40, "raw": "40"},
            {"table": 1, "row": 2, "column": 1, "part": 0, "value": None, "raw": "-"},
            {"table": 1, "row": 4, "column": 1, "part": 0, "value": 5, "raw": "5"},
        ],
        "facts": [],
        "warnings": [
            {"code": "total_mismatch", "message": "5 ≠ 7", "table": 1, "row": 4, "column": 1}
        ],
        **tables,
    }


def test_each_cell_gets_its_status() -> None:
    marks = {(m.row, m.column): m for m in cell_marks(_report())[1]}
    assert marks[(1, 1)].status == "read"
    assert marks[(2, 1)].status == "placeholder"
    assert marks[(3, 1)].status == "unread"  # "12 345" gave no observation
    assert marks[(4, 1)].status == "warning"
    assert (1, 0) not in marks and (0, 1) not in marks  # labels and heads are no numbers
    assert "total_mismatch" in marks[(4, 1)].details
    assert status_counts(_report()) == {"read": 1, "placeholder": 1, "warning": 1, "unread": 1}


def test_the_page_is_self_contained_and_escaped(tmp_path: Path) -> None:
    page = write_review(_report(), tmp_path / "r.html").read_text("utf-8")
    assert "<b>Tabula</b>" not in page and "&lt;b&gt;Tabula&lt;/b&gt;" in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)
    assert '<a class="to-mark" href="#c1-4-1">' in page  # the warning links to its cell
    assert 'class="s-unread" id="c1-3-1"' in page


def test_a_pdf_gives_every_cell_and_fact_a_box_and_other_formats_none() -> None:
    pdf = reportparse.parse(SAMPLES / f"{WELFARE}.pdf").to_dict()
    cells = pdf["tables"][0]["cells"]
    assert all(len(c["bbox"]) == 4 and c["page"] for c in cells)
    x0, top, x1, bottom = cells[0]["bbox"]
    assert 0 <= x0 < x1 <= 612 and 0 <= top < bottom <= 842
    docx = reportparse.parse(SAMPLES / f"{WELFARE}.docx").to_dict()
    assert docx["tables"][0]["cells"] is None
    prose = reportparse.parse(FIXTURES / "prose" / "planning-region-vidzeme-di-plan.pdf")
    assert sum(f.bbox is not None for f in prose.facts) >= len(prose.facts) - 1


def test_the_schema_documents_bbox() -> None:
    defs = reportparse.json_schema()["$defs"]
    assert "PDF points" in defs["Fact"]["properties"]["bbox"]["description"]
    assert "PDF points" in defs["CellBox"]["properties"]["bbox"]["description"]


def test_review_command_writes_the_page(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "welfare.html"
    result = cli("review", str(SAMPLES / f"{WELFARE}.pdf"), "-o", str(target))
    assert result.code == 0, result.err
    assert result.out.strip() == str(target)
    page = target.read_text("utf-8")
    assert page.count('class="page"') == 6 and page.count("data:image/jpeg;base64,") == 6


def test_review_command_webp(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "w.html"
    result = cli(
        "review", str(WARNED_PDF), "-o", str(target), "--image-format", "webp", "--dpi", "50"
    )
    assert result.code == 0, result.err
    assert "data:image/webp;base64," in target.read_text("utf-8")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.pdf", "No such file"),
        (lambda d: (d / "x.pdf").write_text("text") and d / "x.pdf", "not a PDF"),
    ],
)
def test_review_command_refuses_in_one_line(
    cli: Any, tmp_path: Path, make: Any, message: str
) -> None:
    result = cli("review", str(make(tmp_path)), "-o", str(tmp_path / "r.html"))
    assert result.code == 2
    assert message in result.err and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_review_into_a_missing_folder_is_an_input_error(cli: Any, tmp_path: Path) -> None:
    result = cli("review", str(WARNED_PDF), "-o", str(tmp_path / "no" / "r.html"))
    assert result.code == 2 and "no such folder" in result.err and ".tmp" not in result.err


def test_a_bug_in_review_gives_exit_1_and_no_traceback(
    cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("reportparse._export._review.write_review", broken)
    monkeypatch.delenv("REPORTPARSE_DEBUG", raising=False)
    result = cli("review", str(WARNED_PDF), "-o", str(tmp_path / "r.html"))
    assert result.code == 1
    assert "internal error" in result.err and "Traceback" not in result.err


def test_help_names_the_review_command(cli: Any) -> None:
    assert "reportparse review FILE" in " ".join(cli("--help").out.split())
    assert "--image-format" in cli("review", "--help").out


def test_missing_pillow_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import builtins

    real = builtins.__import__

    def no_pillow(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("PIL"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pillow)
    report = reportparse.parse(WARNED_PDF).to_dict()
    with pytest.raises(reportparse.ReportParseError, match=r"reportparse\[review\]"):
        write_review(report, tmp_path / "r.html", data=WARNED_PDF.read_bytes())


def test_batch_review_writes_a_page_per_document_and_an_index(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(WARNED_PDF, inputs / "a.pdf")
    shutil.copy(SAMPLES / f"{WELFARE}.docx", inputs / "b.docx")
    (inputs / "c.pdf").write_bytes(b"%PDF-1.4 broken")
    out = tmp_path / "out"
    summary = reportparse.convert_batch(
        inputs, out, workers=1, progress="quiet", review=ReviewOptions(dpi=40)
    )
    assert summary.documents == 2 and summary.errors == 1
    pages = sorted(p.name for p in (out / "review").iterdir())
    assert len(pages) == 2
    index = (out / "index.html").read_text("utf-8")
    for name in pages:
        assert f'href="review/{name}"' in index
    assert "truncated PDF" in index and 'class="failed"' in index


def test_batch_command_review_option(cli: Any, tmp_path: Path) -> None:
    shutil.copy(WARNED_PDF, tmp_path / "a.pdf")
    result = cli("batch", str(tmp_path / "a.pdf"), "-o", str(tmp_path / "out"), "--review",
                 "--quiet", "-j", "1", "--dpi", "40")  # fmt: skip
    assert result.code == 0, result.err
    assert (tmp_path / "out" / "index.html").is_file()


# --- in a browser -----------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("no Chromium: apt-get install chromium (README: the review page)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("no playwright: pip install -e '.[test]'")
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def _open(browser: Any, path: Path, *, javascript: bool = True) -> tuple[Any, list[str]]:
    context = browser.new_context(
        viewport={"width": 1200, "height": 900}, java_script_enabled=javascript
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    # Nothing from the network: every request is the page itself or its data: images.
    page.on(
        "request",
        lambda r: None if r.url.startswith(("file:", "data:")) else errors.append(r.url),
    )
    page.goto(path.as_uri())
    return page, errors


def _printed_words(pdf: Path) -> dict[str, tuple[float, float]]:
    """The centre of each word printed once on the first page, as pdfplumber finds it."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        words = document.pages[0].extract_words()
    count: dict[str, int] = {}
    for w in words:
        count[w["text"]] = count.get(w["text"], 0) + 1
    return {
        w["text"]: ((w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2)
        for w in words
        if count[w["text"]] == 1
    }


@pytest.mark.parametrize(
    "pdf", [SAMPLES / f"{WELFARE}.pdf", WARNED_PDF], ids=["welfare", "rezekne"]
)
def test_the_box_of_a_cell_is_where_its_text_is_printed(
    browser: Any, tmp_path: Path, pdf: Path
) -> None:
    report = reportparse.parse(pdf).to_dict()
    target = write_review(report, tmp_path / "r.html", data=pdf.read_bytes())
    page, errors = _open(browser, target)
    printed = _printed_words(pdf)
    checked = 0
    for o in report["observations"]:
        word = next((w for w in o["raw"].split() if w in printed), None)
        if o["page"] != 1 or word is None or o["part"]:
            continue
        found = page.evaluate(
            """([x, y]) => {
                const figure = document.getElementById('page-1');
                const at = () => {
                    const r = figure.querySelector('img').getBoundingClientRect();
                    return [r.left + x / figure.dataset.width * r.width,
                            r.top + y / figure.dataset.height * r.height];
                };
                window.scrollBy(0, at()[1] - window.innerHeight / 2);
                const [px, py] = at();
                return document.elementsFromPoint(px, py).map(e => e.id);
            }""",
            list(printed[word]),
        )
        assert f"c{o['table']}-{o['row']}-{o['column']}" in found, o
        checked += 1
        if checked >= 5:
            break
    assert checked >= 3
    box = page.locator(f"#c{o['table']}-{o['row']}-{o['column']}")
    box.click()
    details = page.locator("#details").inner_text()
    assert f"raw: {o['raw']!r}" in details and (o["indicator"] or "") in details
    assert errors == []


def test_next_warning_key_goes_to_a_warned_cell(browser: Any, tmp_path: Path) -> None:
    report = reportparse.parse(WARNED_PDF).to_dict()
    target = write_review(report, tmp_path / "r.html", data=WARNED_PDF.read_bytes())
    page, errors = _open(browser, target)
    page.keyboard.press("n")
    first = page.evaluate("document.activeElement.id")
    assert "s-warning" in page.locator(f"#{first}").get_attribute("class").split()
    assert "warning" in page.locator("#details").inner_text()
    page.keyboard.press("n")
    page.keyboard.press("p")
    assert page.evaluate("document.activeElement.id") == first
    assert errors == []


def test_tables_and_colours_without_javascript(browser: Any, tmp_path: Path) -> None:
    report = reportparse.parse(SAMPLES / f"{WELFARE}.docx").to_dict()
    target = write_review(report, tmp_path / "r.html")
    page, errors = _open(browser, target, javascript=False)
    cell = page.locator("td.s-read").first
    assert cell.inner_text() == "316"
    colour = cell.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    assert page.locator("table.cells").count() == len(report["tables"])
    assert errors == []


def test_the_details_of_a_table_cell(browser: Any, tmp_path: Path) -> None:
    report = reportparse.parse(SAMPLES / f"{WELFARE}.html").to_dict()
    target = write_review(report, tmp_path / "r.html")
    page, errors = _open(browser, target)
    page.locator("td.s-read").first.click()
    details = page.locator("#details").inner_text()
    assert "indicator: kopā" in details and "measure: Iesniegumu skaits" in details
    assert "period: 2024-07 (from the column)" in details
    assert errors == []


def test_the_index_sorts(browser: Any, tmp_path: Path) -> None:
    from reportparse._export._review import IndexRow, write_index

    rows = [
        IndexRow("a", "a.pdf", "converted", observations=5),
        IndexRow("b", "b.pdf", "converted", observations=12),
    ]
    target = write_index(tmp_path / "index.html", rows, title="t")
    page, errors = _open(browser, target)
    page.locator("th", has_text="observations").click()
    page.locator("th", has_text="observations").click()  # descending
    assert page.locator("tbody tr td").first.inner_text() == "b.pdf"
    assert errors == []


def test_recorded_outputs_only_add_boxes() -> None:
    # The PDF fixtures' JSON carries the boxes; a DOCX's carries none.
    recorded = FIXTURES / "outputs" / "tests" / "fixtures" / "samples"
    pdf = json.loads((recorded / f"{WELFARE}.pdf.json").read_text("utf-8"))
    docx = json.loads((recorded / f"{WELFARE}.docx.json").read_text("utf-8"))
    assert pdf["tables"][0]["cells"] and docx["tables"][0]["cells"] is None


def test_a_facts_box_in_the_batch_csv_is_json(tmp_path: Path) -> None:
    import csv

    pdf = FIXTURES / "prose" / "planning-region-vidzeme-di-plan.pdf"
    reportparse.convert_batch(pdf, tmp_path / "out", workers=1, progress="quiet")
    with open(tmp_path / "out" / "facts.csv", encoding="utf-8", newline="") as stream:
        boxes = [row["bbox"] for row in csv.DictReader(stream) if row["bbox"]]
    assert boxes and all(len(json.loads(box)) == 4 for box in boxes)


def test_a_long_pdfs_page_stays_within_its_size(tmp_path: Path) -> None:
    # benchmarks/bench_review.py: a 96-page PDF's page under 30 MB; here a
    # twelfth of it, whose page must stay under a twelfth of that.
    import sys

    sys.path.insert(0, str(FIXTURES.parents[1] / "benchmarks"))
    from bench_review import LONG, MAX_BYTES, first_pages

    data = first_pages(LONG, 8)
    report = reportparse.parse(data, name="long.pdf").to_dict()
    size = write_review(report, tmp_path / "r.html", data=data).stat().st_size
    assert size < MAX_BYTES * 8 / 96
