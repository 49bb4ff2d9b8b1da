"""``vacancy render``: records (possibly hand-corrected) published again, one at a time."""
from __future__ import annotations

import json
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from pydantic import ValidationError

from pipeline import publish
from pipeline.batch import safe_stem
from pipeline.errors import VacancyError
from pipeline.files import write_all, write_atomic
from schemas import Record


@dataclass
class Rendered:
    ok: bool
    output: str = ""
    written: list[str] = field(default_factory=list)
    message: str = ""
    trace: str = ""


def _first_error(e: ValidationError) -> str:
    err = e.errors()[0]
    where = "/".join(str(p) for p in err["loc"]) or "record"
    return f"{where}: {err['msg']}"


def load_record(path: Path) -> Record:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as e:
        raise VacancyError(f"{path.name} is not UTF-8 text: give a record written by 'vacancy ingest'") from e
    except json.JSONDecodeError as e:
        raise VacancyError(f"{path.name} is not JSON (line {e.lineno}: {e.msg}): fix the file or ingest the notice again") from e
    try:
        return Record.model_validate(data)
    except ValidationError as e:
        raise VacancyError(f"{path.name} is not a valid record ({_first_error(e)}): fix it as 'vacancy schema' "
                           "describes") from e


def _source(record: Record, record_path: Path, given: Optional[Path]) -> Optional[bytes]:
    path = given or record_path.parent / Path(record.source.file).name
    try:
        return path.read_bytes()
    except OSError:
        if given:
            raise
        return None


def render_file(path: Path, out_dir: Path, formats: list[str], source: Optional[Path] = None) -> Rendered:
    stem = safe_stem(path.name.removesuffix(".json"))
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        record = load_record(path)
        data = _source(record, path, source) if "review" in formats else None
        written = write_all(out_dir, publish.outputs(record, stem, formats, source=data))
        return Rendered(True, written[0] if written else "", written)
    except VacancyError as e:
        message, trace = str(e), traceback.format_exc()
    except OSError as e:
        message, trace = f"cannot read {e.filename} ({e.strerror}): check the path", traceback.format_exc()
    error = {"file": path.name, "error": "render_error", "message": message}
    write_atomic(out_dir / f"{stem}.error.json", json.dumps(error, ensure_ascii=False, indent=2) + "\n")
    return Rendered(False, f"{stem}.error.json", message=message, trace=trace)
