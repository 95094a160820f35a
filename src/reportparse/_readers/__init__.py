"""Format readers: one module per input format behind the :class:`Reader` protocol.

A reader turns bytes into a :class:`~reportparse._model.Document` and knows
nothing of Latvian reports. Adding a format means adding a module here and a
line in ``_REGISTRY``; nothing after the document model changes. Imports only
``_model``, ``_limits`` and the base modules: the language's words come as ``Conventions``.
"""

from __future__ import annotations

import functools
import importlib
from typing import Literal, Protocol

from reportparse._limits import Limits
from reportparse._model import Conventions, Document, Format

__all__ = ["DEFAULT_PDF_ENGINE", "FORMATS", "PDF_ENGINES", "PdfEngine", "Reader", "get_reader"]

#: The libraries that can read a PDF's pages (docs/engines.md): PDFium through
#: pypdfium2, or pdfminer through pdfplumber.
PdfEngine = Literal["pypdfium2", "pdfplumber"]
PDF_ENGINES: tuple[PdfEngine, ...] = ("pypdfium2", "pdfplumber")
DEFAULT_PDF_ENGINE: PdfEngine = "pypdfium2"


class Reader(Protocol):
    """Read one document; raise a ``ReportParseError`` subclass (reason only) if it cannot be.

    ``conventions`` are the words of the document's language a reader needs
    to lay text out (readers hold none of their own); ``password`` opens an
    encrypted document, and readers of formats without encryption ignore it.
    """

    def __call__(
        self,
        data: bytes,
        *,
        limits: Limits,
        conventions: Conventions,
        password: str | None = None,
    ) -> Document: ...


# Imported lazily so that `import reportparse` and the CLI start without loading
# pdfminer, python-docx and lxml for formats the user does not read.
_REGISTRY: dict[Format, str] = {
    "pdf": "reportparse._readers._pdf._reader",
    "docx": "reportparse._readers._docx",
    "html": "reportparse._readers._html",
    "text": "reportparse._readers._text",
    "xlsx": "reportparse._readers._sheet",
    "xls": "reportparse._readers._sheet",
    "ods": "reportparse._readers._sheet",
    "csv": "reportparse._readers._csv",
}

FORMATS: tuple[Format, ...] = tuple(_REGISTRY)


def get_reader(fmt: Format, *, pdf_engine: PdfEngine | None = None) -> Reader:
    """The ``read`` function of the reader module for ``fmt``; a PDF's read by ``pdf_engine``."""
    module = importlib.import_module(_REGISTRY[fmt])
    reader: Reader = module.read
    if fmt == "pdf" and pdf_engine is not None:
        if pdf_engine not in PDF_ENGINES:
            raise ValueError(f"unknown PDF engine {pdf_engine!r}: one of {', '.join(PDF_ENGINES)}")
        reader = functools.partial(module.read, engine=pdf_engine)
    return reader
