#!/usr/bin/env python3
"""Build the vacancy test corpus (corpus/inbox) from the seed texts.

The seed texts live outside the repository, in ``<repo>/../shared/seeds/``:

* ``004_78d2f024262652aa.txt`` -- OCR text of a real NATO internship notice
  (vacancy 250715), English half then French half.  OCR damage is kept
  on purpose (``I'OTAN``, ``TOTAN``, bullets read as ``e``/``¢``/``«``, ...).
* ``000_9f91075f288760f5.txt`` -- a French NATO news article about
  internships; it is *not* a vacancy notice.

Files written (all byte-identical from one run to the next):

* ``nato-250715-digital.pdf``  the notice typeset with a real text layer
* ``nato-250715-scan.pdf``     image-only rendering of it: skew, noise, JPEG
* ``nato-250715-page1.png``    page 1 as a 300 dpi grayscale image
* ``news-otan-stagiaires-2021.pdf``  the news article, typeset with platypus

Run ``python corpus/scripts/make_corpus.py --verify`` to build and then check
the outputs (text layers, word order, image-only scan, sizes).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import pdfplumber
import pypdfium2
from PIL import Image
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_notices import register_cp1252_encoding  # noqa: E402  (the one cp1252 codec of both scripts)

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SEEDS = REPO.parent / "shared" / "seeds"
DEFAULT_OUT = REPO / "corpus" / "inbox"

NOTICE_SEED = "004_78d2f024262652aa.txt"
NEWS_SEED = "000_9f91075f288760f5.txt"

DIGITAL_NAME = "nato-250715-digital.pdf"
SCAN_NAME = "nato-250715-scan.pdf"
PNG_NAME = "nato-250715-page1.png"
NEWS_NAME = "news-otan-stagiaires-2021.pdf"

# Notice layout (points).
PAGE_W, PAGE_H = A4
MARGIN = 56.0
FONT = "Helvetica"
FONT_SIZE = 9.5
LEADING = 12.5
PARAGRAPH_GAP = 8.0
FRAME_W = PAGE_W - 2 * MARGIN
FIRST_BASELINE = PAGE_H - MARGIN - FONT_SIZE
LAST_BASELINE = MARGIN
FRENCH_START = "Programme de stages de"
HEADER_LEFT = "NATO International Staff"
HEADER_RIGHT = "Vacancy 250715"
HEADER_FROM_TOP = 30.0
FOOTER_FROM_BOTTOM = 25.0
RUNNING_SIZE = 8.0
RUNNING_GREY = colors.Color(0.45, 0.45, 0.45)

# Raster settings.
DPI = 300
NOISE_SIGMA = 8.0
SPECKLE_FRACTION = 0.0002
SKEW_MIN_DEG, SKEW_MAX_DEG = 0.3, 0.8
# Brief asked for ~60, but with sigma-8 noise that is ~830 KB a page (9 MB in
# all); 35 keeps the 11-page scan near 5.3 MB, under the 6 MB budget.
JPEG_QUALITY = 35
SCAN_SEED = 250715
PNG_SEED = 250716
SCAN_BUDGET_BYTES = 6 * 1024 * 1024

# Fixed PDF metadata so that every run writes the same bytes.
FIXED_DATE = time.struct_time((2025, 6, 1, 0, 0, 0, 6, 152, 0))
PDF_CREATOR = "vacancy corpus/scripts/make_corpus.py"
PDF_AUTHOR = "vacancy test corpus"

# Tokens in the seed layout stream.
GAP = "gap"
PAGE_BREAK = "page-break"


@dataclass(frozen=True)
class Written:
    """One output file, for the summary line."""

    path: Path
    pages: int

    def summary(self) -> str:
        size = self.path.stat().st_size
        return f"{self.path.name:34s} {self.pages:3d} page(s) {size:>10,d} bytes"


# --------------------------------------------------------------------------
# Seed handling
# --------------------------------------------------------------------------


def read_seed(seeds: Path, name: str) -> str:
    """Read one seed text as UTF-8."""
    return (seeds / name).read_text(encoding="utf-8")


def notice_lines(text: str) -> list[str]:
    """The non-blank seed lines, stripped: exactly what gets printed."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def notice_stream(text: str) -> list[str]:
    """Seed lines as a layout stream of text lines, GAP and PAGE_BREAK tokens.

    A run of blank lines becomes a single GAP; the French half is preceded
    by a PAGE_BREAK.
    """
    stream: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if stream and stream[-1] != GAP:
                stream.append(GAP)
            continue
        if line.startswith(FRENCH_START):
            stream.append(PAGE_BREAK)
        stream.append(line)
    return stream


