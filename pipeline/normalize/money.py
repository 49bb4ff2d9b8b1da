"""Salaries as notices word them: amounts, ranges, currencies and pay periods, EN and FR."""
from __future__ import annotations

import functools
import re
from typing import Optional, Sequence

from pipeline.data import load
from pipeline.text import fold

_AMOUNT = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:(?:[ ,.'\u00a0\u202f’])\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?![\d])"
)
_RANGE_SEP = re.compile(r"^\s*(?:-|–|—|to|a|à|and|et|au)\s*$", re.I)


def parse_number(raw: str, lang: Optional[str] = None) -> Optional[float]:
    """'1,286.09' / '1 286,09' / "7'200" / '52,000' -> float; decimal mark inferred from the shape."""
    s = raw.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'").strip()
    if not s or not s[0].isdigit():
        return None
    seps = [c for c in s if not c.isdigit()]
    if not seps:
        return float(s)
    last = s.rfind(seps[-1])
    tail = s[last + 1:]
    if len(set(seps)) > 1 or (len(seps) == 1 and seps[-1] in ",." and len(tail) != 3):
        decimal = seps[-1]
    elif seps[-1] in ",." and len(tail) == 3 and len(seps) == 1:
        decimal = None  # 1,286 or 1.286: a thousands group (no salary has three decimals)
    else:
        decimal = None
    if decimal is not None and decimal in " '":
        decimal = None
    if decimal:
        whole, frac = s[:last], tail
        whole = re.sub(r"\D", "", whole)
        return float(f"{whole}.{frac}")
    return float(re.sub(r"\D", "", s))


@functools.cache
def _table(name: str) -> list[tuple[str, str]]:
    return sorted(load("money")[name].items(), key=lambda kv: -len(kv[0]))


def _find_phrase(folded: str, name: str) -> Optional[str]:
    for phrase, value in _table(name):
        pattern = re.escape(phrase)
        if phrase[0].isalpha():
            pattern = r"(?<![a-z])" + pattern
        if phrase[-1].isalpha():
            pattern += r"(?![a-z])"
        if re.search(pattern, folded):
            return value
    return None


def currency_of(text: str, context: str | Sequence[str] = "") -> Optional[str]:
    """The ISO code of the currency a wording names; a bare "$" is read by ``context``: the notice's
    location and organisation first, then anything else given (its text), in that order."""
    folded = fold(text)
    code = _find_phrase(folded, "currencies")
    if code == "$":
        if "us$" in folded or "usd" in folded:
            return "USD"
        if "c$" in folded or "cad" in folded or "can$" in folded or re.search(r"\$\s?can?\b", folded):
            return "CAD"
        for words in [context] if isinstance(context, str) else context:
            found = _find_phrase(fold(words), "dollar_by_location")
            if found:
                return found
        return "USD"
    return code


def period_of(text: str) -> Optional[str]:
    """The pay period a wording names ("per month", "/ mois", "p.a."), or None."""
    return _find_phrase(re.sub(r"\s*/\s*", "/", fold(text)), "periods")


# "52k", "45 K": thousands written as a letter
_THOUSANDS = re.compile(r"^\s?[kK](?![a-zA-Z])")


def amounts(text: str) -> list[tuple[float, int, int]]:
    out = []
    for m in _AMOUNT.finditer(text):
        value = parse_number(m.group(1))
        if value is None:
            continue
        end = m.end()
        k = _THOUSANDS.match(text[end:])
        if k:
            value, end = value * 1000, end + k.end()
        out.append((value, m.start(), end))
    return out


# what follows a number that counts something other than money: "12 times a year", "60 %", "35 hours"
_COUNT_AFTER = re.compile(r"^\s*(?:%|x\b|times\b|fois\b|hours?\b|heures?\b|h\b|days?\b|jours?\b|weeks?\b|"
                          r"semaines?\b|months?\b|mois\b|years?\b|ans\b|ann[ée]es?\b|people\b|personnes\b|"
                          r"millions?\b|billions?\b|milliards?\b|bn\b)", re.I)  # ("USD 900 million" of investments)
# the Swiss dash of a round amount, "CHF 98'427.–": no decimals, no range
_SWISS_DASH = re.compile(r"(?<=\d)\.[–—-](?!\d)")
_CURRENCY_MARK = re.compile(r"[€$£]|\b(?:EUR|CHF|CAD|USD|GBP|euros?|dollars?)\b", re.I)


def _beside(text: str, amount: tuple[float, int, int], start: int, end: int) -> bool:
    """Is the currency mark at ``start:end`` printed right before or after the amount, only a space between them
    (the "1" of "step 1: €4,986.35" is no amount of euros)?"""
    if end <= amount[1]:
        return amount[1] - end <= 3 and not text[end:amount[1]].strip()
    return start >= amount[2] and start - amount[2] <= 3 and not text[amount[2]:start].strip()


def _no_currency(between: str) -> str:
    return _currency_marks().sub("", between)


@functools.cache
def _currency_marks() -> re.Pattern:
    """A currency's symbol or its name in letters (money.toml): what may stand between a range's bounds."""
    words = sorted((w for w in load("money")["currencies"] if w.replace(" ", "").isalpha()), key=len, reverse=True)
    return re.compile(r"(?:\b(?:c|ca|can|us))?[€$£](?:\s*(?:ca|can|us)\b)?|\b(?:" + "|".join(map(re.escape, words)) + r")\b",
                      re.I)


_BRACKETED = re.compile(r"\([^()]*\)")
# where a clause of a salary wording ends: "Monthly salary of EUR 4,000, reviewed annually"
_CLAUSE_END = re.compile(r",\s|;|\(|\)")


def _own_period(text: str, amount: tuple[float, int, int]) -> Optional[str]:
    """The period named in the amount's own clause."""
    starts = [0] + [m.end() for m in _CLAUSE_END.finditer(text) if m.end() <= amount[1]]
    end = next((m.start() for m in _CLAUSE_END.finditer(text) if m.start() >= amount[2]), len(text))
    return period_of(text[starts[-1]:end])


# a figure this large with no period named is a year's pay: no month's or hour's pay reaches it
_ANNUAL_AT_LEAST = 20000


def salary_from(text: str, context: str | Sequence[str] = "", hint: str = "", guess: bool = False) -> Optional[dict]:
    """{min, max, currency, period} from a salary wording, or None if it names no amount and currency.

    ``hint``: words around the value (its label, its heading) that may name the period it leaves out
    ("Annual salary: CAD 61,000"). ``guess``: the wording is known to be a salary (it is labelled so),
    so a figure of a year's size with no period named is a year's pay.
    """
    text = _SWISS_DASH.sub("", text)
    currency = currency_of(text, context)
    every = amounts(text)
    found = [a for a in every if a[0] >= 1 and not _COUNT_AFTER.match(text[a[2]:])]
    if not currency or not found:
        return None
    # the amount is the one printed next to a currency: not the "12" of "(12 times a year)"
    marks = [m.span() for m in _CURRENCY_MARK.finditer(text)]
    beside = [a for a in every if any(_beside(text, a, s, e) for s, e in marks)]
    if beside and not any(a in found for a in beside):
        return None  # "USD 900 million" of investments: the currency's amount is no pay, "14,000 payments" neither
    first = next((k for k, a in enumerate(found) if any(_beside(text, a, s, e) for s, e in marks)), 0)
    if first > 0 and _RANGE_SEP.match(_no_currency(text[found[first - 1][2]:found[first][1]])) and \
            0.2 * found[first][0] <= found[first - 1][0] <= found[first][0]:
        first -= 1  # "96 300 – 144 500 USD": a range whose currency follows its upper bound only ("Step 3 - 4 500" is none)
    found = found[first:]
    low = found[0][0]
    high = low
    for upper in found[1:]:  # "5 000 € (échelon 1) à 6 500 €": a step's number in brackets is no bound
        between = _no_currency(_BRACKETED.sub("", text[found[0][2]:upper[1]]))
        if _RANGE_SEP.match(between) and upper[0] >= low:
            high = upper[0]
            break
    # the amount's own clause first, then its label ("Salaire annuel brut : …, versé en treize mensualités"), then
    # the words before it ("Gross annual salary (100% basis): from CHF …, paid in thirteen monthly instalments"), then
    # the rest of the wording
    period = _own_period(text, found[0]) or (period_of(hint) if hint else None) or \
        period_of(text[:found[0][1]]) or period_of(text)
    if period is None and guess and low >= _ANNUAL_AT_LEAST:
        period = "year"
    if period is None:
        return None
    return {"min": low, "max": high, "currency": currency, "period": period}
