"""Layout: words become lines in reading order.

Owns ``doc.lines`` and ``doc.removed``. Running headers and footers (text that
repeats in the page margins), page numbers and OCR specks are removed; a word
hyphenated across a line end is joined. Two-column pages are read column by
column.
"""
from __future__ import annotations

import dataclasses
import re
import statistics
from collections import defaultdict
from collections.abc import Callable

from rapidfuzz import fuzz

from pipeline import imaging, lists
from pipeline.model import Document, Line, PageInfo, Word, body_size
from pipeline.options import Options
from pipeline.text import fold

MARGIN = 0.085  # top and bottom share of the page where running headers and footers live
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.?)\s*)?[-–—(\[]?\s*\d{1,3}\s*[-–—)\]]?(?:\s*(?:/|of|de|sur)\s*\d{1,3})?$", re.I
)
# "Page | sur2", "Page l of 3": a page number whose figures a dirty scan misread, told by the words around them
_PAGE_OF_MISREAD = re.compile(r"^(?:page|p\.)\s*[\dIl|]{1,3}\s*(?:/|of|de|sur)\s*[\dIl|]{1,3}$", re.I)
# a line of figures alone in a page's margin ("1772", "1/2" misread): a page number, whatever a scan made of it
_MARGIN_FIGURES = re.compile(r"^(?=.*\d)[\d/|Il()\-–—.]{1,7}$")
_GUTTER = 14.0  # points of empty space that separate two text segments on one baseline


# --- words -> lines ---------------------------------------------------------------------

def _ocr_lines(page: PageInfo) -> list[Line]:
    groups: dict[tuple[int, int, int], list[Word]] = defaultdict(list)
    for w in page.words:
        groups[w.group or (0, 0, 0)].append(w)
    lines = []
    prev_par = None
    for key in groups:  # dicts keep tesseract's reading order
        words = sorted(groups[key], key=lambda w: w.bbox.x0)
        line = Line(words=words, page=page.number)
        line.gap_before = prev_par is not None and key[:2] != prev_par
        prev_par = key[:2]
        lines.append(line)
    lines = _table_rows(_hanging_markers(lines, page), page)
    _mark_gaps(lines)
    return lines


_MARKER_ONLY = re.compile(r"^(?:\(?(?:[a-zA-Z]|\d{1,2}|[ivxIVX]{1,4})[.)]|[•·▪■◦●\-–—*»])$")


def _hanging_markers(lines: list[Line], page: PageInfo) -> list[Line]:
    """List markers that tesseract read as lines of their own ("(a)", "iii)", "•" hanging left of
    the item's text) put back in front of the text they are level with."""
    level = {id(ln): _levelled(ln, page) for ln in lines}
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


def _table_rows(lines: list[Line], page: PageInfo) -> list[Line]:
    out = _table_rows_of(lines, page)
    if out is lines:  # no table read column by column: maybe one tesseract read row by row, straight across
        across, values = _cut_across(lines, page)
        if values:
            joined = _table_rows_of(across, page, values)
            if joined is not across:
                return joined
    return out


def _cut_across(lines: list[Line], page: PageInfo) -> tuple[list[Line], set[int]]:
    """Rows of a table tesseract read straight across ("Category and level / Catégorie et     A1", the label's
    next line "niveau" under it): each cut where the values start, at the x where at least three lines set a
    word apart by a wide gap. Returns the lines and the ids of the value halves."""
    xs = []
    for ln in lines:
        for a, b in zip(ln.words, ln.words[1:]):
            if b.bbox.x0 - a.bbox.x1 >= max(15.0, 1.5 * b.bbox.height):
                xs.append(imaging.unrotate(b.bbox.x0, b.bbox.cy, -page.skew, page.width, page.height)[0])
                break
    value_x = max(xs, key=lambda x: sum(abs(x - y) <= 12 for y in xs), default=None)
    if value_x is None or sum(abs(value_x - y) <= 12 for y in xs) < 3:
        return lines, set()
    out, values = [], set()
    for ln in lines:
        # (a label that runs close to the values is cut too where a word starts right at their column)
        parts = _cut_row(ln, value_x, page) or _cut_row(ln, value_x, page, min_gap=4.0, at=value_x)
        out.extend(parts or [ln])
        if parts:
            values.add(id(parts[1]))
    return out, values