# --------------------------------------------------------------------------
# Digital notice PDF (canvas, one printed line per seed line)
# --------------------------------------------------------------------------


def layout_pages(stream: list[str]) -> list[list[tuple[float, str]]]:
    """Assign each line a page and a baseline y; returns pages of (y, text)."""
    pages: list[list[tuple[float, str]]] = [[]]
    y = FIRST_BASELINE
    for item in stream:
        if item == PAGE_BREAK:
            if pages[-1]:
                pages.append([])
                y = FIRST_BASELINE
            continue
        if item == GAP:
            if pages[-1]:
                y -= PARAGRAPH_GAP
            continue
        if y < LAST_BASELINE:
            pages.append([])
            y = FIRST_BASELINE
        pages[-1].append((y, item))
        y -= LEADING
    return pages


def horiz_scale(text: str) -> float:
    """Horizontal scaling (percent) that makes text fit the frame width."""
    width = stringWidth(text, FONT, FONT_SIZE)
    if width <= FRAME_W:
        return 100.0
    return math.floor(FRAME_W / width * 10000) / 100


def draw_line(canvas: Canvas, y: float, text: str) -> None:
    """Draw one seed line at the left margin, squeezed if it is too wide."""
    obj = canvas.beginText(MARGIN, y)
    obj.setFont(FONT, FONT_SIZE)
    obj.setHorizScale(horiz_scale(text))
    obj.textOut(text)
    canvas.drawText(obj)


def draw_running_text(canvas: Canvas, number: int, total: int) -> None:
    """Running header (source, vacancy) and footer (Page N of M)."""
    canvas.saveState()
    canvas.setFont(FONT, RUNNING_SIZE)
    canvas.setFillColor(RUNNING_GREY)
    header_y = PAGE_H - HEADER_FROM_TOP
    canvas.drawString(MARGIN, header_y, HEADER_LEFT)
    canvas.drawRightString(PAGE_W - MARGIN, header_y, HEADER_RIGHT)
    canvas.drawCentredString(PAGE_W / 2, FOOTER_FROM_BOTTOM, f"Page {number} of {total}")
    canvas.restoreState()


def set_metadata(canvas: Canvas, title: str, subject: str) -> None:
    """Fixed document information."""
    canvas.setTitle(title)
    canvas.setAuthor(PDF_AUTHOR)
    canvas.setCreator(PDF_CREATOR)
    canvas.setSubject(subject)


def build_digital(seeds: Path, out: Path) -> Written:
    """Typeset the notice seed with a real text layer."""
    pages = layout_pages(notice_stream(read_seed(seeds, NOTICE_SEED)))
    path = out / DIGITAL_NAME
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    set_metadata(canvas, "NATO Internship - Public Diplomacy Division (PDD) (250715)",
                 "Vacancy notification 250715 (EN/FR)")
    for number, lines in enumerate(pages, start=1):
        draw_running_text(canvas, number, len(pages))
        for y, text in lines:
            draw_line(canvas, y, text)
        canvas.showPage()
    canvas.save()
    return Written(path, len(pages))


# --------------------------------------------------------------------------
# Raster versions (scan PDF, page-1 PNG)
# --------------------------------------------------------------------------


def render_pages(pdf_path: Path) -> list[Image.Image]:
    """Render every page of a PDF at DPI, grayscale."""
    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        return [render_page(document[i]) for i in range(len(document))]
    finally:
        document.close()


