"""Language split: each line labelled en or fr, smoothed so a short line does not flip.

Owns ``doc.languages``, ``doc.streams`` and ``Line.lang``. A bilingual heading or
field line ("Tasks / Tâches", "Location / Lieu  Geneva / Genève") is split into
one line per language first; the streams hold the halves, ``doc.lines`` keeps the
printed line. Evidence per line comes
from langdetect on its paragraph (seeded, en/fr only), function words and the
heading lexicon; a two-state Viterbi pass with a switching cost smooths it.
URLs and numbers are neutral. Works whether the halves follow each other, sit
in two columns (layout reads them column by column) or alternate.
"""
from __future__ import annotations

import dataclasses
import functools
import re
import statistics
from typing import Callable

from rapidfuzz import fuzz, process

from pipeline import lists
from pipeline.data import load
from pipeline.lexicon import heading_key, longest_contained, stems_key
from pipeline.model import Document, Line, Word, paragraphs
from pipeline.options import Options
from pipeline.text import fold, fold_heading
from pipeline.tools.langid import main_language, probabilities

SWITCH_COST = 6.0
BREAK_SWITCH_COST = 2.0
STOP_WEIGHT = 0.8  # evidence per function word more of one language than the other
INCLUSIVE_WEIGHT = 3.0  # evidence for French per inclusive ending ("employé(e)")
MIN_SHARE = 0.08  # a language with less of the letters than this is not "present"
_WORD = re.compile(r"[A-Za-zÀ-ÿ']{2,}")
_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+", re.I)
# "Statisticien(ne)", "intéressé·e", "INTÉRESSÉ:E" (OCR reads the middle dot as a colon)
_INCLUSIVE_FR = re.compile(r"[a-zà-ÿ]\((?:e|ne|le|ve|se|te|trice|euse|rice)\)|[a-zà-ÿ][·:](?:e|ne|trice|euse)\b", re.I)
_LABEL = re.compile(r"^\s*([^:]{3,50}?)( ?):\s")


@functools.cache
def _stopwords() -> dict[str, frozenset[str]]:
    data = load("stopwords")
    return {"en": frozenset(data["en"]), "fr": frozenset(data["fr"])}


@functools.cache
def _heading_langs() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    lex = load("lexicon")
    for group in ("sections", "fields"):
        for entry in lex[group].values():
            for lang in ("en", "fr"):
                for phrase in entry[lang]:
                    out.setdefault(fold_heading(phrase), set()).add(lang)
    return out


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in _URL.sub(" ", text))


_SLASH = re.compile(r"^\s*[/|]\s*$")


def _phrase_lang(text: str, contained: bool = True) -> str | None:
    """'en' or 'fr' when text is a heading or field label of one language only (fuzzy, any word order)."""
    folded = fold_heading(text)
    if len(folded) < 4:
        return None
    table = _heading_langs()
    langs = table.get(folded)
    if langs is None:
        found = process.extractOne(folded, list(table), scorer=fuzz.token_sort_ratio, score_cutoff=88)
        langs = table[found[0]] if found else (longest_contained(folded, table) if contained else None)
    return next(iter(langs)) if langs and len(langs) == 1 else None


def _split_all(lines: list[Line]) -> list[Line]:
    """Every line split per language; "Grade / Grade" halves follow the order of the other bilingual lines."""
    column = _value_column(lines)
    parts = [split_bilingual(line, column) for line in lines]
    firsts = [p[0].lang_hint for p in parts if len(p) == 2 and p[0].lang_hint in ("en", "fr")]
    first = "fr" if firsts.count("fr") > firsts.count("en") else "en"
    second = "fr" if first == "en" else "en"
    if len(firsts) >= 2:  # an interleaved notice: its other "English / Français" headings split in the same order
        # (the rows of a table whose labels the lexicon does not know first: "Category and level / Catégorie et
        # niveau   Al" is no heading)
        body = statistics.median(_type_size(ln) for ln in lines) if lines else 0.0
        parts = [_table_row_pair(p[0], first, column) or p if len(p) == 1 and _type_size(p[0]) <= 1.1 * body
                 else p for p in parts]  # (a title in larger type is no row, though a word stands at the column)
        parts = [_heading_pair(p[0], first) or p if len(p) == 1 else p for p in parts]
    out = [part for p in parts for part in p]
    for ln in out:
        if ln.lang_hint in ("?1", "?2"):
            ln.lang_hint = first if ln.lang_hint == "?1" else second
    return out


