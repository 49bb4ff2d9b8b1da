"""A line printed in both languages split into one line per language: a bilingual heading ("Tasks / Tâches",
"5. A plus / Constituent un atout"), a field or a table's row ("Location / Lieu   Geneva / Genève", "Category and
level / Catégorie et niveau   A1"). Each half carries its language as ``Line.lang_hint``; the value of a labelled line
goes to both halves, split at its own slash when it has one."""
from __future__ import annotations

import dataclasses
import re
import statistics

from pipeline.langwords import WEAK, WORD, heading_langs, line_lean, phrase_lang, stopwords, type_size
from pipeline.lexicon import heading_key, stems_key
from pipeline.model import Line, Word
from pipeline.text import fold, fold_heading
from pipeline.tools.langid import probabilities

_SLASH = re.compile(r"^\s*[/|]\s*$")


_FRENCH_MARK = re.compile(r"[éèêàâçùûôîœ]|\b[dlqj]'", re.I)


def split_all(lines: list[Line]) -> list[Line]:
    """Every line split per language; "Grade / Grade" halves follow the order of the other bilingual lines."""
    column = _value_column(lines)
    parts = [split_bilingual(line, column) for line in lines]
    firsts = [p[0].lang_hint for p in parts if len(p) == 2 and p[0].lang_hint in ("en", "fr")]
    first = "fr" if firsts.count("fr") > firsts.count("en") else "en"
    second = "fr" if first == "en" else "en"
    if len(firsts) >= 2:  # an interleaved notice: its other "English / Français" headings split in the same order
        # (the rows of a table whose labels the lexicon does not know first: "Category and level / Catégorie et
        # niveau   Al" is no heading)
        body = statistics.median(type_size(ln) for ln in lines) if lines else 0.0
        parts = [_table_row_pair(p[0], first, column) or _shared_label_row(p[0], first, column) or p
                 if len(p) == 1 and type_size(p[0]) <= 1.1 * body
                 else p for p in parts]  # (a title in larger type is no row, though a word stands at the column)
        parts = [_heading_pair(p[0], first) or p if len(p) == 1 else p for p in parts]
    out = [part for p in parts for part in p]
    for ln in out:
        if ln.lang_hint in ("?1", "?2"):
            ln.lang_hint = first if ln.lang_hint == "?1" else second
    return out


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
    if _gender_forms(left, right):
        return None  # "Technicien principal / Technicienne principale": one language's two forms
    sign = 1.0 if first == "en" else -1.0
    if sign * line_lean(left) < WEAK / 2 or -sign * line_lean(right) < WEAK / 2:
        return None
    french = left if first == "fr" else right
    if not (_FRENCH_MARK.search(french) or any(fold(w) in stopwords()["fr"] for w in WORD.findall(french))):
        return None  # "Health and Safety / Environment": nothing in the second half is French
    second = "fr" if first == "en" else "en"
    return [_part(line, words[:i], left, first), _part(line, words[i + 1:], right, second)]


def _gender_forms(left: str, right: str) -> bool:
    """The halves open on a French word's masculine and feminine ("Technicien / Technicienne", "Directeur /
    Directrice", "Chargé / Chargée"): the inclusive writing of one title, not a title in each language."""
    a, b = (fold(t.split()[0]) if t.split() else "" for t in (left, right))
    if len(a) < 4 or a == b:
        return False
    return any(b == a + end for end in ("e", "ne", "le", "te", "se")) or \
        (a.endswith("eur") and b in (a[:-3] + "rice", a[:-3] + "euse"))


def _unknown_heading_halves(line: Line, words: list, i: int, left: str) -> list[Line] | None:
    """'Your role / Votre rôle': a heading the lexicon does not list, whose halves name the same section."""
    rest = words[i + 1:]
    right = " ".join(w.text for w in rest)
    if not rest or len(rest) > 8 or any(c.isdigit() for c in fold_heading(left) + right):  # ("8. Applying / …")
        return None
    key = stems_key(left)
    if key is None and line.gap_before and i <= 6 and (b := phrase_lang(right)) and heading_key(right, b):
        # "A plus / Constituent un atout": one half a heading the lexicon knows, the other its translation
        return [_part(line, words[:i], left, "fr" if b == "en" else "en"), _part(line, rest, right, b)]
    if key is None or stems_key(right) != key:
        return None
    p = probabilities(left)
    q = probabilities(right)
    a = "en" if p["en"] - p["fr"] >= q["en"] - q["fr"] else "fr"
    return [_part(line, words[:i], left, a), _part(line, rest, right, "fr" if a == "en" else "en")]


