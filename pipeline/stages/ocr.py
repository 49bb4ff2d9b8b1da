"""OCR: pages without a usable text layer, one single-threaded tesseract process per page.

:func:`read_page` reads one page and is all a worker needs, so a batch can spread the pages of
many documents over a process pool or a cluster (``pipeline.batch``); :func:`run` is the stage
itself: it reads the pages nobody read yet and reports what went wrong, page by page.
"""
from __future__ import annotations

import io
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Optional

from PIL import Image

from pipeline import imaging
from pipeline.errors import NoText, OcrFailed
from pipeline.model import BBox, Document, PageInfo, Word
from pipeline.options import Options
from pipeline.tools import tesseract
from pipeline.tools.pdf import render_for_ocr


@dataclass
class PageRead:
    """What OCR of one page gives back: words in points, or the reason it failed."""

    number: int
    words: list[Word] = field(default_factory=list)
    error: Optional[str] = None
    dpi: float = 0.0
    seconds: float = 0.0
    skew: float = 0.0  # degrees the page was turned to level it before OCR


def ocr_dpi(native: Optional[float], options: Options) -> float:
    """Resolution a PDF page is rendered at: a scan's own resolution when it is lower than ``ocr_dpi``
    (upsampling adds pixels to read, not detail), never below ``min_ocr_dpi``."""
    if native is None or native >= options.ocr_dpi:
        return float(options.ocr_dpi)
    return float(max(options.min_ocr_dpi, round(native)))


def _image(data: bytes, media_type: str, page: PageInfo, options: Options) -> tuple[Image.Image, float]:
    if media_type == "application/pdf":
        return render_for_ocr(data, page.number - 1, lambda native: ocr_dpi(native, options))
    img = Image.open(io.BytesIO(data))
    img.seek(page.number - 1)
    frame = img.convert("L")
    return frame, frame.width * 72 / page.width


def _unrotated(words: list[Word], angle: float, width: float, height: float) -> list[Word]:
    """Boxes read on the levelled page, put back where the words are on the page as given."""
    if not angle:
        return words
    out = []
    for w in words:
        cx, cy = imaging.unrotate((w.bbox.x0 + w.bbox.x1) / 2, w.bbox.cy, angle, width, height)
        hw, hh = w.bbox.width / 2, w.bbox.height / 2
        out.append(Word(w.text, BBox(cx - hw, cy - hh, cx + hw, cy + hh), w.page, w.conf, w.size, w.bold, w.group))
    return out


def read_page(data: bytes, media_type: str, page: PageInfo, options: Options) -> PageRead:
    """Render (PDF) or load (image) one page, level it, OCR it. Never raises OcrFailed: a page that
    cannot be read comes back with its reason, so the other pages are kept."""
    start = time.monotonic()
    img, dpi = _image(data, media_type, page, options)
    try:
        prepared, angle = imaging.prepare(img)
        words = tesseract.ocr_words(prepared, page.number, dpi, options.ocr_timeout)
    except OcrFailed as e:
        return PageRead(page.number, error=str(e), dpi=dpi, seconds=time.monotonic() - start)
    words = _unrotated(words, angle, img.width * 72 / dpi, img.height * 72 / dpi)
    return PageRead(page.number, words, dpi=dpi, seconds=time.monotonic() - start, skew=angle)


def apply(page: PageInfo, read: PageRead) -> None:
    """Put one page's OCR result on the document's page (the ocr stage owns these attributes)."""
    page.ocr_done = True
    if read.error is not None:
        page.method = "failed"
        page.error = read.error
        return
    page.words = read.words
    page.skew = read.skew
    confs = [w.conf for w in read.words if w.conf is not None]
    page.mean_conf = sum(confs) / len(confs) if confs else None


def pending(doc: Document) -> list[PageInfo]:
    return [p for p in doc.pages if p.method == "ocr" and not p.ocr_done]


def run(doc: Document, options: Options) -> None:
    todo = pending(doc)
    if todo:
        tesseract.check_environment()
        workers = max(1, min(options.ocr_workers, len(todo)))
        with ThreadPoolExecutor(max_workers=workers) as pool:  # threads wait on tesseract processes
            reads = list(pool.map(lambda p: read_page(doc.data, doc.media_type, p, options), todo))
        for page, read in zip(todo, reads):
            apply(page, read)
    read_pages = [p for p in doc.pages if p.ocr_done]
    if not read_pages:
        return
    for p in read_pages:
        if p.method == "failed":
            doc.warn("page_failed", p.error or f"page {p.number}: OCR failed", "/source/ocr_pages")
        elif p.mean_conf is not None and p.mean_conf < 70:
            doc.warn("low_ocr_confidence",
                     f"page {p.number}: mean OCR confidence {p.mean_conf:.0f}/100: check the text against the page",
                     "/source/ocr_pages")
    if all(p.method == "failed" for p in doc.pages):
        errors = "; ".join(p.error or "" for p in doc.pages)
        raise OcrFailed(f"no page could be read: {errors}")
    if not any(p.words for p in doc.pages):
        raise NoText("no text found on any page: is it blank, or a photo without a notice? rescan at 300 dpi")
