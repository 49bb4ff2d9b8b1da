"""Sections: per language, the header fields, the title, the sections and their list items.

Owns ``doc.parsed``: one :class:`Parsed` per language. Headings are matched
against the bilingual lexicon (fuzzy, so OCR-damaged headings still match);
unknown headings (all capitals, or bold in a text layer) start sections of key
``other`` so nothing the notice says is lost.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from pipeline import lists, orgs
from pipeline.lexicon import FieldMatch, dangling_words, field_match, heading_key, is_banner, stems_key, title_prefix
from pipeline.model import Document, Line, body_size as median_body_size
from pipeline.options import Options
from pipeline.sectionkeys import LIST_KEYS, settle_keys
from pipeline.text import fold_heading, label_value


@dataclass
class FieldHit:
    match: FieldMatch
    lines: list[Line]


@dataclass
class ParsedSection:
    key: str
    heading: list[Line]
    body: list[Line]
    intro: list[Line] = field(default_factory=list)
    items: list[lists.ParsedItem] = field(default_factory=list)
    guessed: bool = False  # the key comes from the heading's word stems (or is "other"), not the lexicon
    part: bool = False  # a part of the requirements ("Knowledge"): its key is the heading's above it


@dataclass
class Parsed:
    lang: str
    title: list[Line] = field(default_factory=list)
    fields: dict[str, list[FieldHit]] = field(default_factory=dict)
    sections: list[ParsedSection] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)

    def field(self, name: str) -> FieldHit | None:
        hits = sorted(self.fields.get(name, []), key=lambda h: not h.match.has_colon)
        return hits[0] if hits else None


_CAPS_WORD = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+")


_ELLIPSIS = re.compile(r"(?:\.\.\.|…)$")  # "YOU ARE…", "TU ES...": a heading that trails off ends in no full stop


def _caps_heading(line: Line) -> bool:
    text = _ELLIPSIS.sub("", line.text.strip())
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 6 or len(text) > 90 or text.endswith((".", ";", ",")):
        return False
    upper = sum(c.isupper() for c in letters) / len(letters)
    return upper >= 0.9 and len(_CAPS_WORD.findall(text)) >= 2 and lists.marker(text).style is None


def _bold_heading(line: Line, body_size: float | None) -> bool:
    """Bold, or larger than the body type, set apart: a heading, numbered ("5. What Would Make the Difference")
    or not; a marked list item is none."""
    text = line.text.strip()
    numbered = _heading_number(text) is not None and line.bold
    if not line.gap_before or len(text) > 90 or text.endswith((".", ";", ",")) or \
            (lists.marker(text).style and not numbered):
        return False
    return line.bold or bool(body_size and line.size and line.size >= body_size + 1.5)


def _can_start_heading(lines: list[Line], i: int, margin: float | None = None) -> bool:
    """A heading starts with a capital (or a number) and does not continue the previous line's sentence.
    ``margin``: where the headings found so far start."""
    text = lines[i].text.strip()
    first = next((c for c in text if c.isalnum()), "")
    if not (first.isupper() or first.isdigit()) or lists.marker(text).style == "bullet":
        return False  # "• Education:" over its sub-items is an item, whatever its words
    if _lost_parent(lines, i, margin):
        return False  # "Education" set in where the items' text starts, over its marked sub-items: an item
    if i == 0 or lines[i].gap_before:
        return True
    prev = lines[i - 1].text.strip()
    return prev.endswith((".", ";", ":", "!", "?", ")")) or len(prev) < 50 or _caps_heading(lines[i - 1])


def _lost_parent(lines: list[Line], i: int, margin: float | None = None) -> bool:
    """A line set in from where the headings start (``margin``, else the edge of its column), right over marked
    items set in further still: a parent item whose marker a scan lost, not a heading (a heading starts at the
    margin, or is centred over its list)."""
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    ln = lines[i]
    if nxt is None or nxt.page not in (ln.page, ln.page + 1) or not lists.marker(nxt.text).style or \
            lists.marker(ln.text).style or nxt.bbox.x0 <= ln.bbox.x0 + 2:
        return False
    edge = _left_edge(lines, i, column=True) if margin is None else margin
    return ln.bbox.x0 > edge + 1.5 * lists.INDENT_STEP


def _dangles(text: str) -> bool:
    """Does the line stop on a word that needs the next one ("... profil étudiant à")? Not in title case or
    capitals: "What We Are Looking For" is whole."""
    words = text.strip().split()
    return bool(words) and words[-1].islower() and words[-1].casefold().rstrip(",") in dangling_words()


def find_headings(lines: list[Line], lang: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, key, guessed) of every heading; end is exclusive (a heading may span two lines).

    ``guessed`` when the key comes from the heading's word stems, not from a lexicon phrase.
    """
    out: list[tuple[int, int, str, bool]] = []
    body_size = median_body_size(lines)
    right = _right_edges(lines)
    grouped = -1  # the heading (its place in ``out``) whose section announced groups of items
    larger: list[int] = []  # short lines set apart that may be headings in larger type (on a scan)
    i = 0
    while i < len(lines):
        text = lines[i].text.strip()
        fm = field_match(text, lang, colon_only=True)
        if fm and (fm.value or text.endswith(":")):  # a field, or its label over a value on the next line
            i += 1
            continue
        # (where the last heading starts, if it is close above: a skewed scan moves the margin down the page)
        near = out and lines[out[-1][0]].page == lines[i].page and i - out[-1][0] <= 12
        starts = _can_start_heading(lines, i, lines[out[-1][0]].bbox.x0 if near else None)
        key = heading_key(text, lang) if starts and not _dangles(text) else None
        guessed = False
        end = i + 1
        if key is None and starts and i + 1 < len(lines) and not lines[i + 1].gap_before \
                and not text.endswith((".", ";", ",", "!", "?")):
            two = heading_key(text + " " + lines[i + 1].text, lang)
            if two and _caps_heading(lines[i]) == _caps_heading(lines[i + 1]):
                key, end = two, i + 2
        # a short line set apart, that the lexicon does not know: a heading if its word stems name a section
        # (no label, "Knowledge: f" with a speck after its colon neither)
        standalone = starts and not _dangles(text) and lines[i].gap_before and (i + 1 == len(lines) or lines[i + 1].gap_before) \
            and len(text.split()) <= 8 and not text.endswith((".", ";", ",", ":")) and lists.group_label(text) is None \
            and (not lists.marker(text).style or _heading_number(text) is not None)  # "1. Who We Are" is numbered
        # ("Linguistic profile: English essential" among the "Label: value" lines of a header is a field too)
        guess = stems_key(text) if key is None and standalone and not _among_fields(lines, i, lang) else None
        if guess:
            key, guessed = guess, True
        if key is None and (_caps_heading(lines[i]) or _bold_heading(lines[i], body_size)) and not is_banner(text):
            key, guessed = stems_key(text) or "other", True
            while end < len(lines) and _caps_heading(lines[end]) and not heading_key(lines[end].text, lang) \
                    and not lines[end].gap_before:
                end += 1
        if key is None and starts and not is_banner(text) and not _dangles(text):
            if _one_word_heading(lines, i):
                key, guessed = stems_key(text) or "other", True
            elif _over_list(lines, i, out):
                if (i > 0 and lines[i - 1].text.rstrip().endswith(":")) or grouped == len(out):
                    grouped = len(out)  # "… dans l'un des domaines suivants :" then a group's name over its items
                else:
                    key, guessed = stems_key(text) or "other", True
        if key is None and _next_numbered(lines, i, out):
            key, guessed = stems_key(text) or "other", True
        if key and end == i + 1 and _wraps_on(lines, i, right.get(lines[i].page, 0.0)):
            # "SPECIAL REQUIREMENTS AND ADDITIONAL" / "DUTIES": a heading the column was too narrow for
            whole = heading_key(text + " " + lines[i + 1].text, lang)
            key, guessed, end = (whole, False, i + 2) if whole else (key, guessed, i + 2)
        if key and not guessed and _group_name(lines, i, out) or key and end == i + 1 and _opens_paragraph(lines, i):
            key = None
        if key:
            out.append((i, end, key, guessed))
        elif starts and _set_apart(lines, i):
            larger.append(i)
        i = end
    return _in_larger_type(lines, out, larger)


