"""A batch: many inputs, one set of outputs per input; a failure never stops the batch.

The driver (this module) streams the files: it reads and hashes one, skips it when the cache
says nothing changed, and otherwise hands its work to an executor as tasks (``pipeline.work``):
one *prepare* per document, one *read_page* per page that needs OCR, one *finish* per document.
Pages of different documents run side by side, so every worker is kept busy with OCR. Only a
bounded window of documents is open at once: memory stays flat over any batch size. The driver
alone writes files, each atomically (``pipeline.files``), and the cache marker after them: a
batch killed at any moment leaves whole outputs only, and a re-run finishes the rest.
"""
from __future__ import annotations

import errno
import hashlib
import os
import json
import re
import time
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

from pipeline import publish, work
from pipeline.cache import Cache
from pipeline.errors import UsageError
from pipeline.files import remove_stale_temporaries, write_all, write_atomic
from pipeline.options import Options

SUFFIXES = {**publish.FORMATS, "text": work.TEXT}  # ingest's formats: the record's, and the text read
FORMATS = tuple(SUFFIXES)
MAX_ATTEMPTS = 2  # a document whose worker died is tried once more, then reported


@dataclass
class Outcome:
    path: str
    output: str
    ok: bool
    seconds: float
    pages: int = 0
    ocr_pages: int = 0
    fields: int = 0
    warnings: int = 0
    code: str = ""
    message: str = ""
    trace: str = ""
    cached: bool = False
    worker_mb: float = 0.0
    ocr_mb: float = 0.0


