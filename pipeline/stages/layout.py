"""Layout: words become lines in reading order.

Owns ``doc.lines`` and ``doc.removed``. Running headers and footers (text that
repeats in the page margins), page numbers and OCR specks are removed; a word
hyphenated across a line end is joined. Two-column pages are read column by
column.
"""
from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Callable

from rapidfuzz import fuzz

from pipeline import lists
from pipeline.model import Document, Line, PageInfo, Word, body_size
from pipeline.options import Options
from pipeline.tables import level_point, levelled, ocr_table_rows, segments, text_table_rows
from pipeline.text import fold

MARGIN = 0.085  # top and bottom share of the page where running headers and footers live
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.?)\s*)?[-–—(\[]?\s*\d{1,3}\s*[-–—)\]]?(?:\s*(?:/|of|de|sur)\s*\d{1,3})?$", re.I
)
# "Page | sur2", "Page l of 3": a page number whose figures a dirty scan misread, told by the words around them
_PAGE_OF_MISREAD = re.compile(r"^(?:page|p\.)\s*[\dIl|]{1,3}\s*(?:/|of|de|sur)\s*[\dIl|]{1,3}$", re.I)
# a line of figures alone in a page's margin ("1772", "1/2" misread): a page number, whatever a scan made of it
_MARGIN_FIGURES = re.compile(r"^(?=.*\d)[\d/|Il()\-–—.]{1,7}$")


def _ocr_lines(page: PageInfo) -> list[Line]:
    groups: dict[tuple[int, int, int], list[Word]] = defaultdict(list)
    for w in page.words:
        groups[w.group or (0, 0, 0)].append(w)
    lines = []
    prev_par = None
    for key in _blocks_in_order(groups, page):  # tesseract's reading order, but for blocks it put after one below
        words = sorted(groups[key], key=lambda w: w.bbox.x0)
        line = Line(words=words, page=page.number)
        line.gap_before = prev_par is not None and key[:2] != prev_par
        prev_par = key[:2]
        lines.append(line)
    lines = ocr_table_rows(_hanging_markers(_split_columns(lines, page), page), page)
    # heights on the levelled page: on a skewed scan a short line's box centre stands higher or lower
    # than a long line's on the same baseline, which reads as a paragraph gap that is not there
    _mark_gaps(lines, lambda ln: levelled(ln, page)[2])
    return lines


def _blocks_in_order(groups: dict[tuple[int, int, int], list[Word]], page: PageInfo) -> list[tuple[int, int, int]]:
    """Tesseract's blocks in its order (dicts keep it), but a block it read after another that stands wholly below
    it in the same column goes before that one: on a skewed scan it may read a heading ("PROFILE") before the last
    items of the list above it, set apart in a block of their own. Side-by-side columns keep their order."""
    blocks: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for key in groups:
        blocks[key[0]].append(key)
    box = {}
    for b, keys in blocks.items():
        pts = [level_point(x, w.bbox.cy, page) for k in keys for w in groups[k] for x in (w.bbox.x0, w.bbox.x1)]
        box[b] = (min(x for x, _ in pts), max(x for x, _ in pts), min(y for _, y in pts), max(y for _, y in pts))
    order: list[int] = []
    for b in blocks:
        at = len(order)
        while at > 0 and _above(box[b], box[order[at - 1]]):
            at -= 1
        order.insert(at, b)
    return [k for b in order for k in blocks[b]]


