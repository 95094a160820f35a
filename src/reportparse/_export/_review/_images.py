"""A PDF's pages as JPEG or WebP images, rendered by pdfium (pypdfium2), for the review page."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from reportparse._errors import CorruptFileError, EncryptedFileError, ReportParseError

__all__ = ["ImageFormat", "MissingExtraError", "PageImage", "page_images"]

ImageFormat = Literal["jpeg", "webp"]


class MissingExtraError(ReportParseError):
    """A package the review page needs is not installed."""


@dataclass(frozen=True, slots=True)
class PageImage:
    """One rendered page: its size in PDF points and the image as a ``data:`` URI."""

    number: int
    width: float
    height: float
    uri: str


def _pillow() -> None:
    try:
        import PIL.Image  # noqa: F401
    except ImportError:
        raise MissingExtraError(
            "the review page's page images need Pillow: pip install 'reportparse[review]'"
        ) from None


def page_images(
    data: bytes,
    *,
    image_format: ImageFormat = "jpeg",
    dpi: int = 100,
    quality: int = 60,
    password: str | None = None,
) -> Iterator[PageImage]:
    """Every page of the PDF ``data``, rendered at ``dpi``, one at a time."""
    _pillow()
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise EncryptedFileError("encrypted PDF (a password is needed)") from None
        raise CorruptFileError(f"damaged PDF: {error}") from None
    mime = "image/webp" if image_format == "webp" else "image/jpeg"
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            width, height = page.get_size()
            image = page.render(scale=dpi / 72).to_pil().convert("RGB")
            page.close()
            buffer = io.BytesIO()
            # optimize: JPEG's Huffman tables fitted to the page, some 8 % smaller.
            image.save(buffer, format=image_format.upper(), quality=quality, optimize=True)
            encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
            yield PageImage(index + 1, width, height, f"data:{mime};base64,{encoded}")
    finally:
        pdf.close()
