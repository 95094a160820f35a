"""Make docs/review/*.png: the review page of the welfare sample's PDF and DOCX, in headless Chromium.

    .venv/bin/python docs/review/make_screenshots.py

Needs the system's Chromium (``apt-get install chromium``) and playwright
(the ``test`` extra). Each page is opened from disk, the cell of "GMI
pabalsts" in August clicked so that its details show, and the window shot.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import reportparse
from reportparse._export._review import write_review

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parents[1] / "tests" / "fixtures" / "samples"
SAMPLE = "welfare-report-2024-q3"
# Table 1, row 4 (header rows first), column 2: GMI pabalsts, August: 40.
CELL = "c1-4-2"


def main() -> int:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("no Chromium: apt-get install chromium", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for fmt in ("pdf", "docx"):
            source = SAMPLES / f"{SAMPLE}.{fmt}"
            report = reportparse.parse(source).to_dict()
            report["source"]["path"] = f"{SAMPLE}.{fmt}"
            page_file = write_review(report, Path(folder) / f"{fmt}.html", data=source.read_bytes())
            page = browser.new_page(viewport={"width": 1200, "height": 1100})
            page.goto(page_file.as_uri())
            page.evaluate(f"document.getElementById('{CELL}').dispatchEvent(new MouseEvent('click'))")
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(HERE / f"{SAMPLE}.{fmt}.png"))
            page.close()
            print(f"wrote docs/review/{SAMPLE}.{fmt}.png")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
