"""Round trip of publishing: gold record -> published PDF (-> 300 dpi scan) -> ingest -> compare.

Shared by tests/test_publish.py; runs in worker processes, so everything here is picklable.
"""
from __future__ import annotations

import io
import json
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1] / "corpus" / "gold"


def record_of(gold: dict):
    """A gold record as a Record: gold files carry no source (they are not read from a file)."""
    from schemas import Record, Source

    return Record(source=Source(file="gold.pdf", sha256="0" * 64, media_type="application/pdf", pages=0), **gold)


def scan(pdf: bytes, dpi: int = 300) -> bytes:
    """The PDF printed and scanned: every page an 8-bit grey image at ``dpi``, no text layer."""
    from pipeline.tools.pdf import render_pages

    pages = [img.convert("L") for _, img in render_pages(pdf, dpi)]
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return buf.getvalue()


def round_trip(notice_id: str, out_dir: str, with_scan: bool = True) -> dict:
    """{'digital': fields, 'scan': fields}: per-field scores of the re-ingested published PDF and (``with_scan``)
    of its scan."""
    from pipeline import ingest_bytes
    from pipeline.evaluate import compare
    from pipeline.options import Options
    from pipeline.publish import notice_pdf

    gold = json.loads((GOLD / f"{notice_id}.json").read_text(encoding="utf-8"))
    pdf = notice_pdf(record_of(gold), notice_id)
    Path(out_dir, f"{notice_id}.pdf").write_bytes(pdf)
    out = {}
    for variant, data in (("digital", pdf), ("scan", scan(pdf) if with_scan else None)):
        if data is None:
            continue
        doc = ingest_bytes(data, f"{notice_id}.pdf", Options(ocr_workers=1))
        score = compare(doc.record.model_dump(mode="json"), gold)
        out[variant] = {"fields": score.fields, "problems": score.problems}
    return out