def collect(paths: Iterable[str]) -> list[Path]:
    """Every file given, and every file under a folder given, in a stable order."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():  # links to folders are not followed: a link loop cannot trap the walk
            out.extend(sorted(p for p in path.rglob("*") if not p.name.startswith(".")
                              and (p.is_file() or (p.is_symlink() and not p.exists()))))
        elif path.is_file() or path.is_symlink():
            out.append(path)
        else:
            raise UsageError(f"no such file or folder: {raw}")
    return out


def safe_stem(name: str) -> str:
    stem = Path(name).stem if Path(name).suffix else Path(name).name
    stem = re.sub(r"[^\w.\-]+", "_", stem, flags=re.UNICODE).strip("._") or "document"
    return stem[:120]


def output_stems(files: list[Path]) -> list[str]:
    seen: dict[str, int] = {}
    stems = []
    for f in files:
        stem = safe_stem(f.name)
        n = seen.get(stem.lower(), 0)
        seen[stem.lower()] = n + 1
        stems.append(stem if n == 0 else f"{stem}-{n + 1}")
    return stems


def check_formats(raw: Optional[str], allowed: tuple[str, ...] = FORMATS) -> list[str]:
    formats = [f.strip() for f in (raw or "json").split(",") if f.strip()]
    unknown = [f for f in formats if f not in allowed]
    if unknown:
        raise UsageError(f"unknown --format {', '.join(unknown)}: choose from {', '.join(allowed)}")
    return list(dict.fromkeys(formats))


def read_error(e: OSError) -> str:
    if e.errno == errno.ELOOP:
        return "symbolic link loop: point the link at a real file or remove it"
    if e.errno == errno.ENOENT and os.path.islink(e.filename or ""):
        return "broken symbolic link: point the link at a real file or remove it"
    return f"cannot read the file ({e.strerror or e}): check it exists and is readable"


@dataclass
class _Open:
    """A document the driver has handed out and not finished yet."""

    path: Path
    stem: str
    sha256: str
    source: object
    start: float
    attempts: int = 1
    doc: object = None
    waiting: set[int] = field(default_factory=set)
    reads: list = field(default_factory=list)
    worker_mb: float = 0.0
    ocr_mb: float = 0.0


class Batch:
    """Runs ``files`` through ``executor`` into ``out_dir``; iterate :meth:`run` for the outcomes."""

    def __init__(self, files: list[Path], out_dir: Path, options: Options, executor,
                 formats: tuple[str, ...] = ("json",), cache: Optional[Cache] = None, progress=None):
        self.files = files
        self.out = out_dir
        self.options = options
        self.executor = executor
        self.formats = formats
        self.cache = cache
        self.progress = progress
        self.window = max(2, 2 * executor.jobs)  # documents open at once
        self._tasks: dict[Future, tuple[str, _Open, int]] = {}
        self.peak_open = 0  # most documents open at once (memory is bounded by the window, tested)

    # --- the driver loop -------------------------------------------------------------------

    def run(self) -> Iterator[Outcome]:
        self.out.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(self.out)
        todo = iter(zip(self.files, output_stems(self.files)))
        open_docs = 0
        exhausted = False
        while True:
            while not exhausted and open_docs < self.window:
                item = next(todo, None)
                if item is None:
                    exhausted = True
                    break
                outcome = self._admit(*item)
                if outcome is not None:
                    yield outcome
                else:
                    open_docs += 1
                    self.peak_open = max(self.peak_open, open_docs)
            if not self._tasks:
                break
            done, _ = wait(list(self._tasks), return_when=FIRST_COMPLETED)
            for fut in done:
                if fut not in self._tasks:
                    continue  # dropped by a restart below
                kind, d, page = self._tasks.pop(fut)
                try:
                    result = fut.result()
                except self.executor.crashed as e:
                    outcome = self._crashed(d, e)
                else:
                    outcome = self._step(kind, d, page, result)
                if outcome is not None:
                    open_docs -= 1
                    yield outcome

    def _admit(self, path: Path, stem: str) -> Optional[Outcome]:
        start = time.monotonic()
        try:
            data = path.read_bytes()
        except OSError as e:
            return self._error(path, stem, start, "read_error", read_error(e))
        sha = hashlib.sha256(data).hexdigest()
        names = [stem + SUFFIXES[f] for f in self.formats]
        if self.cache is not None:
            counts = self.cache.done(stem, sha, names, self.out)
            if counts is not None:
                return Outcome(str(path), names[0], True, time.monotonic() - start, cached=True, **counts)
        d = _Open(path, stem, sha, self.executor.source(path, data), start)
        record = self.cache.record(sha) if self.cache is not None else None
        if record is not None:
            self._submit("republish", d, work.republish, d.source, *record, stem, self.formats)
        else:
            self._submit("prepare", d, work.prepare, d.source, path.name, stem, self.options, self.formats)
        return None

    def _submit(self, kind: str, d: _Open, fn, *args, page: int = 0) -> None:
        self._tasks[self.executor.submit(fn, *args)] = (kind, d, page)

    def _step(self, kind: str, d: _Open, page: int, result) -> Optional[Outcome]:
        if kind == "page":
            read, worker_mb, ocr_mb = result
            d.reads.append(read)
            d.waiting.discard(page)
            d.worker_mb, d.ocr_mb = max(d.worker_mb, worker_mb), max(d.ocr_mb, ocr_mb)
            if self.progress is not None:
                self.progress.pages_read += 1
                self.progress.update()
            if not d.waiting:
                self._submit("finish", d, work.finish, d.source, d.doc, d.reads, d.stem, self.options, self.formats)
            return None
        if isinstance(result, work.Prepared):
            d.doc = result.doc
            d.waiting = {p.number for p in result.pages}
            for p in result.pages:
                self._submit("page", d, work.read_page, d.source, result.doc.media_type, p, self.options, page=p.number)
            return None
        return self._written(d, result, cached=kind == "republish")

    def _crashed(self, d: _Open, error: BaseException) -> Optional[Outcome]:
        """A worker died under a task. Every open document is started again (a local pool is lost
        whole); one that was open at two deaths is reported instead of tried a third time."""
        victims = {id(d): d}
        for _kind, other, _page in self._tasks.values():
            victims.setdefault(id(other), other)
        self._tasks.clear()
        self.executor.restart()
        failed = None
        for v in victims.values():
            if v.attempts >= MAX_ATTEMPTS:
                code = "worker_crashed"
                message = (f"the worker reading it died twice ({type(error).__name__}): the file may need more "
                           "memory than --max-memory allows; split it or raise the limit")
                if v is d:
                    failed = self._error(v.path, v.stem, v.start, code, message)
                else:  # reported through its own slot, as the loop's next result
                    fut: Future = Future()
                    fut.set_result(work.Built(code=code, message=message))
                    self._tasks[fut] = ("failed", v, 0)
                continue
            v.attempts += 1
            v.doc, v.waiting, v.reads = None, set(), []
            self._submit("prepare", v, work.prepare, v.source, v.path.name, v.stem, self.options, self.formats)
        return failed

    # --- writing ------------------------------------------------------------------------------

    def _written(self, d: _Open, built: work.Built, cached: bool = False) -> Outcome:
        seconds = time.monotonic() - d.start
        worker_mb, ocr_mb = max(d.worker_mb, built.worker_mb), max(d.ocr_mb, built.ocr_mb)
        if not built.ok:
            outcome = self._error(d.path, d.stem, d.start, built.code, built.message, built.trace)
            outcome.worker_mb, outcome.ocr_mb = worker_mb, ocr_mb
            return outcome
        text = built.files.pop(d.stem + work.TEXT)
        if "text" in self.formats:
            built.files[d.stem + work.TEXT] = text
        write_all(self.out, built.files)
        (self.out / f"{d.stem}.error.json").unlink(missing_ok=True)
        counts = built.counts()
        if self.cache is not None:
            self.cache.store(d.stem, d.sha256, built.files, built.files[f"{d.stem}.json"], text, counts)
        return Outcome(str(d.path), f"{d.stem}.json", True, seconds, cached=cached, worker_mb=worker_mb,
                       ocr_mb=ocr_mb, **counts)

    def _error(self, path: Path, stem: str, start: float, code: str, message: str, trace: str = "") -> Outcome:
        error = {"file": path.name, "error": code, "message": message}
        write_atomic(self.out / f"{stem}.error.json", json.dumps(error, ensure_ascii=False, indent=2) + "\n")
        if self.cache is not None:
            self.cache.forget(stem)
        return Outcome(str(path), f"{stem}.error.json", False, time.monotonic() - start, code=code, message=message,
                       trace=trace)


def run_batch(files: list[Path], out_dir: Path, options: Options, executor, formats: tuple[str, ...] = ("json",),
              cache: Optional[Cache] = None, progress=None) -> Iterator[Outcome]:
    return Batch(files, out_dir, options, executor, formats, cache, progress).run()
