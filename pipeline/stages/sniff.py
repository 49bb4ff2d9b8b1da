"""Sniff: what the input is, from its bytes (never its name)."""
from __future__ import annotations

import hashlib

from pipeline.errors import EmptyInput, UnsupportedInput
from pipeline.model import Document
from pipeline.options import Options

_MAGIC = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
]


def media_type(data: bytes) -> str | None:
    head = data[:1024]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    # PDFs may carry junk before the header; the spec allows it within the first 1024 bytes
    if b"%PDF-" in head:
        return "application/pdf"
    return None


def describe(data: bytes) -> str:
    head = data[:512].lstrip()
    if head.startswith(b"PK\x03\x04"):
        return "a ZIP container (DOCX/ODT/XLSX?)"
    if head[:15].lower().startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512].lower():
        return "an HTML page"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Microsoft Office file"
    if head.startswith((b"GIF8", b"BM", b"RIFF")):
        return "an image format this tool does not read"
    return "not a PDF or an image"


def run(doc: Document, options: Options) -> None:
    if not doc.data:
        raise EmptyInput("empty file (0 bytes): the download or copy did not complete; fetch it again")
    doc.sha256 = hashlib.sha256(doc.data).hexdigest()
    kind = media_type(doc.data)
    if kind is None:
        raise UnsupportedInput(
            f"unsupported input: {describe(doc.data)}; give a PDF, PNG, JPEG or TIFF (export or print it to PDF first)"
        )
    doc.media_type = kind
