"""``--format text``: the document's text in reading order, page by page, as OCRmyPDF's ``--sidecar``
gives it: for search indexes, and to measure OCR against a reference text (``make bench``).

Lines the layout stage set aside (running headers, footers, page numbers) are printed too, where
they stand on the page: above the page's first line or after its last. Pages are separated by a
form feed, paragraphs by a blank line.
"""
from __future__ import annotations

from pipeline.model import Document, Line


def reading_text(doc: Document) -> str:
    pages = []
    for info in doc.pages:
        kept = [ln for ln in doc.lines if ln.page == info.number]
        aside = sorted((ln for ln in doc.removed if ln.page == info.number), key=lambda ln: ln.bbox.y0)
        top = min((ln.bbox.y0 for ln in kept), default=float("inf"))
        head = [ln for ln in aside if ln.bbox.y0 < top]
        tail = [ln for ln in aside if ln.bbox.y0 >= top]
        pages.append(_page(head, kept, tail))
    return "\f".join(pages) + "\n"


def _page(head: list[Line], kept: list[Line], tail: list[Line]) -> str:
    out: list[str] = []
    for group in (head, kept, tail):
        for i, line in enumerate(group):
            if out and (i == 0 or line.gap_before):
                out.append("")
            out.append(line.text)
    return "\n".join(out)
