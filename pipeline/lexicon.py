"""The bilingual heading lexicon (``data/lexicon.toml``) and fuzzy matching against it."""
from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from rapidfuzz import fuzz, process

from pipeline.data import load
from pipeline.text import fold, fold_heading, whole_words

T = TypeVar("T")

HEADING_CUTOFF = 86
LABEL_CUTOFF = 88
MAX_HEADING = 80


@functools.cache
def _choices(group: str, lang: str) -> dict[str, str]:
    """folded phrase -> key, this language's phrases first."""
    out: dict[str, str] = {}
    lex = load("lexicon")[group]
    for want in (lang, "fr" if lang == "en" else "en"):
        for key, entry in lex.items():
            for phrase in entry[want]:
                out.setdefault(fold_heading(phrase), key)
    return out


def _best(text: str, group: str, lang: str, cutoff: float) -> tuple[str, float] | None:
    choices = _choices(group, lang)
    if text in choices:
        return choices[text], 100.0
    found = process.extractOne(text, list(choices), scorer=fuzz.ratio, score_cutoff=cutoff)
    if not found:
        return None
    return choices[found[0]], float(found[1])


_SENTENCE_END = re.compile(r"[a-zà-ÿ]{2}\.\s+[A-ZÀ-Ý]")


def heading_key(text: str, lang: str) -> str | None:
    """The section key a heading line stands for, or None."""
    folded = fold_heading(text)
    if not folded or len(folded) > MAX_HEADING or len(folded) < 4:
        return None
    hit = _best(folded, "sections", lang, HEADING_CUTOFF)
    if hit:
        return hit[0]
    body = text.strip().rstrip(":").strip()
    if ":" in body or body.endswith((".", ";", ",")) or _SENTENCE_END.search(body):
        return None  # "Language requirements: English essential." is a statement, not a heading; nor is
        # "Union. The Agency offers:", the end of one sentence and the start of the next
    parts = [p for p in re.split(r"\s*/\s*", folded) if len(p) >= 4]
    if len(parts) > 1:  # "Education/Training": the parts of a heading name one section
        keys = {hit[0] for p in parts if (hit := _best(p, "sections", lang, HEADING_CUTOFF))}
        if len(keys) == 1:
            return keys.pop()
    return _contained(folded, lang)


def _contained(folded: str, lang: str) -> str | None:
    """A short heading that contains a whole lexicon phrase: 'Application and selection procedure'.

    Not the parts of the requirements: "Proven leadership experience" holds "experience" and is an item.
    """
    words = folded.split()
    if len(words) > 7 or any(w in _sentence_words() for w in words):
        return None
    return longest_contained(folded, _containable(lang))


@functools.cache
def _sentence_words() -> frozenset[str]:
    return frozenset(load("lexicon")["sentence_words"]["words"])


@functools.cache
def _containable(lang: str) -> dict[str, str]:
    return {phrase: key for phrase, key in _choices("sections", lang).items() if key != "qualification"}


def longest_contained(folded: str, phrases: Mapping[str, T]) -> T | None:
    """The value of the longest phrase of ``phrases`` found, word for word, inside ``folded``.

    The phrase must be a significant part of the text (a long word, or two words
    or more) and the text at most three words longer, so a sentence never matches.
    """
    words = folded.split()
    best: tuple[int, T] | None = None
    for phrase, value in phrases.items():
        pw = phrase.split()
        if len(words) > len(pw) + 3 or (len(pw) == 1 and len(pw[0]) < 6):
            continue
        if any(words[k:k + len(pw)] == pw for k in range(len(words) - len(pw) + 1)):
            if best is None or len(phrase) > best[0]:
                best = (len(phrase), value)
    return best[1] if best else None