_FRENCH_MARK = re.compile(r"[éèêàâçùûôîœ]|\b[dlqj]'", re.I)


def _heading_pair(line: Line, first: str) -> list[Line] | None:
    """'Must-haves / Les incontournables' in a notice whose known headings are printed 'English / Français':
    a short line set apart, one slash, each half leaning clearly to its language, in the notice's order."""
    words = line.words
    cuts = [i for i, w in enumerate(words) if _SLASH.match(w.text)]
    if len(cuts) != 1 or not line.gap_before or any(c.isdigit() for c in fold_heading(line.text)) or \
            line.text.rstrip().endswith((".", ";", ",")):
        return None
    i = cuts[0]
    left, right = " ".join(w.text for w in words[:i]), " ".join(w.text for w in words[i + 1:])
    if not (0 < i <= 10 and 0 < len(words) - i - 1 <= 10):
        return None
    sign = 1.0 if first == "en" else -1.0
    if sign * _line_lean(left) < WEAK / 2 or -sign * _line_lean(right) < WEAK / 2:
        return None
    french = left if first == "fr" else right
    if not (_FRENCH_MARK.search(french) or any(fold(w) in _stopwords()["fr"] for w in _WORD.findall(french))):
        return None  # "Health and Safety / Environment": nothing in the second half is French
    second = "fr" if first == "en" else "en"
    return [_part(line, words[:i], left, first), _part(line, words[i + 1:], right, second)]


def _unknown_heading_halves(line: Line, words: list, i: int, left: str) -> list[Line] | None:
    """'Your role / Votre rôle': a heading the lexicon does not list, whose halves name the same section."""
    rest = words[i + 1:]
    right = " ".join(w.text for w in rest)
    if not rest or len(rest) > 8 or any(c.isdigit() for c in fold_heading(left) + right):  # ("8. Applying / …")
        return None
    key = stems_key(left)
    if key is None and line.gap_before and i <= 6 and (b := _phrase_lang(right)) and heading_key(right, b):
        # "A plus / Constituent un atout": one half a heading the lexicon knows, the other its translation
        return [_part(line, words[:i], left, "fr" if b == "en" else "en"), _part(line, rest, right, b)]
    if key is None or stems_key(right) != key:
        return None
    p = probabilities(left)
    q = probabilities(right)
    a = "en" if p["en"] - p["fr"] >= q["en"] - q["fr"] else "fr"
    return [_part(line, words[:i], left, a), _part(line, rest, right, "fr" if a == "en" else "en")]


def _is_label(text: str) -> bool:
    return fold_heading(text) in _heading_langs()


def _part(line: Line, words: list, text: str, lang: str) -> Line:
    part = Line(words=words or line.words, page=line.page, text=text, gap_before=line.gap_before)
    part.lang_hint = lang
    return part


def _value_column(lines: list[Line]) -> float | None:
    """Where the values of a table or form start, when at least three lines set a value apart at the same place."""
    xs = [round(ln.words[g].bbox.x0) for ln in lines if (g := _column_gap(ln.words))]
    best = max(set(xs), key=lambda x: sum(1 for y in xs if abs(x - y) <= 2), default=None)
    return float(best) if best is not None and sum(1 for y in xs if abs(best - y) <= 2) >= 3 else None


