"""What a batch shows while it runs (a progress bar, on a terminal only) and when it ends (a summary table)."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TextIO


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


@dataclass
class Tally:
    """Counts of a batch, kept as it goes (never a list of every file: memory stays flat)."""

    files: int = 0
    done: int = 0
    cached: int = 0
    failed: int = 0
    pages: int = 0
    ocr_pages: int = 0
    warnings: int = 0
    worker_mb: float = 0.0
    ocr_mb: float = 0.0
    start: float = field(default_factory=time.monotonic)

    def add(self, outcome) -> None:
        self.done += 1
        self.failed += not outcome.ok
        self.cached += outcome.cached
        self.pages += outcome.pages
        self.ocr_pages += outcome.ocr_pages
        self.warnings += outcome.warnings
        self.worker_mb = max(self.worker_mb, outcome.worker_mb)
        self.ocr_mb = max(self.ocr_mb, outcome.ocr_mb)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.start


class Progress:
    """A one-line bar redrawn in place: files done, pages/s, time left. Silent when not on a terminal."""

    WIDTH = 24

    def __init__(self, tally: Tally, stream: TextIO, enabled: bool):
        self.tally = tally
        self.stream = stream
        self.enabled = enabled
        self.pages_read = 0  # pages finished so far, OCR'd pages counted as soon as they are read
        self._last = 0.0
        self._shown = False

    def add(self, outcome) -> None:
        """A file is done: counted, and its pages read (OCR'd pages were counted as they came)."""
        self.tally.add(outcome)
        if outcome.ok:
            self.pages_read += outcome.pages - (0 if outcome.cached else outcome.ocr_pages)

    def line(self) -> str:
        t = self.tally
        frac = t.done / t.files if t.files else 1.0
        filled = int(frac * self.WIDTH)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        rate = self.pages_read / t.elapsed if t.elapsed > 0 else 0.0
        left = "?" if not t.done else _duration(t.elapsed / t.done * (t.files - t.done))
        return f"[{bar}] {t.done}/{t.files} files, {self.pages_read} pages, {rate:.1f} pages/s, {left} left"

    def update(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if force or now - self._last >= 0.2:
            self._last = now
            self.stream.write("\r\x1b[K" + self.line())
            self.stream.flush()
            self._shown = True

    def clear(self) -> None:
        """Before printing a line of its own: the bar is rubbed out, redrawn after."""
        if self.enabled and self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False


def summary(t: Tally, executor: str, jobs: int) -> str:
    rate = t.pages / t.elapsed if t.elapsed > 0 else 0.0
    rows = [
        ("files", f"{t.files}", f"{t.files - t.failed} ok, {t.cached} from the cache"),
        ("pages", f"{t.pages}", f"{rate:.1f} pages/s"),
        ("OCR'd pages", f"{t.ocr_pages}", ""),
        ("warnings", f"{t.warnings}", ""),
        ("failures", f"{t.failed}", "see <stem>.error.json" if t.failed else ""),
        ("time", _duration(t.elapsed) if t.elapsed >= 60 else f"{t.elapsed:.1f}s", f"{executor}, {jobs} worker{'s' if jobs != 1 else ''}"),
        ("peak memory", f"{t.worker_mb:.0f} MB", f"per worker; tesseract {t.ocr_mb:.0f} MB" if t.ocr_mb else "per worker"),
    ]
    width = max(len(r[0]) for r in rows)
    value = max(len(r[1]) for r in rows)
    return "\n".join(f"{name:<{width}}  {v:>{value}}  {note}".rstrip() for name, v, note in rows)
