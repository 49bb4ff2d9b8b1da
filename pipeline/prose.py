"""Facts a notice states in running text, not under a label: where the post is, its grade, its unit, its contract.

"The successful candidate will be offered a temporary agent contract of four years, renewable, at grade AD 7, based
in Luxembourg, within the Data Services Unit of the Operations Department": the words that open each phrase are data
(``data/values.toml``, ``[prose]``); the shape of what follows (a capitalised place, a grade code, a unit's name
holding a unit word, a contract with its type or its length) is checked here. Read only where no label gives the
value (pipeline/stages/fields.py).
"""
from __future__ import annotations

import functools
import re

from pipeline.data import load
from pipeline.lexicon import unit_words, value_field

_ACCENTS = {"a": "aàâä", "e": "eéèêë", "i": "iîï", "o": "oôö", "u": "uùûü", "c": "cç"}
_CAP = r"[A-ZÀ-Ý][\w'’&-]*"
_PLACE = rf"{_CAP}(?:[ -](?:{_CAP}|\({_CAP}[^)]*\)))*"  # "Luxembourg", "Brussels (Belgium)", "Bonn-Bad Godesberg"
_COUNTRY = rf"(?:,\s+{_CAP}(?=[,.;)]|\s+(?:and|et)\b|$))?"  # "Florence, Italy" (one word after the comma, then no more)
_GRADE = r"([A-Z]{1,3}[ -]?\d{1,2})(?![\w/-]|\.\w)"  # "AD 7", "P-3", "A2", "… graded B-4."
_BAND = r"(?:Pay\s+Band|Band|Bande)\s+\d{1,2}[A-Z]?"  # "evaluated at Band 7 of the salary schedule" ("level 3": a language's)


def _loose(phrase: str) -> str:
    """A folded phrase as a pattern that matches it as printed: any case, accents or not."""
    out = []
    for c in phrase:
        if c in _ACCENTS:
            out.append(f"[{_ACCENTS[c]}{_ACCENTS[c].upper()}]")
        elif c.isalpha():
            out.append(f"[{c}{c.upper()}]")
        elif c == " ":
            out.append(r"\s+")
        else:
            out.append(re.escape(c))
    return "".join(out)


@functools.cache
def _cues(name: str, lang: str) -> str:
    cues = sorted(load("values")["prose"][f"{name}_{lang}"], key=len, reverse=True)
    return "(?:" + "|".join(_loose(c) for c in cues) + ")"


