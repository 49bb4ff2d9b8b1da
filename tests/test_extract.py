"""The text layer is read with PDFium, in C, and cut into words as pdfplumber cuts them.

pdfplumber (pdfminer) is the reference: on the seed and on corpus notices the same words come
out, with boxes within a point (the two read a font's descent a little differently; and PDFium
measures the euro sign of a standard font where pdfminer gives it no width, so the words after
a "€" sit a few points further right, where they are printed).
"""
from __future__ import annotations

from collections import Counter

import pdfplumber
import pytest

from pipeline.tools.pdf import PdfText

ROOT_NOTICES = ["coe-e05-2026", "geneva-2026-17", "oecd-2026-0417", "ncia-2026-041"]


def _plumber(path):
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            yield [w for w in page.extract_words(extra_attrs=["fontname", "size"]) if w["text"].strip()]


@pytest.fixture(scope="module")
def documents(built, inbox):
    from conftest import ROOT

    return [inbox / "nato-250715-digital.pdf"] + [ROOT / "corpus" / "build" / n / "digital.pdf" for n in ROOT_NOTICES]


def test_same_words_as_pdfplumber(documents):
    total = close = 0
    for path in documents:
        with PdfText(path.read_bytes()) as pdf:
            ours = [pdf.words(i) for i in range(pdf.page_count)]
        for mine, theirs in zip(ours, _plumber(path), strict=True):
            assert Counter(w.text for w in mine) == Counter(w["text"] for w in theirs), path
            assert Counter(w.size for w in mine) == Counter(round(float(w["size"]), 1) for w in theirs), path
            boxes = {(w["text"], round(float(w["x0"])), round(float(w["top"]))): w for w in theirs}
            for w in mine:
                total += 1
                twin = next((t for (text, x, y), t in boxes.items() if text == w.text and abs(x - w.bbox.x0) <= 1
                             and abs(y - w.bbox.y0) <= 1), None)
                if twin and all(abs(a - float(twin[k])) <= 1.0 for a, k in
                                zip((w.bbox.x0, w.bbox.y0, w.bbox.x1, w.bbox.y1), ("x0", "top", "x1", "bottom"))):
                    close += 1
    assert close / total >= 0.99, (close, total)


def test_soft_hyphens_and_ligatures_read_as_text(documents):
    words = []
    for path in documents:
        with PdfText(path.read_bytes()) as pdf:
            words += [w.text for i in range(pdf.page_count) for w in pdf.words(i)]
    assert not [w for w in words if "\x02" in w or any("\ufb00" <= c <= "\ufb06" for c in w)]
    assert any(w.endswith("-") for w in words)  # line-end hyphens, as printed


_THREADS = r'''
import sys
from concurrent.futures import ThreadPoolExecutor
from pipeline.tools import pdf as P
paths = sys.argv[1:]
data = [open(p, "rb").read() for p in paths]

def work(k):
    d = data[k % len(data)]
    with P.PdfText(d) as t:
        words = [len(t.words(i)) for i in range(t.page_count)]
    img, dpi = P.render_for_ocr(d, 0, lambda native: 100.0)
    return words, img.size, sum(1 for _ in P.render_pages(d, 30))

serial = [work(k) for k in range(len(data))]
with ThreadPoolExecutor(8) as pool:
    together = list(pool.map(work, range(8 * len(data))))
print(all(r == serial[k % len(data)] for k, r in enumerate(together)))
'''


def test_pdfium_called_from_many_threads_at_once(documents, inbox, built, tmp_path):
    """Regression (CI crash, 2026-11-24): the OCR stage's threads rendered pages at the same time and
    PDFium, which is not thread-safe, crashed the interpreter. Every PDFium call now holds one lock.
    Without it this script dies (SIGSEGV, or glibc's "malloc(): ... corrupted") on most runs."""
    import subprocess
    import sys

    from conftest import ROOT

    scans = [ROOT / "corpus" / "build" / n / "scan.pdf" for n in ROOT_NOTICES]
    script = tmp_path / "threads.py"
    script.write_text(_THREADS)
    args = [str(p) for p in documents + scans]
    run = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True,
                         cwd=ROOT, timeout=600)
    assert (run.returncode, run.stdout.strip()) == (0, "True"), run.stderr[-2000:]


def test_a_bullet_drawn_as_a_shape_is_the_line_s_marker(tmp_path):
    """Layout programs often draw a list's bullets (a small square, a disc, a ring) instead of typing them:
    the text layer then holds no marker. A small shape just left of a line's first word becomes one."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "drawn.pdf"
    c = Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, 700, "Duties")
    c.rect(72, 682, 3.2, 3.2, stroke=0, fill=1)  # a filled square beside the first item
    c.drawString(82, 680, "Plan the work.")
    c.circle(86, 665, 1.6, stroke=1, fill=0)  # a ring beside the sub-item
    c.drawString(92, 662, "Weekly.")
    c.rect(72, 640, 200, 0.8, stroke=0, fill=1)  # a rule: no marker
    c.rect(300, 620, 3.2, 3.2, stroke=0, fill=1)  # a square with no text beside it: no marker
    c.save()
    with PdfText(path.read_bytes()) as pdf:
        words = pdf.words(0)
    marks = sorted((w for w in words if w.text in "•◦"), key=lambda w: w.bbox.y0)
    assert [w.text for w in marks] == ["•", "◦"]
    assert abs(marks[0].bbox.x0 - 72) < 1 and abs(marks[1].bbox.x0 - 84.4) < 1.5  # the ring's stroke adds width
    item = next(w for w in words if w.text == "Plan")
    assert (marks[0].bbox.y0, marks[0].bbox.y1, marks[0].size) == (item.bbox.y0, item.bbox.y1, item.size)
