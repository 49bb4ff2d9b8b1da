"""Numbered, lettered and bulleted lists inside a section body, nested.

Markers are recognised in every common shape, including bullets that OCR
reads as ``e``, ``o``, ``¢``, ``«``. Nesting is inferred from the document: a
marker style that starts at its first value right after an item of another
style is that style's child. Items whose marker OCR lost are recovered: an
unmarked line after a finished item starts a sibling, and a short unmarked
line just before a sub-list that restarts is that sub-list's parent.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.data import load
from pipeline.model import Line
from pipeline.text import fold, label_value

BULLET_GLYPHS = "•●▪■◦○·∙‣⁃-–—*>»"  # bullets as printed (OCR also reads them as « ¢ © ® §)
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10, "xi": 11, "xii": 12}
_PATTERNS = [
    ("roman", re.compile(r"^\(?((?:i{2,3}|iv|vi{1,3}|ix|xi{1,2}))[.)]\s+(\S.*)$", re.I)),
    # OCR reads the i of a roman numeral as l, j, 1 or |, and its dot as a comma: "ili.", "ji.", "iii,", "i.."
    ("roman", re.compile(r"^\(?([ijl|]{1,3}v?|v[ijl|]{0,3})[.,)]\.?\s+(?=[A-Za-zÀ-ÿ])(\S.*)$")),  # ("i.. You": a speck)
    # "(iii)preparing": a text layer or OCR that lost the space after a bracketed numeral
    ("roman", re.compile(r"^\(((?:i{1,3}|iv|vi{0,3}|ix|xi{0,2}))\)(?=[A-Za-zÀ-ÿ])(\S.*)$", re.I)),
    # a dirty scan merges "(i" into a "G" and reads an i as a t: "Gi) preparing" is "(ii)", "(iti)" is "(iii)"
    ("roman", re.compile(r"^(G[il|]{1,2})\)\s+(?=[A-Za-zÀ-ÿ])(\S.*)$")),
    ("roman", re.compile(r"^\(((?=[jl|t]*i)[ijl|t]{2,3})\)\s*(?=[A-Za-zÀ-ÿ])(\S.*)$")),
    ("num-paren", re.compile(r"^\(?(\d{1,2})\)\s*(\S.*)$")),
    ("num-dot", re.compile(r"^(\d{1,2})\.(?:\s+|(?=\D))(\S.*)$")),  # "3. 27 days' leave", not "3.5 years"
    ("alpha-paren", re.compile(r"^\(?([a-zA-Z])\)\s*(\S.*)$")),
    ("alpha-paren", re.compile(r"^\(?([€©¢])\)\s*(\S.*)$")),  # "c)" as a dirty scan reads it: "€)", "©)"
    ("alpha-dot", re.compile(r"^([a-zA-Z])\.\s+(\S.*)$")),
    # (a star glued to a word is a footnote's mark: "*Significant experience is understood to mean ...")
    ("bullet", re.compile(rf"^(?:[{re.escape(BULLET_GLYPHS.replace('*', ''))}«¢©®§]\s*|\*\s+)(\S.*)$")),
    # bullets as OCR reads them on a dirty scan: "+", "_", "=", "~", "_¢", ":—", "e _", "+ -"
    ("bullet", re.compile(r"^(?!\.\.\.)(?:[e°]\s+)?[+=~_:;|°.][•\-–—¢«©*°_.~+=]{0,3}\s*(?:[+=~_:;|°.\-–—][•\-–—¢«©*°_.~+=]{0,3}\s*){0,2}"
                         r"(?=[A-Za-zÀ-ÿ0-9(«\"'$€£])(\S.*)$")),
    # a square bullet read as quotes or a trade mark: '" 5 weeks of holiday', '~™ “Un poste'
    # (glued to a capital when no quote closes later on the line: '"A stable job.', not '"Quoted" words' nor
    # '“ensemble', an elided l' OCR read as a quote)
    ("bullet", re.compile(r"^[~=]?\s*[™\"“”]{1,2}_?(?:\s+(?=[A-Za-zÀ-ÿ0-9«$€£])|(?![^\"”]*[\"”])(?=[A-ZÀ-Ý0-9]))(\S.*)$")),
    ("bullet", re.compile(r"^[eo0]\s+(?=[A-Za-zÀ-ÿ«(])(\S.*)$")),  # "e"/"o" alone is no English or French word
    ("bullet", re.compile(r"^O\s+(?=[a-zà-ÿ])(\S.*)$")),  # a ring read as a capital O, before a word in lower case
    ("bullet", re.compile(r"^[eo]\s+(?=[0-9])(\S.*)$")),
]
_TERMINAL = (".", ";", "!", "?")
_C_GLYPHS = str.maketrans("€©¢", "ccc")


@dataclass
class Marked:
    style: str | None
    value: int | None
    text: str


@dataclass
class ParsedItem:
    lines: list[Line]
    parts: list[str]
    depth: int
    children: list["ParsedItem"] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(p for p in self.parts if p)


_BULLET_REST = re.compile(r"^[™\"“”_]{1,2}\s+(?=\S)")


def marker(text: str) -> Marked:
    text = text.strip()
    for style, pattern in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        if style == "bullet":  # ('=" Join …': the rest of a square bullet OCR read as two glyphs is no text)
            return Marked("bullet", None, _BULLET_REST.sub("", m.group(1)))
        raw = m.group(1)
        if style == "roman":
            numeral = re.sub(r"[jl|gt]", "i", raw.lower())
            if numeral not in ROMAN and numeral != "i":
                continue
            return Marked("roman", ROMAN.get(numeral, 1), m.group(2))
        if style.startswith("num"):
            return Marked(style, int(raw), m.group(2))
        return Marked(style, ord(raw.lower().translate(_C_GLYPHS)) - 96, m.group(2))
    return Marked(None, None, text)


def marked(items: list[ParsedItem]) -> bool:
    """Does any item of this list, or of its sub-lists, carry a marker? (A scan may lose the top level's bullets
    and keep the "(i)" of the level below.)"""
    return any(marker(it.lines[0].text).style or marked(it.children) for it in items)


_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-ZÀ-Ý]")


def prose(items: list[ParsedItem]) -> bool:
    """One unmarked paragraph of several sentences: prose, not a list (an item whose marker a scan lost is one
    sentence)."""
    return len(items) == 1 and not marked(items) and bool(_SENTENCE_BREAK.search(items[0].text))


def paragraphs(items: list[ParsedItem]) -> bool:
    """Unmarked paragraphs, each a long sentence or more and one of several sentences ("Appointment will be on the
    basis of … Entry on duty is planned for …", then "A serving staff member will be offered …"): prose, where
    lists of the same kind beside it print their markers."""
    # (a speck OCR read as a word, "FAS" between two paragraphs of a scan, is no item of a list either)
    real = [it for it in items if len(it.text.split()) > 1 or len(it.text) > 4]
    return bool(real) and not marked(items) and all(len(it.text.split()) >= 20 and it.text.endswith(_TERMINAL)
                                                    for it in real) and \
        any(_SENTENCE_BREAK.search(it.text) for it in real)


def _roman_or_letter(marks: list[Marked], lines: list[Line]) -> list[Marked]:
    """A one-letter marker ("I.", "i)", "v.", or "j." that OCR may have made of an "i") is a roman
    numeral or a letter: the markers around it decide. Right after "h." it is the letter; when the
    next roman numeral of the list follows it in sequence ("I." ... "II."), it is a numeral."""
    seq = [k for k, m in enumerate(marks) if m.style]
    out = list(marks)
    for n, k in enumerate(seq):
        m = marks[k]
        raw = re.match(r"^\(?([A-Za-z])[.)]", lines[k].text.strip())
        if not raw or m.style not in ("roman", "alpha-dot", "alpha-paren"):
            continue
        char = raw.group(1).lower()
        letter, numeral = ord(char) - 96, ROMAN.get(re.sub(r"[jl]", "i", char))
        punct = "alpha-paren" if raw.group(0).endswith(")") else "alpha-dot"
        prev = out[seq[n - 1]] if n > 0 else None
        if prev is not None and prev.style == punct and prev.value == letter - 1:
            out[k] = Marked(punct, letter, m.text)
            continue
        if numeral is None:
            continue
        later = next((marks[q] for q in seq[n + 1:] if marks[q].style == "roman" and marks[q].value != 1
                      or marks[q].style == punct and marks[q].value == letter + 1), None)
        if later is not None and later.style == "roman" and later.value == numeral + 1:
            out[k] = Marked("roman", numeral, m.text)
    return out


def _depths(marks: list[Marked]) -> dict[str, int]:
    parent: dict[str, str] = {}
    seq = [m for m in marks if m.style]
    for a, b in zip(seq, seq[1:]):
        if a.style != b.style and b.value in (1, None) and b.style not in parent:
            anc, ok = a.style, True
            while anc is not None:
                if anc == b.style:
                    ok = False
                    break
                anc = parent.get(anc)
            if ok and (b.value == 1 or b.style == "bullet"):
                parent[b.style] = a.style
    depth: dict[str, int] = {}
    for m in seq:
        style, d = m.style, 0
        while style in parent:
            style, d = parent[style], d + 1
            if d > 6:
                break
        depth.setdefault(m.style, d)
    return depth


INDENT_STEP = 8.0  # points: a marker this much further right than the previous one starts a sub-list


def _text_x(line: Line, m: Marked) -> float:
    """Where the item's text starts: after the marker when the marker is a word of its own."""
    words = line.words
    if not words:
        return line.bbox.x0
    prefix = line.text.strip()[: len(line.text.strip()) - len(m.text)].strip() if m.style else ""
    first = words[0]
    consumed, k = "", 0
    while prefix and k < len(words) - 1 and len(consumed.replace(" ", "")) < len(prefix.replace(" ", "")):
        consumed += words[k].text
        k += 1
    if prefix and k and consumed.replace(" ", "") == prefix.replace(" ", ""):
        return words[k].bbox.x0  # the marker is a word or several ("+ _" on a dirty scan)
    if prefix and first.text.startswith(prefix) and len(first.text) > len(prefix):  # "b)Au": marker glued on
        return first.bbox.x0 + first.bbox.width * len(prefix) / len(first.text)
    return first.bbox.x0


def _indent_depths(lines: list[Line], marks: list[Marked]) -> dict[int, int]:
    """Depth of each item start from where its text starts, compared with the items just before it.

    Item starts are the marked lines, and short unmarked lines right before a marked
    one (a parent whose bullet OCR lost). Comparing neighbours rather than absolute
    positions keeps a skewed scan's slow drift from reading as nesting.
    """
    out: dict[int, int] = {}
    stack: list[float] = []  # text x of the open item at each depth
    marked_x = [ln.bbox.x0 for ln, m in zip(lines, marks) if m.style]
    margin = min(marked_x) + INDENT_STEP / 2 if marked_x else 0.0
    last: tuple[float, int] | None = None  # where the last item's marker stood, and its depth
    # short unmarked lines each right over marked items set in from it ("Education", "Experience", …): parents
    # whose bullets a scan lost, though their text starts left of the sub-items' markers
    groups = [i for i in range(len(lines) - 1) if not marks[i].style and marks[i + 1].style
              and _heading_like(marks[i].text) and lines[i + 1].bbox.x0 > lines[i].bbox.x0 + 2]
    for i, (ln, m) in enumerate(zip(lines, marks)):
        nxt = _next_marked(marks, i)
        # an unmarked line indented like item text, right before a marked one: a parent whose bullet was lost
        parent = nxt is not None and nxt.style and (ln.bbox.x0 >= margin or len(groups) >= 2 and i in groups) and \
            (_heading_like(m.text) or m.text.rstrip().endswith(":") and not m.text[:1].islower())
        # (not "hearings, and coordinate the related logistics:", the end of the item above)
        if not m.style and not parent:
            continue
        if m.style and last is not None and abs(ln.bbox.x0 - last[0]) <= 2 and len(ln.words) > 1 and \
                len(glyph := ln.words[0].text.strip()) == 1 and glyph in BULLET_GLYPHS:
            out[i] = last[1]  # a bullet standing where the last one stood: a sibling, wherever OCR puts its text
            continue
        x = _text_x(ln, m)
        nxt_ln = lines[i + 1] if i + 1 < len(lines) else None
        if m.style and nxt_ln is not None and not marks[i + 1].style and \
                (not nxt_ln.gap_before or nxt_ln.text.lstrip()[:1].islower()) and \
                nxt_ln.page == ln.page and ln.bbox.x0 + 2 < nxt_ln.bbox.x0 < ln.bbox.x0 + 40:
            x = nxt_ln.bbox.x0  # the item's wrapped line shows where its text starts (OCR may glue the marker on)
        while len(stack) > 1 and x < stack[-1] - INDENT_STEP:
            stack.pop()
        if stack and x > stack[-1] + INDENT_STEP:
            stack.append(x)
        elif stack:
            stack[-1] = x
        else:
            stack.append(x)
        out[i] = len(stack) - 1
        last = (ln.bbox.x0, out[i]) if m.style else None
    return out


def _item_text_x(item: ParsedItem) -> float:
    first = item.lines[0]
    return _text_x(first, marker(first.text))


def _heading_like(text: str) -> bool:
    t = text.strip()
    return 0 < len(t.split()) <= 14 and not t.endswith(_TERMINAL + (",", ":")) and t[:1].isupper()


def _leads_in(item: ParsedItem) -> bool:
    return _lead_in_text(item.text)


def _lead_in_text(text: str) -> bool:
    """Text that introduces a sub-list ("Prepare the sittings, in particular:"), not a label whose
    text goes on below it ("Judgement and decision-making:")."""
    if not text.endswith(":"):
        return False
    head = fold(text.rstrip(": "))
    return sum(1 for w in text.split() if any(c.isalnum() for c in w)) >= 6 or \
        any(head.endswith(" " + p) for p in load("lexicon")["lead_in_ends"]["phrases"])


def _sets_in(item: ParsedItem, ln: Line) -> bool:
    """"Paid training, including:" over lines set in further than its text and printed without markers:
    a short lead-in whose sub-list the indentation shows."""
    last = item.lines[-1]
    return item.text.endswith(":") and ln.page == last.page and ln.bbox.x0 > _item_text_x(item) + INDENT_STEP / 2


def _phrase_after_phrases(current: ParsedItem, roots: list[ParsedItem], text: str) -> bool:
    """"— Teamwork", "— Judgement", then "Adaptability": in a list of short phrases, each on one line, a capitalised
    phrase under one too short to have wrapped is the next item, whose marker OCR lost."""
    items = roots + [c for it in roots for c in it.children]
    return len(items) >= 2 and all(len(it.lines) == 1 and len(it.text) <= 40 for it in items) and \
        len(current.lines) == 1 and not current.text.endswith((",", ";", ":", "-")) and text[:1].isupper() and \
        len(text) <= 60 and not text.rstrip().endswith((",", ":"))


def _names_group(text: str, ln: Line, nxt: Marked | None, list_x: float) -> bool:
    """"Experience:", "Conditions of employment:": a short label alone on its line, right over marked items, set
    no further in than the list's markers (``list_x``); a parent item whose bullet a scan lost starts where its
    siblings' text does, right of their markers."""
    label = group_label(text)
    return nxt is not None and bool(nxt.style) and label is not None and 0 < len(label.split()) <= 4 and \
        label[:1].isupper() and ln.bbox.x0 <= list_x + 2


_GROUP_COLON = re.compile(r":(?:\s+\S)?$")


def group_label(text: str) -> str | None:
    """"Experience:" -> "Experience"; also "Knowledge: f" (a speck a scan left after the colon); None without a
    colon at the end."""
    text = text.strip()
    label = _GROUP_COLON.sub("", text)
    return label if label != text else None


def _next_marked(marks: list[Marked], i: int) -> Marked | None:
    return marks[i + 1] if i + 1 < len(marks) else None


def parse(lines: list[Line]) -> tuple[list[Line], list[ParsedItem]]:
    """Split a section body into (intro lines, top-level items)."""
    marks = _lost_numbers(_sentence_dashes(_roman_or_letter([marker(ln.text) for ln in lines], lines), lines), lines)
    marks = _wrapped_figures(_footnote_quotes(marks, lines), lines)
    if not any(m.style for m in marks):
        return _unmarked(lines)
    depths = _depths(marks)
    # one marker style at every level (dashes and bullets alike): nesting is in the indentation
    indents = _indent_depths(lines, marks) if max(depths.values(), default=0) == 0 else {}
    # items that start in lower case ("élaborer ... ;"): a lower-case line after ";" may be the next one
    starts = [m.text[:1] for m in marks if m.style and m.text[:1].isalpha()]
    lower_items = bool(starts) and sum(c.islower() for c in starts) >= len(starts) / 2
    intro: list[Line] = []
    roots: list[ParsedItem] = []
    open_at: dict[int, ParsedItem] = {}
    current: ParsedItem | None = None
    unmarked_children: set[int] = set()  # ids of items of a sub-list printed without markers

    def place(item: ParsedItem) -> None:
        nonlocal current
        d = item.depth
        while d > 0 and d - 1 not in open_at:
            d -= 1
        item.depth = d
        (open_at[d - 1].children if d > 0 else roots).append(item)
        open_at[d] = item
        for k in [k for k in open_at if k > d]:
            del open_at[k]
        current = item

    closed = False  # a paragraph set left of the markers ended the list: what follows is text, not items
    list_x = min(ln.bbox.x0 for ln, m in zip(lines, marks) if m.style)  # where the list's markers stand
    for i, (ln, m) in enumerate(zip(lines, marks)):
        nxt = _next_marked(marks, i)
        if m.style:
            place(ParsedItem([ln], [m.text], indents.get(i, depths[m.style])))
            closed = False
            continue
        if ln.gap_before and _left_of_list(ln, roots) and m.text.rstrip().endswith(":") and nxt is not None and nxt.style:
            closed = False
            continue  # "Asset education:" set where the first group's lead-in stood, over its items: no item
        if current is not None and current.text.endswith(_TERMINAL) and _names_group(m.text, ln, nxt, list_x):
            continue  # "Experience:" between groups of items: no item, no parent
        # (after an intro that leads in with a colon, lines there may be items whose markers were lost: _lead_in_parent)
        closed = closed or (ln.gap_before and _left_of_list(ln, roots) and not m.text[:1].islower()
                            and not (intro and intro[-1].text.rstrip().endswith(":")))
        if closed:
            continue
        if i in indents and i + 1 in indents and indents[i + 1] > indents[i] and m.text[:1].isalnum() and \
                (current is None or current.text.endswith(_TERMINAL) or current.depth > indents[i]):
            place(ParsedItem([ln], [m.text], indents[i]))  # a parent whose marker was lost
            continue
        if current is not None and (_leads_in(current) or _sets_in(current, ln) or
                                    id(current) in unmarked_children and current.text.endswith(";")):
            # "..., in particular:" then lines without markers: a sub-list whose items end with ";"
            child = ParsedItem([ln], [m.text], current.depth + (0 if id(current) in unmarked_children else 1))
            place(child)
            unmarked_children.add(id(child))
            continue
        starts_sub = nxt is not None and nxt.style and nxt.value == 1 and depths.get(nxt.style, 0) >= 1
        if starts_sub and _heading_like(m.text) and (current is None or current.text.endswith(_TERMINAL) or current.depth >= depths[nxt.style]):
            place(ParsedItem([ln], [m.text], depths[nxt.style] - 1))
        elif current is None:
            intro.append(ln)
        elif m.text.strip().lower() in load("lexicon")["item_joiners"]["words"]:
            current.lines.append(ln)  # "…appropriée ;" then "ou": the end of the item, not the next one
            current.parts.append(m.text)
        elif (current.text.endswith(";") and (m.text[:1].isupper() or lower_items)) or \
                (current.text.endswith((".", "!", "?")) and (m.text[:1].isupper() or m.text[:1].isdigit())) or \
                _phrase_after_phrases(current, roots, m.text):
            # an item whose marker OCR lost: where its text starts tells its level. Level with the
            # parent's text and left of the sub-item's, it is the parent's next sibling.
            parent, here = open_at.get(current.depth - 1), current.lines[0]
            back = parent is not None and ln.page == here.page and (
                ln.page == parent.lines[0].page and abs(ln.bbox.x0 - _item_text_x(parent)) <= INDENT_STEP / 2
                and ln.bbox.x0 < _item_text_x(current) - INDENT_STEP / 2
                or ln.bbox.x0 < here.bbox.x0 - INDENT_STEP / 2)  # left of where the sub-item's line starts
            place(ParsedItem([ln], [m.text], current.depth - 1 if back else current.depth))
        else:
            current.lines.append(ln)
            current.parts.append(m.text)
    return _lead_in_parent(*_lost_first_item(intro, roots))


_DASHES = ("-", "–", "—")


def _lost_numbers(marks: list[Marked], lines: list[Line]) -> list[Marked]:
    """". Certification professionnelle …" among "1. Diplôme …" items (or ". Follow up …" among "iv. Draft …"),
    where their numbers stand: a number OCR lost, its dot left over. The item is numbered like the item above it,
    not a bullet nested under it, when the numbers around it leave room for it ("a." then "." then "b." is a
    sub-item's bullet)."""
    out = list(marks)
    dots = [k for k, (ln, m) in enumerate(zip(lines, marks)) if m.style == "bullet" and ln.text.lstrip()[:1] == "."]
    for k in dots:
        # (the item above at its level: not the sub-items "a)" … "c)" of "1." set in further right)
        above = next((j for j in range(k - 1, -1, -1) if out[j].style and
                      lines[j].bbox.x0 <= lines[k].bbox.x0 + INDENT_STEP / 2), None)
        if above is None or out[above].style not in ("num-dot", "roman", "alpha-dot"):
            continue
        style = out[above].style
        xs = [x.bbox.x0 for x, n in zip(lines, out) if n.style == style]
        # (the dot stands right of where the number started, by a figure's width)
        if not any(-2 <= lines[k].bbox.x0 - x <= INDENT_STEP for x in xs):
            continue
        last = next((j for j in range(k - 1, -1, -1) if out[j].style == style and out[j].value is not None), None)
        nxt = next((j for j in range(k + 1, len(out)) if out[j].style == style and out[j].value is not None), None)
        if last is not None and nxt is not None and \
                out[nxt].value - out[last].value - 1 < sum(1 for d in dots if last < d < nxt):
            continue
        out[k] = Marked(style, None, marks[k].text)
    return out


def _footnote_quotes(marks: list[Marked], lines: list[Line]) -> list[Marked]:
    """'“On entend par expérience appréciable …' set under a list and left of its bullets: a footnote whose star OCR
    read as a quote, not a square bullet read as one."""
    out = list(marks)
    for i, (ln, m) in enumerate(zip(lines, marks)):
        if m.style != "bullet" or not ln.text.lstrip()[:1] in "\"“”" or not ln.gap_before:
            continue
        xs = [x.bbox.x0 for x, n in zip(lines[:i], marks[:i]) if n.style and x.page == ln.page]
        # (under the list it notes, left of its markers, and no item after it)
        if xs and ln.bbox.x0 < min(xs) - INDENT_STEP and not any(n.style for n in marks[i + 1:]):
            out[i] = Marked(None, None, ln.text.strip())
    return out


def _wrapped_figures(marks: list[Marked], lines: list[Line]) -> list[Marked]:
    """"(5) ans au moins dans …" under "… d'au moins dix (10) ans dans le domaine, dont cinq": a figure in brackets
    that a line wrap put first, in an item whose line ends no sentence and goes on in lower case, set where that
    item's text stands (right of the markers), and not the number that comes next: the item's words, not the next
    item's number."""
    out = list(marks)
    for i in range(1, len(marks)):
        m, prev = marks[i], lines[i - 1]
        if m.style not in ("num-paren", "alpha-paren") or not m.text[:1].islower() or lines[i].gap_before \
                or prev.page != lines[i].page or prev.text.rstrip().endswith(_TERMINAL + (":",)):
            continue
        top = next((j for j in range(i - 1, -1, -1) if out[j].style), None)
        if top is None or lines[i].bbox.x0 < _text_x(lines[top], out[top]) - 2 or \
                (out[top].style == m.style and m.value == (out[top].value or 0) + 1):  # ("2)" after "1)": the next)
            continue
        out[i] = Marked(None, None, lines[i].text.strip())
    return out


def _sentence_dashes(marks: list[Marked], lines: list[Line]) -> list[Marked]:
    """A dash that starts a line inside a sentence of prose ("… statiques et dynamiques" then "– structures de
    l'espace aérien, routes … – dont dépendent …"): before any item, after a line that ends no sentence, and going
    on in lower case, it is the sentence's dash, not a list marker."""
    out = list(marks)
    for i, m in enumerate(marks):
        if m.style:
            prev = lines[i - 1].text.rstrip() if i else ""
            if m.style == "bullet" and lines[i].text.lstrip().startswith(_DASHES) and m.text[:1].islower() \
                    and i and not out[i - 1].style \
                    and not lines[i].gap_before and prev and not prev.endswith(_TERMINAL + (":", ",")) \
                    and not any(k.style for k in out[:i]):
                out[i] = Marked(None, None, lines[i].text.strip())
                continue
            break  # only before the first item
    return out


def _left_of_list(ln: Line, roots: list[ParsedItem]) -> bool:
    """A paragraph set apart and left of the list's markers on its page ("*Significant experience is understood
    to mean ...", a note under the list): no item, though it follows one (an item whose marker OCR lost starts
    where the items' markers or text do)."""
    xs = [it.lines[0].bbox.x0 for it in roots if it.lines[0].page == ln.page and marker(it.lines[0].text).style]
    return bool(xs) and ln.bbox.x0 < min(xs) - INDENT_STEP / 2


def announces(items: list[ParsedItem]) -> bool:
    """One unmarked paragraph that announces a list ("… each of the following criteria.", "… :"): the lead-in of
    lists printed elsewhere (under sub-headings), not an item."""
    if len(items) != 1 or marked(items):
        return False
    text = items[0].text.strip()
    return text.endswith(":") or any(p in fold(text) for p in load("lexicon")["lead_in_words"]["phrases"])


def _last_paragraph(intro: list[Line]) -> int:
    """Where the intro's last paragraph starts: the lead-in or lost first item, if any, is there."""
    return max(k for k, ln in enumerate(intro) if k == 0 or ln.gap_before)


def _lost_first_item(intro: list[Line], roots: list[ParsedItem]) -> tuple[list[Line], list[ParsedItem]]:
    """The first items, whose markers OCR lost, read as the intro: paragraphs of a sentence or two set in where the
    items' text starts (right of their markers), not where an intro starts; or, over a page break, paragraphs that
    open like the items do ("Responsabilité : tient ses engagements …" over "– Adaptabilité : ajuste …")."""
    if not intro or not roots or not marker(roots[0].lines[0].text).style:
        return intro, roots
    first = marked = roots[0].lines[0]
    x = _item_text_x(roots[0])
    labelled = bool(label_value(marker(first.text).text))
    while intro:
        start = _last_paragraph(intro)
        lead = intro[start:]
        text = " ".join(ln.text.strip() for ln in lead)
        placed = lead[0].page == first.page and abs(lead[0].bbox.x0 - x) <= INDENT_STEP / 2 and \
            lead[0].bbox.x0 >= marked.bbox.x0 + INDENT_STEP / 2
        alike = labelled and lead[0].page < marked.page and bool(label_value(lead[0].text))
        if len(lead) > 3 or not text.endswith(_TERMINAL) or not (placed or alike):
            break
        roots = [ParsedItem(list(lead), [ln.text.strip() for ln in lead], roots[0].depth)] + roots
        intro = intro[:start]
        first = lead[0]
    return intro, roots


def _lead_in_parent(intro: list[Line], roots: list[ParsedItem]) -> tuple[list[Line], list[ParsedItem]]:
    """The list's first item, whose marker OCR lost, read as the intro: "Plan and coordinate the
    projects, in particular:" then its marked, indented sub-items, then unmarked lines set where it
    starts (its siblings, markers lost too). It becomes the first item, the sub-items its children."""
    if not intro or not roots:
        return intro, roots
    start = _last_paragraph(intro)
    start += _last_sentence(intro[start:])  # sentences ending with their lines: items too, set tight
    lead = intro[start:]
    text = " ".join(ln.text.strip() for ln in lead)
    x = lead[0].bbox.x0
    first = marker(roots[0].lines[0].text)
    # its sub-list is set in from it, or starts a numbering at one ("(i)" where the lost "(a)" stood)
    if not _lead_in_text(text) or not first.style \
            or (roots[0].lines[0].bbox.x0 <= x + 3 and not (first.style != "bullet" and first.value == 1)):
        return intro, roots
    back = next((k for k, it in enumerate(roots) if not marker(it.lines[0].text).style
                 and abs(it.lines[0].bbox.x0 - x) <= 6 and it.lines[0].page == lead[0].page), None)
    if back is None:
        return intro, roots
    parent = ParsedItem(list(lead), [ln.text.strip() for ln in lead], 0, children=roots[:back])
    _deepen(parent.children)
    # the paragraphs above it, set where it starts and each a whole sentence, are its elder siblings (markers lost too)
    before: list[ParsedItem] = []
    while start > 0:
        prev = _last_paragraph(intro[:start])
        prev += _last_sentence(intro[prev:start])
        para = intro[prev:start]
        words = " ".join(ln.text.strip() for ln in para)
        if abs(para[0].bbox.x0 - x) > 4 or para[0].page != lead[0].page or not words.endswith(_TERMINAL) \
                or len(para) > 4:
            break
        before.insert(0, ParsedItem(list(para), [ln.text.strip() for ln in para], 0))
        start = prev
    return intro[:start], before + [parent] + roots[back:]


def _last_sentence(para: list[Line]) -> int:
    """Where a paragraph's last sentence starts, when a sentence ends with a line and the next line starts with a
    capital (in a list whose markers OCR lost, each such sentence is an item); 0 otherwise."""
    return max([0] + [k for k in range(1, len(para)) if para[k - 1].text.rstrip().endswith((".", "!", "?"))
                      and para[k].text.lstrip()[:1].isupper()])


def _deepen(items: list[ParsedItem]) -> None:
    for it in items:
        it.depth += 1
        _deepen(it.children)


def _unmarked(lines: list[Line]) -> tuple[list[Line], list[ParsedItem]]:
    """A list printed without markers: items end at a line-final ';', a sentence ending with its line, or a break;
    a list of short capitalised phrases has one per line."""
    intro: list[Line] = []
    items: list[ParsedItem] = []
    current: ParsedItem | None = None
    parent: ParsedItem | None = None  # an item ending "notamment :", whose sub-list is open
    body = [ln.text.strip() for ln in lines if not ln.text.strip().endswith(":")]
    # "Sound judgement and tact", "Calm under pressure": short phrases, one per line, are one item each
    phrases = len(body) >= 3 and all(len(t.split()) <= 8 and not t.endswith((",", ";")) and t[:1].isupper()
                                     for t in body)
    for ln in lines:
        text = ln.text.strip()
        if current is None and not items and text.endswith(":"):
            intro.append(ln)
            continue
        if phrases:
            current = ParsedItem([ln], [text], 0)
            items.append(current)
            continue
        # a sentence that ends with its line, then a capital: the next item (its bullet was lost)
        ended = current is not None and current.parts[-1].endswith((".", "!", "?")) and \
            (text[:1].isupper() or text[:1].isdigit())
        # a page or column break inside an item: the line goes on in lower case
        broken = current is not None and text[:1].islower() and not current.parts[-1].endswith(_TERMINAL)
        if current is None or (ln.gap_before and not broken) or ended:
            current = ParsedItem([ln], [text], 0 if parent is None else 1)
            (items if parent is None else parent.children).append(current)
        else:
            current.lines.append(ln)
            current.parts.append(text)
        if parent is not None and text.endswith((".", "!", "?")):
            parent = None  # the sub-list's last item
        if _leads_in(current) and current.depth == 0 and items:
            parent = current
        if text.endswith(";") or _leads_in(current):
            current = None
    return intro, items