def _set_apart(lines: list[Line], i: int) -> bool:
    """A short line on its own, with no sentence's end, no label and no marker: a heading if its type says so."""
    text = lines[i].text.strip()
    # (after a sentence's end: "(XML, JSON, CSV) into the Agency's" at the top of a page goes on an item)
    ended = i == 0 or lines[i - 1].text.rstrip().endswith((".", ";", ":", "!", "?"))
    return lines[i].gap_before and lines[i].size is None and 1 <= len(text.split()) <= 6 and ended and \
        (text[:1].isupper() or text[:1].isdigit()) and \
        not text.endswith((".", ";", ",", ":")) and not lists.marker(text).style and \
        any(sum(c.isalpha() for c in w) >= 4 for w in text.split()) and \
        i + 1 < len(lines) and not _dangles(text) and not is_banner(text)


_LARGER = 1.06  # a scan's headings set this much larger than its body type (11 points over 10), at least


def _in_larger_type(lines: list[Line], out: list[tuple[int, int, str, bool]], candidates: list[int]
                    ) -> list[tuple[int, int, str, bool]]:
    """On a scan, which shows no bold, "Renseignements" set apart in the type of the headings the lexicon knows
    (larger than the body's, by what OCR's word boxes show): a heading too. Only where the known headings are so
    set, two at least."""
    sizes = [ts for ln in lines if ln.size is None and (ts := ln.type_size)]
    if not candidates or len(sizes) < 20:
        return out
    body = statistics.median(sizes)
    known = [lines[start].type_size or 0 for start, end, _, guessed in out if not guessed and end == start + 1]
    if sum(k >= _LARGER * body for k in known) < max(2, len(known) // 2):
        return out
    taken = {k for start, end, _, _ in out for k in range(start, end)}
    extra = [(i, i + 1, stems_key(lines[i].text) or "other", True) for i in candidates
             if i not in taken and (lines[i].type_size or 0) >= _LARGER * body]
    return sorted(out + extra)


def _opens_paragraph(lines: list[Line], i: int) -> bool:
    """"L'équipe Chaîne d'approvisionnement d'urgence" in plain type, then "veille à ce que …" set tight under it:
    a narrow column's first line of a paragraph, though it holds a heading's words."""
    line, nxt = lines[i], lines[i + 1] if i + 1 < len(lines) else None
    return nxt is not None and not nxt.gap_before and nxt.page == line.page and nxt.text.strip()[:1].islower() and \
        not line.bold and not _caps_heading(line) and not line.text.rstrip().endswith((":", ".")) and \
        not lists.marker(line.text).style and not lists.marker(nxt.text).style


def _group_name(lines: list[Line], i: int, out: list[tuple[int, int, str, bool]]) -> bool:
    """"Education:" or "Conditions of employment:" ("Knowledge: f" on a scan) in plain type, in a list of
    requirements, right over marked items: the name of a group of its items (lists.py reads it so), not a heading of
    its own."""
    line, label = lines[i], lists.group_label(lines[i].text)
    return bool(out) and out[-1][2] in ("essential", "desirable", "qualification") and label is not None and \
        len(label.split()) <= 5 and not line.bold and not _caps_heading(line) and \
        _over_marked(lines, i)


def _over_marked(lines: list[Line], i: int) -> bool:
    """Marked items right under line ``i``; or one line whose marker a scan lost, then marked items ("Capacités :"
    over "ie Capacité de …" over "– Capacité de …"), not a lead-in ("The candidate must:") over them."""
    nxt = lines[i + 1:i + 3]
    return bool(nxt) and (bool(lists.marker(nxt[0].text).style) or len(nxt) == 2 and bool(lists.marker(nxt[1].text).style)
                          and not nxt[0].text.rstrip().endswith(":"))


def _right_edges(lines: list[Line]) -> dict[int, float]:
    """Per page, where its lines end (the right edge of this part of the page)."""
    right: dict[int, float] = {}
    for ln in lines:
        right[ln.page] = max(right.get(ln.page, 0.0), ln.bbox.x1)
    return right


def _left_edge(lines: list[Line], i: int, reach: int = 15, column: bool = False) -> float:
    """Where the lines around line ``i`` on its page start (a scan's skew moves the edge down the page).

    ``column``: the edge of line ``i``'s own column, where two lines start at least (a speck is no edge); lines far
    to its left are another column's (a page's other language).
    """
    line = lines[i]
    xs = [ln.bbox.x0 for ln in lines[max(0, i - reach):i + reach + 1]
          if ln.page == line.page and (not column or line.bbox.x0 - ln.bbox.x0 < 60)]
    if column:
        return min((x for x in xs if sum(abs(x - y) <= 3 for y in xs) >= 2), default=line.bbox.x0)
    return min(xs)


def _one_word_heading(lines: list[Line], i: int) -> bool:
    """"REMARKS" alone on its line, set apart, over a list: a heading, though OCR gives no bold to tell."""
    text = lines[i].text.strip().rstrip(":")
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return " " not in text and len(text) >= 5 and text.isalpha() and text.isupper() and lines[i].gap_before \
        and nxt is not None and bool(lists.marker(nxt.text).style)


def _over_list(lines: list[Line], i: int, found: list[tuple[int, int, str, bool]]) -> bool:
    """"What will set you apart" set apart right over a marked list that starts no further left: a heading, though
    a scan gives no bold to tell (an item whose marker OCR lost starts right of the markers). So is a short line at
    the column's left edge over lines that hang right of it, a list whose markers the scan lost entirely; and, in
    a section that is no list, "Concrètement, vous serez appelé(e) à :" over a list (in a list section, a line
    ending in a colon introduces its list)."""
    line, text = lines[i], _ELLIPSIS.sub("", lines[i].text.strip())
    if line.size is not None or i + 2 >= len(lines) or not line.gap_before or lines[i + 1].page != line.page or \
            len(text.split()) > 8 or text.endswith((".", ";", ",")) or lists.marker(text).style or \
            sum(c.isalpha() for c in text) < 3:
        return False  # (a text layer shows its headings in bold: _bold_heading; "Ww" is a speck OCR read)
    if lists.group_label(text) is not None and (not found or found[-1][2] in LIST_KEYS):
        return False  # ("Knowledge: f": a scan's speck after the colon)
    nxt = lines[i + 1]
    if lists.marker(nxt.text).style:
        return line.bbox.x0 <= nxt.bbox.x0 + 3
    below = [lines[i + 1]] + [ln for ln in lines[i + 2:i + 3] if not ln.gap_before]  # the next paragraph's lines
    hanging = all(ln.bbox.x0 >= line.bbox.x0 + 12 for ln in below)
    return hanging and line.bbox.x0 - _left_edge(lines, i) <= 6


def _wraps_on(lines: list[Line], i: int, right: float) -> bool:
    """Does a heading in capitals go on at the next line: a line in capitals set tight under it, whose first
    word would not have fitted at the end of the heading's line?"""
    if i + 1 >= len(lines) or not _caps_heading(lines[i]):
        return False
    nxt = lines[i + 1]
    words = nxt.text.split()
    if nxt.gap_before or nxt.page != lines[i].page or not words or lists.marker(nxt.text).style or \
            not all(c.isupper() for c in nxt.text if c.isalpha()) or _heading_number(nxt.text) is not None:
        return False
    first = nxt.words[0].bbox.width if nxt.words else 0.0
    return lines[i].bbox.x1 + first >= right - 2.0


_NUMBERED = re.compile(r"^(\d{1,2}|[IVX]{1,4})[.)]\s+(\S.*)$")


def _heading_number(text: str) -> int | None:
    m = _NUMBERED.match(text)
    if not m:
        return None
    return int(m.group(1)) if m.group(1).isdigit() else lists.ROMAN.get(m.group(1).lower())


def _next_numbered(lines: list[Line], i: int, found: list[tuple[int, int, str, bool]]) -> bool:
    """"5. EDUCATION" after headings numbered 1 to 4 (or "V." after "IV.") is the next heading, though the lexicon does not
    know it and its number reads like a list marker: short, no sentence, in capitals, bold or set apart."""
    line = lines[i]
    text = line.text.strip()
    m = _NUMBERED.match(text)
    if not m or len(m.group(2).split()) > 8 or m.group(2).endswith((".", ";", ",", ":")):
        return False
    number = _heading_number(text)
    # the last numbered heading: unnumbered sub-headings ("Languages") may sit between "4." and "5."
    last = next((n for start, end, _, _ in reversed(found)
                 if (n := _heading_number(" ".join(ln.text for ln in lines[start:end]).strip())) is not None), None)
    if last is None:
        return number == 1 and _first_numbered(lines, i)
    letters = [c for c in m.group(2) if c.isalpha()]
    return number is not None and last is not None and number == last + 1 and bool(letters) and \
        (sum(c.isupper() for c in letters) >= 0.9 * len(letters) or line.bold or line.gap_before)


def _first_numbered(lines: list[Line], i: int) -> bool:
    """"1. ON THE FLIGHT LINE" in capitals, set apart, over items of another marker ("a.", "b.") set in right of
    it, with a "2." line in capitals at its left edge further down: the first of the numbered headings, though a
    scan shows no bold (a numbered item with sub-items is in running text, and its siblings too)."""
    line = lines[i]
    if i + 1 >= len(lines) or not line.gap_before or not _caps_heading_text(line.text):
        return False
    nxt, own = lines[i + 1], lists.marker(line.text).style
    child = lists.marker(nxt.text).style
    if not child or child == own or nxt.bbox.x0 < line.bbox.x0 + 8 or nxt.page != line.page:
        return False
    return any(_heading_number(ln.text.strip()) == 2 and _caps_heading_text(ln.text) and
               abs(ln.bbox.x0 - line.bbox.x0) <= 12 for ln in lines[i + 2:i + 80])


def _caps_heading_text(text: str) -> bool:
    """The words after a heading's number in capitals ("1. ON THE FLIGHT LINE"), short and no sentence."""
    m = _NUMBERED.match(text.strip())
    rest = m.group(2) if m else text.strip()
    letters = [c for c in rest if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.9 * len(letters) and \
        len(rest.split()) <= 8 and not rest.endswith((".", ";", ","))


def _runs_on(above: Line, line: Line, right: float) -> bool:
    """``line`` goes on the sentence of the line above: set tight under it, on the same page, after a line that
    fills the measure and does not end a sentence or a label."""
    text = above.text.strip()
    return not line.gap_before and above.page == line.page and len(text.split()) >= 6 and \
        not text.endswith((".", ":", ";", "!", "?")) and _fills_measure(above, right)


def _fills_measure(line: Line, right: float) -> bool:
    """The line reaches ``right``, where the lines of its part of the page end: the text wrapped there."""
    return line.bbox.x1 >= right - 0.15 * (right - line.bbox.x0)


def _among_fields(lines: list[Line], i: int, lang: str) -> bool:
    """A "Label: value" line in a run of them that holds a field (a known label, or one read by its stems)."""
    if not label_value(lines[i].text, words=5):
        return False
    for step in (-1, 1):
        k = i + step
        while 0 <= k < len(lines) and label_value(text := lines[k].text.strip(), words=5):
            if field_match(text, lang, colon_only=True, guess=True):
                return True
            k += step
    return False


def _wraps(value: str, line: Line, last: Line, nxt: Line, lang: str, right: float) -> bool:
    """Does the next line continue a field value (a narrow column or table cell wrapped it, or a hanging
    indent sets the rest of the value in from its label)? ``line`` holds the label, ``last`` is the
    value's last line so far; ``right``: where the lines of this part of the page end; a value line
    that reaches it was wrapped."""
    text = nxt.text.strip()
    if nxt.gap_before or not text or field_match(text, lang, colon_only=True, guess=True) or heading_key(text, lang):
        return False
    if ":" in line.text and label_value(text, words=5):
        return False  # under "Nature of contract: …", "Posting: Marseille" is the next field, known or not
    hanging = nxt.page == line.page and nxt.bbox.x0 > line.bbox.x0 + 6 and not lists.marker(text).style
    full = nxt.page == last.page and _fills_measure(last, right) and \
        not value.endswith((".", ";", "!", "?")) and len(text.split()) <= 6 and not field_match(text, lang)
    # ("Lieux de travail : bureaux de vote des 12 quartiers de" / "Port-Lachance (Ontario)")
    dangling = _dangles(value)
    return not value or value.count("(") > value.count(")") or text[0].islower() or \
        value.endswith(("-", ",", "/")) or hanging or full or dangling


def _header(lines: list[Line], lang: str, parsed: Parsed) -> None:
    """Fields (with or without a colon) and the title, from the lines before the first section."""
    first_field = None
    field_lines: set[int] = set()
    right = _right_edges(lines)
    i = 0
    while i < len(lines):
        ln = lines[i]
        fm = field_match(ln.text.strip(), lang, colon_only=True, guess=True)  # "Vacancy notice: e12/2026" is no banner
        if not (fm and fm.value):
            fm = field_match(ln.text.strip(), lang)
            if fm and is_banner(ln.text) and not (fm.name == "reference" and any(c.isdigit() for c in fm.value)):
                fm = None  # "VACANCY NOTICE" is a banner; "Avis de vacance n° e31/2026" a reference
            if fm and i > 0 and _runs_on(lines[i - 1], ln, right.get(ln.page, 0.0)):
                fm = None  # "… on a six-month seasonal" over "contract (1 June to …)": a sentence, no label
        prefixed = title_prefix(ln.text) if fm is None or fm.name in ("reference", "title") else None
        if prefixed:  # "Competition 26-ADM-0281: Research Security Advisor", "Vacancy notice: Senior Officer"
            ref, title = prefixed
            if ref:
                parsed.fields.setdefault("reference", []).append(FieldHit(FieldMatch("reference", "", ref, False), [ln]))
            fm = FieldMatch("title", "", title, True)
        hit_lines = [ln]
        while fm and i + 1 < len(lines) and _wraps(fm.value, hit_lines[0], hit_lines[-1], lines[i + 1], lang,
                                                  right.get(hit_lines[-1].page, 0.0)):
            i += 1
            hit_lines.append(lines[i])
            fm.value = f"{fm.value} {lines[i].text.strip()}".strip()
        if fm and fm.value:
            parsed.fields.setdefault(fm.name, []).append(FieldHit(fm, hit_lines))
            # (a letterhead naming the body, "Organisation danubienne pour …", is no field line: the title is below it)
            if first_field is None and not (fm.name == "organization" and not fm.has_colon and fm.value[:1].islower()):
                first_field = i - len(hit_lines) + 1
            field_lines.update(id(h) for h in hit_lines)
        i += 1
    cut = first_field if first_field is not None else len(lines)
    above = lines[:cut]
    if first_field is not None and all(orgs.is_name(ln.text) or is_banner(ln.text) for ln in above):
        # only a letterhead above a field ("AVIS DE VACANCE N° …" over the title): the title is the line set apart
        # after that field, before the next
        k = next((k for k in range(cut, len(lines)) if id(lines[k]) not in field_lines), len(lines))
        end = next((j for j in range(k + 1, len(lines)) if id(lines[j]) in field_lines or lines[j].gap_before), len(lines))
        if k < len(lines) and lines[k].gap_before and end - k <= 3:
            above = lines[k:end]
    blocks: list[list[Line]] = []
    for ln in above:
        if is_banner(ln.text):
            blocks.append([])
            continue
        # (a line that goes on in lower case, "stocks)" under "… (évaluation des", goes on the block above it)
        goes_on = bool(blocks and blocks[-1]) and ln.text.strip()[:1].islower() and ln.page == blocks[-1][-1].page
        if (ln.gap_before and not goes_on) or not blocks:
            blocks.append([])
        blocks[-1].append(ln)
    blocks = [b for b in blocks if b and not (len(b) == 1 and b[0].text.strip().endswith(":"))]
    if blocks:
        # the title is the block set in the largest type (the last of equals): a line of the
        # letterhead or an unlabelled reference above it is smaller
        tallest = max(_height(b) for b in blocks)
        best = max(k for k, b in enumerate(blocks) if _height(b) >= 0.85 * tallest)
        title = blocks[best] if len(blocks[best]) <= 3 else blocks[best][:1]
        last = best
        while best > 0 and len(title) < 3 and _continues(blocks[best - 1], title):
            best -= 1
            title = blocks[best] + title  # a title OCR cut into blocks at its line wrap
        after = last + 1 if title[-1] is blocks[last][-1] else len(blocks)  # (not after a long block's first line)
        while after < len(blocks) and len(title) < 3 and _wraps_into(title[-1], blocks[after]):
            title = title + blocks[after]  # ("… Systèmes électriques et" over "mobilité électrique")
            after += 1
        parsed.title = title


def _continues(block: list[Line], title: list[Line]) -> bool:
    """``block`` is a title's first line(s): same type size, same page, set tight above it; not a letterhead
    that names the body ("Danube Energy Security Organization (DESO)")."""
    a, b = block[-1], title[0]
    h = _height(title)
    return len(block) == 1 and not orgs.is_name(a.text) and a.page == b.page and \
        abs(_height(block) - h) <= 0.15 * h and 0 <= b.bbox.y0 - a.bbox.y1 < 0.8 * h


def _wraps_into(last: Line, block: list[Line]) -> bool:
    """A title's line goes on in ``block``: one line in lower case, in the same type (word heights: a skewed scan's
    line box is taller than its type), set tight under it."""
    nxt = block[0]
    h = statistics.median(w.bbox.height for w in last.words)
    return len(block) == 1 and nxt.page == last.page and nxt.text.strip()[:1].islower() and \
        abs(statistics.median(w.bbox.height for w in nxt.words) - h) <= 0.15 * h and 0 <= nxt.bbox.y0 - last.bbox.y1 < 0.8 * h


def _height(block: list[Line]) -> float:
    """The block's type size: the text layer's, or on a scan its tallest word's height (a word that reaches above
    and below the line spans the type's whole body; a skewed line's box is taller than its type, the more so the
    longer the line)."""
    sizes = sorted(ln.size or max(w.bbox.height for w in ln.words) for ln in block)
    return sizes[len(sizes) // 2]


# what the terms of an offer state under a label, above its list ("Place of work: …", "Grade: T-4, step 1")
_OFFER_FIELDS = ("location", "contract", "grade", "salary", "start", "schedule")


def _body_fields(section: ParsedSection, lang: str, parsed: Parsed) -> None:
    if section.key in LIST_KEYS and section.key != "offer":
        return  # "Organisation: plans own work" is a competency, not a field
    body, right = section.body, _right_edges(section.body)
    for i, ln in enumerate(body):
        # ("– Duty station: Paris, France" in a list of practical details is a field too)
        fm = field_match(lists.marker(ln.text).text.strip(), lang, colon_only=True)
        if fm and section.key == "offer" and (fm.name not in _OFFER_FIELDS or lists.marker(ln.text).style):
            continue  # (an item of the offer's list is no field: "– Leave: 30 days")
        if fm and fm.value:
            hit_lines = [ln]  # ("Unité de rattachement : … du vice-recteur à la" / "recherche et à l'innovation")
            while i + len(hit_lines) < len(body) and _wraps(fm.value, ln, hit_lines[-1], body[i + len(hit_lines)], lang,
                                                            right.get(hit_lines[-1].page, 0.0)):
                hit_lines.append(body[i + len(hit_lines)])
                fm.value = f"{fm.value} {hit_lines[-1].text.strip()}"
            parsed.fields.setdefault(fm.name, []).append(FieldHit(fm, hit_lines))


def parse_stream(lines: list[Line], lang: str) -> Parsed:
    parsed = Parsed(lang=lang, lines=lines)
    heads = find_headings(lines, lang)
    # the body starts at the first heading the lexicon knows; only a notice whose headings are
    # all unknown starts at the first heading guessed from its stems
    recognised = [h for h in heads if not h[3]] or [h for h in heads if h[2] != "other"]
    start = _body_start(lines, heads, recognised[0][0] if recognised else len(lines), lang)
    heads = [h for h in heads if h[0] >= start]
    header_lines = lines[:start]
    _header(header_lines, lang, parsed)
    if header_lines:
        parsed.sections.append(ParsedSection("header", [], header_lines))
    for n, (i, end, key, guessed) in enumerate(heads):
        stop = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        body = lines[end:stop]
        prev = parsed.sections[-1] if parsed.sections else None
        sibling = prev is not None and prev.heading and _caps_heading(prev.heading[0]) and _caps_heading(lines[i])
        if guessed and prev is not None and prev.key != "header" and not prev.body and not sibling and body \
                and not prev.part:  # (a part of the requirements, "Languages", has no sub-headings)
            # a sub-heading right under a known heading belongs to it (one in capitals like it is its sibling;
            # one with nothing under it, right over the next heading, is a heading of its own)
            prev.body = lines[i:stop]
            if prev.key in LIST_KEYS:
                prev.intro, prev.items = lists.parse(prev.body)
            continue
        part = key == "qualification"
        if part:
            key = _requirement_kind(parsed.sections)
        section = ParsedSection(key, lines[i:end], body, guessed=guessed, part=part)
        if key in LIST_KEYS:
            section.intro, section.items = lists.parse(body)
        _body_fields(section, lang, parsed)
        parsed.sections.append(section)
    _criteria_as_essential(parsed)
    _between_parts(parsed.sections)
    return parsed


def _between_parts(sections: list[ParsedSection]) -> None:
    """A heading nobody knows between two parts of the same requirements ("Education", then "Occupational
    certification", then "Experience") is a part of them too; so is a requirements heading over text right after
    the essential or desirable criteria ("Official language requirements"): a parent heading comes before its parts."""
    for prev, section, nxt in zip(sections, sections[1:], sections[2:] + [None]):
        between = section.key == "other" and section.guessed and prev.part and nxt is not None and nxt.part and \
            prev.key == nxt.key
        # (a requirements heading over a list of its own is read by its items: sectionkeys)
        after = section.key == "criteria" and prev.key in ("essential", "desirable") and \
            not lists.marked(lists.parse(section.body)[1])
        if between or after:
            section.key, section.part = prev.key, True
            section.intro, section.items = lists.parse(section.body)


def _body_start(lines: list[Line], heads: list[tuple[int, int, str, bool]], known: int, lang: str) -> int:
    """Where the sections start: at the first heading the lexicon knows, or at an earlier heading guessed from
    its look (bold, capitals, set apart) once the header is over: below the title and the last "Label: value"."""
    if known == 0:
        return 0
    top = max(_height(lines[k:k + 1]) for k in range(known))
    tallest = next(k for k in range(known) if _height(lines[k:k + 1]) >= 0.85 * top)  # the title: OCR boxes vary
    last_field = max((k for k in range(known) if (fm := field_match(lines[k].text.strip(), lang, colon_only=True))
                      and fm.value), default=-1)
    after = max(tallest, last_field)
    return next((h[0] for h in heads if after < h[0] < known and h[3] and _plain_heading(lines[h[0]].text, lang)), known)


def _plain_heading(text: str, lang: str) -> bool:
    """No figures (beyond its number) and no field: "Apply by 30 September 2026" is a deadline, not a heading."""
    return not any(c.isdigit() for c in fold_heading(text)) and field_match(text.strip(), lang) is None


def _requirement_kind(before: list[ParsedSection]) -> str:
    """"Education", "Experience", "Languages" are parts of the requirements heading above them: desirable
    right under "Asset qualifications" (or a desirable part), essential otherwise."""
    return "desirable" if before and before[-1].key == "desirable" else "essential"


def _criteria_as_essential(parsed: Parsed) -> None:
    """'Eligibility', 'Profile', 'Requirements' with its own list and no 'Essential' part that has one (a
    published record prints the list under its first heading and the parts' headings empty) is the essential list."""
    if any(s.key == "essential" and s.items for s in parsed.sections):
        return
    for section in parsed.sections:
        if section.key == "criteria":
            intro, items = lists.parse(section.body)
            if items:
                section.key, section.intro, section.items = "essential", intro, items
                return


def run(doc: Document, options: Options) -> None:
    doc.parsed = {lang: parse_stream(doc.streams[lang], lang) for lang in doc.languages}
    settle_keys(doc.parsed)
