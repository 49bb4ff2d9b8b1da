"""OCR: pages without a usable text layer, one tesseract process per page."""
from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from typing import Iterator

from PIL import Image

from pipeline.errors import NoText, OcrFailed
from pipeline import imaging
from pipeline.model import BBox, Document, PageInfo, Word
from pipeline.options import Options
from pipeline.tools import tesseract
from pipeline.tools.pdf import render_pages


def _images(doc: Document, pages: list[PageInfo], options: Options) -> Iterator[tuple[PageInfo, Image.Image, float]]:
    if doc.media_type == "application/pdf":
        by_index = {p.number - 1: p for p in pages}
        for i, img in render_pages(doc.data, sorted(by_index), options.ocr_dpi):
            yield by_index[i], img, float(options.ocr_dpi)
    else:
        img = Image.open(io.BytesIO(doc.data))
        for p in pages:
            img.seek(p.number - 1)
            frame = img.convert("L")
            yield p, frame, frame.width * 72 / p.width


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


def _ocr_page(page: PageInfo, img: Image.Image, dpi: float, options: Options) -> None:
    try:
        prepared, angle = imaging.prepare(img)
        words = tesseract.ocr_words(prepared, page.number, dpi, options.ocr_timeout)
        page.words = _unrotated(words, angle, img.width * 72 / dpi, img.height * 72 / dpi)
    except OcrFailed as e:
        page.method = "failed"
        page.error = str(e)
        return
    confs = [w.conf for w in page.words if w.conf is not None]
    page.mean_conf = sum(confs) / len(confs) if confs else None


def run(doc: Document, options: Options) -> None:
    todo = [p for p in doc.pages if p.method == "ocr"]
    if not todo:
        return
    tesseract.check_environment()
    workers = max(1, min(options.ocr_workers, len(todo)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_ocr_page, p, img, dpi, options) for p, img, dpi in _images(doc, todo, options)]
        for f in futures:
            f.result()
    for p in todo:
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



