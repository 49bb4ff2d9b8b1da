"""The hiring organisation when no labelled field names it.

Notices name their organisation in the running header, in a sentence defining
its acronym ("Shared Services Canada (SSC) delivers ...") or in the opening
paragraph ("The Council of Europe is ...", "L'Organisation internationale pour
la santé numérique recrute ..."). Candidates are names holding a head word from
``lexicon.toml [org_words]`` or defined with an acronym; the name seen most
often wins, a running-header name first.
"""
from __future__ import annotations

import functools
import re
from collections import Counter

from pipeline.data import load
from pipeline.langwords import stop_lean
from pipeline.text import fold

_CONNECT_EN = {"of", "for", "and", "on", "the", "&"}
_CONNECT_FR = {"de", "du", "des", "la", "le", "les", "l'", "d'", "pour", "et", "sur", "contre", "entre", "avec", "dans"}
_TOKEN = re.compile(r"[A-Za-zÀ-ÿ][\w'’\-]*|[(),.;:/|]")  # ("… Data Science / Institut de …": two names)
_ACRONYM = re.compile(r"\(([A-Z]{2,6})\)")


@functools.cache
def _words(lang: str) -> frozenset[str]:
    return frozenset(fold(w) for w in load("lexicon")["org_words"][lang])


@functools.cache
def _stops() -> frozenset[str]:
    return frozenset(load("lexicon")["org_words"]["fr_name_stops"])


def _alpha(tok: str) -> bool:
    """A word, hyphenated or not ("Euro-Mediterranean", "euro-méditerranéenne")."""
    return all(part.isalpha() for part in tok.split("-"))


def _names_on(toks: list[str], k: int) -> bool:
    """"au"/"aux" inside a French name: "Agence de soutien au transport aérien", not "… au sein de" or "au Canada"."""
    nxt = toks[k + 1] if k + 1 < len(toks) else ""
    return toks[k].lower() in ("au", "aux") and nxt.islower() and _alpha(nxt) and fold(nxt) not in _stops() | {"sein"}


def _split_elision(tok: str) -> list[str]:
    m = re.match(r"^([LlDd])['’](\w.*)$", tok)
    return [m.group(1).lower() + "'", m.group(2)] if m else [tok]


def _tokens(text: str) -> list[str]:
    return [t for tok in _TOKEN.findall(text) for t in _split_elision(tok)]


def _join(toks: list[str]) -> str:
    out = ""
    for t in toks:
        out += t if out.endswith("'") or not out else " " + t
    return out


def _names(text: str, lang: str) -> list[str]:
    """Org-like names in a text: head word plus its capitalised (or, in French, lower-case) complement."""
    heads = _words(lang)
    toks = _tokens(text)
    found = []
    for i, tok in enumerate(toks):
        if fold(tok) not in heads or not tok[:1].isupper():
            continue
        start = i  # extend to the left over capitalised words: "International Organization", "Shared Services Canada"
        while start > 0:
            prev = toks[start - 1]
            capital = prev[:1].isupper() and _alpha(prev) and prev not in ("The", "Le", "La", "Les", "L'")
            joins = lang == "en" and prev in ("and", "&") and start > 1 and toks[start - 2][:1].isupper()
            if not (capital or joins) or (start > 1 and toks[start - 2] in ".;:"):
                break
            start -= 1
        end = i + 1
        connect = _CONNECT_EN if lang == "en" else _CONNECT_FR
        while end < len(toks):
            t = toks[end]
            if t in ",.;:()/|":
                break
            if lang == "fr" and fold(t) in _stops() and not _names_on(toks, end):
                break
            if t.lower() in connect or t[:1].isupper() or (lang == "fr" and _alpha(t)):
                end += 1
                continue
            break
        while end > i + 1 and toks[end - 1].lower() in connect:
            end -= 1
        name = _join(toks[start:end])
        if len(name.split()) <= 10 and not all(fold(t) in heads or t in connect for t in toks[start:end]):
            found.append(name)  # "the Organisation" alone is a reference back, not a name
    for m in _ACRONYM.finditer(text):
        before = _tokens(text[: m.start()])[-12:]
        letters = m.group(1)
        for k in range(len(before)):
            cand = before[k:]
            # ("Commission internationale pour la navigation sur le Rhin supérieur (CINRS)": not "pour")
            # ("Euro-Mediterranean Agency …" is EMA…: each capitalised part of a hyphenated word counts)
            # ("… en conservation-restauration (CEACR)": so does each part of a French lower-case one)
            initials = "".join(p[0] for t in cand for p in (t.split("-") if t[:1].isupper() or lang == "fr" else [t])
                               if p[:1].isupper() or (lang == "fr" and _alpha(p) and len(p) > 3
                                                      and p.lower() not in _CONNECT_FR))
            if fold(initials).upper() == letters and cand[0][:1].isupper() and any(fold(t) in heads for t in cand):
                found.append(_join(cand))
                break
    return found