def render_page(page: pypdfium2.PdfPage) -> Image.Image:
    """Render one page at DPI as an 8-bit grayscale image."""
    image = page.render(scale=DPI / 72, grayscale=True).to_pil()
    return image.convert("L")


def skew_angles(rng: np.random.Generator, count: int) -> list[float]:
    """Small skew angles in degrees; the sign alternates from page to page."""
    first_sign = rng.choice([-1.0, 1.0])
    magnitudes = rng.uniform(SKEW_MIN_DEG, SKEW_MAX_DEG, size=count)
    return [float(first_sign * (-1) ** i * m) for i, m in enumerate(magnitudes)]


def skew(image: Image.Image, degrees: float) -> Image.Image:
    """Rotate like a sheet fed slightly askew; corners are filled white."""
    return image.rotate(degrees, resample=Image.Resampling.BICUBIC,
                        expand=False, fillcolor=255)


def add_noise(image: Image.Image, rng: np.random.Generator) -> Image.Image:
    """Gaussian sensor noise plus sparse salt-and-pepper speckle."""
    pixels = np.asarray(image, dtype=np.float32)
    pixels = pixels + rng.normal(0.0, NOISE_SIGMA, size=pixels.shape).astype(np.float32)
    speckle = rng.random(pixels.shape) < SPECKLE_FRACTION
    pixels[speckle] = rng.choice(np.array([0.0, 255.0], dtype=np.float32),
                                 size=int(speckle.sum()))
    return Image.fromarray(np.clip(np.rint(pixels), 0, 255).astype(np.uint8), mode="L")


def build_scan(digital: Path, out: Path) -> Written:
    """Image-only PDF: each page skewed, noised and stored as JPEG."""
    rng = np.random.default_rng(SCAN_SEED)
    pages = render_pages(digital)
    angles = skew_angles(rng, len(pages))
    scans = [add_noise(skew(page, angle), rng) for page, angle in zip(pages, angles)]
    path = out / SCAN_NAME
    scans[0].save(path, "PDF", save_all=True, append_images=scans[1:],
                  resolution=float(DPI), quality=JPEG_QUALITY,
                  title="NATO vacancy 250715 (scanned)", author=PDF_AUTHOR,
                  creator=PDF_CREATOR, producer=PDF_CREATOR,
                  creationDate=FIXED_DATE, modDate=FIXED_DATE)
    return Written(path, len(scans))


def build_page_png(digital: Path, out: Path) -> Written:
    """Page 1 as a 300 dpi grayscale PNG with mild noise (no skew)."""
    rng = np.random.default_rng(PNG_SEED)
    document = pypdfium2.PdfDocument(str(digital))
    try:
        image = add_noise(render_page(document[0]), rng)
    finally:
        document.close()
    path = out / PNG_NAME
    image.save(path, "PNG", dpi=(DPI, DPI), compress_level=9)
    return Written(path, 1)


# --------------------------------------------------------------------------
# News article PDF (platypus, wrapped paragraphs)
# --------------------------------------------------------------------------


# ReportLab encodes U+2022 BULLET as WinAnsi code 0x7F.  The PDF spec allows
# that, but pdfminer/pdfplumber extract it as "(cid:127)".  The news article
# therefore uses Helvetica through an encoding that is plain cp1252 (bullet at
# 0x95), still written as /BaseFont /Helvetica /Encoding /WinAnsiEncoding.
NEWS_ENCODING = "CorpusCp1252Encoding"  # must not start with "WinAnsi"
NEWS_FONT = "Helvetica-Cp1252"
NEWS_FONT_BOLD = "Helvetica-Bold-Cp1252"


def register_news_fonts() -> None:
    """Register Helvetica and Helvetica-Bold with the cp1252 bullet encoding."""
    if NEWS_FONT in pdfmetrics.getRegisteredFontNames():
        return
    register_cp1252_encoding(NEWS_ENCODING)
    pdfmetrics.registerFont(pdfmetrics.Font(NEWS_FONT, "Helvetica", NEWS_ENCODING))
    pdfmetrics.registerFont(pdfmetrics.Font(NEWS_FONT_BOLD, "Helvetica-Bold", NEWS_ENCODING))
    pdfmetrics.registerFontFamily(NEWS_FONT, normal=NEWS_FONT, bold=NEWS_FONT_BOLD,
                                  italic=NEWS_FONT, boldItalic=NEWS_FONT_BOLD)


