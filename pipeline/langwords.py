"""What a line's own words say of its language: function words, French inclusive endings, the lexicon's
headings and field labels of one language only, and langdetect (seeded, en/fr only). Shared by the language stage
(per-line evidence) and pipeline/bilingual.py (which half of a bilingual line is which)."""
from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz, process

from pipeline.data import load
from pipeline.lexicon import longest_contained
from pipeline.model import Line
from pipeline.text import fold, fold_heading
from pipeline.tools.langid import probabilities

STOP_WEIGHT = 0.8  # evidence per function word more of one language than the other
INCLUSIVE_WEIGHT = 3.0  # evidence for French per inclusive ending ("employé(e)")
WEAK = 3.0  # |evidence| under which a short title line takes its language from its neighbours
WORD = re.compile(r"[A-Za-zÀ-ÿ']{2,}")
URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+", re.I)
# "Statisticien(ne)", "intéressé·e", "INTÉRESSÉ:E" (OCR reads the middle dot as a colon)
INCLUSIVE_FR = re.compile(r"[a-zà-ÿ]\((?:e|ne|le|ve|se|te|trice|euse|rice)\)|[a-zà-ÿ][·:](?:e|ne|trice|euse)\b", re.I)


@functools.cache
def stopwords() -> dict[str, frozenset[str]]:
    data = load("stopwords")
    return {"en": frozenset(data["en"]), "fr": frozenset(data["fr"])}


@functools.cache
def heading_langs() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    lex = load("lexicon")
    for group in ("sections", "fields"):
        for entry in lex[group].values():
            for lang in ("en", "fr"):
                for phrase in entry[lang]:
                    out.setdefault(fold_heading(phrase), set()).add(lang)
    return out


def letters(text: str) -> int:
    return sum(c.isalpha() for c in URL.sub(" ", text))


def phrase_lang(text: str, contained: bool = True) -> str | None:
    """'en' or 'fr' when text is a heading or field label of one language only (fuzzy, any word order)."""
    folded = fold_heading(text)
    if len(folded) < 4:
        return None
    table = heading_langs()
    langs = table.get(folded)
    if langs is None:
        found = process.extractOne(folded, list(table), scorer=fuzz.token_sort_ratio, score_cutoff=88)
        langs = table[found[0]] if found else (longest_contained(folded, table) if contained else None)
    return next(iter(langs)) if langs and len(langs) == 1 else None


def stop_lean(text: str) -> float:
    stop = stopwords()
    words = [fold(w) for w in WORD.findall(URL.sub(" ", text))]
    return float(sum(w in stop["en"] for w in words) - sum(w in stop["fr"] for w in words))


def line_lean(text: str) -> float:
    """One line's own lean (> 0 English), judged alone: its words, its function words, inclusive French."""
    p = probabilities(text) if letters(text) >= 3 else {"en": 0.5, "fr": 0.5}
    return 4.0 * (p["en"] - p["fr"]) + STOP_WEIGHT * stop_lean(text) - INCLUSIVE_WEIGHT * len(INCLUSIVE_FR.findall(text))


def type_size(ln: Line) -> float:
    """Font size from a text layer; for OCR, the median height of the line's word boxes."""
    if ln.size:
        return ln.size
    heights = sorted(w.bbox.height for w in ln.words)
    return heights[len(heights) // 2] if heights else 0.0
