"""vacancy: bilingual (EN/FR) job vacancy notices in, one validated record out.

Library entry points: :func:`ingest_bytes` and :func:`ingest_path`; the CLI in
``pipeline.cli`` is a thin layer over them.
"""
from __future__ import annotations

from pathlib import Path

from pipeline.model import Document
from pipeline.options import Options

__version__ = "0.1.0"


def ingest_bytes(data: bytes, name: str, options: Options | None = None) -> Document:
    """Run every stage, in order, on one document; raises VacancyError on a file it cannot read."""
    from pipeline.stages import STAGES

    options = options or Options()
    doc = Document(name=name, data=data)
    for _name, stage in STAGES:
        stage(doc, options)
    return doc


def ingest_path(path: str | Path, options: Options | None = None) -> Document:
    path = Path(path)
    return ingest_bytes(path.read_bytes(), path.name, options)
