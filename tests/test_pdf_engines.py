"""Both PDF engines read every PDF the tests hold, and the shared samples, to the same output.

``tests/test_outputs.py`` compares the default engine's output with the
recording; here the other engine's output is compared with the same
recording, byte for byte: the same observations, facts, warnings and errors.
No document is excused: were one to differ, its test would name the reason.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pypdfium2
import pytest

import reportparse
from outputs import ROOT, documents, recorded, recorded_form
from reportparse._readers import DEFAULT_PDF_ENGINE, PDF_ENGINES

PDFS = [rel for rel in documents() if rel.suffix == ".pdf"]
OTHER_ENGINES = [engine for engine in PDF_ENGINES if engine != DEFAULT_PDF_ENGINE]


def _output(rel: Path, engine: str) -> str:
    """``tests/outputs.py``'s ``output_of``, with ``engine``."""
    try:
        report = reportparse.parse(ROOT / rel, pdf_engine=engine)  # type: ignore[arg-type]
    except reportparse.ReportParseError as error:
        message = str(error).replace(str(ROOT / rel), rel.as_posix())
        return f"error: {type(error).__name__}: {message}\n"
    source = dataclasses.replace(report.source, path=rel.as_posix())
    return dataclasses.replace(report, source=source).to_json(indent=1) + "\n"


@pytest.mark.parametrize("engine", OTHER_ENGINES)
@pytest.mark.parametrize("rel", PDFS, ids=str)
def test_every_engine_gives_the_recorded_output(rel: Path, engine: str) -> None:
    target = recorded(rel)
    assert target is not None
    got, wanted = _output(rel, engine), target.read_text(encoding="utf-8")
    if target.name.endswith(".json") and got.startswith("{"):
        got_data, wanted_data = json.loads(got), json.loads(wanted)
        # The one place the engines may differ: a fact's box is its share of
        # its line's width, and a line ends at its last glyph's drawn box in
        # PDFium but at its advance width in pdfminer (a few points apart).
        for fact, other in zip(got_data["facts"], wanted_data["facts"], strict=True):
            box, other_box = fact.pop("bbox"), other.pop("bbox")
            assert (box is None) == (other_box is None), f"{rel}: {engine}: a fact's box"
            if box is not None:
                near = zip(box, other_box, strict=True)
                assert all(abs(a - b) <= _FACT_BOX_POINTS for a, b in near), rel
        assert got_data == wanted_data, f"{rel}: {engine} differs"
        return
    _, content = recorded_form(got)
    assert content == wanted, f"{rel}: {engine} differs"


_FACT_BOX_POINTS = 8


def _essentials(report: reportparse.Report) -> dict[str, Any]:
    data = report.to_dict()
    return {key: data[key] for key in ("observations", "facts", "warnings", "tables")}


@pytest.mark.shared
def test_the_shared_samples_read_alike(shared: Path) -> None:
    samples = sorted((shared / "samples").glob("*.pdf"))
    assert samples
    for path in samples:
        outputs = [_essentials(reportparse.parse(path, pdf_engine=e)) for e in PDF_ENGINES]
        assert all(o == outputs[0] for o in outputs), path.name


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_an_encrypted_pdf_opens_with_its_password_on_every_engine(engine: str) -> None:
    path = ROOT / "tests" / "fixtures" / "pdf" / "encrypted.pdf"
    with pytest.raises(reportparse.EncryptedFileError, match="a password is needed"):
        reportparse.parse(path, pdf_engine=engine)  # type: ignore[arg-type]
    with pytest.raises(reportparse.EncryptedFileError, match="wrong password"):
        reportparse.parse(path, password="nepareizi", pdf_engine=engine)  # type: ignore[arg-type]
    report = reportparse.parse(path, password="lietotajs", pdf_engine=engine)  # type: ignore[arg-type]
    assert report.observations


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_the_cli_takes_the_engine(cli: Any, engine: str) -> None:
    path = ROOT / "tests" / "fixtures" / "pdf" / "cell-wrapping.pdf"
    result = cli(str(path), "--pdf-engine", engine)
    assert result.code == 0, result.err
    assert json.loads(result.out)["observations"] == json.loads(cli(str(path)).out)["observations"]


