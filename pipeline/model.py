"""The one object that flows between stages, and its parts.

Every stage reads what earlier stages put on :class:`Document` and owns the
attributes it adds (listed on each attribute). Nothing here knows about
files, OCR engines or output formats.

Coordinates: every :class:`BBox` is in PDF points (1/72 inch) measured from the
top-left corner of its page, whatever the source (an image's pixels are
converted at its stated resolution, 300 dpi when it states none).
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional


@dataclass(frozen=True)
class BBox:
    """A box in points (1/72 in), origin at the page's top-left corner, y down."""

    x0: float
    y0: float
    x1: float
    y1: float

    origin = "top-left"
    unit = "pt"

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def union(self, other: "BBox") -> "BBox":
        return BBox(min(self.x0, other.x0), min(self.y0, other.y0), max(self.x1, other.x1), max(self.y1, other.y1))

    def rounded(self) -> tuple[float, float, float, float]:
        return (round(self.x0, 1), round(self.y0, 1), round(self.x1, 1), round(self.y1, 1))

    @staticmethod
    def enclosing(boxes: list["BBox"]) -> "BBox":
        if not boxes:
            raise ValueError("enclosing() needs at least one box")
        out = boxes[0]
        for box in boxes[1:]:
            out = out.union(box)
        return out


@dataclass
class Word:
    text: str
    bbox: BBox
    page: int  # 1-based
    conf: Optional[float] = None  # OCR confidence 0-100; None for a text layer
    size: Optional[float] = None  # font size in points (text layer only)
    bold: bool = False
    # grouping hints from the OCR engine (block, paragraph, line); None for a text layer
    group: Optional[tuple[int, int, int]] = None


@dataclass
class Line:
    """One printed line, in reading order. ``text`` may be edited (dehyphenation); words are not."""

    words: list[Word]
    page: int
    text: str = ""
    gap_before: bool = False  # starts a new block (paragraph)
    lang: Optional[str] = None  # 'en', 'fr' or None; set by the language stage
    lang_hint: Optional[str] = None  # the half of an "English / Français" line this is (language stage)

    def __post_init__(self) -> None:
        if not self.text:
            self.text = " ".join(w.text for w in self.words)

    @cached_property
    def bbox(self) -> BBox:
        """The words' enclosing box (computed once: a line's words never change once it is made)."""
        return BBox.enclosing([w.bbox for w in self.words])

    @property
    def conf(self) -> Optional[float]:
        confs = [w.conf for w in self.words if w.conf is not None]
        return sum(confs) / len(confs) if confs else None

    @property
    def size(self) -> Optional[float]:
        sizes = [w.size for w in self.words if w.size]
        return sorted(sizes)[len(sizes) // 2] if sizes else None

    @cached_property
    def type_size(self) -> Optional[float]:
        """The type size: the text layer's, or on a scan the size OCR's word boxes show. A word box spans only the
        parts of the body its letters reach ("on" the x-height, "Rate" the cap height, "Apply" all of it), so each
        word's height is scaled by the share of the body its letters fill; the median over the line's words."""
        if self.size:
            return self.size
        ems = []
        for w in self.words:
            letters = [c for c in w.text if c.isalnum()]
            if len(letters) < 2 or not any(c.isalpha() for c in letters):
                continue
            tall, deep = any(c in _ASCENDING or c.isupper() or c.isdigit() for c in letters), any(c in _DESCENDING for c in letters)
            ems.append(w.bbox.height / (_FULL if tall and deep else _TALL if tall or deep else _X_HEIGHT))
        return statistics.median(ems) if ems else None

    @property
    def bold(self) -> bool:
        return bool(self.words) and all(w.bold for w in self.words)


# the share of the type's body a word's letters fill: ascenders and descenders both, one of them, neither
_FULL, _TALL, _X_HEIGHT = 0.93, 0.72, 0.5
_ASCENDING = set("bdfhklti") | set("àâäéèêëîïôöùûü")  # (an accent or a dot reaches about as high as an ascender)
_DESCENDING = set("gjpqyç")


def body_size(lines: list[Line]) -> Optional[float]:
    """The median font size of the lines (a text layer's body type); None when no line has one."""
    sizes = sorted(ln.size for ln in lines if ln.size)
    return sizes[len(sizes) // 2] if sizes else None


def paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Consecutive lines grouped into blocks: a new block starts at every ``gap_before``."""
    blocks: list[list[Line]] = []
    for line in lines:
        if line.gap_before or not blocks:
            blocks.append([])
        blocks[-1].append(line)
    return blocks


@dataclass
class PageInfo:
    number: int  # 1-based
    width: float  # points
    height: float  # points
    method: str = "text"  # 'text' (text layer), 'ocr', or 'failed'
    error: Optional[str] = None
    words: list[Word] = field(default_factory=list)
    mean_conf: Optional[float] = None
    ocr_done: bool = False  # set by the ocr stage once the page was read (or failed)
    skew: float = 0.0  # degrees the ocr stage turned the page to level it; word boxes stay on the page as given


@dataclass
class Note:
    """A warning for the reviewer; becomes ``record.warnings``."""

    code: str
    message: str
    field: Optional[str] = None


@dataclass
class Value:
    """A value read from the notice: normalised form, wording as printed, and the lines it came from."""

    value: object
    text: str
    lines: list[Line]
    labelled: bool = True  # read from a labelled field rather than found in running text


@dataclass
class Document:
    # given
    name: str
    data: bytes
    # sniff
    media_type: str = ""
    sha256: str = ""
    # textlayer / ocr
    pages: list[PageInfo] = field(default_factory=list)
    # layout
    lines: list[Line] = field(default_factory=list)
    removed: list[Line] = field(default_factory=list)  # running headers, footers, page numbers, noise
    # language
    languages: list[str] = field(default_factory=list)
    streams: dict[str, list[Line]] = field(default_factory=dict)
    # sections (per language)
    parsed: dict[str, "object"] = field(default_factory=dict)
    # fields (per language): name -> Value
    values: dict[str, dict[str, "Value"]] = field(default_factory=dict)
    # reconcile: the values both languages agree on, aligned lists and sections
    merged: dict[str, object] = field(default_factory=dict)
    # everything a stage wants to tell the reviewer
    notes: list[Note] = field(default_factory=list)
    # the record, built by the assemble stage
    record: Optional[object] = None

    def warn(self, code: str, message: str, field_: Optional[str] = None) -> None:
        if not any(n.code == code and n.field == field_ and n.message == message for n in self.notes):
            self.notes.append(Note(code, message, field_))
