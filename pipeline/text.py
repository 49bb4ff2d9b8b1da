"""Text helpers shared by the stages: folding for matching, cleaning for output."""
from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = "\u2019\u2018\u02bc\u00b4`"
_SPACES = re.compile(r"\s+")


def unaccent(text: str) -> str:
    """The text without its accents (compatibility forms decomposed: "À" is "A", "ﬁ" is "fi")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes, single spaces: the form used for matching."""
    text = unaccent(text)
    for a in _APOSTROPHES:
        text = text.replace(a, "'")
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae")
    return _SPACES.sub(" ", text).strip().casefold()


def fold_heading(text: str) -> str:
    """``fold`` and drop trailing punctuation and a trailing colon/question mark."""
    return _SECTION_NUMBER.sub("", fold(text).strip(" :?.!;-–—*")).strip(" :?.!;-–—*").strip()


# "1. ", "2) ", "3.1 ", "iv. ", "b) " in front of a heading
_SECTION_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]|\d{1,2}\.\d{1,2}|[ivx]{1,4}[.)]|[a-h][.)])\s+")


def whole_words(phrase: str) -> str:
    """A regex for a folded phrase found as whole words in folded text ("temps plein", not "temps pleine")."""
    return rf"(?<![a-z]){re.escape(phrase)}(?![a-z])"


def squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


# --- OCR-noise cleaning of output text -------------------------------------------------

# French elision damaged by OCR: "I'OTAN" / "l'" read as capital I, "'OTAN" with the l lost,
# "lI'" doubled. Capital I followed by an apostrophe never starts a French word.
_FR_I_ELISION = re.compile(r"(?<![\w'])[I|1]'(?=[A-Za-zÀ-ÿ])")
_FR_LOST_L = re.compile(r"(?<![\w'])'(?=[A-ZÀ-Ýa-zà-ÿ]{2})")
_FR_DOUBLE_L = re.compile(r"\blI'")
_DOUBLE_APOS = re.compile(r"(?<=\w)''(?=\w)")
_SPACE_BEFORE_COMMA = re.compile(r"\s+([,.](?:\s|$))")
_FR_HIGH_PUNCT = re.compile(r"\s*([;:?!])")


def fix_acronym_elision(text: str, acronyms: dict[str, int]) -> str:
    """French "l'OTAN" read as "TOTAN" / "FOTAN" / "IOTAN": a known acronym glued to one letter.

    ``acronyms`` counts the upper-case words of the document; the glued form must be rarer
    than the bare acronym.
    """
    if not acronyms:
        return text

    def repl(m: re.Match) -> str:
        if acronyms.get(m.group(2), 0) > acronyms.get(m.group(0), 0):
            return "l'" + m.group(2)
        return m.group(0)

    return re.sub(r"\b([TFIl])([A-Z]{3,})\b", repl, text)


def clean(text: str, lang: str | None = None, acronyms: dict[str, int] | None = None) -> str:
    """Output form of a piece of notice text: straight apostrophes, single spaces, OCR elision repaired."""
    for a in "\u2019\u2018\u02bc":
        text = text.replace(a, "'")
    text = _DOUBLE_APOS.sub("'", text)
    text = text.replace("’'", "'")
    text = squash(text)
    if lang == "fr":
        text = _FR_DOUBLE_L.sub("l'", text)
        text = _FR_I_ELISION.sub("l'", text)
        text = _FR_LOST_L.sub("l'", text)
        text = fix_acronym_elision(text, acronyms or {})
    text = _SPACE_BEFORE_COMMA.sub(r"\1", text)
    return text.strip()


_ACRONYM = re.compile(r"(?<![\w'])([A-Z]{3,})(?![\w])")


def acronyms_of(texts: list[str]) -> dict[str, int]:
    """How often each upper-case word of three letters or more stands alone in the text."""
    counts: dict[str, int] = {}
    for t in texts:
        for m in _ACRONYM.finditer(t):
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return counts


_URL = re.compile(r"https?://[^\s<>\"']+", re.I)
# A token that continues a URL broken by an OCR'd space: no sentence words, has digits or _.
_URL_TAIL = re.compile(r"^[_\-/?=&#%]?[A-Za-z0-9_\-/?=&#%.]*[0-9_][A-Za-z0-9_\-/?=&#%.]*$")


def find_urls(text: str) -> list[str]:
    """http(s) URLs in the text, with an OCR-inserted space inside one repaired."""
    out = []
    tokens = text.split()
    i = 0
    while i < len(tokens):
        m = _URL.match(tokens[i])
        if m:
            url = m.group(0)
            while i + 1 < len(tokens) and not url.endswith((".", ",", ";")) and _URL_TAIL.match(tokens[i + 1]) \
                    and any(c.isupper() for c in tokens[i + 1]) and any(c.islower() for c in tokens[i + 1]):
                i += 1
                url += tokens[i]
            url = url.rstrip(".,;:)]")
            if url not in out:
                out.append(url)
        i += 1
    return out


# "Label: value": a short label, a colon (French typography sets a space before it) and the value:
# "Duty station: Paris", "Prise de fonctions : 1er mai 2026", "Integrity: upholds the values …"
_LABEL_VALUE = re.compile(r"^\s*(?P<label>[^\W\d_][^:]{1,49}?)(?P<space> ?):\s+(?=\S)")


def label_value(text: str, words: int = 6, capital: bool = True) -> re.Match | None:
    """The ``label`` (and the ``space`` before its colon) of a line that opens "Label: value", or None.

    ``words``: the most words a label holds; ``capital``: the label must open with a capital letter.
    """
    m = _LABEL_VALUE.match(text)
    if not m or len(m.group("label").split()) > words or (capital and not m.group("label")[0].isupper()):
        return None
    return m
