"""The units of work of a batch, as a worker runs them (a local process or a Ray task).

A document is three kinds of task: :func:`prepare` (sniff and text layer; a document that needs
no OCR is finished there), :func:`read_page` (OCR of one page) and :func:`finish` (every later
stage and the outputs). Workers never write files: they return the outputs' bytes and the
driver (``pipeline.batch``) writes them, so a worker on another machine needs no shared disk.
"""
from __future__ import annotations

import errno
import resource
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from pipeline import publish, run_stages
from pipeline.errors import VacancyError
from pipeline.model import Document, PageInfo
from pipeline.options import Options
from pipeline.stages import ocr
from pipeline.sidecar import reading_text
from pipeline.tools import tesseract

TEXT = ".txt"  # --format text: the document's text in reading order
Source = Union[str, bytes]  # a path the worker can read, or the bytes themselves (Ray)

COUNTED = ("reference", "title", "organization", "unit", "location", "schedule", "contract", "grade", "clearance",
           "deadline", "salary", "start", "essential", "desirable", "competencies", "tasks", "offer")


def load(source: Source) -> bytes:
    return source if isinstance(source, bytes) else Path(source).read_bytes()


def count_fields(record: dict) -> int:
    n = 0
    for name in COUNTED:
        v = record.get(name)
        if isinstance(v, dict) and set(v) <= {"en", "fr"}:
            n += any(v.values())
        else:
            n += bool(v)
    return n


def memory() -> tuple[float, float]:
    """Peak resident memory of this worker and of the largest tesseract it ran, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, tesseract.children_peak_mb()


@dataclass
class Built:
    """A document's outputs (name -> content), or why it failed; with what the summary counts."""

    files: dict[str, Union[str, bytes]] = field(default_factory=dict)
    pages: int = 0
    ocr_pages: int = 0
    fields: int = 0
    warnings: int = 0
    code: str = ""
    message: str = ""
    trace: str = ""
    worker_mb: float = 0.0
    ocr_mb: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.code

    def counts(self) -> dict[str, int]:
        return {"pages": self.pages, "ocr_pages": self.ocr_pages, "fields": self.fields, "warnings": self.warnings}


@dataclass
class Prepared:
    """A document that needs OCR: its state after the text layer (without its bytes) and the pages to read."""

    doc: Document
    pages: list[PageInfo]


def _no_memory(e: BaseException) -> bool:
    """An OSError that is the memory limit speaking: ENOMEM, or a library (pdfium, loaded on first use) that
    the limit left no room to map."""
    return isinstance(e, OSError) and (e.errno == errno.ENOMEM or "failed to map segment" in str(e))


def _failed(e: BaseException) -> Built:
    if isinstance(e, VacancyError):
        code, message = e.code, str(e)
    elif isinstance(e, MemoryError) or _no_memory(e):
        code, message = "out_of_memory", "ran out of memory: raise --max-memory or split the file"
    elif isinstance(e, OSError):
        code, message = "read_error", f"cannot read the file ({e.strerror or e}): check it exists and is readable"
    else:  # a bug: reported per file so the batch goes on
        code, message = "internal_error", f"internal error ({type(e).__name__}: {e}): please report it with this file"
    worker, ocr_peak = memory()
    return Built(code=code, message=message, trace=traceback.format_exc(), worker_mb=worker, ocr_mb=ocr_peak)


def _built(record, stem: str, formats: tuple[str, ...], source: Optional[bytes], text: str) -> Built:
    """Every output of a record, with the text read (always kept: the cache stores it; written when
    asked), and what the summary counts."""
    files = publish.outputs(record, stem, [f for f in formats if f != "text"], source=source)
    files[stem + TEXT] = text
    data = record.model_dump(mode="json")
    worker, ocr_peak = memory()
    return Built(files, pages=data["source"]["pages"], ocr_pages=len(data["source"]["ocr_pages"]),
                 fields=count_fields(data), warnings=len(data["warnings"]), worker_mb=worker, ocr_mb=ocr_peak)


def _publish(doc: Document, stem: str, formats: tuple[str, ...]) -> Built:
    return _built(doc.record, stem, formats, doc.data, reading_text(doc))


def prepare(source: Source, name: str, stem: str, options: Options,
            formats: tuple[str, ...]) -> Union[Built, Prepared]:
    try:
        doc = run_stages(Document(name=name, data=load(source)), options, stop="extract")
        todo = ocr.pending(doc)
        if not todo:
            return _publish(run_stages(doc, options, start="ocr"), stem, formats)
        tesseract.check_environment()  # before any page is sent out
        doc.data = b""  # the driver holds the source; pages go back without it
        return Prepared(doc, [PageInfo(p.number, p.width, p.height, p.method) for p in todo])
    except Exception as e:  # noqa: BLE001 - every failure becomes this file's error, never the batch's
        return _failed(e)


def read_page(source: Source, media_type: str, page: PageInfo, options: Options) -> tuple[ocr.PageRead, float, float]:
    try:
        read = ocr.read_page(load(source), media_type, page, options)
    except Exception as e:  # noqa: BLE001 - a page that cannot even be rendered fails alone
        message = str(e) if isinstance(e, VacancyError) else f"{type(e).__name__}: {e}"
        read = ocr.PageRead(page.number, error=f"page {page.number}: {message}")
    return (read, *memory())


def finish(source: Source, doc: Document, reads: list[ocr.PageRead], stem: str, options: Options,
           formats: tuple[str, ...]) -> Built:
    try:
        doc.data = load(source)
        by_number = {p.number: p for p in doc.pages}
        for read in reads:
            ocr.apply(by_number[read.number], read)
        return _publish(run_stages(doc, options, start="ocr"), stem, formats)
    except Exception as e:  # noqa: BLE001
        return _failed(e)


def republish(source: Optional[Source], record_json: str, text: str, stem: str, formats: tuple[str, ...]) -> Built:
    """Outputs from a record already made from the same bytes (the cache): no stage runs again."""
    from schemas import Record

    try:
        record = Record.model_validate_json(record_json)
        needs_source = "review" in formats and source is not None
        return _built(record, stem, formats, load(source) if needs_source else None, text)
    except Exception as e:  # noqa: BLE001
        return _failed(e)
