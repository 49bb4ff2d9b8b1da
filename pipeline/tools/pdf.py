"""pdfplumber (text layer) and pypdfium2 (rendering), wrapped at the boundary."""
from __future__ import annotations

import io
import re
from typing import Iterator

from PIL import Image

from pipeline.errors import DamagedInput, EmptyInput, EncryptedPdf
from pipeline.model import BBox, Word

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)


def _open_plumber(data: bytes):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages  # force parsing of the page tree now, inside the error wrapping
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise EncryptedPdf("encrypted PDF: decrypt it first, e.g. qpdf --decrypt in.pdf out.pdf") from e
    except PDFSyntaxError as e:
        raise DamagedInput(f"damaged PDF ({e}): re-export or repair it, e.g. qpdf in.pdf out.pdf") from e
    except Exception as e:  # pdfminer raises many bare types on broken files
        if "password" in str(e).lower() or "encrypt" in str(e).lower():
            raise EncryptedPdf("encrypted PDF: decrypt it first, e.g. qpdf --decrypt in.pdf out.pdf") from e
        raise DamagedInput(f"unreadable PDF ({type(e).__name__}: {e}): repair it, e.g. qpdf in.pdf out.pdf") from e
    return pdf


class PdfText:
    """Words with positions from a PDF's text layer, page by page."""

    def __init__(self, data: bytes):
        self._pdf = _open_plumber(data)
        if not self._pdf.pages:
            self._pdf.close()
            raise EmptyInput("PDF has no pages: check the export that produced it")

    def __enter__(self) -> "PdfText":
        return self

    def __exit__(self, *exc) -> None:
        self._pdf.close()

    @property
    def page_count(self) -> int:
        return len(self._pdf.pages)

    def page_size(self, index: int) -> tuple[float, float]:
        page = self._pdf.pages[index]
        return float(page.width), float(page.height)

    def words(self, index: int) -> list[Word]:
        page = self._pdf.pages[index]
        try:
            raw = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["fontname", "size"])
        except Exception as e:  # pdfminer content-stream errors vary by file
            raise DamagedInput(f"page {index + 1}: unreadable content ({type(e).__name__}): repair the PDF") from e
        top0 = float(page.bbox[1])
        x00 = float(page.bbox[0])
        out = []
        for w in raw:
            text = w["text"].strip()
            if not text:
                continue
            box = BBox(float(w["x0"]) - x00, float(w["top"]) - top0, float(w["x1"]) - x00, float(w["bottom"]) - top0)
            out.append(Word(text=text, bbox=box, page=index + 1, size=round(float(w["size"]), 1),
                            bold=bool(_BOLD.search(w.get("fontname", "")))))
        page.flush_cache()
        return out


def render_pages(data: bytes, indices: list[int] | None, dpi: float,
                 grayscale: bool = True) -> Iterator[tuple[int, Image.Image]]:
    """Render the given 0-based pages (every page for ``None``) to images at ``dpi`` (grayscale for OCR,
    colour for people)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise DamagedInput(f"cannot render PDF ({e}): repair it, e.g. qpdf in.pdf out.pdf") from e
    try:
        for i in range(len(pdf)) if indices is None else indices:
            page = pdf[i]
            try:
                bitmap = page.render(scale=dpi / 72, grayscale=grayscale)
                yield i, bitmap.to_pil()
            finally:
                page.close()
    finally:
        pdf.close()
