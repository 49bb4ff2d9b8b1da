"""Settings of one run. Limits are here so the README can state them in one place."""
from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Options:
    ocr_dpi: int = 300  # resolution PDF pages are rendered at for OCR (a scan's own resolution if lower)
    min_ocr_dpi: int = 150  # never rendered below this for OCR
    image_default_dpi: float = 300.0  # resolution assumed for an image that states none
    ocr_timeout: float = 120.0  # seconds per page of OCR
    ocr_workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    max_pages: int = 100  # pages per document
    max_pixels: int = 120_000_000  # pixels per page image
    max_memory_mb: int = 2048  # address space per batch worker, tesseract included (0: no limit)
    min_text_words: int = 5  # a text layer with fewer words on a page is OCR'd instead
