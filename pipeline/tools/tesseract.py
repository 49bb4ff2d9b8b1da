"""Tesseract through pytesseract: environment check and words with boxes.

Tesseract runs single-threaded (``OMP_THREAD_LIMIT=1``): parallelism comes from
running one process per page, never from tesseract's own threads.
"""
from __future__ import annotations

import functools
import os

from PIL import Image

from pipeline.errors import MissingDependency, OcrFailed, OcrTimeout
from pipeline.model import BBox, Word

LANGS = ("eng", "fra")
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra (or run make ingest)"


@functools.cache
def check_environment() -> str:
    """Return tesseract's version; raise MissingDependency when it or a language pack is absent."""
    import pytesseract

    try:
        version = str(pytesseract.get_tesseract_version())
        installed = set(pytesseract.get_languages(config=""))
    except pytesseract.TesseractNotFoundError as e:
        raise MissingDependency(f"tesseract is not installed: {INSTALL_HINT}") from e
    except (OSError, RuntimeError) as e:
        raise MissingDependency(f"tesseract does not run ({e}): reinstall it: {INSTALL_HINT}") from e
    missing = [lang for lang in LANGS if lang not in installed]
    if missing:
        raise MissingDependency(f"tesseract language data missing: {', '.join(missing)}: {INSTALL_HINT}")
    return version


def ocr_words(image: Image.Image, page: int, dpi: float, timeout: float, psm: int = 3) -> list[Word]:
    """OCR one page image; boxes converted from pixels to points at ``dpi``."""
    import pytesseract

    os.environ["OMP_THREAD_LIMIT"] = "1"
    check_environment()
    try:
        data = pytesseract.image_to_data(
            image, lang="+".join(LANGS), config=f"--psm {psm}", output_type=pytesseract.Output.DICT, timeout=timeout
        )
    except RuntimeError as e:
        if "timeout" in str(e).lower():
            raise OcrTimeout(f"page {page}: OCR took longer than {timeout:g}s: raise --ocr-timeout or split the file") from e
        raise OcrFailed(f"page {page}: tesseract failed ({e})") from e
    except pytesseract.TesseractError as e:
        raise OcrFailed(f"page {page}: tesseract failed ({e.message.strip()[:200]})") from e
    scale = 72.0 / dpi
    words = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        left, top, width, height = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        box = BBox(left * scale, top * scale, (left + width) * scale, (top + height) * scale)
        group = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        words.append(Word(text=text, bbox=box, page=page, conf=conf, group=group))
    return words
