"""Tesseract: environment check (through pytesseract) and one page's words with boxes.

Each page is one ``tesseract`` process, single-threaded (``OMP_THREAD_LIMIT=1``): parallelism comes
from running pages side by side, never from tesseract's own threads. The process runs in its own
process group, so a page that overruns its time limit is killed with everything it started.
"""
from __future__ import annotations

import csv
import functools
import io
import os
import signal
import subprocess
import tempfile
import time

from PIL import Image

from pipeline.errors import MissingDependency, OcrFailed, OcrTimeout
from pipeline.model import BBox, Word

LANGS = ("eng", "fra")
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra (or run make ingest)"
BINARY = os.environ.get("VACANCY_TESSERACT", "tesseract")  # tests point this at fake engines


@functools.cache
def check_environment() -> str:
    """Return tesseract's version; raise MissingDependency when it or a language pack is absent."""
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = BINARY
    try:
        version = str(pytesseract.get_tesseract_version())
        installed = set(pytesseract.get_languages(config=""))
    except pytesseract.TesseractNotFoundError as e:
        raise MissingDependency(f"tesseract is not installed: {INSTALL_HINT}") from e
    except (OSError, RuntimeError, pytesseract.TesseractError) as e:
        raise MissingDependency(f"tesseract does not run ({e}): reinstall it: {INSTALL_HINT}") from e
    missing = [lang for lang in LANGS if lang not in installed]
    if missing:
        raise MissingDependency(f"tesseract language data missing: {', '.join(missing)}: {INSTALL_HINT}")
    return version


def _run(args: list[str], page: int, timeout: float) -> str:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
    except OSError as e:
        raise MissingDependency(f"tesseract does not start ({e.strerror}): {INSTALL_HINT}") from e
    deadline = time.monotonic() + timeout
    while True:
        try:
            out, err = proc.communicate(timeout=max(0.0, min(0.25, deadline - time.monotonic())))
            break
        except subprocess.TimeoutExpired as e:
            _sample_memory(proc.pid)
            if time.monotonic() < deadline:
                continue  # communicate() keeps what it read so far
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # the whole group: nothing it started outlives the page
            except ProcessLookupError:
                pass
            proc.communicate()
            raise OcrTimeout(f"page {page}: OCR took longer than {timeout:g}s: raise --ocr-timeout or split the file") from e
    if proc.returncode != 0:
        reason = err.decode("utf-8", "replace").strip().splitlines()
        detail = reason[-1][:200] if reason else f"exit status {proc.returncode}"
        raise OcrFailed(f"page {page}: tesseract failed ({detail}): check the page image, or rescan it")
    return out.decode("utf-8", "replace")


def ocr_words(image: Image.Image, page: int, dpi: float, timeout: float, psm: int = 3,
              langs: tuple[str, ...] = LANGS) -> list[Word]:
    """OCR one page image; boxes converted from pixels to points at ``dpi``."""
    check_environment()
    with tempfile.TemporaryDirectory(prefix="vacancy-ocr-") as tmp:
        path = os.path.join(tmp, "page.png")
        image.save(path, format="PNG", compress_level=1)
        tsv = _run([BINARY, path, "stdout", "-l", "+".join(langs), "--psm", str(psm),
                    "-c", "tessedit_create_tsv=1", "quiet"], page, timeout)
    scale = 72.0 / dpi
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        try:
            conf = float(row["conf"])
            left, top, width, height = (int(row[k]) for k in ("left", "top", "width", "height"))
            group = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        except (KeyError, TypeError, ValueError):
            continue  # a malformed row from a broken engine: skipped, never a crash
        if not text or conf < 0:
            continue
        box = BBox(left * scale, top * scale, (left + width) * scale, (top + height) * scale)
        words.append(Word(text=text, bbox=box, page=page, conf=conf, group=group))
    return words


_peak_kb = 0


def _sample_memory(pid: int) -> None:
    """Tesseract's own high-water mark, read while it runs (getrusage would count its parent's
    memory too: Linux keeps the high-water mark of the process it was started from)."""
    global _peak_kb
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    _peak_kb = max(_peak_kb, int(line.split()[1]))
                    break
    except (OSError, ValueError):
        pass


def children_peak_mb() -> float:
    """Largest resident memory a tesseract run by this process reached (sampled every 0.25 s), in MB."""
    return _peak_kb / 1024
