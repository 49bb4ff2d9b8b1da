"""What a published notice shows, per language, built from the record alone.

A :class:`Half` is one language's notice: its title, the key facts (label and
value as printed) and every section of the record in order, each section's body
split into paragraphs and lists. The record's cleaned, aligned list items
(``tasks``, ``essential`` …) are shown as the lists of the sections that
introduce them, in place of the raw body lines they were read from, so a
hand-corrected record publishes its corrections. Nothing here writes HTML.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rapidfuzz import fuzz

from pipeline import lexicon, lists
from pipeline.data import load
from pipeline.normalize.money import period_of, salary_from
from pipeline.text import fold, squash
from schemas import Item, Record, Section

LANGS = ("en", "fr")
# the record's lists in the order a publisher adds headings for lists no section introduces
# (duties first), not the record's field order (sections.LIST_KEYS)
LIST_KEYS = ("tasks", "essential", "desirable", "competencies", "offer")
# a list the record holds may be introduced by a section of a broader key
_PARENT_KEYS = {"essential": ("criteria",), "desirable": ("criteria",)}
FACTS = ("reference", "organization", "unit", "location", "grade", "schedule", "contract", "salary",
         "deadline", "start", "clearance")
_COVERED = 88  # a body line this close to a list item is that item, shown from the record


@dataclass
class ListItem:
    text: str
    children: list["ListItem"] = field(default_factory=list)


@dataclass
class Block:
    """A paragraph (``items`` empty) or a list."""

    text: str = ""
    items: list[ListItem] = field(default_factory=list)
    ordered: bool = False
    field: Optional[str] = None  # the record's list this block shows ("tasks" …), for the JSON-LD


@dataclass
class SectionView:
    key: str
    heading: Optional[str]
    blocks: list[Block]


@dataclass
class Fact:
    name: str
    label: str
    value: str
    datetime: Optional[str] = None  # ISO 8601 of a deadline, for <time datetime=…>


@dataclass
class Half:
    lang: str
    title: Optional[str]
    facts: list[Fact]
    sections: list[SectionView]
    words: dict[str, str]


def words(lang: str) -> dict[str, str]:
    return load("publish")["page"][lang]


# --- key facts ----------------------------------------------------------------------------

def _amount(x: float, lang: str) -> str:
    text = f"{x:,.2f}" if x != int(x) else f"{int(x):,}"
    return text if lang == "en" else text.replace(",", "\u202f").replace(".", ",")


def salary_text(record: Record, lang: str) -> Optional[str]:
    s = record.salary
    if s is None:
        return None
    worded = getattr(s.text, lang)
    period = load("publish")["period"][lang][s.period]
    amount = _amount(s.min, lang) if s.min == s.max else f"{_amount(s.min, lang)}–{_amount(s.max, lang)}"
    normalised = f"{s.currency} {amount} {period}" if lang == "en" else f"{amount} {s.currency} {period}"
    if worded:
        if not period_of(worded):
            # "EUR 7,412.36 – 9,265.45, tax free" took its period from a label ("Basic monthly salary"): say it
            return f"{worded} ({period})"
        read = salary_from(worded, s.currency)
        # "€3,412.50, paid fourteen times a year" took its period from its label too: the value first, then the
        # wording, so that nobody reads a year's pay into it
        return worded if read and read["period"] == s.period else f"{normalised} ({worded})"
    if s.text.en or s.text.fr:
        return None  # worded in the other language only: no invented wording
    return normalised


def valid_through(record: Record) -> Optional[str]:
    """The deadline as ISO 8601: a date, or a date-time with the zone's UTC offset when both are known."""
    d = record.deadline
    if d is None:
        return None
    if not d.time:
        return d.date.isoformat()
    hh, mm = (int(x) for x in d.time.split(":"))
    moment = dt.datetime.combine(d.date, dt.time(hh, mm))
    if d.timezone:
        try:
            moment = moment.replace(tzinfo=ZoneInfo(d.timezone))
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return moment.isoformat()


def deadline_text(record: Record, lang: str) -> Optional[str]:
    d = record.deadline
    if d is None:
        return None
    month = load("publish")["months"][lang][d.date.month - 1]
    text = f"{d.date.day} {month} {d.date.year}"
    if d.time:
        hh, mm = d.time.split(":")
        text += f" at {d.time}" if lang == "en" else f" à {int(hh)} h {mm}"
    if d.timezone:
        zone = load("publish")["timezones"][lang].get(d.timezone, d.timezone)
        text += f" ({zone})"
    return text


def _fact_value(record: Record, name: str, lang: str) -> Optional[str]:
    if name in ("reference", "grade", "clearance"):
        return getattr(record, name)
    if name == "schedule":
        return load("publish")["schedule"][lang][record.schedule] if record.schedule else None
    if name == "salary":
        return salary_text(record, lang)
    if name == "deadline":
        return deadline_text(record, lang)
    return getattr(getattr(record, name), lang)


def facts(record: Record, lang: str) -> list[Fact]:
    labels = load("publish")["labels"][lang]
    out = []
    for name in FACTS:
        value = _fact_value(record, name, lang)
        if value:
            out.append(Fact(name, labels[name], squash(value), valid_through(record) if name == "deadline" else None))
    return out


# --- sections -----------------------------------------------------------------------------

def _list_items(items: list[Item], lang: str) -> list[ListItem]:
    out = []
    for it in items:
        text = getattr(it, lang)
        children = _list_items(it.children, lang)
        if text:
            out.append(ListItem(text, children))
        else:
            out.extend(children)  # a parent worded in the other language only: keep its children
    return out