def _table_rows_of(lines: list[Line], page: PageInfo, cut: set[int] = frozenset()) -> list[Line]:
    """A two-column table of labels and values, which tesseract reads column by column, put back
    row by row: "Grade / Grade" and "A3" on one line, a value's wrapped lines right under it.

    Labels are short lines at the left, values start at one x further right, at the height of a
    label; no line in that stretch of the page runs from the labels across to the values, and the
    labels stop well short of the values (which tells the table from two columns of running text).
    Heights are compared on the levelled page: on a skewed scan a row climbs or falls across it.
    ``cut``: ids of the value halves of rows read across (_cut_across), which share their label's OCR block.
    """
    width = page.width
    level = {id(ln): _levelled(ln, page) for ln in lines}

    def box(ln: Line) -> tuple[float, float, float]:
        return level[id(ln)]

    def short(ln: Line) -> bool:  # a label: short, no sentence (though it may end on "No." or "Ref.")
        last = (ln.text.split() or [""])[-1]
        sentence = last.endswith(";") or (last.endswith(".") and len(last) > 4)
        return len(ln.words) <= 8 and not sentence and box(ln)[1] < 0.45 * width

    def beside(a: Line, b: Line) -> bool:
        h = min(a.bbox.height, b.bbox.height)
        return abs(box(a)[2] - box(b)[2]) <= 0.5 * h and box(b)[0] > box(a)[1] + 20

    labels = [ln for ln in lines if short(ln)]
    pairs = {}
    for a in labels:
        b = next((b for b in lines if b is not a and (_block(b) != _block(a) or id(b) in cut) and beside(a, b)), None)
        if b is not None:
            pairs[id(a)] = (a, b)
    if len(pairs) < 3:
        return lines
    value_x = statistics.median(box(b)[0] for _, b in pairs.values())
    rows = [(a, b) for a, b in pairs.values() if abs(box(b)[0] - value_x) <= 12]
    if len(rows) < 3:
        return lines
    top = min(box(a)[2] - a.bbox.height for a, _ in rows)
    # (and the line of a last label cell that wraps under its value)
    bottom = max(box(b)[2] + b.bbox.height for _, b in rows) + 1.2 * statistics.median(a.bbox.height for a, _ in rows)
    # a row tesseract read straight across, label and value on one line, is cut where the values start
    cut = {id(ln): parts for ln in lines if top <= box(ln)[2] <= bottom
           and (parts := _cut_row(ln, value_x, page))}
    if cut:
        lines = [part for ln in lines for part in cut.get(id(ln), [ln])]
        level.update({id(part): _levelled(part, page) for parts in cut.values() for part in parts})
    region = [ln for ln in lines if top <= box(ln)[2] <= bottom]
    if any(box(ln)[0] < value_x - 12 and box(ln)[1] > value_x - 4 for ln in region):
        return lines  # a line crosses from the labels into the values: running text, not a table
    labels_in = sorted((ln for ln in region if box(ln)[1] < value_x - 4), key=lambda ln: box(ln)[2])
    groups = _label_cells(labels_in, box)
    right_edge = max(box(ln)[1] for ln in labels_in)
    # running text in a left column: lines that end at a narrow gutter, most of them at its edge
    if not all(short(ln) for ln in labels_in) or len(rows) < 0.6 * len(groups) or \
            (statistics.median(value_x - box(a)[1] for a, _ in rows) < 40 and
             sum(box(ln)[1] >= right_edge - 15 for ln in labels_in) >= 0.6 * len(labels_in)):
        return lines
    values_in = sorted((ln for ln in region if box(ln)[0] >= value_x - 12), key=lambda ln: box(ln)[2])
    out: list[Line] = []
    used: set[int] = set()
    for k, cell in enumerate(groups):
        label = cell[0]
        below = box(groups[k + 1][0])[2] - 0.5 * label.bbox.height if k + 1 < len(groups) else float("inf")
        mine = [v for v in values_in if id(v) not in used and box(v)[2] < below]
        used.update(id(v) for v in mine)
        # one line per row: the label cell's lines, then the value cell's, a word hyphenated at a line end joined
        words = _joined_cell([ln.words for ln in cell]) + _joined_cell([v.words for v in mine])
        out.append(Line(words=words, page=label.page))
    out.extend(v for v in values_in if id(v) not in used)
    in_region = {id(ln) for ln in region}
    start = next(k for k, ln in enumerate(lines) if id(ln) in in_region)
    rest = [ln for ln in lines if id(ln) not in in_region]
    return rest[:start] + out + rest[start:]


