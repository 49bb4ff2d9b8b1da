"""Section keys settled once every language is parsed: the one part of the sections stage that looks across.

A heading one language names in the lexicon and the other words its own way takes its twin's key; an
unknown heading over a list whose items all speak of one thing (the contract, the leave) is of that kind;
a tasks section in prose above the marked tasks list is the summary, and a paragraph of prose beside a
marked list of its kind gives no item. A list section's items are read again when its key changes.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline import itemkinds, lists
from pipeline.align import align, text_cost

if TYPE_CHECKING:
    from pipeline.stages.sections import Parsed, ParsedSection

LIST_KEYS = ("essential", "desirable", "competencies", "tasks", "offer")  # the record's list fields


def settle_keys(parsed: dict[str, "Parsed"]) -> None:
    for p in parsed.values():
        # before borrowing, so that a twin lends the key its items give it: "Votre mission" in prose lends
        # "summary", not "tasks"; a list that "constitue un atout" item after item lends "desirable"
        _prose_mission(p.sections)
        _by_items(p.sections)
    if "en" in parsed and "fr" in parsed:  # the sections of the two languages, paired once
        pairs = pair_sections(parsed["en"].sections, parsed["fr"].sections)
        _by_items(borrow_keys(pairs))  # the others were read above
    else:
        pairs = [(s, None) for p in parsed.values() for s in p.sections if s.key != "header"]
    _by_prose(pairs)
    for p in parsed.values():
        _prose_mission(p.sections)
        _prose_beside_lists(p.sections)


def _rank(section: "ParsedSection") -> int:
    """How sure the key is: from the lexicon 2, from word stems 1, unknown ("other") 0."""
    return 0 if section.key == "other" else 1 if section.guessed else 2


def _pair_cost(a: "ParsedSection", b: "ParsedSection") -> float:
    if a.key == b.key:
        return 0.0
    if min(_rank(a), _rank(b)) == 2:
        return 100.0  # the lexicon names both, differently: not translations of each other
    text = lambda s: " ".join(ln.text for ln in s.body)  # noqa: E731
    return 0.5 + text_cost(text(a), text(b)) + abs(len(a.items) - len(b.items)) * 0.5 * (bool(a.items) and bool(b.items))


def pair_sections(en: list["ParsedSection"], fr: list["ParsedSection"]) -> list[tuple["ParsedSection | None",
                                                                                      "ParsedSection | None"]]:
    """The sections of the two languages (header aside) aligned: by length, shared numbers and acronyms, known keys."""
    body = lambda sections: [s for s in sections if s.key != "header"]  # noqa: E731
    return align(body(en), body(fr), _pair_cost, gap=1.5)


def borrow_keys(pairs: list[tuple["ParsedSection | None", "ParsedSection | None"]]) -> list["ParsedSection"]:
    """The two halves of a bilingual notice have the same sections in the same order: a heading one language
    names in the lexicon ("Key accountabilities") and the other words its own way ("Ce qui vous attend") is the
    same section. Sections are paired like list items (by length, shared numbers and acronyms, known keys); the
    less sure key of a pair takes the surer one, and a list section's items are read again. Returns the sections
    whose key changed. ``pairs``: from ``pair_sections``."""
    changed = []
    for a, b in pairs:
        if a is None or b is None or a.key == b.key or _rank(a) == _rank(b):
            continue
        sure, unsure = (a, b) if _rank(a) > _rank(b) else (b, a)
        if _pair_cost(a, b) > 2.0:
            continue  # too unlike each other to be one section
        unsure.key, unsure.guessed = sure.key, sure.guessed
        unsure.intro, unsure.items = lists.parse(unsure.body) if unsure.key in LIST_KEYS else ([], [])
        changed.append(unsure)
    return changed


def _by_items(sections: list["ParsedSection"]) -> None:
    """An unknown heading over a marked list ("Your day-to-day", "REMARKS" over the contract and the leave) is
    the section its items speak of, when they say it clearly enough (pipeline/itemkinds.py); a known heading
    gives way only when its list speaks overwhelmingly of another kind."""
    for section in sections:
        # "Required profile" (a parent heading of the requirements) over a marked list of its own, beside the
        # essential parts: its items say which part it is
        unknown = section.key == "other" and section.guessed or section.key == "criteria"
        # "CAN I APPLY?" (process by its stem "apply") over a list of requirements: stems alone are no surer
        # than a summary heading
        stemmed = section.guessed and section.key not in LIST_KEYS
        if not (unknown or stemmed or section.key == "summary" or section.key in LIST_KEYS) or section.part:
            continue  # ("Knowledge" under "Essential qualifications" is essential, whatever its items say)
        intro, items = (section.intro, section.items) if section.key in LIST_KEYS else lists.parse(section.body)
        known = not (unknown or stemmed or section.key == "summary")
        if not items or (len(items) < (3 if known else 2) and not unknown) or \
                (not lists.marked(items) and section.key not in LIST_KEYS):
            continue  # unmarked paragraphs under an unknown heading are prose, not a list; two items overrule no
            # known key ("Bonus points": "GIS experience", "You work in English and French")
        kind, lead = itemkinds.kind_of([_whole(it) for it in items])
        # a list under "Professional Background" (a summary heading) must speak very clearly to be requirements,
        # and one under "Other skills and knowledge" (competencies) whose every item "would be an asset" even more
        need = _CLEAR_LEAD if unknown else _VERY_CLEAR_LEAD if section.key == "summary" or stemmed \
            else _OVERWHELMING_LEAD
        if kind not in ("none", section.key) and lead >= need:
            section.key, section.intro, section.items = kind, intro, items


def _by_prose(pairs: list[tuple["ParsedSection | None", "ParsedSection | None"]]) -> None:
    """A heading nobody knows over prose ("Good to know", "Le mot de la fin") is the section its text speaks of, when it
    says so clearly (pipeline/itemkinds.py, prose counts) and that section is not one of the record's lists: the two
    languages' twins (``pairs``) are read together, so they get one key."""
    for pair in pairs:
        unknown = [s for s in pair if s is not None and s.key == "other" and s.guessed and s.body]
        if not unknown or any(s is not None and s not in unknown for s in pair):
            continue  # a twin with a key of its own lent it already (borrow_keys)
        texts = [ln.text for s in unknown for ln in s.body]
        if any(lists.marked(lists.parse(s.body)[1]) for s in unknown):
            continue  # a marked list: read by its items (_by_items)
        kind, lead = itemkinds.prose_kind([" ".join(texts)])
        if kind not in LIST_KEYS and kind != "none" and lead >= PROSE_LEAD:
            for s in unknown:
                s.key = kind