def split_bilingual(line: Line, column: float | None = None) -> list[Line]:
    """'Tasks / Tâches' and 'Location / Lieu  Geneva / Genève' become one line per language.

    Only when both halves of the label are lexicon headings or field labels of
    different languages: an ordinary slash ("and/or", "EN/FR") is left alone. The
    value of a labelled line goes to both halves, split at its own slash when it
    has one, in the labels' order. The right-hand label ends where a wide gap sets
    the value apart, or at ``column``, where the other values of the table start.
    """
    tokens = line.text.split()
    # the line's text may differ from its words: a word the layout stage joined across a line end ("logis-tiques")
    source = [dataclasses.replace(w, text=t) for w, t in zip(line.words, tokens)] \
        if len(tokens) == len(line.words) else line.words
    words = []
    for w in source:  # OCR glues the slash to the next word: "Grade /Grade"
        if len(w.text) > 1 and w.text.startswith("/") and w.text[1].isalpha():
            words += [Word("/", w.bbox, w.page, w.conf, w.size, w.bold, w.group),
                      Word(w.text[1:], w.bbox, w.page, w.conf, w.size, w.bold, w.group)]
        else:
            words.append(w)
    cuts = [i for i, w in enumerate(words) if _SLASH.match(w.text)]
    for i in cuts:
        left = " ".join(w.text for w in words[:i])
        a = _phrase_lang(left)
        if a is None and not _is_label(left):
            halves = _unknown_heading_halves(line, words, i, left)
            if halves:
                return halves
            continue
        rest = words[i + 1:]
        right = " ".join(w.text for w in rest)
        if a and heading_key(left, a) and 0 < len(rest) <= 8 and not any(c.isdigit() for c in right) \
                and not (_column_gap(rest) or _at_column(rest, column)):  # (a value set apart: a table's row)
            # a bilingual heading, even one whose other half the lexicon does not know or that wraps
            return [_part(line, words[:i], left, a), _part(line, rest, right, "fr" if a == "en" else "en")]
        gap = _column_gap(rest) or _at_column(rest, column)
        # where a wide gap sets the value apart (a table's value column), the label ends there
        for k in ([gap] if gap and a in ("en", "fr") else range(len(rest), 0, -1)):  # longest label first
            label = " ".join(w.text for w in rest[:k])
            b = _phrase_lang(label, contained=False)
            if k == gap and b is None and not _is_label(label):
                b = "fr" if a == "en" else "en"
            if fold_heading(label) == fold_heading(left) and _is_label(left):
                a, b = "?1", "?2"  # "Grade / Grade": the same word in both languages; see _split_all
            elif b is None or b == a:
                continue
            value = rest[k:]
            if not value:
                return [_part(line, words[:i], left, a), _part(line, rest, label, b)]
            return _labelled_pair(line, (words[:i], left, a), (rest[:k], label, b), value)
    return [line]


def _labelled_pair(line: Line, first: tuple[list, str, str], second: tuple[list, str, str], value: list) -> list[Line]:
    """A bilingual label's row as one "Label: value" line per language: (words, label, language) for each half of
    the label; the value split at its own slash when it has one, in the labels' order."""
    (wa, a_label, a), (wb, b_label, b) = first, second
    va, ta, vb, tb = _value_halves(value)
    colon = {"fr": " : "}
    return [_part(line, wa + va, a_label.rstrip(" :") + colon.get(a, ": ") + ta, a),
            _part(line, wb + vb, b_label.rstrip(" :") + colon.get(b, ": ") + tb, b)]


def _value_halves(value: list) -> tuple[list, str, list, str]:
    """A value's two languages, split at its slash: (words, text) for each. Words before a parenthesis the slash
    falls inside are both languages' ("12/06/2026 (midnight, Strasbourg time / minuit, heure de Strasbourg)")."""
    cut = next((j for j, w in enumerate(value) if _SLASH.match(w.text)), None)
    if cut is None:
        text = " ".join(w.text for w in value)
        return value, text, value, text
    va, vb = value[:cut], value[cut + 1:]
    ta, tb = " ".join(w.text for w in va), " ".join(w.text for w in vb)
    if ta.count("(") > ta.count(")") and tb.count(")") > tb.count("("):
        opened = max(j for j, w in enumerate(va) if "(" in w.text)
        shared = " ".join(w.text for w in va[:opened])
        ta = ta + ")"
        tb = (shared + " (" + tb).strip()
        vb = va[:opened] + vb
    return va, ta, vb, tb