def flat_texts(items: list[ListItem]) -> list[str]:
    """Every item's text, children after their parent."""
    return [t for it in items for t in [it.text, *flat_texts(it.children)]]


def _flat(items: list[ListItem]) -> list[str]:
    return [fold(t) for t in flat_texts(items)]


def _covered(line: str, texts: list[str]) -> bool:
    body = fold(lists.marker(line).text)
    return len(body) > 2 and any(fuzz.ratio(body, t) >= _COVERED or (len(body) > 30 and fuzz.partial_ratio(body, t) >= 95)
                                 for t in texts)


def _marked_lists(chunks: list[str]) -> list[Block]:
    """Paragraphs, with runs of marked lines ("1. …", "• …") as lists."""
    out: list[Block] = []
    for chunk in chunks:
        m = lists.marker(chunk)
        if m.style is None:
            out.append(Block(text=chunk))
            continue
        if not out or not out[-1].items or out[-1].field:
            out.append(Block(ordered=m.style != "bullet"))
        out[-1].items.append(ListItem(m.text))
    return out


def _body_blocks(body: Optional[str], owned: list[tuple[str, list[ListItem]]]) -> list[Block]:
    """The body's paragraphs with the record's lists in place of the lines they were read from."""
    chunks = [squash(c) for c in (body or "").split("\n") if c.strip()]
    texts = [t for _, shown in owned for t in _flat(shown)]
    before, after, placed = [], [], False
    for chunk in chunks:
        if texts and _covered(chunk, texts):
            placed = True
            continue
        (after if placed else before).append(chunk)
    return _marked_lists(before) + [Block(items=shown, field=key) for key, shown in owned] + _marked_lists(after)


def _header_lines(body: Optional[str], lang: str, record: Record) -> list[str]:
    """The lines of a notice's unheaded top that the key facts and title do not already show."""
    shown = [fold(v) for v in (record.title.en, record.title.fr, record.reference) if v]
    out = []
    for chunk in (body or "").split("\n"):
        chunk = squash(chunk)
        if not chunk or lexicon.field_match(chunk, lang) or lexicon.is_banner(chunk):
            continue
        if any(s and s in fold(chunk) for s in shown):
            continue
        out.append(chunk)
    return out


def _owner(record: Record, key: str, items: list[Item], lang: str) -> dict[int, list[ListItem]]:
    """Which section shows which of a list's items: the section whose body holds the item, else the first
    section of the list's key (or of a broader key), else none (the caller adds a heading)."""
    candidates = [k for k, s in enumerate(record.sections) if s.key == key]
    if not candidates:
        candidates = [k for k, s in enumerate(record.sections) if s.key in _PARENT_KEYS.get(key, ())]
    out: dict[int, list[ListItem]] = {}
    for item in items:
        shown = _list_items([item], lang)
        if not shown:
            continue
        home = None
        texts = _flat(shown)
        for k in candidates:
            body = getattr(record.sections[k].body, lang) or ""
            if any(_covered(line, texts[:1]) for line in body.split("\n") if line.strip()):
                home = k
                break
        if home is None:
            home = candidates[0] if candidates else -1
        out.setdefault(home, []).extend(shown)
    return out


def sections(record: Record, lang: str) -> list[SectionView]:
    owned: dict[int, list[tuple[str, list[ListItem]]]] = {}
    for key in LIST_KEYS:
        for home, shown in _owner(record, key, getattr(record, key), lang).items():
            owned.setdefault(home, []).append((key, shown))
    out: list[SectionView] = []
    for k, sec in enumerate(record.sections):
        out.append(_section(record, sec, lang, owned.get(k, [])))
    headings = load("publish")["headings"][lang]
    for key, shown in owned.get(-1, []):
        out.append(SectionView(key, headings[key], [Block(items=shown, field=key)]))
    return [s for s in out if s.heading or s.blocks]


def _section(record: Record, sec: Section, lang: str, owned: list[tuple[str, list[ListItem]]]) -> SectionView:
    heading = getattr(sec.heading, lang)
    body = getattr(sec.body, lang)
    if sec.key == "header" and not heading:
        return SectionView(sec.key, None, [Block(text=t) for t in _header_lines(body, lang, record)])
    return SectionView(sec.key, heading, _body_blocks(body, owned))


def _place_links(record: Record, secs: list[SectionView], lang: str) -> None:
    """Links of the record that no shown text carries go at the end of how to apply (or of the last section)."""
    shown = " ".join(b.text for s in secs for b in s.blocks) + " " + " ".join(
        t for s in secs for b in s.blocks for t in flat_texts(b.items))
    missing = [url for url in record.links if url not in shown]
    if not missing:
        return
    target = next((s for s in reversed(secs) if s.key == "process"), secs[-1] if secs else None)
    if target is None:
        target = SectionView("links", words(lang)["links"], [])
        secs.append(target)
    target.blocks.extend(Block(text=url) for url in missing)


def half(record: Record, lang: str) -> Half:
    secs = sections(record, lang)
    _place_links(record, secs, lang)
    return Half(lang, getattr(record.title, lang), facts(record, lang), secs, words(lang))


def halves(record: Record) -> list[Half]:
    """One half per language the record carries, in document order (both when it names none)."""
    order = [lang for lang in record.languages if lang in LANGS] or list(LANGS)
    carried = [lang for lang in order if _carries(record, lang)]
    return [half(record, lang) for lang in carried or order[:1]]


def _carries(record: Record, lang: str) -> bool:
    if getattr(record.title, lang):
        return True
    return any(getattr(s.heading, lang) or getattr(s.body, lang) for s in record.sections) or any(
        getattr(it, lang) for key in LIST_KEYS for it in getattr(record, key))