# mean log-likelihood per word stem by which the likeliest kind of a prose section must lead the next: at 0.2,
# leaving each organisation out of the counts in turn, 96 % of the dev notices' prose sections are read right
PROSE_LEAD = 0.2
# mean log-likelihood per word stem by which the likeliest kind must lead the next
_CLEAR_LEAD = 0.1
_VERY_CLEAR_LEAD = 0.4
_OVERWHELMING_LEAD = 0.6


def _whole(item: lists.ParsedItem) -> str:
    return " ".join([item.text] + [_whole(child) for child in item.children])


def _prose_mission(sections: list["ParsedSection"]) -> None:
    """"Missions" in a paragraph of prose, then "Activités principales" in a list: the paragraph says what the post
    is for (the summary), the list what it does."""
    tasks = [s for s in sections if s.key == "tasks"]
    if not any(lists.marked(s.items) for s in tasks):
        return
    for s, nxt in zip(sections, sections[1:] + [None]):
        # (or printed without its text, right above the list: a published record whose sections hold no text)
        empty = not s.body and nxt is not None and nxt.key == "tasks" and lists.marked(nxt.items)
        if s.key == "tasks" and (lists.prose(s.items) or empty):
            s.key, s.intro, s.items = "summary", [], []


def _prose_beside_lists(sections: list["ParsedSection"]) -> None:
    """When some sections of a kind print a list with markers, a single paragraph of that kind beside them (or
    paragraphs of long sentences) is prose, not a list: it keeps its text and gives no item. So is a sentence that
    announces the lists printed under the sub-headings after it ("… each of the following criteria.")."""
    for key in LIST_KEYS:
        same = [s for s in sections if s.key == key]
        if any(lists.marked(s.items) for s in same):
            for s in same:
                if lists.prose(s.items) or lists.paragraphs(s.items) or lists.announces(s.items):
                    s.intro, s.items = [], []
