"""The content-hash cache: a re-run never does the same work twice.

Kept in ``<output>/.vacancy-cache/``:

* ``records/<sha256>.json`` — the record made from a file's bytes, under the *key* of the run
  (vacancy's own code and data, the options that change a record, tesseract's version). A file
  whose bytes were seen before (renamed, copied, asked in another format) is published again from
  it: no page is read twice.
* ``done/<stem>.json`` — written after every output of a file: its hash, the key and the size of
  each output. A file whose marker matches, and whose outputs are all there, is skipped outright.

Failures are not cached: a file that failed is tried again on the next run.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Optional

from pipeline import __version__
from pipeline.files import write_atomic
from pipeline.options import Options

_CODE_ROOTS = ("pipeline", "schemas", "templates")
_CODE_SUFFIXES = {".py", ".toml", ".j2", ".css", ".json"}
RESULT_OPTIONS = ("ocr_dpi", "min_ocr_dpi", "image_default_dpi", "min_text_words", "max_pages", "max_pixels")


def code_fingerprint() -> str:
    """A hash of the code and data that make a record: any change to them invalidates the cache."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(__version__.encode())
    for folder in _CODE_ROOTS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in _CODE_SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
                h.update(str(path.relative_to(root)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()


def run_key(options: Options, ocr_version: str) -> str:
    settings = {name: getattr(options, name) for name in RESULT_OPTIONS}
    blob = json.dumps({"code": code_fingerprint(), "options": settings, "tesseract": ocr_version}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


class Cache:
    def __init__(self, out_dir: Path, key: str):
        self.root = out_dir / ".vacancy-cache"
        self.key = key
        (self.root / "records").mkdir(parents=True, exist_ok=True)
        (self.root / "done").mkdir(parents=True, exist_ok=True)

    def done(self, stem: str, sha256: str, names: list[str], out_dir: Path) -> Optional[dict]:
        """The counts of a finished file when nothing about it changed, else None."""
        try:
            marker = json.loads((self.root / "done" / f"{stem}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if marker.get("sha256") != sha256 or marker.get("key") != self.key:
            return None
        sizes = marker.get("files", {})
        for name in names:
            path = out_dir / name
            if name not in sizes or not path.is_file() or path.stat().st_size != sizes[name]:
                return None
        return marker.get("counts")

    def record(self, sha256: str) -> Optional[tuple[str, str]]:
        """(record JSON, reading-order text) made from these bytes under this key, or None."""
        path = self.root / "records" / f"{sha256}.json"
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if entry.get("key") != self.key or not isinstance(entry.get("record"), str):
            return None
        return entry["record"], entry.get("text", "")

    def store(self, stem: str, sha256: str, files: dict[str, str | bytes], record_json: str, text: str,
              counts: dict) -> None:
        """Called after every output was written: the record by content, then the marker."""
        entry = {"key": self.key, "record": record_json, "text": text}
        write_atomic(self.root / "records" / f"{sha256}.json", json.dumps(entry, ensure_ascii=False))
        sizes = {name: len(c.encode("utf-8") if isinstance(c, str) else c) for name, c in files.items()}
        marker = {"sha256": sha256, "key": self.key, "files": sizes, "counts": counts}
        write_atomic(self.root / "done" / f"{stem}.json", json.dumps(marker, ensure_ascii=False))

    def forget(self, stem: str) -> None:
        (self.root / "done" / f"{stem}.json").unlink(missing_ok=True)