@functools.cache
def _patterns(lang: str) -> dict[str, re.Pattern]:
    data = load("values")["prose"]
    units = sorted({w for w in unit_words() if " " not in w}, key=len, reverse=True)
    unit = "(?:" + "|".join(_loose(w) for w in units) + ")"
    duration = "(?:" + "|".join(_loose(w) for w in sorted(data[f"duration_{lang}"], key=len, reverse=True)) + ")"
    contract = "(?:" + "|".join(_loose(w) for w in data[f"contract_words_{lang}"]) + ")"
    post = "(?:" + "|".join(_loose(w) for w in data[f"post_words_{lang}"]) + ")"
    if lang == "en":
        # ("the Landscapes Fund Unit of the Grants and Programmes Division")
        # ("the Policy and Finance Directorate, Carbon Markets Unit": a part named after its whole)
        unit_name = (rf"({_CAP}\s+(?:(?:{_CAP}|and|&)\s+){{0,5}}{unit}(?:\s+of\s+the\s+(?:(?:{_CAP}|and|&)\s+){{1,6}}{unit}|"
                     rf",\s+(?:{_CAP}\s+){{1,5}}{unit})?)\b")
        # ("a full-time, fixed-term contract": the hours before a comma are no part of it)
        contract_phrase = (rf"\b(?:an?|the)\s+(?:[\w-]+,\s+)?((?:[\w-]+\s+){{0,3}}?{contract}(?:\s+(?:of|for)\s+"
                           rf"(?:[\w()-]+\s+){{1,2}}?{duration}\b)?(?:,?\s+renewable(?:\s+once)?)?)")
        # (what the post is, not one it may lead to: "This is a permanent position", not "a bridge to a permanent job")
        post_phrase = rf"\b(?:is|be|offered|offers?)\s+(?:an?|the)\s+((?:[\w-]+\s+){{1,2}}?{post})\b"
    else:
        # ("la Direction des politiques et du financement, Unité des marchés du carbone")
        named = rf"{unit}\s+(?:{_CAP}|des|du|de\s+la|de\s+l['’])[^,.;()]*?"
        unit_name = rf"({named}(?:,\s+{named})?)(?=\s*[,.;(]|\s+(?:pour|avec|afin|dans|en|qui)\s)"
        # ("de quatre (4) ans": the number in figures after it in words)
        contract_phrase = (rf"\b(?:un|une|le|du|sous)\s+({contract}(?:\s+(?:[\w'’-]+\s+){{0,4}}?de\s+(?:[\w()-]+\s+){{1,2}}?"
                           rf"{duration}\b)?(?:,?\s+renouvelable(?:\s+une\s+fois)?)?)")
        post_phrase = (rf"(?:\bs'agit\s+d'|\best\s+|\bpropose\s+|\boffre\s+)(?:un|le)\s+"
                       rf"({post}\s+[\w-]+(?:\s+(?:a|à)\s+dur[ée]e\s+(?:in)?d[ée]termin[ée]e)?)")
    level = "(?:" + "|".join(_loose(w) for w in data[f"clearance_{lang}"]) + ")"
    if lang == "en":  # "a Reliability Status security screening", "Secret security clearance"
        clearance = rf"\b({level})\s+(?:(?:security|personnel)\s+)?(?:clearance|screening)\b"
    else:  # "une cote de fiabilité", "une habilitation (de sécurité) de niveau Secret"
        clearance = (rf"\b(?:(?:[Hh]abilitation|[Cc]ote)\s+(?:de\s+s[ée]curit[ée]\s+)?(?:de\s+niveau\s+|au\s+niveau\s+)?"
                     rf"({level})|({_loose('cote de fiabilite')}(?:\s+approfondie)?))\b")
    return {
        "clearance": re.compile(clearance),
        "location": re.compile(rf"\b{_cues('location', lang)}\s+({_PLACE}{_COUNTRY})|\b{_cues('located', lang)}"
                               rf"(?!\s+(?:on|upon|sur)\b)[^.;:]{{0,40}}?(?:\s(?:in|à|a)\s+|\ssi[eè]ge\s+d['’])({_PLACE}{_COUNTRY})"),
        "grade": re.compile(rf"\b{_cues('grade', lang)}\s+{_GRADE}|\b(?:at|au|à)\s+({_BAND})\b"),
        "unit": re.compile(rf"\b{_cues('unit', lang)}\s*{unit_name}"),
        "contract": re.compile(contract_phrase),
        "post": re.compile(post_phrase),
    }


_LANGUAGE_LEVEL = re.compile(r"[ABC]\s?[12]")  # "at level C1": a language level, no grade


def facts(text: str, lang: str) -> dict[str, str]:
    """What one paragraph of running text says of the location, grade, unit and contract, as printed."""
    out: dict[str, str] = {}
    for name, pattern in _patterns(lang).items():
        for m in pattern.finditer(text):
            value = next(g for g in m.groups() if g).strip(" ,;")
            # a contract phrase says what kind or how long ("contract of four years", "fixed-term contract");
            # a post says what kind ("a permanent position"), never only what it is of ("the position of Head")
            if name == "contract" and not (value_field(value) == "contract" or re.search(r"\d|\s(?:of|for|de)\s", value)):
                continue
            if name == "post" and value_field(value) != "contract":
                continue
            if name == "grade" and _LANGUAGE_LEVEL.fullmatch(value) and "level" in m.group(0).lower():
                continue
            out.setdefault("contract" if name == "post" else name, value)
            break
    return out
