"""Two-column tables of labels and values ("Grade / Grade" beside "A3"), put back one line per row.

On a scan tesseract reads such a table column by column, or row by row straight across; on a text layer a cell
that wraps leaves its lines under the row's first one. Either way each row becomes one line: the label cell's
lines, then the value cell's, a word hyphenated inside a cell joined. Used by the layout stage.
"""
from __future__ import annotations

import dataclasses
import statistics
from collections.abc import Callable

from pipeline import imaging
from pipeline.model import Line, PageInfo, Word, body_size

_GUTTER = 14.0  # points of empty space that separate two text segments on one baseline


def segments(row: list[Word]) -> list[list[Word]]:
    """A row of words cut where a gutter (more than ``_GUTTER`` points of white) sets them apart."""
    segs = [[row[0]]]
    for w in row[1:]:
        if w.bbox.x0 - segs[-1][-1].bbox.x1 > _GUTTER:
            segs.append([w])
        else:
            segs[-1].append(w)
    return segs


def ocr_table_rows(lines: list[Line], page: PageInfo) -> list[Line]:
    """An OCR page's lines with any label-value table on it put back one line per row."""
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
                xs.append(level_point(b.bbox.x0, b.bbox.cy, page)[0])
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
    level = {id(ln): levelled(ln, page) for ln in lines}

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
        level.update({id(part): levelled(part, page) for parts in cut.values() for part in parts})
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
    xs = [level_point((w.bbox.x0 + w.bbox.x1) / 2, w.bbox.cy, page)[0] for w in line.words]
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


def level_point(x: float, y: float, page: PageInfo) -> tuple[float, float]:
    """A point of the page as given, on the page as the ocr stage levelled it."""
    return imaging.unrotate(x, y, -page.skew, page.width, page.height)


def levelled(line: Line, page: PageInfo) -> tuple[float, float, float]:
    """(x0, x1, cy) of a line on the page as the ocr stage levelled it."""
    cx, cy = level_point((line.bbox.x0 + line.bbox.x1) / 2, line.bbox.cy, page)
    half = line.bbox.width / 2
    return cx - half, cx + half, cy


def text_table_rows(lines: list[Line]) -> list[Line]:
    """A table of labels and values whose cells wrap ("Place of assignment / Lieu" over "d'affectation", beside
    "Brussels (Belgium) / Bruxelles (Belgique)"): each row becomes one line, the label cell's lines then the value
    cell's, a word hyphenated at a cell's line end joined.

    Rows are lines with a wide gap before a value column that at least three of them share; a row goes on over the
    lines set tight under it (no paragraph gap) whose words sit in the label column or the value column; where rows
    are set tight, only over lines that go on in lower case.
    """
    cut = {id(ln): segs[1][0].bbox.x0 for ln in lines if len(segs := segments(ln.words)) == 2}
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
    if len(rows) < 3:
        return lines
    # where rows are set tight, a line under a row may be the next row: only the rest of a cell goes on it, a line
    # that goes on in lower case ("Unité adminis-" over "trative", "… francs" over "suisses nets")
    apart = sum(ln.gap_before for ln in lines if id(ln) in rows) >= 0.6 * len(rows)

    def goes_on(ln: Line) -> bool:
        return apart or ln.text.strip()[:1].islower()  # (no label starts in lower case: "sion" under "Divi-")

    out: list[Line] = []
    k = 0
    while k < len(lines):
        ln = lines[k]
        parts = [rows[id(ln)]] if id(ln) in rows else []
        j = k + 1
        while parts and j < len(lines) and not lines[j].gap_before and goes_on(lines[j]) and \
                (more := cells(lines[j])) is not None:
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
