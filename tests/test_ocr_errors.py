"""Error paths of the OCR stage, with a fake OCR engine and a fake missing tesseract."""
import io
from pathlib import Path

import pytest
import pytesseract
from PIL import Image

from pipeline import ingest_bytes
from pipeline.errors import MissingDependency, OcrFailed, OcrTimeout
from pipeline.model import BBox, Word
from pipeline.tools import tesseract


def tiff(pages: int) -> bytes:
    frames = [Image.new("L", (850, 1100), 255) for _ in range(pages)]
    buf = io.BytesIO()
    frames[0].save(buf, format="TIFF", save_all=True, append_images=frames[1:], dpi=(100, 100))
    return buf.getvalue()


def fake_words(page):
    text = ("Job title: Data Analyst\nReference: 2026-17\nClosing date: 3 March 2026\nLocation: Paris\n"
            "Duties\na. Analyse the data of the organisation.\nb. Write reports for the management.").split("\n")
    out = []
    for i, line in enumerate(text):
        for j, w in enumerate(line.split()):
            out.append(Word(w, BBox(50 + 40 * j, 60 + 20 * i, 85 + 40 * j, 72 + 20 * i), page, conf=95.0, group=(1, i, 1)))
    return out


def test_missing_tesseract_is_reported_before_work(monkeypatch):
    def boom():
        raise pytesseract.TesseractNotFoundError()

    tesseract.check_environment.cache_clear()
    monkeypatch.setattr(pytesseract, "get_tesseract_version", boom)
    try:
        with pytest.raises(MissingDependency) as err:
            tesseract.check_environment()
        assert str(err.value) == ("tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-eng "
                                  "tesseract-ocr-fra (or run make ingest)")
        with pytest.raises(MissingDependency):
            ingest_bytes(tiff(1), "scan.tiff")
    finally:
        tesseract.check_environment.cache_clear()


def test_missing_language_pack(monkeypatch):
    tesseract.check_environment.cache_clear()
    monkeypatch.setattr(pytesseract, "get_languages", lambda config="": ["eng", "osd"])
    try:
        with pytest.raises(MissingDependency, match="^tesseract language data missing: fra: apt-get install"):
            tesseract.check_environment()
    finally:
        tesseract.check_environment.cache_clear()


def test_a_failed_page_is_recorded_and_the_rest_is_kept(monkeypatch):
    def fake(image, page, dpi, timeout, psm=3):
        if page == 2:
            raise OcrTimeout(f"page 2: OCR took longer than {timeout:g}s: raise --ocr-timeout or split the file")
        return fake_words(page)

    monkeypatch.setattr(tesseract, "ocr_words", fake)
    doc = ingest_bytes(tiff(2), "two.tiff")
    rec = doc.record
    assert rec.source.ocr_pages == [1, 2]
    assert rec.reference == "2026-17"
    assert rec.deadline.date.isoformat() == "2026-03-03"
    assert [(w.code, w.message) for w in rec.warnings if w.code == "page_failed"] == [
        ("page_failed", "page 2: OCR took longer than 120s: raise --ocr-timeout or split the file")]
    # an image that states 100 dpi: boxes are converted at 100 dpi to points
    assert doc.pages[0].width == pytest.approx(850 * 72 / 100)


def test_every_page_failing_is_an_error(monkeypatch):
    def fake(image, page, dpi, timeout, psm=3):
        raise OcrFailed(f"page {page}: tesseract failed (simulated)")

    monkeypatch.setattr(tesseract, "ocr_words", fake)
    with pytest.raises(OcrFailed, match="^no page could be read: page 1: tesseract failed"):
        ingest_bytes(tiff(1), "one.tiff")


def test_real_tesseract_reads_a_rendered_line():
    from PIL import ImageDraw, ImageFont

    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    img = Image.new("L", (1400, 200), 255)
    font = ImageFont.truetype(str(dejavu), 48) if dejavu.exists() else ImageFont.load_default(size=48)
    ImageDraw.Draw(img).text((40, 60), "Closing date: 3 March 2026", fill=0, font=font)
    words = tesseract.ocr_words(img, 1, 300, 60)
    assert " ".join(w.text for w in words) == "Closing date: 3 March 2026"
    assert all(w.conf > 50 for w in words)