def _split_columns(lines: list[Line], page: PageInfo) -> list[Line]:
    """Two columns of running text that tesseract read straight across in places ("— a database of project costs,
    credit issua-  rbières, notamment les coûts de réduction"): where a gutter no word crosses runs down the page,
    with text on both sides, a line that spans it is cut there, and the page is read column by column."""
    xs = {id(w): (level_point(w.bbox.x0, w.bbox.cy, page)[0], level_point(w.bbox.x1, w.bbox.cy, page)[0])
          for ln in lines for w in ln.words}
    gutter = _word_gutter(list(xs.values()), page.width)
    if gutter is None:
        return lines
    sides: list[tuple[int, Line]] = []
    cut = False
    for ln in lines:
        left = [w for w in ln.words if sum(xs[id(w)]) / 2 < gutter]
        right = [w for w in ln.words if sum(xs[id(w)]) / 2 >= gutter]
        if left and right and xs[id(right[0])][0] - max(xs[id(w)][1] for w in left) >= _GUTTER_GAP:
            cut = True
            sides += [(0, Line(words=left, page=ln.page, gap_before=ln.gap_before)),
                      (1, Line(words=right, page=ln.page, gap_before=ln.gap_before))]
        else:
            sides.append((0 if not right else 1 if not left else -1, ln))
    if not cut or any(side < 0 for side, _ in sides):
        return lines  # (a line across the gutter: a heading or a paragraph over both columns, no page of two)
    # (long lines on both sides: columns of running text, not a table's labels and values)
    if min(statistics.median(len(ln.words) for side, ln in sides if side == k) for k in (0, 1)) < 4:
        return lines
    return [ln for side, ln in sides if side == 0] + [ln for side, ln in sides if side == 1]


_GUTTER_GAP = 8.0  # points between two columns' words, at least


def _word_gutter(spans: list[tuple[float, float]], width: float) -> float | None:
    """x of a gutter down the middle of the page that no word crosses, with many words on each side."""
    if len(spans) < 80:
        return None
    best = None
    for frac in [i / 80 for i in range(28, 53)]:
        x = width * frac
        crossing = sum(1 for a, b in spans if a < x < b)
        left = sum(1 for _, b in spans if b <= x)
        if crossing == 0 and min(left, len(spans) - left) >= 0.25 * len(spans):
            key = (abs(frac - 0.5), x)
            best = key if best is None or key < best else best
    return best[1] if best else None


def _above(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Block ``a`` (x0, x1, top, bottom) stands wholly above ``b`` and shares its column."""
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return a[3] < b[2] and overlap > 0.5 * min(a[1] - a[0], b[1] - b[0])


_MARKER_ONLY = re.compile(r"^(?:\(?(?:[a-zA-Z]|\d{1,2}|[ivxIVX]{1,4})[.)]|[•·▪■◦●\-–—*»])$")


def _hanging_markers(lines: list[Line], page: PageInfo) -> list[Line]:
    """List markers that tesseract read as lines of their own ("(a)", "iii)", "•" hanging left of
    the item's text) put back in front of the text they are level with."""
    level = {id(ln): levelled(ln, page) for ln in lines}
    alone = {id(ln) for ln in lines if _MARKER_ONLY.match(ln.text.strip())}  # a marker and nothing else
    texts = [ln for ln in lines if id(ln) not in alone]
    # where the markers hang: a scrap of two or three letters there is a marker OCR misread ("(b)" as "mo")
    marker_x = [(level[id(ln)][0], level[id(ln)][0] + ln.words[0].bbox.width) for ln in lines
                if id(ln) in alone or lists.marker(ln.text).style]  # where markers start and end
    joined: dict[int, Line] = {}  # text line -> the same line with its marker in front
    gone: set[int] = set()
    for m in lines:
        marker = id(m) in alone
        scrap = not marker and len(m.words) == 1 and len(m.text.strip()) <= 3 and \
            any(abs(level[id(m)][0] - x0) <= 6 or abs(level[id(m)][1] - x1) <= 3 for x0, x1 in marker_x)
        if not (marker or scrap):
            continue
        _x0, x1, cy = level[id(m)]
        beside = [ln for ln in texts if ln is not m and id(ln) not in joined and 0 <= level[id(ln)][0] - x1 <= 40
                  and abs(level[id(ln)][2] - cy) <= 0.6 * max(m.bbox.height, ln.bbox.height)]
        if beside:
            target = min(beside, key=lambda ln: level[id(ln)][0] - x1)
            if marker:
                joined[id(target)] = Line(words=m.words + target.words, page=target.page, gap_before=target.gap_before)
            gone.add(id(m))  # a misread marker goes: the item still starts where its line starts
    return [joined.get(id(ln), ln) for ln in lines if id(ln) not in gone]


def _text_rows(words: list[Word]) -> list[list[Word]]:
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.bbox.cy, w.bbox.x0)):
        if rows:
            row = rows[-1]
            cy = statistics.fmean(x.bbox.cy for x in row)
            h = min(statistics.fmean(x.bbox.height for x in row), w.bbox.height)
            if abs(w.bbox.cy - cy) <= 0.45 * h:
                row.append(w)
                continue
        rows.append([w])
    return [sorted(r, key=lambda w: w.bbox.x0) for r in rows]


