"""LibreOffice Writer saving an HTML source as PDF or DOCX, as a clerk's "Save as" would.

Used by the scripts that make fixtures (``tests/corpus/make_corpus.py``,
``tests/fixtures/layouts/make_layout_fixtures.py``); the tests themselves read
the committed files and need no office suite.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

FILTERS = {"pdf": "pdf:writer_pdf_Export", "docx": "docx:MS Word 2007 XML"}


def convert(source: Path, fmt: str, target_dir: Path, profile: Path) -> Path:
    """``source`` (.html) → ``target_dir/NAME.fmt`` by LibreOffice Writer.

    ``profile`` is a private user profile, so that a LibreOffice running
    elsewhere on the machine does not take the conversion over (or refuse it).
    """
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            # The Writer (not Writer/Web) import: it lays an HTML page out as a
            # printed document, as an office suite's "Save as" would.
            "--infilter=HTML (StarWriter)",
            "--convert-to",
            FILTERS[fmt],
            "--outdir",
            tmp,
            str(source),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=180)
        target = target_dir / f"{source.stem}.{fmt}"
        shutil.move(Path(tmp) / f"{source.stem}.{fmt}", target)
    return target
