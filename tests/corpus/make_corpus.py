"""Make the corpus documents that an office suite or a PDF viewer would make.

    .venv/bin/python tests/corpus/make_corpus.py [SLUG …]

Needs ``soffice`` (LibreOffice) and ``pdftotext`` (poppler-utils) on PATH; the
tests need neither, they read the committed files. For every sidecar
``sources/SLUG.toml`` whose ``make`` list names them, this writes:

- ``pdf`` and ``docx``: LibreOffice Writer opens ``sources/SLUG.html`` (the
  document as its author typed it) and saves it, as a clerk's "Save as" or
  "Export as PDF" would;
- ``txt-layout``: ``pdftotext -layout SLUG.pdf``, the text a user gets by
  copying the page out of a PDF viewer (columns aligned with spaces);
- ``txt-raw``: ``pdftotext SLUG.pdf`` without ``-layout``, the reading-order
  copy.

HTML pages and texts copied from a browser are written by hand beside them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import office

HERE = Path(__file__).parent
SOURCES = HERE / "sources"
# A private profile, so that a LibreOffice running elsewhere on the machine
# does not take the conversion over (or refuse it).
PROFILE = Path(tempfile.gettempdir()) / "reportparse-corpus-lo-profile"


def convert(source: Path, fmt: str) -> Path:
    """``sources/SLUG.html`` → ``SLUG.fmt`` by LibreOffice Writer."""
    return office.convert(source, fmt, HERE, PROFILE)


def pdftotext(pdf: Path, *, layout: bool) -> Path:
    target = pdf.with_suffix(".txt")
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(pdf), str(target)]
    subprocess.run(args, check=True, capture_output=True, timeout=60)
    # pdftotext ends each page with a form feed; a viewer's copy has none.
    target.write_text(target.read_text(encoding="utf-8").replace("\f", "\n"), encoding="utf-8")
    return target


def make(slug: str) -> list[Path]:
    meta = tomllib.loads((SOURCES / f"{slug}.toml").read_text(encoding="utf-8"))
    wanted = meta.get("make", [])
    made = []
    for fmt in ("pdf", "docx"):
        if fmt in wanted or (fmt == "pdf" and any(w.startswith("txt-") for w in wanted)):
            made.append(convert(SOURCES / f"{slug}.html", fmt))
    pdf = HERE / f"{slug}.pdf"
    if "txt-layout" in wanted or "txt-raw" in wanted:
        made.append(pdftotext(pdf, layout="txt-layout" in wanted))
        if "pdf" not in wanted:
            pdf.unlink()
            made.remove(pdf)
    return made


def main(slugs: list[str]) -> None:
    for tool in ("soffice", "pdftotext"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not on PATH")
    for slug in slugs or sorted(p.stem for p in SOURCES.glob("*.toml")):
        for path in make(slug):
            print(f"wrote {path.name}")


if __name__ == "__main__":
    main(sys.argv[1:])