def _gutter(rows: list[list[list[Word]]], width: float) -> float | None:
    """x of a column gutter crossed by no segment and with text on both sides of most rows."""
    segs = [s for r in rows for s in r]
    if len(segs) < 8:
        return None
    best: tuple[int, float, float] | None = None
    for frac in [i / 80 for i in range(28, 53)]:
        x = width * frac
        crossing = sum(1 for s in segs if s[0].bbox.x0 < x < s[-1].bbox.x1)
        left = sum(1 for s in segs if s[-1].bbox.x1 <= x)
        right = sum(1 for s in segs if s[0].bbox.x0 >= x)
        # one column may run much shorter than the other (the end of a text, a poster)
        if crossing <= 0.04 * len(segs) and min(left, right) >= max(4, 0.12 * len(segs)):
            key = (crossing, abs(frac - 0.5), x)
            best = key if best is None or key < best else best
    return best[2] if best else None


def _mark_gaps(lines: list[Line], cy: Callable[[Line], float] = lambda ln: ln.bbox.cy) -> None:
    pitches = [cy(b) - cy(a) for a, b in zip(lines, lines[1:]) if 0 < cy(b) - cy(a)]
    if not pitches:
        return
    pitch = sorted(pitches)[len(pitches) // 4]  # line pitch inside paragraphs: many notices space every item
    body = body_size(lines)
    for a, b in zip(lines, lines[1:]):
        d = cy(b) - cy(a)
        # the pitch grows with the type: a title wrapped over two lines is one block
        scale = max(1.0, a.size / body) if body and a.size and b.size and abs(a.size - b.size) <= 1.0 else 1.0
        if d > 1.4 * pitch * scale or d < 0 or (a.size and b.size and abs(a.size - b.size) > 1.0):
            b.gap_before = True


def _text_lines(page: PageInfo) -> list[Line]:
    rows = [segments(r) for r in _text_rows(page.words)]
    gutter = _gutter(rows, page.width)
    if gutter is None:
        lines = [Line(words=[w for s in r for w in s], page=page.number) for r in rows]
        _mark_gaps(lines)
        return text_table_rows(lines)
    columns: list[list[Line]] = [[], []]
    for r in rows:
        for s in r:
            columns[0 if s[0].bbox.x0 < gutter else 1].append(Line(words=s, page=page.number))
    for col in columns:
        _mark_gaps(col)
        if col:
            col[0].gap_before = True
    return columns[0] + columns[1]


def page_lines(page: PageInfo) -> list[Line]:
    if not page.words:
        return []
    lines = _ocr_lines(page) if page.method == "ocr" else _text_lines(page)
    if lines:
        lines[0].gap_before = True
    return lines


def _margin_key(line: Line) -> str:
    return re.sub(r"\d+", "#", fold(line.text)).replace(" ", "")


def _in_margin(line: Line, page: PageInfo) -> bool:
    return line.bbox.y1 < page.height * MARGIN or line.bbox.y0 > page.height * (1 - MARGIN)


def _set_with_body(lines: list[Line], i: int, running: Callable[[Line], bool]) -> bool:
    """A line set tight against the body text next to it (a heading at the top of two pages:
    "Experience" on one, "Expérience" on another) is not a running header or footer, which
    stands apart from the body."""
    line = lines[i]
    top = line.bbox.cy < (lines[-1].bbox.cy + lines[0].bbox.cy) / 2
    step = 1 if top else -1
    j = i + step
    while 0 <= j < len(lines) and (running(lines[j]) or sum(c.isalnum() for c in lines[j].text) < 2):
        j += step  # past other running lines and specks
    if not 0 <= j < len(lines):
        return False
    other = lines[j]
    gap = other.bbox.y0 - line.bbox.y1 if top else line.bbox.y0 - other.bbox.y1
    # word heights, not line boxes: a skewed scan's line box is taller than its type
    height = statistics.median(w.bbox.height for w in line.words + other.words)
    return -1 < gap < height


def _lone_margin_line(line: Line, lines: list[Line], page: PageInfo, body_height: float) -> bool:
    """On a single page: a small-print line in the margin, set apart from the body."""
    if not _in_margin(line, page) or line.bbox.height > 0.9 * body_height:
        return False
    others = [x for x in lines if x is not line and not _in_margin(x, page)]
    if not others:
        return False
    nearest = min(abs(x.bbox.cy - line.bbox.cy) for x in others)
    return nearest > 2.5 * body_height


def _page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text) or _PAGE_OF_MISREAD.match(text))


