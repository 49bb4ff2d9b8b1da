#!/usr/bin/env python3
"""Build the layout-family corpus from corpus/notices/*.toml.

For every notice source (format: corpus/notices/README.md) this writes

* ``corpus/gold/<id>.json``            the gold record (committed)
* ``corpus/build/<id>/digital.pdf``    typeset with a text layer
* ``corpus/build/<id>/scan.pdf``       300 dpi grey scan: small skew, noise, JPEG
* ``corpus/build/<id>/hard.pdf``       200 dpi: skew up to 2.5 degrees, speckle,
                                       uneven light, strong JPEG
* ``corpus/build/<id>/image.png``      posters only: the page as a 300 dpi image
* ``corpus/build/<id>/photo.jpg``      posters only: a phone photo of the page

Everything is deterministic (fixed PDF metadata, seeded noise): a rebuild writes
the same bytes. ``--check`` rebuilds the gold in memory and fails when a committed
gold file differs; ``--check-sources`` only validates the sources.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pypdfium2
from PIL import Image, ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics, rl_codecs
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

REPO = Path(__file__).resolve().parents[2]
SOURCES = REPO / "corpus" / "notices"
GOLD = REPO / "corpus" / "gold"
BUILD = REPO / "corpus" / "build"

FAMILIES = ("en-fr", "fr-en", "columns", "interleaved", "en", "fr", "table", "poster")
SPLITS = ("dev", "heldout")
SECTION_KEYS = ("summary", "tasks", "criteria", "essential", "desirable", "competencies", "offer",
                "process", "values", "notice", "other")
LIST_KEYS = ("essential", "desirable", "competencies", "tasks", "offer")
TEXT_FIELDS = ("title", "organization", "unit", "location", "contract", "start")
TAGS = TEXT_FIELDS + ("salary", "reference", "deadline", "grade", "schedule", "clearance")
GOLD_KEYS = {"reference", "schedule", "grade", "clearance", "deadline", "salary", "salary_text", *TEXT_FIELDS}
TOP_KEYS = {"id", "split", "family", "style", "languages", "markers", "heading_case", "numbered_headings",
            "hyphenate", "header", "footer", "banner", "table", "gold", "en", "fr"}
MARKERS = ("1.", "1)", "(1)", "a)", "a.", "(a)", "i.", "(i)", "I.", "•", "–", "-", "*", "o", "·", "»", "▪", "◦",
           "none")
URL = re.compile(r"https?://[^\s<>\"')]+")

PAGE_W, PAGE_H = A4
FIXED_DATE = time.struct_time((2026, 1, 5, 0, 0, 0, 0, 5, 0))


# --------------------------------------------------------------------------
# Organisation styles
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Style:
    font: str
    bold: str
    size: float
    leading: float
    title_size: float
    heading_size: float
    heading_case: str = "title"
    numbered: bool = False
    markers: tuple[str, ...] = ("•", "–")
    header: str = ""
    footer: str = "Page {n} of {total}"
    banner: str = ""
    margin: float = 56.0


STYLES = {
    "nato-taleo": Style("Helvetica", "Helvetica-Bold", 9.5, 12.5, 13, 10.5, header="NATO"),
    "nato-agency": Style("Times-Roman", "Times-Bold", 10.5, 13.0, 14, 11, heading_case="upper", numbered=True,
                         markers=("a.", "(1)"), footer="{n}"),
    "oecd": Style("Helvetica", "Helvetica-Bold", 10, 13.5, 15, 11.5, markers=("–", "•")),
    "coe": Style("Times-Roman", "Times-Bold", 10.5, 13.5, 14, 11.5, heading_case="upper", markers=("i.", "–"),
                 margin=62.0),
    "goc": Style("Helvetica", "Helvetica-Bold", 10, 13.0, 14, 11, markers=("•", "–")),
    "geneva": Style("Times-Roman", "Times-Bold", 11, 14.0, 15, 12, heading_case="upper", markers=("–", "•")),
}


# --------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------

@dataclass
class Block:
    kind: str            # title | field | heading | subheading | para | item | page
    text: str = ""
    tag: str = ""        # field tag, or section key for headings
    label: str = ""      # field label
    depth: int = 0       # item depth


@dataclass
class Notice:
    path: Path
    spec: dict
    style: Style
    blocks: dict[str, list[Block]] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.spec["id"]

    @property
    def languages(self) -> list[str]:
        return list(self.spec["languages"])

    def opt(self, name: str, default=None):
        return self.spec.get(name, default)


class SourceError(ValueError):
    pass


def parse_text(text: str, where: str) -> list[Block]:
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Block("para", " ".join(para)))
            para.clear()

    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stripped == "~page":
            flush()
            blocks.append(Block("page"))
        elif stripped.startswith("# "):
            flush()
            blocks.append(Block("title", stripped[2:].strip()))
        elif stripped.startswith(("## ", "### ")):
            flush()
            level, rest = stripped.split(" ", 1)
            if "|" not in rest:
                raise SourceError(f"{where}:{n}: heading needs 'key | Heading'")
            key, heading = (s.strip() for s in rest.split("|", 1))
            if key not in SECTION_KEYS:
                raise SourceError(f"{where}:{n}: unknown section key {key!r}")
            blocks.append(Block("heading" if level == "##" else "subheading", heading, tag=key))
        elif stripped.startswith("=") and not stripped.startswith("=="):
            flush()
            tag, _, rest = stripped[1:].partition(" ")
            if tag not in TAGS:
                raise SourceError(f"{where}:{n}: unknown field tag {tag!r}")
            label, value = split_label(rest)
            blocks.append(Block("field", value, tag=tag, label=label))
        elif stripped.startswith("- "):
            flush()
            indent = len(line) - len(line.lstrip(" "))
            if indent % 2:
                raise SourceError(f"{where}:{n}: list indent must be a multiple of two spaces")
            blocks.append(Block("item", stripped[2:].strip(), depth=indent // 2))
        else:
            para.append(stripped)
    flush()
    return blocks


def split_label(text: str) -> tuple[str, str]:
    """'Closing date: 3 March' -> ('Closing date:', '3 March'); no colon -> ('', text)."""
    m = re.match(r"^(.*?\S)(\s?:)\s+(.*)$", text)
    if not m or len(m.group(1)) > 60:
        return "", text.strip()
    return m.group(1) + m.group(2), m.group(3).strip()


def load(path: Path) -> Notice:
    try:
        spec = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise SourceError(f"{path.name}: {e}") from e
    unknown = set(spec) - TOP_KEYS
    if unknown:
        raise SourceError(f"{path.name}: unknown keys {sorted(unknown)}")
    for key in ("id", "split", "family", "style", "languages", "gold"):
        if key not in spec:
            raise SourceError(f"{path.name}: missing {key!r}")
    if spec["id"] != path.stem:
        raise SourceError(f"{path.name}: id {spec['id']!r} is not the file stem")
    if spec["split"] not in SPLITS or spec["family"] not in FAMILIES or spec["style"] not in STYLES:
        raise SourceError(f"{path.name}: bad split, family or style")
    unknown = set(spec["gold"]) - GOLD_KEYS
    if unknown:
        raise SourceError(f"{path.name}: unknown [gold] keys {sorted(unknown)}")
    for m in spec.get("markers", []):
        if m not in MARKERS:
            raise SourceError(f"{path.name}: unknown marker {m!r}")
    langs = spec["languages"]
    if sorted(set(langs)) != sorted(lang for lang in ("en", "fr") if lang in spec) or len(set(langs)) != len(langs):
        raise SourceError(f"{path.name}: languages {langs} do not match the [en]/[fr] blocks")
    notice = Notice(path, spec, STYLES[spec["style"]])
    for lang in langs:
        text = spec[lang].get("text", "")
        try:
            text.encode("cp1252")
        except UnicodeEncodeError as e:
            raise SourceError(f"{path.name}: [{lang}] has a character outside Windows-1252: {text[e.start]!r}") from e
        notice.blocks[lang] = parse_text(text, f"{path.name}[{lang}]")
        if not any(b.kind == "title" for b in notice.blocks[lang]):
            raise SourceError(f"{path.name}: [{lang}] has no '# ' title")
    if spec["family"] == "interleaved":
        shapes = [[b.kind for b in notice.blocks[lang]] for lang in langs]
        keys = [[b.tag for b in notice.blocks[lang] if b.kind in ("heading", "subheading")] for lang in langs]
        if len(langs) != 2 or shapes[0] != shapes[1] or keys[0] != keys[1]:
            raise SourceError(f"{path.name}: interleaved languages must have the same blocks in the same order")
    if spec["family"] in ("en", "fr") and langs != [spec["family"]]:
        raise SourceError(f"{path.name}: family {spec['family']} needs languages [{spec['family']!r}]")
    return notice


def load_all(only: list[str] | None = None, sources: Path = SOURCES) -> list[Notice]:
    paths = sorted(sources.glob("*.toml"))
    if only:
        paths = [p for p in paths if p.stem in only]
    return [load(p) for p in paths]


# --------------------------------------------------------------------------
# Gold
# --------------------------------------------------------------------------

def heading_text(notice: Notice, text: str) -> str:
    case = notice.opt("heading_case", notice.style.heading_case)
    return text.upper() if case == "upper" else text


def sections_of(notice: Notice, lang: str) -> list[tuple[str, str, list[Block]]]:
    out: list[tuple[str, str, list[Block]]] = []
    for b in notice.blocks[lang]:
        if b.kind in ("heading", "subheading"):
            text = heading_text(notice, b.text) if b.kind == "heading" else b.text
            out.append((b.tag, text, []))
        elif out:
            out[-1][2].append(b)
    return out


def items_of(blocks: list[Block]) -> list[dict]:
    roots: list[dict] = []
    stack: list[tuple[int, dict]] = []
    for b in blocks:
        if b.kind != "item":
            continue
        node = {"text": b.text, "children": []}
        while stack and stack[-1][0] >= b.depth:
            stack.pop()
        (stack[-1][1]["children"] if stack else roots).append(node)
        stack.append((b.depth, node))
    return roots


def pair_items(en: list[dict], fr: list[dict]) -> list[dict]:
    out = []
    for k in range(max(len(en), len(fr))):
        e = en[k] if k < len(en) else None
        f = fr[k] if k < len(fr) else None
        out.append({"en": e["text"] if e else None, "fr": f["text"] if f else None,
                    "children": pair_items(e["children"] if e else [], f["children"] if f else [])})
    return out


def gold_record(notice: Notice) -> dict:
    g = notice.spec["gold"]
    langs = notice.languages
    text: dict[str, dict] = {name: {"en": None, "fr": None} for name in (*TEXT_FIELDS, "salary_text")}
    for lang in langs:
        for b in notice.blocks[lang]:
            if b.kind == "title" and text["title"][lang] is None:
                text["title"][lang] = b.text
            elif b.kind == "field" and b.tag in TEXT_FIELDS:
                text[b.tag][lang] = b.text
            elif b.kind == "field" and b.tag == "salary":
                text["salary_text"][lang] = b.text
    for name in (*TEXT_FIELDS, "salary_text"):
        if name in g:
            text[name] = {"en": g[name].get("en"), "fr": g[name].get("fr")}
    record: dict = {"schema_version": "1.0", "languages": langs, "reference": g.get("reference")}
    for name in ("title", "organization", "unit", "location"):
        record[name] = text[name]
    record["schedule"] = g.get("schedule")
    record["contract"] = text["contract"]
    record["grade"] = g.get("grade")
    record["clearance"] = g.get("clearance")
    d = g.get("deadline")
    record["deadline"] = {"date": d["date"], "time": d.get("time"), "timezone": d.get("timezone")} if d else None
    s = g.get("salary")
    record["salary"] = ({"min": float(s["min"]), "max": float(s["max"]), "currency": s["currency"],
                         "period": s["period"], "text": text["salary_text"]} if s else None)
    record["start"] = text["start"]
    per_lang = {lang: sections_of(notice, lang) for lang in langs}
    for key in LIST_KEYS:
        lists = {lang: [] for lang in ("en", "fr")}
        for lang in langs:
            for k, _, body in per_lang[lang]:
                if k == key:
                    lists[lang].extend(items_of(body))
        record[key] = pair_items(lists["en"], lists["fr"])
    first = per_lang[langs[0]]
    other = per_lang[langs[1]] if len(langs) > 1 else []
    sections = []
    for i, (key, heading, _) in enumerate(first):
        h = {"en": None, "fr": None}
        h[langs[0]] = heading
        if i < len(other) and other[i][0] == key:
            h[langs[1]] = other[i][1]
        sections.append({"key": key, "heading": h})
    record["sections"] = sections
    links: list[str] = []
    for lang in langs:
        for b in notice.blocks[lang]:
            for url in URL.findall(b.text):
                url = url.rstrip(".,;:")
                if url not in links:
                    links.append(url)
    record["links"] = links
    return record


def gold_json(notice: Notice) -> str:
    return json.dumps(gold_record(notice), ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------
# Typesetting
# --------------------------------------------------------------------------

ENCODING = "CorpusNoticeCp1252"


def register_cp1252_encoding(name: str) -> None:
    """A ReportLab encoding that is plain cp1252 (ReportLab's WinAnsi puts the bullet where
    pdfminer reads "(cid:127)"); the name must not start with "WinAnsi"."""
    decoding: dict[int, int] = {}
    for code in range(32, 256):
        try:
            decoding[code] = ord(bytes([code]).decode("cp1252"))
        except UnicodeDecodeError:
            continue
    encoding = {char: code for code, char in decoding.items()}
    encoding[0xA0] = 0x20  # no-break space prints as a space, as ReportLab does
    rl_codecs.RL_Codecs.add_dynamic_codec(name, encoding, decoding)
    pdfmetrics.registerEncoding(pdfmetrics.Encoding(name, "WinAnsiEncoding"))


def register_fonts() -> None:
    """Base-14 fonts with a plain cp1252 encoding, so that • – € extract as themselves."""
    if f"Helvetica-{ENCODING}" in pdfmetrics.getRegisteredFontNames():
        return
    register_cp1252_encoding(ENCODING)
    for base in ("Helvetica", "Helvetica-Bold", "Times-Roman", "Times-Bold"):
        pdfmetrics.registerFont(pdfmetrics.Font(f"{base}-{ENCODING}", base, ENCODING))


def fnt(name: str) -> str:
    return f"{name}-{ENCODING}"


@dataclass
class Run:
    x: float
    y: float
    text: str
    font: str
    size: float


@dataclass
class Shape:
    kind: str  # square | circle | rect
    x: float
    y: float
    w: float
    h: float = 0.0


@dataclass
class Page:
    runs: list[Run] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)


def roman(n: int) -> str:
    out = ""
    for value, digits in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += digits
            n -= value
    return out


def marker_text(kind: str, n: int) -> str:
    letter = chr(ord("a") + (n - 1) % 26)
    return {"1.": f"{n}.", "1)": f"{n})", "(1)": f"({n})", "a)": f"{letter})", "a.": f"{letter}.",
            "(a)": f"({letter})", "i.": f"{roman(n)}.", "(i)": f"({roman(n)})", "I.": f"{roman(n).upper()}.",
            "none": "", "▪": "", "◦": ""}.get(kind, kind)


def hyphen_split(word: str, font: str, size: float, room: float) -> tuple[str, str] | None:
    """Split a long word so that 'head-' fits in room; None when no good split point."""
    core = word.rstrip(".,;:)")
    if len(core) < 8 or not core.isalpha():
        return None
    vowels = set("aeiouyàâéèêëîïôûùü")

    def good(k: int, strict: bool) -> bool:
        a, b = word[k - 1].lower(), word[k].lower()
        if strict:  # VC|CV: between two consonants after a vowel
            return a not in vowels and b not in vowels and word[k - 2].lower() in vowels
        return a in vowels and b not in vowels

    for strict in (True, False):
        for k in range(len(core) - 3, 2, -1):
            if stringWidth(word[:k] + "-", font, size) <= room and good(k, strict):
                return word[:k] + "-", word[k:]
    return None


class Flow:
    """Fills frames (x, width) top to bottom, page after page."""

    def __init__(self, notice: Notice, pages: list[Page], frame: tuple[float, float], top: float, bottom: float,
                 scale: float = 1.0):
        self.notice, self.pages, self.frame = notice, pages, frame
        self.top, self.bottom = top, bottom
        st = notice.style
        self.size, self.leading = st.size * scale, st.leading * scale
        self.title_size, self.heading_size = st.title_size * scale, st.heading_size * scale
        self.page = 0
        self.y = top
        self.hyphenate = bool(notice.opt("hyphenate", False))
        self.fresh = True

    def _page(self) -> Page:
        while len(self.pages) <= self.page:
            self.pages.append(Page())
        return self.pages[self.page]

    def new_page(self) -> None:
        self.page += 1
        self.y = self.top
        self.fresh = True

    def space(self, pts: float) -> None:
        if not self.fresh:
            self.y -= pts

    def _need(self, pts: float) -> None:
        if self.y - pts < self.bottom:
            self.new_page()

    def words(self, segments: list[tuple[str, str]], size: float, leading: float, indent: float = 0.0,
              hang: float = 0.0) -> None:
        """Typeset (font, text) segments as wrapped lines; the first line starts at indent - hang."""
        x0, width = self.frame
        words = [(font, w) for font, text in segments for w in text.split()]
        line: list[tuple[str, str]] = []
        used = 0.0
        first = True

        def emit() -> None:
            nonlocal line, used, first
            if not line:
                return
            self._need(size)
            y = self.y - size
            x = x0 + indent
            page = self._page()
            runs: list[tuple[str, list[str]]] = []
            for font, w in line:  # one string per font run, with real spaces in the text layer
                if runs and runs[-1][0] == font:
                    runs[-1][1].append(w)
                else:
                    runs.append((font, [w]))
            for k, (font, ws) in enumerate(runs):
                text = " ".join(ws) + (" " if k < len(runs) - 1 else "")
                page.runs.append(Run(x, y, text, font, size))
                x += stringWidth(text, font, size)
            self.y -= leading
            self.fresh = False
            line, used, first = [], 0.0, False

        while words:
            font, w = words.pop(0)
            room = width - indent - used
            wide = stringWidth(w, font, size)
            if wide <= room or not line and wide > width - indent:
                line.append((font, w))
                used += wide + stringWidth(" ", font, size)
                continue
            split = hyphen_split(w, font, size, room) if self.hyphenate else None
            if split:
                line.append((font, split[0]))
                words.insert(0, (font, split[1]))
            else:
                words.insert(0, (font, w))
            emit()
        emit()

    def block(self, b: Block, counters: list[int], heading_no: list[int]) -> None:
        st, n = self.notice.style, self.notice
        regular, bold = fnt(st.font), fnt(st.bold)
        if b.kind == "page":
            self.new_page()
        elif b.kind == "title":
            self._need(self.title_size * 2)
            self.words([(bold, b.text)], self.title_size, self.title_size * 1.25)
            self.y -= self.leading * 0.5
        elif b.kind == "field":
            self.words([(bold, b.label), (regular, b.text)] if b.label else [(regular, b.text)],
                       self.size, self.leading)
        elif b.kind in ("heading", "subheading"):
            self.space(self.leading * 0.9)
            self._need(self.heading_size + 3 * self.leading)
            text = heading_text(n, b.text) if b.kind == "heading" else b.text
            if b.kind == "heading" and n.opt("numbered_headings", st.numbered):
                heading_no[0] += 1
                text = f"{heading_no[0]}. {text}"
            size = self.heading_size if b.kind == "heading" else self.size
            self.words([(bold, text)], size, size * 1.3)
            self.y -= self.leading * 0.25
            counters.clear()
        elif b.kind == "para":
            self.space(self.leading * 0.4)
            self.words([(regular, b.text)], self.size, self.leading)
            self.y -= self.leading * 0.3
            counters.clear()
        elif b.kind == "item":
            markers = n.opt("markers", list(st.markers))
            kind = markers[min(b.depth, len(markers) - 1)]
            del counters[b.depth + 1:]
            while len(counters) <= b.depth:
                counters.append(0)
            counters[b.depth] += 1
            mark = marker_text(kind, counters[b.depth])
            indent = 14 + b.depth * 18 + (18 if mark.endswith((".", ")")) and len(mark) > 2 else 12)
            self._need(self.size)
            page = self._page()
            x = self.frame[0] + 14 + b.depth * 18
            if kind == "▪":
                page.shapes.append(Shape("square", x + 1, self.y - self.size * 0.62, self.size * 0.32))
            elif kind == "◦":
                page.shapes.append(Shape("circle", x + 2.5, self.y - self.size * 0.45, self.size * 0.16))
            elif mark:
                page.runs.append(Run(x, self.y - self.size, mark, regular, self.size))
            self.words([(regular, b.text)], self.size, self.leading, indent=indent)
            self.y -= self.leading * 0.15


def typeset_table(notice: Notice, flow: Flow) -> None:
    rows = notice.opt("table", [])
    if not rows:
        return
    st = notice.style
    x0, width = flow.frame
    label_w = width * 0.38
    pad = 4.0
    flow.space(flow.leading)
    for label, value in rows:
        top_y = flow.y
        start_page = flow.page
        left = Flow(notice, flow.pages, (x0 + pad, label_w - 2 * pad), flow.y - pad, flow.bottom)
        left.page = flow.page
        left.words([(fnt(st.bold), label)], flow.size, flow.leading)
        right = Flow(notice, flow.pages, (x0 + label_w + pad, width - label_w - 2 * pad), flow.y - pad,
                     flow.bottom)
        right.page = flow.page
        right.words([(fnt(st.font), value)], flow.size, flow.leading)
        bottom_y = min(left.y, right.y) - pad + flow.leading - flow.size * 1.05
        page = flow.pages[start_page]
        page.shapes.append(Shape("rect", x0, bottom_y, width, top_y - bottom_y))
        page.shapes.append(Shape("vline", x0 + label_w, bottom_y, 0, top_y - bottom_y))
        flow.y = bottom_y
    flow.y -= flow.leading
    flow.fresh = False


def typeset(notice: Notice, scale: float = 1.0) -> list[Page]:
    st = notice.style
    margin = st.margin
    banner = notice.opt("banner", st.banner)
    top = PAGE_H - margin - (10 if banner else 0)
    bottom = margin + (10 if banner else 0)
    pages: list[Page] = []
    family = notice.spec["family"]
    langs = notice.languages
    full = (margin, PAGE_W - 2 * margin)
    if family in ("columns", "poster"):
        gutter = 24.0
        col = (PAGE_W - 2 * margin - gutter) / 2
        for i, lang in enumerate(langs):
            flow = Flow(notice, pages, (margin + i * (col + gutter), col), top, bottom, scale)
            counters: list[int] = []
            numbers = [0]
            for b in notice.blocks[lang]:
                flow.block(b, counters, numbers)
        return pages
    flow = Flow(notice, pages, full, top, bottom, scale)
    counters, numbers = [], [0]
    if family == "interleaved":
        first, second = (notice.blocks[lang] for lang in langs)
        # the part before the first heading is paired line by line; then each section:
        # one bilingual heading, the first language's body, the second language's body
        for x, y in zip(first, second):
            if x.kind in ("heading", "subheading"):
                break
            flow.block(x, counters, numbers)
            flow.block(y, counters, numbers)
        heads = [[b for b in blocks if b.kind in ("heading", "subheading")] for blocks in (first, second)]
        secs = [sections_of(notice, lang) for lang in langs]
        for h1, h2, (key, _, body1), (_, _, body2) in zip(*heads, *secs):
            flow.block(Block(h1.kind, f"{h1.text} / {h2.text}", tag=key), counters, numbers)
            for blk in body1:
                flow.block(blk, counters, numbers)
            counters.clear()
            for blk in body2:
                flow.block(blk, counters, numbers)
        return pages
    if family == "table":
        for lang in langs:
            flow.block(next(b for b in notice.blocks[lang] if b.kind == "title"), counters, numbers)
        typeset_table(notice, flow)
        for i, lang in enumerate(langs):
            if i:
                flow.new_page()
                numbers[0] = 0
            for b in notice.blocks[lang]:
                if b.kind != "title":
                    flow.block(b, counters, numbers)
        return pages
    for i, lang in enumerate(langs):  # en-fr, fr-en, en, fr
        if i:
            flow.new_page()
            numbers[0] = 0
        for b in notice.blocks[lang]:
            flow.block(b, counters, numbers)
    return pages


def draw_running(canvas: Canvas, notice: Notice, n: int, total: int) -> None:
    st = notice.style
    header = notice.opt("header", st.header)
    footer = notice.opt("footer", st.footer)
    banner = notice.opt("banner", st.banner)
    margin = st.margin
    canvas.saveState()
    canvas.setFillGray(0.35)
    canvas.setFont(fnt(st.font), 8)
    if header:
        canvas.drawString(margin, PAGE_H - (38 if banner else 30), header)
    if footer:
        canvas.drawCentredString(PAGE_W / 2, 32 if banner else 25, footer.format(n=n, total=total))
    if banner:
        canvas.setFont(fnt(st.bold), 9)
        canvas.drawCentredString(PAGE_W / 2, PAGE_H - 20, banner)
        canvas.drawCentredString(PAGE_W / 2, 14, banner)
    canvas.restoreState()


def write_pdf(notice: Notice, pages: list[Page], path: Path) -> None:
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setTitle(notice.id)
    canvas.setAuthor("vacancy test corpus")
    canvas.setCreator("vacancy corpus/scripts/make_notices.py")
    canvas.setSubject(f"{notice.spec['family']} notice, {notice.spec['style']} style (fictional)")
    for n, page in enumerate(pages, 1):
        draw_running(canvas, notice, n, len(pages))
        for run in page.runs:
            canvas.setFont(run.font, run.size)
            canvas.drawString(run.x, run.y, run.text)
        for s in page.shapes:
            if s.kind == "square":
                canvas.rect(s.x, s.y, s.w, s.w, stroke=0, fill=1)
            elif s.kind == "circle":
                canvas.circle(s.x, s.y, s.w, stroke=1, fill=0)
            elif s.kind == "rect":
                canvas.setLineWidth(0.8)
                canvas.rect(s.x, s.y, s.w, s.h, stroke=1, fill=0)
            elif s.kind == "vline":
                canvas.setLineWidth(0.8)
                canvas.line(s.x, s.y, s.x, s.y + s.h)
        canvas.showPage()
    canvas.save()


def build_digital(notice: Notice, path: Path) -> int:
    scale = 1.0
    pages = typeset(notice, scale)
    if notice.spec["family"] == "poster":
        while len(pages) > 1 and scale > 0.6:
            scale -= 0.05
            pages = typeset(notice, scale)
        if len(pages) > 1:
            raise SourceError(f"{notice.id}: a poster must fit on one page; shorten it")
    write_pdf(notice, pages, path)
    return len(pages)


# --------------------------------------------------------------------------
# Raster variants
# --------------------------------------------------------------------------

def seed_of(notice: Notice, variant: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{notice.id}/{variant}".encode()).digest()[:4], "big")


def render(pdf: Path, dpi: int) -> list[Image.Image]:
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return [doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(len(doc))]
    finally:
        doc.close()


def degrade(img: Image.Image, rng: np.random.Generator, skew: float, noise: float, speckle: float,
            light: float, blur: float = 0.0) -> Image.Image:
    img = img.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=255, expand=False)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    px = np.asarray(img, dtype=np.float32)
    if light:
        h, w = px.shape
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        cx, cy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h
        dist = np.sqrt(((xx - cx) / w) ** 2 + ((yy - cy) / h) ** 2)
        shade = 1.0 - light * np.clip(dist / 0.9, 0, 1) - light * 0.4 * (xx / w)
        px = 255 - (255 - px) * 0.92  # slightly faded ink
        px = px * shade
    px = px + rng.normal(0.0, noise, size=px.shape).astype(np.float32)
    if speckle:
        dots = rng.random(px.shape) < speckle
        px[dots] = rng.choice(np.array([0.0, 255.0], dtype=np.float32), size=int(dots.sum()))
    return Image.fromarray(np.clip(px, 0, 255).astype(np.uint8), "L")


def save_pdf(images: list[Image.Image], path: Path, dpi: int, quality: int) -> None:
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi),
                   quality=quality, creationDate=FIXED_DATE, modDate=FIXED_DATE)


def build_scan(notice: Notice, digital: Path, path: Path) -> None:
    rng = np.random.default_rng(seed_of(notice, "scan"))
    pages = render(digital, 300)
    out = [degrade(p, rng, float(rng.uniform(0.2, 0.8) * rng.choice([-1, 1])), 7.0, 0.0002, 0.0) for p in pages]
    save_pdf(out, path, 300, 40)


def build_hard(notice: Notice, digital: Path, path: Path) -> None:
    rng = np.random.default_rng(seed_of(notice, "hard"))
    pages = render(digital, 200)
    out = [degrade(p, rng, float(rng.uniform(1.2, 2.5) * rng.choice([-1, 1])), 12.0, 0.0012, 0.35, 0.4)
           for p in pages]
    save_pdf(out, path, 200, 18)


def build_images(notice: Notice, digital: Path, folder: Path) -> None:
    rng = np.random.default_rng(seed_of(notice, "image"))
    page = render(digital, 300)[0]
    img = degrade(page, rng, 0.0, 3.0, 0.0, 0.0)
    img.save(folder / "image.png", "PNG", dpi=(300, 300), compress_level=9)
    # phone photo: a little perspective, blur, shade and a grey background around the sheet
    rng = np.random.default_rng(seed_of(notice, "photo"))
    w, h = page.size
    canvas = Image.new("L", (int(w * 1.08), int(h * 1.06)), 90)
    canvas.paste(page, (int(w * 0.04), int(h * 0.03)))
    cw, ch = canvas.size
    d = 0.012
    quad = (cw * d * rng.uniform(0.5, 1), ch * d * rng.uniform(0, 0.5), cw * d * rng.uniform(0, 0.5),
            ch * (1 - d * rng.uniform(0.5, 1)), cw * (1 - d * rng.uniform(0, 0.5)), ch * (1 - d * rng.uniform(0, 1)),
            cw * (1 - d * rng.uniform(0.5, 1)), ch * d * rng.uniform(0, 1))
    photo = canvas.transform(canvas.size, Image.Transform.QUAD, quad, resample=Image.Resampling.BICUBIC,
                             fillcolor=90)
    photo = degrade(photo, rng, float(rng.uniform(-1.5, 1.5)), 6.0, 0.0, 0.3, 0.8)
    photo.save(folder / "photo.jpg", "JPEG", quality=55, dpi=(300, 300))


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def variants(notice: Notice) -> list[str]:
    base = ["digital.pdf", "scan.pdf", "hard.pdf"]
    return base + (["image.png", "photo.jpg"] if notice.spec["family"] == "poster" else [])


def build(notice: Notice, out: Path, gold: Path) -> list[str]:
    folder = out / notice.id
    folder.mkdir(parents=True, exist_ok=True)
    gold.mkdir(parents=True, exist_ok=True)
    (gold / f"{notice.id}.json").write_text(gold_json(notice), encoding="utf-8")
    digital = folder / "digital.pdf"
    pages = build_digital(notice, digital)
    build_scan(notice, digital, folder / "scan.pdf")
    build_hard(notice, digital, folder / "hard.pdf")
    if notice.spec["family"] == "poster":
        build_images(notice, digital, folder)
    return [f"{notice.id:28s} {notice.spec['family']:12s} {notice.spec['split']:8s} {pages} page(s)"]


def check_gold(notices: list[Notice], gold: Path) -> list[str]:
    problems = []
    for n in notices:
        path = gold / f"{n.id}.json"
        if not path.exists() or path.read_text(encoding="utf-8") != gold_json(n):
            problems.append(f"{path.relative_to(REPO)} is out of date: run make corpus")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="ID", help="build only these notices")
    parser.add_argument("--out", type=Path, default=BUILD, help="documents folder (default corpus/build)")
    parser.add_argument("--sources", type=Path, default=SOURCES, help="notice sources (default corpus/notices)")
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold folder (default corpus/gold)")
    parser.add_argument("--check", action="store_true", help="fail when a committed gold file is out of date")
    parser.add_argument("--check-sources", action="store_true", help="only validate the sources")
    parser.add_argument("--digital-only", action="store_true", help="write gold and digital PDFs only")
    args = parser.parse_args(argv)
    register_fonts()
    try:
        notices = load_all(args.only, args.sources)
    except SourceError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if args.check_sources:
        for n in notices:
            gold_record(n)
            build_digital(n, Path("/dev/null"))
        print(f"{len(notices)} source(s) ok")
        return 0
    if args.check:
        problems = check_gold(notices, args.gold)
        for p in problems:
            print(f"error: {p}", file=sys.stderr)
        return 1 if problems else 0
    for n in notices:
        if args.digital_only:
            (args.out / n.id).mkdir(parents=True, exist_ok=True)
            (args.gold / f"{n.id}.json").write_text(gold_json(n), encoding="utf-8")
            print(f"{n.id}: {build_digital(n, args.out / n.id / 'digital.pdf')} page(s)")
            continue
        for line in build(n, args.out, args.gold):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
