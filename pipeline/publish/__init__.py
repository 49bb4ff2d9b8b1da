"""Publishing: a record in, a notice out (HTML, tagged PDF, schema.org JSON-LD, review page).

Everything renders from the record alone, so a hand-corrected record re-renders
too; only the review page also needs the document the record was read from.
"""
from __future__ import annotations

import json
from typing import Optional

from pipeline import __version__
from pipeline.errors import UsageError
from pipeline.publish import jsonld
from pipeline.publish.html import TEMPLATES, render
from pipeline.publish.view import halves
from schemas import Record

# output format -> file suffix
FORMATS = {"json": ".json", "html": ".html", "pdf": ".pdf", "jsonld": ".jsonld", "review": ".review.html"}


def notice_html(record: Record, stem: str = "notice") -> str:
    hs = halves(record)
    titles = [h.title for h in hs if h.title]
    data = jsonld.postings(record, page=f"{stem}.html")
    return render("notice.html.j2", halves=hs, jsonld=[jsonld.script_json(d) for d in data],
                  page_title=" / ".join(titles) or record.reference or stem, version=__version__)


def notice_pdf(record: Record, stem: str = "notice", html: Optional[str] = None) -> bytes:
    """The PDF of the notice; ``html`` is the notice's page when it is already built."""
    from pipeline.tools.weasy import html_to_pdf

    return html_to_pdf(html if html is not None else notice_html(record, stem), TEMPLATES)


def outputs(record: Record, stem: str, formats: list[str], source: Optional[bytes] = None) -> dict[str, str | bytes]:
    """File name -> content for every format asked, all built before any is written."""
    out: dict[str, str | bytes] = {}
    html = notice_html(record, stem) if {"html", "pdf"} & set(formats) else None
    for fmt in formats:
        name = stem + FORMATS[fmt]
        if fmt == "json":
            out[name] = json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
        elif fmt == "html":
            out[name] = html
        elif fmt == "pdf":
            out[name] = notice_pdf(record, stem, html)
        elif fmt == "jsonld":
            out[name] = jsonld.dumps(record, page=f"{stem}.html")
        elif fmt == "review":
            from pipeline.publish.review import review_html

            if source is None:
                raise UsageError("--format review needs the document the record was read from: pass --source FILE")
            out[name] = review_html(record, source)
    return out
