"""vacancy: bilingual (EN/FR) job vacancy notices in, one validated record out.

Library entry points: :func:`ingest_bytes` and :func:`ingest_path`; the CLI in
``pipeline.cli`` is a thin layer over them.
"""
from __future__ import annotations

from pathlib import Path

from pipeline.model import Document
from pipeline.options import Options

__version__ = "0.1.0"


def run_stages(doc: Document, options: Options, start: str | None = None, stop: str | None = None) -> Document:
    """Run the stages from ``start`` up to and including ``stop`` (default: all), in order."""
    from pipeline.stages import STAGES

    names = [name for name, _ in STAGES]
    first = names.index(start) if start else 0
    last = names.index(stop) if stop else len(names) - 1
    for _name, stage in STAGES[first:last + 1]:
        stage(doc, options)
    return doc


def ingest_bytes(data: bytes, name: str, options: Options | None = None) -> Document:
    """Run every stage, in order, on one document; raises VacancyError on a file it cannot read."""
    return run_stages(Document(name=name, data=data), options or Options())


def ingest_path(path: str | Path, options: Options | None = None) -> Document:
    path = Path(path)
    return ingest_bytes(path.read_bytes(), path.name, options)