def find(texts: list[str], header: list[str], lang: str, exclude: list[str] = ()) -> tuple[str, bool] | None:
    """(name, strong): the organisation named most often; a name the running header prints, or defines by the
    acronym it prints, before any other.

    Names inside ``exclude`` (the unit, read from its label) are not candidates.

    ``strong`` when the name is the running header's, defined with an acronym, or seen twice.
    """
    sign = 1 if lang == "en" else -1
    skip = [fold(e) for e in exclude]
    # (not the other language's: "Flyways Convention Secretariat · Secrétariat de la Convention des voies de migration")
    printed = [names[0] for line in header for part in re.split(r"\s+[–—|/·•-]\s+", line)
               if (names := _names(part, lang)) and fold(names[0]) == fold(part.strip())
               and sign * stop_lean(names[0]) >= 0]
    # a running header that gives an acronym ("OHBK - Secrétariat exécutif - …") names the body the text defines with
    # it too (a word of its own: not the unit's code in a reference, "OIOE/2026/0340")
    acronyms = {t for line in header for t in re.findall(r"(?<![\w/-])[A-Z]{2,6}(?![\w/-])", line)}
    defined = {name: acronym for text in texts for name in _names(text, lang)
               if (acronym := _acronym(name, text)) and acronym in acronyms and not any(fold(name) in e for e in skip)}
    if printed or defined:
        # the one the text names most often (its acronym counts), a name printed in the header first
        order = list(dict.fromkeys(sorted(printed, key=lambda n: sign * stop_lean(n) > 0, reverse=True)
                                   + list(defined)))
        # (each named once more by the header: by its name, or by its acronym)
        name = max(order, key=lambda n: _mentions(n, defined.get(n), texts) + (n in printed) + (n in defined))
        # (as the text prints it, when it does: "EUROPEAN CULTURAL PROPERTY REGISTRY" in the header is the
        # "European Cultural Property Registry" of the text)
        return next((n for t in texts for n in _names(t, lang) if fold(n) == fold(name)), name), True
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    defined: dict[str, str] = {}  # name -> the acronym it is defined with
    for n, text in enumerate(texts):
        for name in _names(text, lang):
            if (acronym := _acronym(name, text)) and name not in defined:
                defined[name] = acronym
            if any(fold(name) in e for e in skip):
                continue
            counts[name] += 1
            first.setdefault(name, n)
    if not counts:
        return None
    for short in list(counts):  # "Union Migrations" only ever as part of "Trait d'Union Migrations (TUM)"
        longer = [n for n in counts if n != short and len(n) > len(short) and _within(short, n, texts)]
        if longer:
            whole = max(longer, key=lambda n: (counts[n], len(n)))
            counts[whole] = max(counts[whole], counts.pop(short))
    for name in defined.keys() & counts.keys():  # "The European Agency for ... (EAPPD)", then "the EAPPD" all through
        counts[name] += sum(len(re.findall(rf"(?<![\w(]){defined[name]}(?![\w)])", t)) for t in texts)
    best = max(counts, key=lambda k: (counts[k] + (k in defined), len(k.split()) > 1, -first[k]))
    return best, counts[best] >= 2 or best in defined


# "Office of the City Clerk of the City of Port-Lachance": an office of a whole body (a town, a university, a
# government) named with it; the body is the employer, the office its unit
_PART_OF = {"en": re.compile(r"^((?:The\s+)?(?:Office|Bureau|Department|Division|Directorate|Service|Branch)\b.+?)\s+of\s+"
                             r"(?:the\s+)?((?:City|Town|Township|Municipality|Village|County|University|Government|"
                             r"Province|Region|District)\b.+)$"),
            "fr": re.compile(r"^((?:Bureau|Service|Direction|Division|D[ée]partement)\b.+?)\s+(?:de\s+la|du|de\s+l['’])\s*"
                             r"((?:Ville|Municipalit[ée]|Commune|Universit[ée]|Province|R[ée]gion|Canton|Gouvernement)\b.+)$")}


def part_of(name: str, lang: str) -> tuple[str, str] | None:
    """``(unit, body)`` of a name that gives an office of a whole body with it, else None."""
    m = _PART_OF[lang].match(name)
    return (m.group(1), m.group(2)) if m else None


def _mentions(name: str, acronym: str | None, texts: list[str]) -> int:
    """How often the texts name ``name``, by its words or by its acronym."""
    seen = sum(len(re.findall(rf"(?<!\w){re.escape(fold(name))}(?!\w)", fold(t))) for t in texts)
    return seen + (sum(len(re.findall(rf"(?<![\w(/-]){acronym}(?![\w)/-])", t)) for t in texts) if acronym else 0)


def _within(short: str, name: str, texts: list[str]) -> bool:
    """Every time ``short`` is printed, it is as part of ``name``."""
    return fold(short) in fold(name) and _mentions(short, None, texts) <= _mentions(name, None, texts)


def _acronym(name: str, text: str) -> str | None:
    """The acronym ``text`` defines ``name`` with ("Shared Services Canada (SSC)"), or None."""
    m = re.search(re.escape(name) + r"\s*\(([A-Z]{2,6})\)", text)
    return m.group(1) if m else None


def is_name(text: str) -> bool:
    """The whole line names a body ("Danube Energy Security Organization (DESO)"): a letterhead, not a title."""
    bare = fold(_ACRONYM.sub("", text)).strip(" ,.-–")
    return any(fold(n) == bare for lang in ("en", "fr") for n in _names(text, lang))
