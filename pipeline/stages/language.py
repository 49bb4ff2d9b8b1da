"""Language split: each line labelled en or fr, smoothed so a short line does not flip.

Owns ``doc.languages``, ``doc.streams`` and ``Line.lang``. Evidence per line comes
from langdetect on its paragraph (seeded, en/fr only), function words and the
heading lexicon; a two-state Viterbi pass with a switching cost smooths it.
URLs and numbers are neutral. Works whether the halves follow each other, sit
in two columns (layout reads them column by column) or alternate.
"""
from __future__ import annotations

import functools
import re

from pipeline.data import load
from pipeline.model import Document, Line, paragraphs
from pipeline.options import Options
from pipeline.text import fold, fold_heading
from pipeline.tools.langid import probabilities

SWITCH_COST = 6.0
MIN_SHARE = 0.08  # a language with less of the letters than this is not "present"
_WORD = re.compile(r"[A-Za-zÀ-ÿ']{2,}")
_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+", re.I)


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


def evidence(lines: list[Line]) -> list[float]:
    """Per line: > 0 leans English, < 0 leans French, 0 neutral."""
    stop = _stopwords()
    headings = _heading_langs()
    scores: list[float] = []
    for block in paragraphs(lines):
        text = " ".join(_URL.sub(" ", ln.text) for ln in block)
        p = probabilities(text) if _letters(text) >= 3 else {"en": 0.5, "fr": 0.5}
        lean = p["en"] - p["fr"]
        for ln in block:
            words = [fold(w) for w in _WORD.findall(_URL.sub(" ", ln.text))]
            letters = _letters(ln.text)
            score = lean * min(letters / 10.0, 4.0)
            score += 0.8 * (sum(w in stop["en"] for w in words) - sum(w in stop["fr"] for w in words))
            langs = headings.get(fold_heading(ln.text))
            if langs and len(langs) == 1:
                score += 5.0 if "en" in langs else -5.0
            scores.append(score)
    return scores


def viterbi(scores: list[float], switch_cost: float = SWITCH_COST) -> list[str]:
    """Most likely en/fr labelling given per-line evidence and a cost per switch."""
    if not scores:
        return []
    states = ("en", "fr")
    emit = [(s / 2, -s / 2) for s in scores]
    best = [list(emit[0])]
    back: list[list[int]] = []
    for e in emit[1:]:
        prev = best[-1]
        row, ptr = [], []
        for j in range(2):
            stay, move = prev[j], prev[1 - j] - switch_cost
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


def run(doc: Document, options: Options) -> None:
    labels = viterbi(evidence(doc.lines))
    letters = {"en": 0, "fr": 0}
    for line, lang in zip(doc.lines, labels):
        line.lang = lang
        letters[lang] += _letters(line.text)
    total = sum(letters.values()) or 1
    present = [lang for lang in ("en", "fr") if letters[lang] / total >= MIN_SHARE]
    if not present:
        present = ["en"]
    if len(present) == 1:
        for line in doc.lines:
            line.lang = present[0]
    first = {lang: next(i for i, ln in enumerate(doc.lines) if ln.lang == lang) for lang in present}
    doc.languages = sorted(present, key=lambda lang: first[lang])
    doc.streams = {lang: [ln for ln in doc.lines if ln.lang == lang] for lang in doc.languages}