def test_the_cli_refuses_an_unknown_engine(cli: Any) -> None:
    result = cli("x.pdf", "--pdf-engine", "mupdf")
    assert result.code == 2
    assert "invalid choice: 'mupdf'" in result.err


def test_a_batch_on_pdfium_in_worker_processes(cli: Any, tmp_path: Path) -> None:
    """One document per worker process at a time, the workers in parallel."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("cell-wrapping", "continued-header", "section-row", "split-row"):
        shutil.copy(ROOT / "tests" / "fixtures" / "pdf" / f"{name}.pdf", folder / f"{name}.pdf")
    by_engine = {}
    for engine in PDF_ENGINES:
        out = tmp_path / engine
        result = cli(
            "batch", str(folder), "-o", str(out), "-j", "2", "--quiet", "--pdf-engine", engine
        )
        assert result.code == 0, result.err
        by_engine[engine] = (out / "observations.csv").read_text(encoding="utf-8")
    assert by_engine["pypdfium2"] == by_engine["pdfplumber"]


def test_the_engines_page_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    page = ROOT / "docs" / "engines.md"
    blocks = re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL)
    assert blocks, "docs/engines.md has no python block"
    monkeypatch.chdir(ROOT)
    for block in blocks:
        exec(compile(block, str(page), "exec"), {"__name__": "docs"})


def _rotated(source: Path, target: Path, angle: int) -> Path:
    document = pypdfium2.PdfDocument(source)
    for index in range(len(document)):
        document[index].set_rotation(angle)
    document.save(target)
    document.close()
    return target


def _in_form_xobjects(source: Path, target: Path) -> Path:
    """Each page drawn as a form XObject on a new page: text and rules inside the form."""
    document, out = pypdfium2.PdfDocument(source), pypdfium2.PdfDocument.new()
    for index in range(len(document)):
        width, height = document[index].get_size()
        form = document.page_as_xobject(index, out)
        page = out.new_page(width, height)
        page.insert_obj(form.as_pageobject())
        page.gen_content()
    out.save(target)
    return target


@pytest.mark.parametrize("variant", ["rotate-90", "rotate-180", "rotate-270", "form-xobjects"])
def test_rotated_pages_and_form_xobjects_read_alike(variant: str, tmp_path: Path) -> None:
    source = ROOT / "tests" / "fixtures" / "pdf" / "welfare-report-six-tables.pdf"
    target = tmp_path / f"{variant}.pdf"
    if variant == "form-xobjects":
        _in_form_xobjects(source, target)
    else:
        _rotated(source, target, int(variant.rsplit("-", 1)[1]))
    outputs = [_essentials(reportparse.parse(target, pdf_engine=e)) for e in PDF_ENGINES]
    assert outputs[0] == outputs[1]
    if variant in ("form-xobjects", "rotate-90"):
        # In forms the page reads as it does without; turned a quarter, its
        # tables still read (their text read as turned text, as narrow heads are).
        assert outputs[0]["observations"]
    if variant == "form-xobjects":
        assert outputs[0] == _essentials(reportparse.parse(source))


def test_pdfium_is_safe_under_threads() -> None:
    """PDFium is not thread-safe: documents are read one at a time, the others wait."""
    from concurrent.futures import ThreadPoolExecutor

    paths = [ROOT / "tests" / "fixtures" / "pdf" / f"{n}.pdf" for n in ("section-row", "split-row")]
    alone = [_essentials(reportparse.parse(p, pdf_engine="pypdfium2")) for p in paths]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda p: reportparse.parse(p, pdf_engine="pypdfium2"), paths * 4))
    assert [_essentials(r) for r in together] == alone * 4