def _table_row_pair(line: Line, first: str, column: float | None) -> list[Line] | None:
    """"Category and level / Catégorie et niveau   A1" in a table whose other labels are "English / Français": a label
    the lexicon does not know, split at its one slash in the table's order when its second half reads French."""
    words = line.words
    if len(line.text.split()) != len(words):
        return None
    gap = _column_gap(words) or _at_column(words, column)
    cuts = [i for i, w in enumerate(words[:gap]) if _SLASH.match(w.text)] if gap else []
    if len(cuts) != 1 or not 0 < cuts[0] <= 8 or not 0 < gap - cuts[0] - 1 <= 8:
        return None
    i = cuts[0]
    left, right = " ".join(w.text for w in words[:i]), " ".join(w.text for w in words[i + 1:gap])
    french, english = (right, left) if first == "en" else (left, right)
    if _FRENCH_MARK.search(english) or not (_FRENCH_MARK.search(french) or any(
            fold(w) in _stopwords()["fr"] for w in _WORD.findall(french))
            or len(french.split()) >= 2 and _line_lean(french) < -WEAK / 2 < _line_lean(english)):
        return None
    second = "fr" if first == "en" else "en"
    return _labelled_pair(line, (words[:i], left, first), (words[i + 1:gap], right, second), words[gap:])


def _at_column(words: list, column: float | None) -> int | None:
    """Index of the first word that starts at the table's value column, right of the word before it (a value's
    wrapped line starts there too, but after a word further right)."""
    if column is None:
        return None
    return next((j for j in range(1, len(words)) if abs(words[j].bbox.x0 - column) <= 4
                 and words[j - 1].bbox.x1 < words[j].bbox.x0), None)


def _column_gap(words: list) -> int | None:
    """Index of the first word after a gap wider than the type is high: the value column of a table or form."""
    for j in range(1, len(words)):
        height = max(words[j].bbox.height, 1.0)
        if words[j].page == words[j - 1].page and words[j].bbox.x0 - words[j - 1].bbox.x1 > 1.5 * height:
            return j
    return None


def _stop_lean(text: str) -> float:
    stop = _stopwords()
    words = [fold(w) for w in _WORD.findall(_URL.sub(" ", text))]
    return float(sum(w in stop["en"] for w in words) - sum(w in stop["fr"] for w in words))


def _parts(block: list[Line], leans: list[float]) -> list[list[Line]]:
    """A paragraph as langdetect should judge it: whole, unless its lines lean both ways.

    A block whose lines lean both ways (``leans``: function words per line; an
    English list followed by its French twin, alternating "Label: value" lines), or
    that is mostly field lines, is judged item by item: a part starts at every list
    marker or field label. A list of short lines without markers is judged line by line.
    """
    labelled = sum(1 for ln in block if _LABEL.match(ln.text))
    fields = labelled >= 2 and labelled >= len(block) / 2  # a header of "Label: value" lines, maybe alternating
    # a list of short lines without markers ("Calm under pressure", then "Calme sous pression"): line by line
    phrases = len(block) >= 4 and all(len(ln.text.split()) <= 8 and not ln.text.rstrip().endswith((".", ",", ":"))
                                      for ln in block)
    if not (max(leans) >= 2 and min(leans) <= -2) and not fields and not phrases:
        return [block]
    parts: list[list[Line]] = []
    previous = 0.0
    for ln, lean in zip(block, leans):
        # (or a line whose function words lean the other way than the line above: an item whose marker a scan lost,
        # then its twin)
        if not parts or phrases or lists.marker(ln.text).style or _LABEL.match(ln.text) or \
                (lean * previous < 0 and abs(lean) >= 2 and abs(previous) >= 2):
            parts.append([])
        parts[-1].append(ln)
        previous = lean or previous
    return parts


def _unmarked(text: str) -> str:
    """A line without its list marker: the "e" or "o" OCR makes of a bullet is no word of either language."""
    m = lists.marker(text)
    return m.text if m.style else text