def remove_furniture(pages: list[PageInfo], per_page: dict[int, list[Line]]) -> list[Line]:
    removed: list[Line] = []
    counts: dict[str, set[int]] = defaultdict(set)
    by_number = {p.number: p for p in pages}
    for number, lines in per_page.items():
        for line in lines:
            if _in_margin(line, by_number[number]):
                counts[_margin_key(line)].add(number)
    repeated = {k for k, v in counts.items() if len(v) >= 2}
    # on a dirty scan no two pages may read a long header alike ("Ville" and "Vilie"): near matches repeat too
    once = [k for k, v in counts.items() if len(v) == 1 and len(k) >= 12]
    repeated |= {a for a in once for b in once
                 if a != b and counts[a] != counts[b] and fuzz.ratio(a, b) >= 90}

    def running(line: Line) -> bool:
        """Repeated in the margins of two pages or more, allowing for OCR variation and splits."""
        key = _margin_key(line)
        if key in repeated:
            return True
        # (a skewed scan cuts the running header: "ASASA" alone at its start, "- Vacancy Notice …" beside it)
        return len(key) >= 6 and any(fuzz.ratio(key, r) >= 85 or key in r for r in repeated) or \
            len(key) >= 4 and any(r.startswith(key) or r.endswith(key) for r in repeated)

    heights = [ln.bbox.height for lines in per_page.values() for ln in lines]
    body_height = statistics.median(heights) if heights else 0.0
    for number, lines in per_page.items():
        page = by_number[number]
        keep = []
        for i, line in enumerate(lines):
            text = line.text.strip()
            alnum = sum(c.isalnum() for c in text)
            standalone = line.gap_before and (i + 1 == len(lines) or lines[i + 1].gap_before)
            if _in_margin(line, page) and (running(line) and not _set_with_body(lines, i, running)
                                           or _page_number(text) or _MARGIN_FIGURES.match(text)):
                removed.append(line)
            elif _page_number(text) and standalone:
                removed.append(line)
            elif alnum < 2:
                removed.append(line)
            elif len(pages) == 1 and _lone_margin_line(line, lines, page, body_height):
                removed.append(line)
            else:
                keep.append(line)
        if keep and lines and not keep[0].gap_before:
            keep[0].gap_before = True
        per_page[number] = keep
    return removed


_HYPHEN_END = re.compile(r"([A-Za-zÀ-ÿ]{2,})[-\u00ad]$")


_LOWER_START = re.compile(r"^([a-zà-ÿ][\wÀ-ÿ'’]*)(.*)$", re.S)


def dehyphenate(lines: list[Line]) -> None:
    """Join words split at line ends; a hyphen the text uses elsewhere is kept (procès-verbaux)."""
    vocab = {fold(w) for ln in lines for w in re.findall(r"[\wÀ-ÿ][\wÀ-ÿ'’-]*", ln.text)}
    for a, b in zip(lines, lines[1:]):
        m = _HYPHEN_END.search(a.text)
        n = _LOWER_START.match(b.text)
        if not m or not n or b.gap_before:
            continue
        head, tail = m.group(1), n.group(1)
        hyphenated = fold(f"{head}-{tail}") in vocab
        joined = head + tail if not hyphenated or fold(head + tail) in vocab else f"{head}-{tail}"
        a.text = a.text[: m.start()] + joined
        b.text = n.group(2).lstrip()


def run(doc: Document, options: Options) -> None:
    per_page = {p.number: page_lines(p) for p in doc.pages}
    doc.removed = remove_furniture(doc.pages, per_page)
    lines = [ln for p in doc.pages for ln in per_page[p.number]]
    dehyphenate(lines)
    doc.lines = [ln for ln in lines if ln.text.strip()]