def _label_cells(labels: list[Line], box: Callable[[Line], tuple[float, float, float]]) -> list[list[Line]]:
    """Label lines grouped by table cell: a line set tight under the one above it (closer than the rows are to each
    other) and where it starts is the same label wrapped ("Place of assignment / Lieu" over "d'affectation")."""
    steps = [box(b)[2] - box(a)[2] for a, b in zip(labels, labels[1:]) if a.page == b.page]
    tight = 0.75 * statistics.median(steps) if steps else 0.0
    cells: list[list[Line]] = []
    for ln in labels:
        last = cells[-1][-1] if cells else None
        if last is not None and last.page == ln.page and 0 < box(ln)[2] - box(last)[2] <= tight and \
                abs(box(ln)[0] - box(last)[0]) <= 6:
            cells[-1].append(ln)
        else:
            cells.append([ln])
    return cells


def _cut_row(line: Line, value_x: float, page: PageInfo, min_gap: float = 15.0,
             at: float | None = None) -> list[Line] | None:
    """A label and its value read as one line: the words left of the value column, a wide gap (``min_gap``), the
    words from it on. None when no word starts at the value column or one straddles it; with ``at``, unless the
    value's first word starts within a few points of that x."""
    xs = [imaging.unrotate((w.bbox.x0 + w.bbox.x1) / 2, w.bbox.cy, -page.skew, page.width, page.height)[0]
          for w in line.words]
    left = [w for w, x in zip(line.words, xs) if x + w.bbox.width / 2 < value_x - 4]
    right = [w for w, x in zip(line.words, xs) if x - w.bbox.width / 2 >= value_x - 12]
    if not left or not right or len(left) + len(right) != len(line.words) or \
            right[0].bbox.x0 - left[-1].bbox.x1 < min_gap:
        return None
    first = xs[len(left)] - right[0].bbox.width / 2
    if at is not None and abs(first - at) > 4:
        return None
    return [Line(words=left, page=line.page, gap_before=line.gap_before), Line(words=right, page=line.page)]


def _block(line: Line) -> int:
    """The OCR block a line was read in (tesseract reads a table's two columns as separate blocks)."""
    return (line.words[0].group or (0,))[0]


def _levelled(line: Line, page: PageInfo) -> tuple[float, float, float]:
    """(x0, x1, cy) of a line on the page as the ocr stage levelled it."""
    cx, cy = imaging.unrotate((line.bbox.x0 + line.bbox.x1) / 2, line.bbox.cy, -page.skew, page.width, page.height)
    half = line.bbox.width / 2
    return cx - half, cx + half, cy


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


def _segments(row: list[Word]) -> list[list[Word]]:
    segs = [[row[0]]]
    for w in row[1:]:
        if w.bbox.x0 - segs[-1][-1].bbox.x1 > _GUTTER:
            segs.append([w])
        else:
            segs[-1].append(w)
    return segs


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