def evidence(lines: list[Line]) -> tuple[list[float], list[bool]]:
    """Per line: > 0 leans English, < 0 leans French, 0 neutral; and whether the line starts a part."""
    headings = _heading_langs()
    scores: list[float] = []
    starts: list[bool] = []
    for block in paragraphs(lines):
        leans = [_stop_lean(_unmarked(ln.text)) for ln in block]
        lean_of = {id(ln): lean for ln, lean in zip(block, leans)}
        for part in _parts(block, leans):
            text = " ".join(_URL.sub(" ", _unmarked(ln.text)) for ln in part)
            p = probabilities(text) if _letters(text) >= 3 else {"en": 0.5, "fr": 0.5}
            lean = p["en"] - p["fr"]
            for i, ln in enumerate(part):
                letters = _letters(ln.text)
                # a short block (a title, a heading) is judged as a whole: its lean counts fully
                weight = min(max(letters, 30 if len(part) == 1 else 0) / 10.0, 4.0)
                score = lean * weight
                score += STOP_WEIGHT * lean_of[id(ln)]
                langs = headings.get(fold_heading(ln.text))
                if langs and len(langs) == 1:
                    score += 5.0 if "en" in langs else -5.0
                label = _LABEL.match(ln.text)
                if label:  # a field label of one language, and French typography's space before the colon
                    lang = _phrase_lang(label.group(1))
                    score += {"en": 5.0, "fr": -5.0}.get(lang or "", 0.0)
                    score += -1.5 if label.group(2) else 1.5
                score -= INCLUSIVE_WEIGHT * len(_INCLUSIVE_FR.findall(ln.text))  # "Statisticien(ne)", "employé(e)"
                if ln.lang_hint:
                    score = 40.0 if ln.lang_hint == "en" else -40.0
                scores.append(score)
                starts.append(i == 0)
    return scores, starts


WEAK = 3.0  # |evidence| under which a short title line takes its language from its neighbours


def _single(lines: list[Line], i: int) -> bool:
    return lines[i].gap_before and (i + 1 == len(lines) or lines[i + 1].gap_before)