NEWS_STYLES = {
    "title": ParagraphStyle("title", fontName=NEWS_FONT_BOLD, fontSize=16,
                            leading=20, spaceAfter=10),
    "heading": ParagraphStyle("heading", fontName=NEWS_FONT_BOLD, fontSize=12,
                              leading=15, spaceBefore=8, spaceAfter=4),
    "body": ParagraphStyle("body", fontName=NEWS_FONT, fontSize=10, leading=13.5,
                           spaceAfter=6),
    "bullet": ParagraphStyle("bullet", fontName=NEWS_FONT, fontSize=10, leading=13.5,
                             leftIndent=14, spaceAfter=3),
}


def news_kind(line: str, first: bool) -> str:
    """Classify an article line as title, heading, bullet or body."""
    if first:
        return "title"
    if line.startswith("\u2022"):
        return "bullet"
    if len(line) < 60 and not line.endswith((".", ":", "!", "?", "\u00bb")):
        return "heading"
    return "body"


def news_story(text: str) -> list:
    """Platypus flowables for the article; bullets keep their • character."""
    story: list = []
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for index, line in enumerate(lines):
        story.append(Paragraph(escape(line), NEWS_STYLES[news_kind(line, index == 0)]))
    story.append(Spacer(1, 6))
    return story


def build_news(seeds: Path, out: Path) -> Written:
    """Typeset the (non-vacancy) news article as a normal digital PDF."""
    register_news_fonts()
    path = out / NEWS_NAME
    doc = SimpleDocTemplate(str(path), pagesize=A4, invariant=1,
                            leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN,
                            title="L\u2019OTAN recherche des stagiaires pour 2021",
                            author=PDF_AUTHOR, creator=PDF_CREATOR,
                            subject="NATO news article (not a vacancy notice)")
    doc.build(news_story(read_seed(seeds, NEWS_SEED)))
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
    return Written(path, pages)


# --------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------


def body_lines(pdf_path: Path) -> list[str]:
    """Printed body lines of the notice PDF, without header and footer."""
    lines: list[str] = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            body = page.within_bbox((0, 45, page.width, page.height - 45))
            text = body.extract_text(keep_blank_chars=True)
            lines.extend(text.splitlines())
    return lines


def pdf_words(pdf_path: Path, crop: float = 0.0) -> list[str]:
    """All words pdfplumber finds, in reading order, optionally cropped."""
    words: list[str] = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            area = page.within_bbox((0, crop, page.width, page.height - crop))
            words.extend(w["text"] for w in area.extract_words())
    return words


def check_notice(seeds: Path, out: Path) -> list[str]:
    """Every seed line verbatim, in order, and the running text present."""
    problems: list[str] = []
    expected = notice_lines(read_seed(seeds, NOTICE_SEED))
    printed = body_lines(out / DIGITAL_NAME)
    if printed != expected:
        missing = [line for line in expected if line not in printed]
        problems.append(f"{DIGITAL_NAME}: {len(missing)} seed line(s) not printed "
                        f"verbatim (first: {missing[:3]!r}); "
                        f"{len(printed)} printed vs {len(expected)} expected")
    if pdf_words(out / DIGITAL_NAME, crop=45) != " ".join(expected).split():
        problems.append(f"{DIGITAL_NAME}: extracted words differ from the seed words")
    with pdfplumber.open(out / DIGITAL_NAME) as pdf:
        total = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            text = page.extract_text()
            for needle in (HEADER_LEFT, HEADER_RIGHT, f"Page {number} of {total}"):
                if needle not in text:
                    problems.append(f"{DIGITAL_NAME} p{number}: missing {needle!r}")
        french = [n for n, p in enumerate(pdf.pages, start=1)
                  if FRENCH_START in (p.extract_text() or "")]
        if not french or not body_lines_start(pdf.pages[french[0] - 1], FRENCH_START):
            problems.append(f"{DIGITAL_NAME}: French half does not start a new page")
    return problems