@functools.cache
def _stems(group: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    data = load("lexicon")[group]
    return tuple((key, tuple(fold(x) for x in data[key])) for key in data["order"])


def stems_key(text: str, group: str = "heading_stems", max_words: int = 8) -> str | None:
    """The section key a heading the lexicon does not list stands for, from its word stems.

    For lines that look like headings (short, set apart, capitals or bold): "Your key
    responsibilities" is tasks, "Ce que nous recherchons" essential. With
    ``group="field_stems"``, the field a label stands for ("Duty location" is location).
    """
    folded = fold_heading(text)
    words = folded.replace("'", "' ").split()
    if not words or len(words) > max_words:
        return None
    spaced = folded.replace("-", " ")  # "Must-haves" holds "must have"
    best, best_hits = None, 0
    for key, stems in _stems(group):
        hits = sum(1 for st in stems if (" " in st and (st in folded or st in spaced)) or
                   (st.endswith("$") and any(w in (st[:-1], st[:-1] + "s") for w in words)) or
                   (" " not in st and not st.endswith("$") and any(w.startswith(st) for w in words)))
        if hits > best_hits:
            best, best_hits = key, hits
    return best


@functools.cache
def _value_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    data = load("lexicon")["field_values"]
    return tuple((name, re.compile("|".join(whole_words(fold(p)) for p in data[name])))
                 for name in data["order"])


def value_field(value: str) -> str | None:
    """The field a value names by its wording ("Fixed-term, 2 years" is a contract), or None."""
    folded = fold(value)
    if not folded or len(folded.split()) > 12:
        return None
    return next((name for name, pattern in _value_patterns() if pattern.search(folded)), None)


@dataclass
class FieldMatch:
    name: str
    label: str
    value: str
    has_colon: bool


_NUMBERED = re.compile(r"^\(?(?:\d{1,2}|[IVX]{1,4})[.)]\s")  # "1. ", "IV. ", "(2) ": a numbered heading or item
_HOURS = re.compile(r"\b(?:full|part)[- ]time\b|\btemps (?:plein|partiel)\b|\d+\s*(?:%|h\b|hours|heures)")
_COLON = re.compile(r"^(.{2,60}?)\s*[:：]\s*(.*)$")
# what OCR leaves of a table's ruling between a label and its value: "| Strasbourg", "ee | Strasbourg"
_RULE_JUNK = re.compile(r"^(?:\S{1,2}\s+)?[|_~]+\s*")


def _value(text: str) -> str:
    return _RULE_JUNK.sub("", text.strip()).strip()


def field_match(text: str, lang: str, colon_only: bool = False, guess: bool = False) -> FieldMatch | None:
    """``Label: value`` or ``Label value`` where the label is a known header field.

    ``guess``: a ``Label: value`` whose label the lists do not know is read by its stems
    (for the header of a notice, where such lines are fields).
    """
    m = _COLON.match(text)
    if m:
        hit = _best(fold_heading(m.group(1)), "fields", lang, LABEL_CUTOFF)
        if hit:
            name = hit[0]
            if name == "schedule" and value_field(m.group(2)) == "contract" and not _HOURS.search(fold(m.group(2))):
                name = "contract"  # "Tenure: Indeterminate (permanent)" names the contract, not the hours
            return FieldMatch(name, m.group(1).strip(), _value(m.group(2)), True)
        name = stems_key(m.group(1), "field_stems", max_words=6) if guess and m.group(1)[:1].isupper() else None
        if name in (None, "title", "schedule") and guess and m.group(1)[:1].isupper() and len(m.group(1).split()) <= 6:
            by_value = value_field(m.group(2))  # stems that barely name a field give way to the value's words
            if by_value and (name is None or by_value != "unit"):  # ("Job: Head of Section" stays the title)
                name = by_value
        if name:  # a label the lists do not know: "Duty location:", "Pay range:", "Nature of post: Fixed-term"
            return FieldMatch(name, m.group(1).strip(), _value(m.group(2)), True)
    if colon_only or (m and len(m.group(1)) < 60):
        return None  # "Entité OTAN : …" whose label is unknown is not "Entité" followed by a value
    words = text.split()
    if not words or not words[0][:1].isupper():
        return None  # "équipe! L'entrée en fonction …" goes on a sentence: a label starts with a capital
    if (len(words) >= 6 and text.endswith(".")) or _NUMBERED.match(text):
        # "Poste ouvert exclusivement aux ressortissants …." is a sentence, "1. PLACE DU POSTE …" a heading:
        # neither is a label and its value
        return None
    for k in range(min(7, len(words) - 1), 0, -1):
        label = fold_heading(" ".join(words[:k]))
        if len(label) < 4:
            continue
        hit = _best(label, "fields", lang, 94 if len(label) >= 10 else 100)
        if hit:
            return FieldMatch(hit[0], " ".join(words[:k]), _value(" ".join(words[k:])), False)
    return None


@functools.cache
def _phrases(group: str) -> tuple[str, ...]:
    entry = load("lexicon")[group]
    return tuple(fold_heading(p) for lang in ("en", "fr") for p in entry[lang])


_PREFIXED = re.compile(r"^(?P<head>[^\W\d][^:–—|]*?)(?:\s+(?:n[°º]\.?|no\.?|#)?\s*(?P<ref>[A-Za-z]{0,6}[\w/.\-]*\d[\w/.\-]*))?"
                       r"\s*(?:[:：|–—]|\s-)\s+(?P<rest>\S.*)$")


def title_suffix(text: str) -> str:
    """The title without the word a poster closes it with ("ELECTION WORKERS WANTED" -> "ELECTION WORKERS")."""
    words = text.split()
    if len(words) >= 2 and fold_heading(words[-1]) in _phrases("title_suffixes"):
        return " ".join(words[:-1]).rstrip(" -–—:,")
    return text


def title_prefix(text: str) -> tuple[str | None, str] | None:
    """``(reference, title)`` of a title line that opens with a notice's name ("Vacancy Announcement – Senior
    Treasury Assistant", "Competition 26-ADM-0281: Research Security Advisor"); ``None`` for any other line."""
    m = _PREFIXED.match(text.strip())
    if not m or len(m.group("rest")) < 4 or not m.group("rest")[:1].isupper() or \
            not any(w.isalpha() and len(w) >= 3 for w in m.group("rest").split()):  # ("Vacancy notice: VN/26/12")
        return None
    if fold_heading(m.group("head")) not in _phrases("title_prefixes"):
        return None
    return m.group("ref"), m.group("rest").strip()


def is_banner(text: str) -> bool:
    """Letterhead or banner wording ("VACANCY NOTIFICATION", "SECRETARIAT INTERNATIONAL")."""
    folded = fold_heading(text)
    return any(folded.startswith(p) or fuzz.ratio(folded, p) >= 90 for p in _phrases("banners"))


def unit_words() -> tuple[str, ...]:
    return _phrases("unit_words")


@functools.cache
def unit_part_words() -> frozenset[str]:
    """Unit words that name a part of an organisation, never a whole one ("Branch", not "Agency")."""
    return frozenset(load("lexicon")["unit_words"]["parts"])


@functools.cache
def dangling_words() -> frozenset[str]:
    """Words a line cannot end on without going on ("à", "of", "votre"): such a line is no heading."""
    return frozenset(load("lexicon")["dangling_words"]["words"])


def folded_phrases(group: str, lang: str) -> list[str]:
    return [fold(p) for p in load("lexicon")[group][lang]]
