"""The review page: the source pages beside the extracted values, each value's box drawn on its page.

Built from the record and the document it was read from (checked by sha256).
Warnings and values read with low OCR confidence come first. Page images are
embedded as ``data:`` URLs, so the page is one self-contained file.
"""
from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass
from typing import Optional

from PIL import Image

from pipeline import __version__
from pipeline.errors import RenderError
from pipeline.publish.html import render
from pipeline.stages.extract import stated_dpi
from pipeline.stages.sniff import media_type
from schemas import Record

LOW_CONFIDENCE = 70.0  # mean OCR word confidence under which a value is listed for checking
_DPI = 100  # resolution of the page pictures
# fields a reviewer expects in every notice: listed when the record has none
_CHECKED = ("reference", "title", "location", "deadline", "salary", "grade", "tasks", "essential")


@dataclass
class PagePicture:
    number: int
    width: float  # points
    height: float  # points
    uri: str


@dataclass
class Box:
    n: int
    lang: Optional[str]
    left: float  # per cent of the page
    top: float
    width: float
    height: float


@dataclass
class Row:
    n: int
    pointer: str
    value: dict[str, str]  # "en"/"fr"/"" -> text shown
    page: Optional[int]
    confidence: Optional[float]
    low: bool


def _jpeg_uri(img: Image.Image) -> str:
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=72, optimize=True)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def pictures(data: bytes) -> list[PagePicture]:
    kind = media_type(data)
    if kind == "application/pdf":
        from pipeline.tools.pdf import render_pages

        return [PagePicture(i + 1, img.width * 72 / _DPI, img.height * 72 / _DPI, _jpeg_uri(img))
                for i, img in render_pages(data, _DPI, grayscale=False)]
    if kind is None:
        raise RenderError("the source is neither a PDF nor an image: pass the file the record was made from")
    out = []
    with Image.open(io.BytesIO(data)) as img:
        for i in range(getattr(img, "n_frames", 1)):
            img.seek(i)
            dpi = stated_dpi(img, 300.0)
            width, height = img.width * 72 / dpi, img.height * 72 / dpi
            frame = img.convert("RGB")
            frame.thumbnail((int(width * _DPI / 72), int(height * _DPI / 72)))
            out.append(PagePicture(i + 1, width, height, _jpeg_uri(frame)))
    return out


def _resolve(data: dict, pointer: str) -> object:
    node: object = data
    for part in pointer.strip("/").split("/"):
        if isinstance(node, list):
            node = node[int(part)] if part.isdigit() and int(part) < len(node) else None
        elif isinstance(node, dict):
            node = node.get(part)
        if node is None:
            return None
    return node


def _shown(value: object) -> dict[str, str]:
    if isinstance(value, list):
        return {"": f"{len(value)} items"} if value else {}
    if isinstance(value, dict):
        if "en" in value or "fr" in value:
            return {lang: value[lang] for lang in ("en", "fr") if value.get(lang)}
        if "date" in value:  # deadline
            return {"": " ".join(str(value[k]) for k in ("date", "time", "timezone") if value.get(k))}
        if "currency" in value:  # salary
            amount = f"{value['min']:g}" if value["min"] == value["max"] else f"{value['min']:g}–{value['max']:g}"
            return {"": f"{amount} {value['currency']} / {value['period']}"}
        if "heading" in value:  # section
            return _shown(value["heading"]) or {"": value.get("key", "")}
    return {"": str(value)} if value is not None else {}


def rows_and_boxes(record: Record, pages: list[PagePicture]) -> tuple[list[Row], dict[int, list[Box]]]:
    data = record.model_dump(mode="json")
    size = {p.number: p for p in pages}
    rows: list[Row] = []
    boxes: dict[int, list[Box]] = {}
    for n, (pointer, evidence) in enumerate(record.provenance.items(), start=1):
        confs = [e.confidence for e in evidence if e.confidence is not None]
        conf = round(min(confs), 1) if confs else None
        rows.append(Row(n, pointer, _shown(_resolve(data, pointer)), evidence[0].page if evidence else None, conf,
                        conf is not None and conf < LOW_CONFIDENCE))
        for e in evidence:
            page = size.get(e.page)
            if page is None:
                continue
            x0, y0, x1, y1 = e.bbox
            boxes.setdefault(e.page, []).append(Box(n, e.lang, 100 * x0 / page.width, 100 * y0 / page.height,
                                                    100 * (x1 - x0) / page.width, 100 * (y1 - y0) / page.height))
    return rows, boxes


def review_html(record: Record, source: bytes) -> str:
    digest = hashlib.sha256(source).hexdigest()
    if digest != record.source.sha256:
        raise RenderError(f"the source given is not the file this record was read from (sha256 {digest[:12]}… "
                          f"≠ {record.source.sha256[:12]}…): pass the original with --source")
    pages = pictures(source)
    rows, boxes = rows_and_boxes(record, pages)
    data = record.model_dump(mode="json")
    missing = [name for name in _CHECKED if not _shown(data[name])]
    return render("review.html.j2", record=record, pages=pages, rows=rows, boxes=boxes,
                  low=[r for r in rows if r.low], missing=missing, threshold=LOW_CONFIDENCE, version=__version__)
