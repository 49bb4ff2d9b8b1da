"""Reconcile: one value from two languages.

Owns ``doc.merged``. Language-neutral values are read from both halves and
cross-checked: where they disagree the better-supported value wins (read from a
labelled field, more complete, found in more places) and a warning names both.
EN list item k is aligned with FR item k, and EN sections with FR sections.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pipeline.align import align, text_cost
from pipeline.data import load
from pipeline.lists import ParsedItem
from pipeline.model import Document, Value
from pipeline.options import Options
from pipeline.stages.sections import LIST_KEYS, ParsedSection
from pipeline.text import fold

NEUTRAL = ("reference", "deadline", "salary", "grade", "clearance", "schedule")
TEXTUAL = ("title", "organization", "unit", "location", "contract", "start")
EXPECTED = ("title", "reference", "deadline", "location")
NOT_A_NOTICE_BELOW = 3  # recognised sections + labelled fields under this: not a vacancy notice


@dataclass
class AlignedItem:
    en: Optional[ParsedItem]
    fr: Optional[ParsedItem]
    children: list["AlignedItem"] = field(default_factory=list)


def _support(v: Value) -> tuple:
    completeness = sum(1 for x in v.value.values() if x is not None) if isinstance(v.value, dict) else 1
    return (v.labelled, completeness)


def _show(v: Value) -> str:
    if isinstance(v.value, dict):
        return ", ".join(f"{k}={x}" for k, x in v.value.items() if x is not None)
    return str(v.value)


def pick(doc: Document, name: str, by_lang: dict[str, Value]) -> Optional[Value]:
    if not by_lang:
        return None
    # the better supported value; on a tie the English one (a clearance is recorded in its English wording)
    ranked = sorted(by_lang.items(), key=lambda kv: (_support(kv[1]), kv[0] == "en"), reverse=True)
    best_lang, best = ranked[0]
    if name == "deadline":
        best = _city_zone(best, [v for _, v in ranked[1:]])
    for lang, other in ranked[1:]:
        if not _agree(name, best.value, other.value):
            doc.warn(
                "languages_disagree",
                f"{name}: {best_lang.upper()} says {_show(best)!r}, {lang.upper()} says {_show(other)!r}; "
                f"kept the {best_lang.upper()} value: check the notice",
                f"/{name}",
            )
    return best


def _city_zone(best: Value, others: list[Value]) -> Value:
    """"18.00 hrs (CEST)" in one language, "18 h 00 (heure de Paris)" in the other: the same moment, and the city's
    zone says more than the abbreviation (IANA's "CET" has no city). Taken only where both give the same date and
    time and the two zones the same offset on that date."""
    mine = best.value
    if not isinstance(mine, dict) or not mine.get("timezone") or "/" in mine["timezone"]:
        return best
    for other in others:
        theirs = other.value
        if isinstance(theirs, dict) and theirs.get("timezone") and "/" in theirs["timezone"] and \
                (theirs.get("date"), theirs.get("time")) == (mine.get("date"), mine.get("time")) and \
                _offset(theirs["timezone"], mine["date"]) == _offset(mine["timezone"], mine["date"]) is not None:
            return Value({**mine, "timezone": theirs["timezone"]}, best.text, best.lines, best.labelled)
    return best


def _offset(zone: str, day: str | None):
    try:
        return datetime.fromisoformat(f"{day}T12:00").replace(tzinfo=ZoneInfo(zone)).utcoffset()
    except (ValueError, TypeError, ZoneInfoNotFoundError):
        return None


def _agree(name: str, a: object, b: object) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return all(a[k] == b[k] or a[k] is None or b[k] is None for k in a)
    if name == "clearance":
        return _english_clearance(str(a)) == _english_clearance(str(b))
    return str(a).casefold() == str(b).casefold()


def _english_clearance(value: str) -> str:
    folded = fold(value).strip()
    return load("values")["clearance_twins"].get(folded, folded)


def align_items(en: list[ParsedItem], fr: list[ParsedItem]) -> list[AlignedItem]:
    pairs = align(en, fr, lambda a, b: text_cost(a.text, b.text) + abs(len(a.children) - len(b.children)) * 0.5)
    out = []
    for a, b in pairs:
        out.append(AlignedItem(a, b, align_items(a.children if a else [], b.children if b else [])))
    return out


def align_sections(en: list[ParsedSection], fr: list[ParsedSection]):
    return align(en, fr, lambda a, b: 0.0 if a.key == b.key else 100.0, gap=1.0)


def _items_of(doc: Document, lang: str, key: str) -> list[ParsedItem]:
    """The items of every section of this kind, in order: "Education", "Experience" and "Languages"
    are three essential sections and one essential list."""
    parsed = doc.parsed.get(lang)
    if not parsed:
        return []
    return [item for section in parsed.sections if section.key == key for item in section.items]


def run(doc: Document, options: Options) -> None:
    merged: dict[str, object] = {}
    for name in NEUTRAL:
        merged[name] = pick(doc, name, {lang: v[name] for lang, v in doc.values.items() if name in v})
    for name in TEXTUAL:
        merged[name] = {lang: v[name] for lang, v in doc.values.items() if name in v}
    merged["salary_text"] = {lang: v["salary"] for lang, v in doc.values.items() if "salary" in v}
    for key in LIST_KEYS:
        merged[key] = align_items(_items_of(doc, "en", key), _items_of(doc, "fr", key))
    en = doc.parsed["en"].sections if "en" in doc.parsed else []
    fr = doc.parsed["fr"].sections if "fr" in doc.parsed else []
    merged["sections"] = align_sections(en, fr)
    doc.merged = merged

    recognised = {s.key for p in doc.parsed.values() for s in p.sections if s.key not in ("header", "other")}
    labelled = {n for p in doc.parsed.values() for n in p.fields}
    if len(recognised) + len(labelled) < NOT_A_NOTICE_BELOW:
        doc.warn("not_a_notice",
                 f"does not look like a vacancy notice ({len(recognised)} known sections, {len(labelled)} known "
                 "fields): check that this file belongs in the batch", None)
        return
    for lang in ("en", "fr"):
        if lang not in doc.languages:
            doc.warn("language_missing", f"the notice has no {lang.upper()} text: the {lang} side is null", None)
    for name in EXPECTED:
        if not merged.get(name):
            doc.warn("field_missing", f"{name} not found: fill it in by hand if the notice states it", f"/{name}")
    for key in LIST_KEYS:
        for k, pair in enumerate(merged[key]):
            if len(doc.languages) == 2 and (pair.en is None or pair.fr is None):
                have = "EN" if pair.en else "FR"
                doc.warn("item_unpaired", f"{key} item {k + 1} appears in {have} only: check the other half",
                         f"/{key}/{k}")
