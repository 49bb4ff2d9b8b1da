"""Extract: words with positions from a PDF's text layer; pages without a usable one go to OCR."""
from __future__ import annotations

import io

from PIL import Image

from pipeline.errors import DamagedInput, UnsupportedInput
from pipeline.model import Document, PageInfo, Word
from pipeline.options import Options
from pipeline.tools.pdf import PdfText


def usable(words: list[Word], min_words: int) -> bool:
    """A text layer is usable when it has enough real words (not (cid:) garbage or lone glyphs)."""
    if len(words) < min_words:
        return False
    good = sum(1 for w in words if "(cid:" not in w.text and "\ufffd" not in w.text and any(c.isalnum() for c in w.text))
    return good / len(words) >= 0.8


def _pdf_pages(doc: Document, options: Options) -> None:
    with PdfText(doc.data) as pdf:
        if pdf.page_count > options.max_pages:
            raise UnsupportedInput(
                f"{pdf.page_count} pages is more than the limit of {options.max_pages}: "
                "split the file or raise --max-pages"
            )
        for i in range(pdf.page_count):
            width, height = pdf.page_size(i)
            words = pdf.words(i)
            info = PageInfo(number=i + 1, width=width, height=height)
            if usable(words, options.min_text_words):
                info.words = words
            else:
                info.method = "ocr"
            doc.pages.append(info)


def stated_dpi(img: Image.Image, default: float) -> float:
    """The resolution an image states, or ``default`` when it states none (or an implausible one)."""
    dpi = img.info.get("dpi", (default,))[0] or default
    return float(dpi) if float(dpi) >= 50 else default


MIN_SIDE = 16  # pixels: a page image smaller than this cannot hold a notice

# Our own limit (--max-pixels) is checked on each frame's header before anything is decoded, so
# Pillow's guard (a warning from 89 Mpx, an error from 179 Mpx) would only contradict it.
Image.MAX_IMAGE_PIXELS = None


def _image_pages(doc: Document, options: Options) -> None:
    try:
        img = Image.open(io.BytesIO(doc.data))
        n = getattr(img, "n_frames", 1)
    except OSError as e:
        raise DamagedInput(f"unreadable image ({e}): re-save it as PNG or TIFF") from e
    if n > options.max_pages:
        raise UnsupportedInput(f"{n} pages is more than the limit of {options.max_pages}: split the file")
    for i in range(n):
        img.seek(i)
        dpi = stated_dpi(img, options.image_default_dpi)
        width, height = img.size
        if width * height > options.max_pixels:
            raise UnsupportedInput(
                f"page {i + 1} has {width}x{height} pixels, more than the limit of {options.max_pixels:,}: "
                "downscale it to 300 dpi or raise --max-pixels"
            )
        if min(width, height) < MIN_SIDE:
            raise UnsupportedInput(f"page {i + 1} is {width}x{height} pixels: too small to hold a notice; "
                                   "scan it at 300 dpi")
        doc.pages.append(PageInfo(number=i + 1, width=width * 72 / dpi, height=height * 72 / dpi, method="ocr"))


def run(doc: Document, options: Options) -> None:
    if doc.media_type == "application/pdf":
        _pdf_pages(doc, options)
    else:
        _image_pages(doc, options)