def _type_size(ln: Line) -> float:
    """Font size from a text layer; for OCR, the median height of the line's word boxes."""
    if ln.size:
        return ln.size
    heights = sorted(w.bbox.height for w in ln.words)
    return heights[len(heights) // 2] if heights else 0.0


def _titles(lines: list[Line], scores: list[float]) -> None:
    """Short title lines, whose own evidence is weak, read by their place.

    Two one-line blocks opening the document ("Legal Officer" / "Juriste") are the
    title in each language: the one leaning more English is English. A weak
    one-line block at the top of a column (the column jumped back up the page),
    or set larger than the line after it at the top of a page, is the title of
    what follows it.
    """
    def title_like(ln: Line) -> bool:
        return ln.lang_hint is None and len(ln.text.split()) <= 10 and ":" not in ln.text

    both_sure = scores[0] * scores[1] > 0 and min(abs(scores[0]), abs(scores[1])) >= WEAK if len(lines) >= 2 else False
    if len(lines) >= 3 and _single(lines, 0) and _single(lines, 1) and title_like(lines[0]) and title_like(lines[1]) \
            and not both_sure:  # two lines plainly in one language are not a title in each
        first_en = scores[0] >= scores[1]
        scores[0], scores[1] = (20.0, -20.0) if first_en else (-20.0, 20.0)
    elif len(lines) >= 3 and lines[2].gap_before and title_like(lines[0]) and title_like(lines[1]):
        _stacked_title_pair(lines, scores)
    else:
        _wrapped_title_pair(lines, scores, title_like)
    for i in range(1, min(len(lines), 6)):
        # "(évaluation des" then "stocks)": the end of a wrapped title, whatever its one word suggests
        ln, prev = lines[i], lines[i - 1]
        if ln.text[:1].islower() and len(ln.text.split()) <= 3 and prev.text.count("(") > prev.text.count(")") \
                and ln.text.count(")") > ln.text.count("(") and ln.lang_hint is None:
            scores[i] = scores[i - 1]
    for i in range(1, len(lines) - 1):
        ln, prev = lines[i], lines[i - 1]
        column_top = ln.page == prev.page and ln.bbox.y0 < prev.bbox.y0 - 72
        if column_top and _single(lines, i) and abs(scores[i]) < WEAK and ln.lang_hint is None:
            scores[i] = scores[i + 1]
        elif ln.page != prev.page and ln.gap_before and ln.lang_hint is None:
            # a title block (larger type, wrapped over a few lines) opening a page
            j = next((k for k in range(i + 1, min(i + 4, len(lines))) if lines[k].gap_before), None)
            block = lines[i:j] if j else []
            size = _type_size(ln)
            if block and all(abs(_type_size(b) - size) <= 0.15 * size for b in block) and \
                    size > 1.15 * _type_size(lines[j]) and all(abs(scores[k]) < WEAK for k in range(i, j)):
                scores[i:j] = [scores[j]] * (j - i)


def _line_lean(text: str) -> float:
    """One line's own lean (> 0 English), judged alone: its words, its function words, inclusive French."""
    p = probabilities(text) if _letters(text) >= 3 else {"en": 0.5, "fr": 0.5}
    return 4.0 * (p["en"] - p["fr"]) + STOP_WEIGHT * _stop_lean(text) - INCLUSIVE_WEIGHT * len(_INCLUSIVE_FR.findall(text))


def _stacked_title_pair(lines: list[Line], scores: list[float]) -> None:
    """An opening block of two short lines ("Administrative Assistant" over "Assistant(e)
    administratif(ve)") above a header that alternates languages line by line is the title in each
    language, in the header's order unless the lines themselves clearly say otherwise."""
    strong = [s for s in scores[2:12] if abs(s) >= WEAK]
    switches = sum(1 for a, b in zip(strong, strong[1:]) if a * b < 0)
    if len(strong) < 4 or switches < len(strong) // 2 + 1:
        return
    own = _line_lean(lines[0].text) - _line_lean(lines[1].text)
    first_en = own > 0 if abs(own) >= 2 * WEAK else strong[0] > 0
    scores[0], scores[1] = (20.0, -20.0) if first_en else (-20.0, 20.0)


def _wrapped_title_pair(lines: list[Line], scores: list[float], title_like: Callable[[Line], bool]) -> None:
    """An opening block of a few title lines set tight, one language's title then the other's, either of them
    wrapped ("Technical Officer – Inland Vessel Standards" over "Administrateur technique – Normes des bateaux"
    and "de navigation intérieure"): cut where each side, judged whole, leans clearly its own way."""
    end = next((k for k in range(1, len(lines)) if lines[k].gap_before), len(lines))
    if not 2 <= end <= 4 or end == len(lines) or not all(title_like(ln) for ln in lines[:end]):
        return
    text = lambda part: " ".join(ln.text for ln in part)  # noqa: E731  (each side judged whole)
    best, cut, sign = 0.0, 0, 0.0
    for k in range(1, end):
        a, b = _line_lean(text(lines[:k])), _line_lean(text(lines[k:end]))
        if a * b < 0 and min(abs(a), abs(b)) > best:
            best, cut, sign = min(abs(a), abs(b)), k, (20.0 if a > 0 else -20.0)
    if cut and best >= WEAK:
        scores[:end] = [sign] * cut + [-sign] * (end - cut)


def viterbi(scores: list[float], switch_cost: float | list[float] = SWITCH_COST) -> list[str]:
    """Most likely en/fr labelling given per-line evidence and a cost per switch (one per line, or one for all)."""
    if not scores:
        return []
    costs = switch_cost if isinstance(switch_cost, list) else [switch_cost] * len(scores)
    states = ("en", "fr")
    emit = [(s / 2, -s / 2) for s in scores]
    best = [list(emit[0])]
    back: list[list[int]] = []
    for e, cost in zip(emit[1:], costs[1:]):
        prev = best[-1]
        row, ptr = [], []
        for j in range(2):
            stay, move = prev[j], prev[1 - j] - cost
            ptr.append(j if stay >= move else 1 - j)
            row.append(max(stay, move) + e[j])
        best.append(row)
        back.append(ptr)
    j = 0 if best[-1][0] >= best[-1][1] else 1
    path = [j]
    for ptr in reversed(back):
        j = ptr[j]
        path.append(j)
    return [states[k] for k in reversed(path)]


TIE = 1.0  # evidence under which the items at a list's switch of language could fall on either side


def _twin_halves(lines: list[Line], scores: list[float], labels: list[str]) -> list[str]:
    """A list followed at once by its twin in the other language ("• Judgment … • Jugement • Initiative …"): where
    the evidence cannot tell on which side the items at the switch fall (one word, the same in both languages), the
    halves are the same length. Returns the labels, moved where that costs the evidence nothing."""
    out = list(labels)
    for run in _item_runs(lines):
        items = [[k for k in range(a, b)] for a, b in zip(run, run[1:])]
        half = len(items) // 2
        langs = [out[item[0]] for item in items]
        first = max(("en", "fr"), key=lambda lang: langs[:half].count(lang))
        second = "fr" if first == "en" else "en"
        if len(items) % 2 or second not in langs[half:] or any(len({out[k] for k in it}) > 1 for it in items):
            continue  # not a list and its twin, or one item spread over both languages
        want = [first] * half + [second] * half
        moved = [k for n, item in enumerate(items) if langs[n] != want[n] for k in item]
        # evidence for the labels they have now (> 0: they are rightly where they are)
        now = sum(scores[k] if out[k] == "en" else -scores[k] for k in moved)
        if moved and now < TIE:
            for n, item in enumerate(items):
                for k in item:
                    out[k] = want[n]
    return out


def _item_runs(lines: list[Line]) -> list[list[int]]:
    """Runs of marked list items set tight together, as the indexes where each item starts (and where the run ends)."""
    runs: list[list[int]] = []
    current: list[int] = []
    for k, ln in enumerate(lines + [None]):
        marked = ln is not None and bool(lists.marker(ln.text).style)
        if ln is None or ln.gap_before or (not marked and not current):
            if len(current) >= 4:
                runs.append(current + [k])
            current = [k] if marked else []
            continue
        if marked:
            current.append(k)
    return runs


_NAMES = {"de": "German", "es": "Spanish", "it": "Italian", "nl": "Dutch", "pt": "Portuguese"}


def _other_language(doc: Document, lines: list[Line]) -> None:
    """A notice in neither language is read as well as it can be, and said to be in another."""
    lang, prob = main_language(" ".join(ln.text for ln in lines))
    if lang in _NAMES and prob >= 0.8:
        doc.warn("other_language", f"the notice seems to be in {_NAMES[lang]}, not English or French: "
                                   "its fields may be wrong or missing; check every one by hand", None)


def run(doc: Document, options: Options) -> None:
    lines = _split_all(doc.lines)
    scores, starts = evidence(lines)
    _titles(lines, scores)
    # the language changes at a paragraph, an item or a field more readily than inside one
    costs = [BREAK_SWITCH_COST if (ln.gap_before or start) else SWITCH_COST for ln, start in zip(lines, starts)]
    labels = _twin_halves(lines, scores, viterbi(scores, costs))
    letters = {"en": 0, "fr": 0}
    for line, lang in zip(lines, labels):
        line.lang = lang
        letters[lang] += _letters(line.text)
    total = sum(letters.values()) or 1
    present = [lang for lang in ("en", "fr") if letters[lang] / total >= MIN_SHARE]
    if not present:
        present = ["en"]
    if len(present) == 1:
        lines = [ln for ln in lines if ln.lang_hint in (None, present[0])]
        for line in lines:
            line.lang = present[0]
    _other_language(doc, lines)
    first = {lang: next(i for i, ln in enumerate(lines) if ln.lang == lang) for lang in present}
    doc.languages = sorted(present, key=lambda lang: first[lang])
    doc.streams = {lang: [ln for ln in lines if ln.lang == lang] for lang in doc.languages}