def _is_label(text: str) -> bool:
    return fold_heading(text) in heading_langs()


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
    if not cuts:
        return _bracketed_row(line, words) or [line]
    for i in cuts:
        left = " ".join(w.text for w in words[:i])
        a = phrase_lang(left)
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
            b = phrase_lang(label, contained=False)
            if k == gap and b is None and not _is_label(label):
                b = "fr" if a == "en" else "en"
            if fold_heading(label) == fold_heading(left) and _is_label(left):
                a, b = "?1", "?2"  # "Grade / Grade": the same word in both languages; see split_all
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


def _bracketed_row(line: Line, words: list) -> list[Line] | None:
    """"Lieu de travail (Place of work)   Genève, Suisse (Geneva, Switzerland)": a label of one language with the
    other's in brackets, and a value likewise (its bracket closed on the next line or not at all); a value with no
    bracket of its own ("GT-IM-0248/26") is both languages'."""
    opened = next((k for k, w in enumerate(words) if w.text.startswith("(")), None)
    if not opened:
        return None
    closed = next((k for k in range(opened, len(words)) if words[k].text.endswith(")")), None)
    if closed is None or closed + 1 >= len(words):
        return None
    left = " ".join(w.text for w in words[:opened])
    inner = " ".join(w.text for w in words[opened:closed + 1])[1:-1]
    a, b = phrase_lang(left, contained=False), phrase_lang(inner, contained=False)
    if a is None or b is None or a == b:
        return None
    value = words[closed + 1:]
    k = next((k for k in range(len(value) - 1, 0, -1) if value[k].text.startswith("(")), None)
    if k is not None and len(value) - k >= 2 and (value[-1].text.endswith(")") or
                                                  " ".join(w.text for w in value[k:]).count(")") == 0):
        va, vb = value[:k], value[k:]
    else:
        va = vb = value
    ta = " ".join(w.text for w in va)
    tb = " ".join(w.text for w in vb).removeprefix("(").removesuffix(")")
    colon = {"fr": " : "}
    return [_part(line, words[:opened] + va, left + colon.get(a, ": ") + ta, a),
            _part(line, words[opened:closed + 1] + vb, inner + colon.get(b, ": ") + tb, b)]


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
            fold(w) in stopwords()["fr"] for w in WORD.findall(french))
            or len(french.split()) >= 2 and line_lean(french) < -WEAK / 2 < line_lean(english)):
        return None
    second = "fr" if first == "en" else "en"
    return _labelled_pair(line, (words[:i], left, first), (words[i + 1:gap], right, second), words[gap:])


def _shared_label_row(line: Line, first: str, column: float | None) -> list[Line] | None:
    """"Division   Collections Management Division / Division de la gestion des collections": a label both
    languages write alike, over a value in both, split at the value's one slash in the table's order when its
    second half reads French."""
    words = line.words
    if len(line.text.split()) != len(words):
        return None
    gap = _column_gap(words) or _at_column(words, column)
    if not gap or gap > 3 or any(_SLASH.match(w.text) for w in words[:gap]) or \
            sum(1 for w in words[gap:] if _SLASH.match(w.text)) != 1:
        return None
    _, ta, _, tb = _value_halves(words[gap:])
    english, french = (ta, tb) if first == "en" else (tb, ta)
    if _FRENCH_MARK.search(english) or not (_FRENCH_MARK.search(french) or any(
            fold(w) in stopwords()["fr"] for w in WORD.findall(french))):
        return None
    label = " ".join(w.text for w in words[:gap])
    second = "fr" if first == "en" else "en"
    return _labelled_pair(line, (words[:gap], label, first), (words[:gap], label, second), words[gap:])


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
