"""Dates, times and time zones as notices word them, in English and French."""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Optional

from pipeline.data import load
from pipeline.text import fold


@functools.cache
def _months() -> dict[str, int]:
    out = {}
    for num, names in load("calendar")["months"].items():
        for name in names:
            out[name.rstrip(".")] = int(num)
    return out


def _month_alt() -> str:
    names = sorted(_months(), key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


@functools.cache
def _date_patterns() -> list[tuple[re.Pattern, str]]:
    mon = _month_alt()
    return [
        (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"), "ymd"),
        (re.compile(r"\b(\d{4})/(\d{1,2})/(\d{1,2})\b"), "ymd"),
        (re.compile(rf"\b(\d{{1,2}})(?:er|st|nd|rd|th)?[\s\-./]*({mon})\.?[\s\-./,]*(\d{{4}})\b"), "dmy-name"),
        (re.compile(rf"\b({mon})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"), "mdy-name"),
        (re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b"), "dmy"),
    ]


@dataclass
class FoundDate:
    date: dt.date
    start: int
    end: int


def find_dates(text: str) -> list[FoundDate]:
    """Every date in ``text`` (folded internally), in order of appearance."""
    folded = fold(text)
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _date_patterns():
        for m in pattern.finditer(folded):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            try:
                if kind == "ymd":
                    d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                elif kind == "dmy-name":
                    d = dt.date(int(m.group(3)), _months()[m.group(2)], int(m.group(1)))
                elif kind == "mdy-name":
                    d = dt.date(int(m.group(3)), _months()[m.group(1)], int(m.group(2)))
                else:
                    d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except (ValueError, KeyError):
                continue
            found.append(FoundDate(d, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)


_TIME = re.compile(
    r"(?<![\d.,])(\d{1,2})\s*(?:[:.h]\s*(\d{2})|h(?![\dA-Za-zÀ-ÿ])|\s*(?=[ap]\.?m\b))\s*([ap])?\.?\s*(?:m\b\.?)?", re.I
)
_MIDNIGHT = re.compile(r"\b(midnight|minuit)\b", re.I)
_NOON = re.compile(r"\b(noon|midday|midi)\b", re.I)


def find_time(text: str) -> Optional[str]:
    """The first clock time in ``text`` as HH:MM (24-hour)."""
    if _MIDNIGHT.search(text):
        return "23:59"
    for m in _TIME.finditer(text):
        hour = int(m.group(1))
        minute = int(m.group(2)) if m.group(2) else 0
        ampm = (m.group(3) or "").lower()
        if not m.group(2) and not ampm and not re.search(r"\d\s*h", m.group(0), re.I):
            continue
        if ampm == "p" and hour < 12:
            hour += 12
        if ampm == "a" and hour == 12:
            hour = 0
        if 0 <= hour <= 23 and 0 <= minute <= 59:
            return f"{hour:02d}:{minute:02d}"
    if _NOON.search(text):
        return "12:00"
    return None


EN_ZONE_FORMS = ("{} time", "{} standard time", "{} daylight time", "{} summer time", "{} local time",
                 "local time in {}", "local {} time")
FR_ZONE_FORMS = ("heure {}", "heure normale {}", "heure avancee {}", "heure d'ete {}", "heure locale {}")


@functools.cache
def zone_phrases() -> dict[str, str]:
    """Every folded phrase that names a time zone: the listed ones, and the forms made from the names of
    regions and cities ("atlantic time", "heure normale de l'atlantique", "vienna local time"), and the IANA names of
    those zones."""
    calendar = load("calendar")
    out = dict(calendar["timezones"])
    for zone, names in calendar["timezone_names"].items():
        out[fold(zone)] = zone  # the IANA name itself, as a published notice prints a zone it has no words for
        for name in names["en"]:
            out.update({form.format(name): zone for form in EN_ZONE_FORMS})
        for name in names["fr"]:
            out.update({form.format(name): zone for form in FR_ZONE_FORMS})
    return out


@functools.cache
def _zones() -> list[tuple[re.Pattern, str, bool]]:
    """(pattern, zone, raw): abbreviations match upper case in the raw text, phrases the folded text."""
    out = []
    for phrase, zone in zone_phrases().items():
        if len(phrase) <= 4 and " " not in phrase:
            out.append((re.compile(rf"(?<![\w']){re.escape(phrase.upper())}(?![\w'])"), zone, True))
        else:
            out.append((re.compile(rf"(?<![\w']){re.escape(phrase)}(?![\w])"), zone, False))
    return sorted(out, key=lambda p: -len(p[0].pattern))


def find_timezone(text: str) -> Optional[str]:
    folded = fold(text)
    for pattern, zone, raw in _zones():
        if pattern.search(text if raw else folded):
            return zone
    return None


def deadline_from(text: str) -> Optional[dict]:
    """{date, time, timezone} from a deadline wording, or None when it holds no date."""
    dates = find_dates(text)
    if not dates:
        return None
    first = dates[0]
    folded = fold(text)
    time = find_time(folded[first.end:][:60]) or find_time(folded[: first.start][-40:])
    return {"date": first.date, "time": time, "timezone": find_timezone(text)}


@functools.cache
def _when_pattern() -> re.Pattern:
    quarters = load("calendar")["quarters"]
    names = "|".join(re.escape(q) for q in sorted(quarters["words"], key=len, reverse=True))
    early = "|".join(re.escape(q) for q in sorted(quarters["month_parts"], key=len, reverse=True))
    return re.compile(rf"\b(?:q[1-4]\s+20\d\d|(?:{names})\s+(?:quarter|trimestre)(?:\s+of)?(?:\s+de)?\s+20\d\d|"
                      rf"(?:(?:{early})\s+)?(?:{_month_alt()})\.?\s+(?:de\s+)?20\d\d)\b")


def when_starts(text: str) -> int | None:
    """Where a date, a quarter ("third quarter of 2026", "Q3 2026", "troisième trimestre 2026") or a month and
    year ("September 2026") starts in ``text``; None without one. (Offsets of the folded text: for text whose
    folding keeps its length.)"""
    found = [d.start for d in find_dates(text)]
    folded = fold(text)
    m = _when_pattern().search(folded)
    if m:
        # (a day OCR damaged before it, "ler septembre 2026", is part of it)
        day = re.search(r"(?:\b\d{1,2}(?:er|e|st|nd|rd|th)?|\b[l1i|]er)\s+$", folded[:m.start()])
        found.append(day.start() if day else m.start())
    at = min(found) if found else None
    if at and re.search(rf"\b(?:{_month_alt()})\.?\s*(?:/|or|ou|to|au|-|–|and|et)\s*$", fold(text[:at])):
        return 0  # ("March / September 2026": the month before it is part of it)
    return at
