"""The stages, in the order they run. Each is ``run(doc, options) -> None`` and owns what it adds."""
from pipeline.stages import (
    assemble,
    extract,
    fields,
    language,
    layout,
    ocr,
    reconcile,
    sections,
    sniff,
)

STAGES = [
    ("sniff", sniff.run),  # media type from the bytes, sha256
    ("extract", extract.run),  # PDF text layer: words with positions; pages without one are marked for OCR
    ("ocr", ocr.run),  # OCR of images and of PDF pages without a usable text layer
    ("layout", layout.run),  # lines in reading order; headers, footers, page numbers removed; hyphens joined
    ("language", language.run),  # each line en/fr, smoothed; one stream per language
    ("sections", sections.run),  # per language: header fields, sections, list items
    ("fields", fields.run),  # per language: normalised values (deadline, salary, grade …)
    ("reconcile", reconcile.run),  # both languages cross-checked; EN item k aligned with FR item k
    ("assemble", assemble.run),  # the validated Record with provenance and warnings
]

__all__ = ["STAGES"]
