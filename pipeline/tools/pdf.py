"""PDFium (pypdfium2): the text layer as words with positions, and page rendering; wrapped at the boundary.

Words are built the way pdfplumber's ``extract_words`` builds them (runs of one font and size, lines
clustered within 3 pt, a new word at a blank or a gap over 3 pt), from PDFium's characters, which
are read in C rather than by a Python PDF parser: about eight times faster on the same pages.

PDFium is not thread-safe, not even across different documents (pypdfium2's documentation says so,
and two OCR threads rendering at once crashed the interpreter in CI), so every call into it here
holds :data:`PDFIUM`, and images leave this module as copies that own their pixels.
"""
from __future__ import annotations

import bisect
import ctypes
import itertools
import math
import re
import threading
from typing import Callable, Iterator

from PIL import Image

from pipeline.errors import DamagedInput, EmptyInput, EncryptedPdf
from pipeline.model import BBox, Word

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_LIGATURES = {"\x02": "-", "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "ft", "\ufb06": "st"}
TOLERANCE = 3.0  # points: pdfplumber's x_tolerance and y_tolerance
# FPDFText_GetTextObject returning a plain integer: a text object's address, cheap to compare
_OBJECT_ADDRESS = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
PDFIUM = threading.RLock()  # one caller inside PDFium at a time, in this process
_ENCRYPTED = "encrypted PDF: decrypt it first, e.g. qpdf --decrypt in.pdf out.pdf"


def _open(data: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        # PDFium's error code is not reset between documents (a stale "password" error outlives the
        # file that set it), so the reason is read from the file itself.
        if b"/Encrypt" in data:
            raise EncryptedPdf(_ENCRYPTED) from e
        if b"%%EOF" not in data[-2048:]:
            raise DamagedInput("truncated PDF (it has no end): download or export it again") from e
        if not re.search(rb"/Type\s*/Page(?![a-zA-Z])", data):
            raise EmptyInput("PDF has no pages: check the export that produced it") from e
        raise DamagedInput("damaged PDF (PDFium cannot load it): re-export or repair it, e.g. qpdf in.pdf out.pdf") from e


class _Char:
    __slots__ = ("text", "x0", "x1", "top", "bottom", "size", "font", "upright")

    def __init__(self, text, x0, x1, top, bottom, size, font, upright):
        self.text, self.x0, self.x1, self.top, self.bottom = text, x0, x1, top, bottom
        self.size, self.font, self.upright = size, font, upright


class PdfText:
    """Words with positions from a PDF's text layer, page by page."""

    def __init__(self, data: bytes):
        with PDFIUM:
            self._pdf = _open(data)
            if len(self._pdf) == 0:
                self._pdf.close()
                raise EmptyInput("PDF has no pages: check the export that produced it")

    def __enter__(self) -> "PdfText":
        return self

    def __exit__(self, *exc) -> None:
        with PDFIUM:
            self._pdf.close()

    @property
    def page_count(self) -> int:
        with PDFIUM:
            return len(self._pdf)

    def page_size(self, index: int) -> tuple[float, float]:
        with PDFIUM:
            width, height = self._pdf.get_page_size(index)
        return float(width), float(height)

    def _style(self, tp, k: int, obj) -> tuple[float, str, bool]:
        """Font size on the page, font name and uprightness of a text object (read once per object)."""
        import pypdfium2.raw as c

        matrix = c.FS_MATRIX()
        c.FPDFText_GetMatrix(tp, k, ctypes.byref(matrix))
        size = c.FPDFText_GetFontSize(tp, k) * math.hypot(matrix.c, matrix.d)
        upright = abs(matrix.b) < 1e-6 and abs(matrix.c) < 1e-6
        font = c.FPDFTextObj_GetFont(obj) if obj else None
        name = ""
        if font:
            n = c.FPDFFont_GetBaseFontName(font, None, 0)
            if n:
                buf = ctypes.create_string_buffer(n)
                c.FPDFFont_GetBaseFontName(font, buf, n)
                name = buf.value.decode("utf-8", "replace")
        return size, name, upright

    def _chars(self, page, index: int) -> list[_Char]:
        import pypdfium2 as pdfium
        import pypdfium2.raw as c

        try:
            textpage = page.get_textpage()
        except pdfium.PdfiumError as e:
            raise DamagedInput(f"page {index + 1}: unreadable content ({e}): repair the PDF") from e
        try:
            left, bottom, _right, top = page.get_bbox()  # the crop box, in PDF space
            tp = textpage.raw
            chars = []
            rect = c.FS_RECTF()
            prect = ctypes.byref(rect)
            is_generated, unicode, loose_box = c.FPDFText_IsGenerated, c.FPDFText_GetUnicode, c.FPDFText_GetLooseCharBox
            object_address = _OBJECT_ADDRESS(ctypes.cast(c.FPDFText_GetTextObject, ctypes.c_void_p).value)
            tp_address = ctypes.cast(tp, ctypes.c_void_p).value
            styles: dict[int, tuple[float, str, bool]] = {}
            for k in range(c.FPDFText_CountChars(tp)):
                if is_generated(tp, k) == 1:
                    continue
                code = unicode(tp, k)
                if not code:
                    continue
                loose_box(tp, k, prect)
                key = object_address(tp_address, k) or 0  # the text object, as a plain address
                style = styles.get(key)
                if style is None:
                    style = styles[key] = self._style(tp, k, c.FPDFText_GetTextObject(tp, k))
                size, name, upright = style
                text = chr(code)
                if upright:  # as pdfminer: one font size tall, from the font's descent below the baseline
                    y0, y1 = rect.bottom, rect.bottom + size
                else:
                    y0, y1 = rect.bottom, rect.top
                chars.append(_Char(_LIGATURES.get(text, text), rect.left - left, rect.right - left,
                                   top - y1, top - y0, round(size, 1), name, upright))
            return chars
        finally:
            textpage.close()

    @staticmethod
    def _shapes(page) -> list[tuple[BBox, bool]]:
        """Small drawn shapes (at most ``MAX_BULLET`` points a side), top-down like the words, and whether
        each is filled: the bullets a layout program draws instead of typing a character."""
        import pypdfium2.raw as c

        left, _bottom, _right, top = page.get_bbox()
        out = []
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        for obj in page.get_objects(filter=[c.FPDF_PAGEOBJ_PATH], max_depth=2):
            x0, y0, x1, y1 = obj.get_bounds()
            if not (MIN_BULLET <= x1 - x0 <= MAX_BULLET and MIN_BULLET <= y1 - y0 <= MAX_BULLET):
                continue
            c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
            out.append((BBox(x0 - left, top - y1, x1 - left, top - y0), bool(fill.value)))
        return out

    def words(self, index: int) -> list[Word]:
        with PDFIUM:
            page = self._pdf[index]  # loaded once for its characters and its drawn shapes
            try:
                chars = self._chars(page, index)
                shapes = self._shapes(page)
            finally:
                page.close()
        out = []
        for (upright, _font, _size), run in itertools.groupby(chars, lambda ch: (ch.upright, ch.font, ch.size)):
            run = list(run)
            for line in _lines(run) if upright else [run]:
                for chars in _split(line, upright):
                    text = "".join(ch.text for ch in chars).strip()
                    if text:
                        box = BBox(min(ch.x0 for ch in chars), min(ch.top for ch in chars),
                                   max(ch.x1 for ch in chars), max(ch.bottom for ch in chars))
                        out.append(Word(text=text, bbox=box, page=index + 1, size=chars[0].size,
                                        bold=bool(_BOLD.search(chars[0].font))))
        return out + drawn_bullets(shapes, out)


MIN_BULLET, MAX_BULLET = 1.5, 8.0  # points: a drawn bullet's side; a rule or a table border is longer
BULLET_GAP = 18.0  # points: at most this far left of its item's first word


def drawn_bullets(shapes: list[tuple[BBox, bool]], words: list[Word]) -> list[Word]:
    """A small square or disc drawn just left of a line's first word, at its height, is that line's list
    marker: a word "•" (filled) or "◦" (outlined) as wide as the shape and as tall as that word, so the list
    reads as the page shows it."""
    out = []
    by_top = sorted(range(len(words)), key=lambda k: words[k].bbox.y0)
    tops = [words[k].bbox.y0 for k in by_top]
    tallest = max((w.bbox.height for w in words), default=0.0)
    for box, filled in shapes:
        if not 0.6 <= box.width / box.height <= 1.6:
            continue
        cy = (box.y0 + box.y1) / 2
        # only the words whose top lies within one word's height above the shape's middle can hold it
        near = sorted(by_top[bisect.bisect_left(tops, cy - tallest):bisect.bisect_right(tops, cy)])
        beside = [w for w in (words[k] for k in near) if w.bbox.y0 <= cy <= w.bbox.y1 and w.bbox.x1 > box.x0 - 1]
        if not beside:
            continue
        first = min(beside, key=lambda w: w.bbox.x0)
        if 0 <= first.bbox.x0 - box.x1 <= BULLET_GAP:
            out.append(Word(text="•" if filled else "◦", bbox=BBox(box.x0, first.bbox.y0, box.x1, first.bbox.y1),
                            page=first.page, size=first.size))
    return out


def _lines(chars: list[_Char]) -> list[list[_Char]]:
    """Characters clustered by their top within the tolerance, each line sorted left to right."""
    tops = sorted({ch.top for ch in chars})
    cluster: dict[float, int] = {}
    n, last = 0, None
    for value in tops:
        if last is not None and value > last + TOLERANCE:
            n += 1
        cluster[value] = n
        last = value
    ordered = sorted(chars, key=lambda ch: cluster[ch.top])  # stable: stream order within a line
    return [sorted(group, key=lambda ch: ch.x0) for _, group in itertools.groupby(ordered, lambda ch: cluster[ch.top])]


def _split(line: list[_Char], upright: bool) -> Iterator[list[_Char]]:
    word: list[_Char] = []
    for ch in line:
        if ch.text.isspace():
            if word:
                yield word
            word = []
        elif word and upright and (ch.x0 < word[-1].x0 or ch.x0 > word[-1].x1 + TOLERANCE
                                   or abs(ch.top - word[-1].top) > TOLERANCE):
            yield word
            word = [ch]
        else:
            word.append(ch)
    if word:
        yield word


def render_pages(data: bytes, dpi: float, grayscale: bool = True) -> Iterator[tuple[int, Image.Image]]:
    """Every page (0-based index, image) at ``dpi``: grey for a scan, colour for people."""
    with PDFIUM:
        pdf = _open(data)
        count = len(pdf)
    try:
        for i in range(count):
            with PDFIUM:
                page = pdf[i]
                try:
                    image = _render(page, dpi, grayscale)
                finally:
                    page.close()
            yield i, image  # outside the lock: the caller may take its time
    finally:
        with PDFIUM:
            pdf.close()


def _scan_dpi(page) -> float | None:
    """The resolution of a scanned page: the pixels per inch of the one image that covers most of it,
    or ``None`` when the page is not a single full-page image."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as c

    try:
        width, height = page.get_size()
        found = None
        for obj in page.get_objects(filter=[c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            left, bottom, right, top = obj.get_bounds()
            if (right - left) * (top - bottom) < 0.6 * width * height:
                continue
            if found is not None:
                return None
            px_w, _px_h = obj.get_px_size()
            found = px_w / ((right - left) / 72)
        return found
    except pdfium.PdfiumError:
        return None


def render_for_ocr(data: bytes, index: int, choose_dpi: Callable[[float | None], float]) -> tuple[Image.Image, float]:
    """One page as a grey image for OCR, at the resolution ``choose_dpi`` picks from the page's own
    (a scan's; ``None`` when the page is not one full-page image); the PDF is opened once."""
    with PDFIUM:
        pdf = _open(data)
        try:
            page = pdf[index]
            try:
                dpi = choose_dpi(_scan_dpi(page))
                return _render(page, dpi, True), dpi
            finally:
                page.close()
        finally:
            pdf.close()


def _render(page, dpi: float, grayscale: bool) -> Image.Image:
    """One page rendered (the caller holds :data:`PDFIUM`). The image is a copy, so no PDFium buffer
    is freed later, by the garbage collector, in a thread that does not hold the lock."""
    bitmap = page.render(scale=dpi / 72, grayscale=grayscale)
    try:
        return bitmap.to_pil().copy()
    finally:
        bitmap.close()
