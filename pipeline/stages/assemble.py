"""Assemble: the validated Record, with provenance and warnings.

Owns ``doc.record``. Text values are cleaned here, once, for output: OCR
elision damage repaired, straight apostrophes, no line breaks inside sentences.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from pipeline import lists
from pipeline.model import BBox, Document, Line, Value
from pipeline.options import Options
from pipeline.stages.reconcile import TEXTUAL, AlignedItem
from pipeline.stages.sections import LIST_KEYS
from pipeline.text import acronyms_of, clean, find_urls
from schemas import Deadline, Evidence, Item, Record, Salary, Section, Source, Text, Warning

_TRAILING = re.compile(r"\s*[,;.]+\s*$")


def _item_text(text: str, lang: str, acronyms: dict[str, int]) -> str:
    text = clean(text, lang, acronyms)
    if not text.lower().endswith("etc."):
        text = _TRAILING.sub("", text)
    return text


def _evidence(lines: list[Line], lang: Optional[str]) -> list[Evidence]:
    """One piece of evidence per page: the lines' enclosing box, text, and mean OCR confidence."""
    by_page: list[list[Line]] = []
    for ln in lines:
        if by_page and by_page[-1][0].page == ln.page:
            by_page[-1].append(ln)
        else:
            by_page.append([ln])
    out = []
    for group in by_page:
        confs = [w.conf for ln in group for w in ln.words if w.conf is not None and w.conf >= 0]
        box = BBox.enclosing([ln.bbox for ln in group])
        out.append(Evidence(lang=lang, page=group[0].page, bbox=box.rounded(), text=" ".join(ln.text for ln in group),
                            confidence=round(sum(confs) / len(confs), 1) if confs else None))
    return out


class _Builder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.acronyms = acronyms_of([ln.text for ln in doc.lines])
        self.provenance: dict[str, list[Evidence]] = {}

    def prove(self, pointer: str, lines: list[Line], lang: Optional[str]) -> None:
        if lines:
            self.provenance.setdefault(pointer, []).extend(_evidence(lines, lang))

    def text(self, by_lang: dict[str, Value], pointer: str) -> Text:
        out = {}
        for lang, v in by_lang.items():
            out[lang] = clean(str(v.text), lang, self.acronyms) or None
            self.prove(pointer, v.lines, lang)
        return Text(**out)

    def item(self, pair: AlignedItem, pointer: str) -> Item:
        out = {}
        for lang in ("en", "fr"):
            parsed: Optional[lists.ParsedItem] = getattr(pair, lang)
            if parsed is not None:
                out[lang] = _item_text(parsed.text, lang, self.acronyms) or None
                self.prove(pointer, parsed.lines, lang)
        children = [self.item(c, f"{pointer}/children/{k}") for k, c in enumerate(pair.children)]
        return Item(**out, children=children)

    def body(self, lines: list[Line], lang: str) -> Optional[str]:
        parts: list[str] = []
        for ln in lines:
            text = ln.text.strip()
            if not parts:
                parts.append(text)
            elif ln.gap_before:
                parts.append("\n\n" + text)
            elif lists.marker(text).style:
                parts.append("\n" + text)
            else:
                parts.append(" " + text)
        joined = "".join(parts)
        out = "\n".join(clean(p, lang, self.acronyms) for p in joined.split("\n"))
        return out.strip() or None

    def sections(self) -> list[Section]:
        out = []
        for k, (en, fr) in enumerate(self.doc.merged["sections"]):
            key = (en or fr).key
            heading, body = {}, {}
            for lang, s in (("en", en), ("fr", fr)):
                if s is None:
                    continue
                heading[lang] = clean(" ".join(ln.text for ln in s.heading), lang, self.acronyms).rstrip(" :") or None
                body[lang] = self.body(s.body, lang)
                self.prove(f"/sections/{k}", s.heading + s.body, lang)
            out.append(Section(key=key, heading=Text(**heading), body=Text(**body)))
        return out


def _deadline(v: Optional[Value]) -> Optional[Deadline]:
    if v is None:
        return None
    d = v.value
    return Deadline(date=d["date"] if isinstance(d["date"], dt.date) else dt.date.fromisoformat(d["date"]),
                    time=d["time"], timezone=d["timezone"])


def run(doc: Document, options: Options) -> None:
    b = _Builder(doc)
    m = doc.merged
    fields: dict[str, object] = {}
    for name in ("reference", "grade", "clearance", "schedule"):
        v = m.get(name)
        fields[name] = v.value if v else None
        if v:
            b.prove(f"/{name}", v.lines, v.lines[0].lang if v.lines else None)
    fields["deadline"] = _deadline(m.get("deadline"))
    if m.get("deadline"):
        b.prove("/deadline", m["deadline"].lines, m["deadline"].lines[0].lang)
    sal = m.get("salary")
    if sal:
        fields["salary"] = Salary(**sal.value, text=b.text(m["salary_text"], "/salary"))
    for name in TEXTUAL:
        fields[name] = b.text(m[name], f"/{name}")
    for key in LIST_KEYS:
        fields[key] = [b.item(pair, f"/{key}/{k}") for k, pair in enumerate(m[key])]
    sections = b.sections()
    links: list[str] = []
    for url in find_urls(" ".join(ln.text for ln in doc.lines)):
        if url not in links:
            links.append(url)
    source = Source(file=doc.name, sha256=doc.sha256, media_type=doc.media_type, pages=len(doc.pages),
                    ocr_pages=[p.number for p in doc.pages if p.method in ("ocr", "failed")])
    doc.record = Record(
        source=source,
        languages=doc.languages,
        sections=sections,
        links=links,
        warnings=[Warning(code=n.code, field=n.field, message=n.message) for n in doc.notes],
        provenance=b.provenance,
        **fields,
    )
