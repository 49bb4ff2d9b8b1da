"""schema.org ``JobPosting`` JSON-LD: one posting per language, linked to each other.

Every value comes from what the page shows (:mod:`pipeline.publish.view`), so the
structured data never says more than the notice (the rule job search engines
enforce). ``employmentType`` and ``unitText`` are schema.org's codes for what the
page words as a schedule and a pay period.
"""
from __future__ import annotations

import json
from typing import Optional

from markupsafe import Markup

from pipeline.data import load
from pipeline.publish.view import Block, Half, flat_texts, halves, valid_through
from pipeline.text import fold
from schemas import Record

_UNIT = {"hour": "HOUR", "day": "DAY", "week": "WEEK", "month": "MONTH", "year": "YEAR"}


def _shown(half: Half, key: str) -> Optional[str]:
    """A list of the record as the page shows it, one item per line."""
    lines = [t for s in half.sections for b in s.blocks if b.field == key for t in flat_texts(b.items)]
    return "\n".join(lines) or None


def _block_text(block: Block) -> list[str]:
    return [block.text] if not block.items else ["• " + t for t in flat_texts(block.items)]


def description(half: Half) -> str:
    """The notice's sections as plain text: headings and paragraphs, list items one per line."""
    parts: list[str] = []
    for s in half.sections:
        chunk = ([s.heading] if s.heading else []) + [t for b in s.blocks for t in _block_text(b)]
        if chunk:
            parts.append("\n".join(chunk))
    return "\n\n".join(parts)


def employment_types(record: Record) -> list[str]:
    table = load("publish")["employment_type"]
    out = []
    if record.schedule:
        out.append(table["schedule"][record.schedule])
    wording = " ".join(t for t in (record.contract.en, record.contract.fr, record.grade) if t)
    folded = f" {fold(wording).replace('-', ' ')} "
    for phrase, code in table["contract"].items():
        if f" {phrase.replace('-', ' ')} " in folded and code not in out:
            out.append(code)
    return out


def _salary(record: Record) -> Optional[dict]:
    s = record.salary
    if s is None:
        return None
    value: dict = {"@type": "QuantitativeValue", "unitText": _UNIT[s.period]}
    if s.min == s.max:
        value["value"] = s.min
    else:
        value["minValue"], value["maxValue"] = s.min, s.max
    return {"@type": "MonetaryAmount", "currency": s.currency, "value": value}


def posting(record: Record, half: Half, anchor: str, others: list[str]) -> dict:
    lang = half.lang
    out: dict = {"@context": "https://schema.org", "@type": "JobPosting", "@id": anchor}
    if others:
        out["sameAs"] = others if len(others) > 1 else others[0]
    if half.title:
        out["title"] = half.title
    out["description"] = description(half)
    shown = {f.name for f in half.facts}
    if record.reference:
        org = getattr(record.organization, lang)
        out["identifier"] = {"@type": "PropertyValue", "value": record.reference, **({"name": org} if org else {})}
    if "organization" in shown:
        out["hiringOrganization"] = {"@type": "Organization", "name": getattr(record.organization, lang)}
    if "unit" in shown:
        out["employmentUnit"] = {"@type": "Organization", "name": getattr(record.unit, lang)}
    if "location" in shown:
        out["jobLocation"] = {"@type": "Place", "address": getattr(record.location, lang)}
    if "deadline" in shown:
        out["validThrough"] = valid_through(record)
    if "salary" in shown:
        out["baseSalary"] = _salary(record)
    types = employment_types(record)
    if types:
        out["employmentType"] = types if len(types) > 1 else types[0]
    for prop, key in (("qualifications", "essential"), ("responsibilities", "tasks"), ("skills", "competencies"),
                      ("jobBenefits", "offer")):
        text = _shown(half, key)
        if text:
            out[prop] = text
    if record.clearance:
        out["securityClearanceRequirement"] = record.clearance
    return out


def postings(record: Record, page: str = "") -> list[dict]:
    """One JobPosting per language of the record; ``@id`` is ``<page>#job-<lang>``."""
    hs = halves(record)
    anchors = [f"{page}#job-{h.lang}" for h in hs]
    return [posting(record, h, a, [o for o in anchors if o != a]) for h, a in zip(hs, anchors)]


def dumps(record: Record, page: str = "") -> str:
    """The ``.jsonld`` file: a single posting, or a list of them."""
    items = postings(record, page)
    return json.dumps(items[0] if len(items) == 1 else items, ensure_ascii=False, indent=2) + "\n"


def script_json(data: object) -> Markup:
    """JSON safe inside ``<script type="application/ld+json">``: no ``</script>``, no markup."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for ch, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return Markup(text)