def _mark_gaps(lines: list[Line]) -> None:
    pitches = [b.bbox.cy - a.bbox.cy for a, b in zip(lines, lines[1:]) if 0 < b.bbox.cy - a.bbox.cy]
    if not pitches:
        return
    pitch = sorted(pitches)[len(pitches) // 4]  # line pitch inside paragraphs: many notices space every item
    body = body_size(lines)
    for a, b in zip(lines, lines[1:]):
        d = b.bbox.cy - a.bbox.cy
        # the pitch grows with the type: a title wrapped over two lines is one block
        scale = max(1.0, a.size / body) if body and a.size and b.size and abs(a.size - b.size) <= 1.0 else 1.0
        if d > 1.4 * pitch * scale or d < 0 or (a.size and b.size and abs(a.size - b.size) > 1.0):
            b.gap_before = True


def _text_lines(page: PageInfo) -> list[Line]:
    rows = [_segments(r) for r in _text_rows(page.words)]
    gutter = _gutter(rows, page.width)
    if gutter is None:
        lines = [Line(words=[w for s in r for w in s], page=page.number) for r in rows]
        _mark_gaps(lines)
        return _wrapped_cells(lines)
    columns: list[list[Line]] = [[], []]
    for r in rows:
        for s in r:
            columns[0 if s[0].bbox.x0 < gutter else 1].append(Line(words=s, page=page.number))
    for col in columns:
        _mark_gaps(col)
        if col:
            col[0].gap_before = True
    return columns[0] + columns[1]


def _wrapped_cells(lines: list[Line]) -> list[Line]:
    """A table of labels and values whose cells wrap ("Place of assignment / Lieu" over "d'affectation", beside
    "Brussels (Belgium) / Bruxelles (Belgique)"): each row becomes one line, the label cell's lines then the value
    cell's, a word hyphenated at a cell's line end joined.

    Rows are lines with a wide gap before a value column that at least three of them share; a row goes on over the
    lines set tight under it (no paragraph gap) whose words sit in the label column or the value column. Only in a
    table that sets its rows apart: where rows are set tight, a line under a row may be the next row.
    """
    cut = {id(ln): segs[1][0].bbox.x0 for ln in lines if len(segs := _segments(ln.words)) == 2}
    if len(cut) < 3:
        return lines
    value_x = statistics.median(cut.values())
    label_x = statistics.median(ln.bbox.x0 for ln in lines if abs(cut.get(id(ln), -1e9) - value_x) <= 4)
    size = body_size([ln for ln in lines if id(ln) in cut])

    def cells(ln: Line) -> tuple[list[Word], list[Word]] | None:
        left = [w for w in ln.words if w.bbox.x1 <= value_x - 4]
        right = [w for w in ln.words if w.bbox.x0 >= value_x - 4]
        if len(left) + len(right) != len(ln.words) or (left and abs(left[0].bbox.x0 - label_x) > 4) or \
                (size and ln.size and abs(ln.size - size) > 0.5):  # (a title in larger type above the table)
            return None
        return left, right

    # a row: a label and, at the value column, its value (the cells' padding may leave only a narrow gap)
    rows = {id(ln): c for ln in lines if (c := cells(ln)) and c[0] and c[1] and abs(c[1][0].bbox.x0 - value_x) <= 4}
    if len(rows) < 3 or sum(ln.gap_before for ln in lines if id(ln) in rows) < 0.6 * len(rows):
        return lines

    out: list[Line] = []
    k = 0
    while k < len(lines):
        ln = lines[k]
        parts = [rows[id(ln)]] if id(ln) in rows else []
        j = k + 1
        while parts and j < len(lines) and not lines[j].gap_before and (more := cells(lines[j])) is not None:
            parts.append(more)
            j += 1
        if len(parts) < 2:
            out.append(ln)
            k += 1
            continue
        words = _joined_cell([p[0] for p in parts]) + _joined_cell([p[1] for p in parts])
        out.append(Line(words=words, page=ln.page, gap_before=ln.gap_before))
        k = j
    return out


def _joined_cell(lines: list[list[Word]]) -> list[Word]:
    """A cell's words over its lines, a word hyphenated at a line end made one ("Divi-" "sion": "Division")."""
    out: list[Word] = []
    for words in lines:
        if out and words and out[-1].text.endswith("-") and len(out[-1].text) > 2 and words[0].text[:1].islower():
            first = words[0]
            out[-1] = dataclasses.replace(out[-1], text=out[-1].text[:-1] + first.text,
                                          bbox=out[-1].bbox.union(first.bbox))
            words = words[1:]
        out.extend(words)
    return out


def page_lines(page: PageInfo) -> list[Line]:
    if not page.words:
        return []
    lines = _ocr_lines(page) if page.method == "ocr" else _text_lines(page)
    if lines:
        lines[0].gap_before = True
    return lines


# --- running headers, footers, page numbers, specks -------------------------------------

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
        return len(key) >= 6 and any(fuzz.ratio(key, r) >= 85 or key in r for r in repeated)

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


# --- hyphenation ------------------------------------------------------------------------

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
