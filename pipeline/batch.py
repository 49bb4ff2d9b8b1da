"""A batch: many inputs, one output per input, written atomically; a failure never stops the batch."""
from __future__ import annotations

import json
import re
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

from pipeline import ingest_bytes
from pipeline.errors import UsageError, VacancyError
from pipeline import publish
from pipeline.files import write_all, write_atomic
from pipeline.options import Options

FORMATS = tuple(publish.FORMATS)


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


def collect(paths: Iterable[str]) -> list[Path]:
    """Every file given, and every file under a folder given, in a stable order."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")))
        elif path.is_file():
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


_COUNTED = ("reference", "title", "organization", "unit", "location", "schedule", "contract", "grade", "clearance",
            "deadline", "salary", "start", "essential", "desirable", "competencies", "tasks", "offer")


def count_fields(record: dict) -> int:
    n = 0
    for name in _COUNTED:
        v = record.get(name)
        if isinstance(v, dict) and set(v) <= {"en", "fr"}:
            n += any(v.values())
        else:
            n += bool(v)
    return n


def process_one(path: str, out_dir: str, stem: str, options: Options, formats: tuple[str, ...] = ("json",)) -> Outcome:
    """Ingest one file and write every format asked; all are built before any is written."""
    start = time.monotonic()
    out = Path(out_dir)
    try:
        data = Path(path).read_bytes()
        doc = ingest_bytes(data, Path(path).name, options)
        record = doc.record.model_dump(mode="json")
        write_all(out, publish.outputs(doc.record, stem, list(formats), source=data))
        stale = out / f"{stem}.error.json"
        if stale.exists():
            stale.unlink()
        return Outcome(path, f"{stem}.json", True, time.monotonic() - start, pages=record["source"]["pages"],
                       ocr_pages=len(record["source"]["ocr_pages"]), fields=count_fields(record),
                       warnings=len(record["warnings"]))
    except VacancyError as e:
        code, message, trace = e.code, str(e), traceback.format_exc()
    except OSError as e:
        code, message, trace = "read_error", f"cannot read the file ({e.strerror}): check it exists and is readable", traceback.format_exc()
    except Exception as e:  # a bug: reported per file so the batch goes on
        code = "internal_error"
        message = f"internal error ({type(e).__name__}: {e}): please report it with this file"
        trace = traceback.format_exc()
    error = {"file": Path(path).name, "error": code, "message": message}
    write_atomic(out / f"{stem}.error.json", json.dumps(error, ensure_ascii=False, indent=2) + "\n")
    return Outcome(path, f"{stem}.error.json", False, time.monotonic() - start, code=code, message=message, trace=trace)


def run_batch(files: list[Path], out_dir: Path, options: Options, jobs: int,
              formats: tuple[str, ...] = ("json",)) -> Iterator[Outcome]:
    out_dir.mkdir(parents=True, exist_ok=True)
    stems = output_stems(files)
    if jobs <= 1 or len(files) <= 1:
        for f, stem in zip(files, stems):
            yield process_one(str(f), str(out_dir), stem, options, formats)
        return
    per_file = Options(**{**options.__dict__, "ocr_workers": max(1, options.ocr_workers // jobs)})
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(process_one, str(f), str(out_dir), stem, per_file, formats) for f, stem in zip(files, stems)]
        for fut in futures:
            yield fut.result()


def check_formats(raw: Optional[str]) -> list[str]:
    formats = [f.strip() for f in (raw or "json").split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UsageError(f"unknown --format {', '.join(unknown)}: choose from {', '.join(FORMATS)}")
    return list(dict.fromkeys(formats))