def body_lines_start(page, prefix: str) -> bool:
    """True when the first body line of a page starts with prefix."""
    body = page.within_bbox((0, 45, page.width, page.height - 45))
    return (body.extract_text() or "").startswith(prefix)


def check_news(seeds: Path, out: Path) -> list[str]:
    """The article's words come out of the PDF in order."""
    expected = read_seed(seeds, NEWS_SEED).split()
    got = pdf_words(out / NEWS_NAME)
    if got != expected:
        first = next((i for i, pair in enumerate(zip(got, expected))
                      if pair[0] != pair[1]), min(len(got), len(expected)))
        return [f"{NEWS_NAME}: extracted words differ from the seed words at word "
                f"{first}: {got[first:first + 3]!r} vs {expected[first:first + 3]!r}"]
    return []


def check_scan(out: Path) -> list[str]:
    """Image-only, A4-sized pages, one JPEG per page, within the size budget."""
    problems: list[str] = []
    path = out / SCAN_NAME
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            if page.extract_words() or page.chars:
                problems.append(f"{SCAN_NAME} p{number}: has a text layer")
            if abs(page.width - PAGE_W) > 2 or abs(page.height - PAGE_H) > 2:
                problems.append(f"{SCAN_NAME} p{number}: size {page.width}x{page.height}")
            if len(page.images) != 1:
                problems.append(f"{SCAN_NAME} p{number}: {len(page.images)} images")
    if b"/DCTDecode" not in path.read_bytes():
        problems.append(f"{SCAN_NAME}: pages are not JPEG (DCTDecode)")
    if path.stat().st_size > SCAN_BUDGET_BYTES:
        problems.append(f"{SCAN_NAME}: {path.stat().st_size} bytes exceeds budget")
    return problems


def check_png(out: Path) -> list[str]:
    """Grayscale, 300 dpi, A4 pixel size."""
    with Image.open(out / PNG_NAME) as image:
        dpi = tuple(round(v) for v in image.info.get("dpi", (0, 0)))
        size, mode = image.size, image.mode
    expected = (round(PAGE_W * DPI / 72), round(PAGE_H * DPI / 72))
    problems = []
    if dpi != (DPI, DPI):
        problems.append(f"{PNG_NAME}: dpi {dpi}")
    if mode != "L" or abs(size[0] - expected[0]) > 1 or abs(size[1] - expected[1]) > 1:
        problems.append(f"{PNG_NAME}: {mode} {size}, expected L {expected}")
    return problems


def verify(seeds: Path, out: Path) -> list[str]:
    """Run every check; returns a list of problems (empty means all good)."""
    return (check_notice(seeds, out) + check_news(seeds, out)
            + check_scan(out) + check_png(out))


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Build the deterministic vacancy test corpus from the seed "
                    "texts: a digital NATO notice PDF, a skewed/noisy scanned "
                    "PDF of it, a 300 dpi PNG of its page 1, and a French news "
                    "article PDF that is not a vacancy notice.",
        epilog="Outputs are byte-identical from run to run.")
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS,
                        help=f"directory with the seed .txt files (default: {DEFAULT_SEEDS})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"output directory (default: {DEFAULT_OUT})")
    parser.add_argument("--verify", action="store_true",
                        help="after building, check the outputs; exit 1 on any problem")
    return parser.parse_args(argv)


def build_all(seeds: Path, out: Path) -> list[Written]:
    """Write every corpus file; the raster files derive from the digital PDF."""
    out.mkdir(parents=True, exist_ok=True)
    digital = build_digital(seeds, out)
    return [digital, build_scan(digital.path, out), build_page_png(digital.path, out),
            build_news(seeds, out)]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    for written in build_all(args.seeds, args.out):
        print(written.summary())
    if not args.verify:
        return 0
    problems = verify(args.seeds, args.out)
    for problem in problems:
        print(f"FAIL {problem}", file=sys.stderr)
    print("verify: OK" if not problems else f"verify: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
