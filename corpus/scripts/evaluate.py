#!/usr/bin/env python3
"""Accuracy of the pipeline on the layout-family corpus: what ``make eval`` runs.

Builds the documents of every notice in corpus/notices/ when they are missing or
older than their source (corpus/scripts/make_notices.py), ingests every variant,
compares each record with its gold (pipeline.evaluate.compare) and prints one
table per split -- one row per contract field, one column per variant
(digital, scan, hard, image) -- plus an overall figure per column. The held-out
split is the honest figure: rules are written against the dev split only.

    python corpus/scripts/evaluate.py                  # both splits, all variants
    python corpus/scripts/evaluate.py --only goc-dnd-2026-123456 --variants digital -v
    python corpus/scripts/evaluate.py --readme         # also paste the tables into README.md
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_notices  # noqa: E402

from pipeline import ingest_path  # noqa: E402
from pipeline.errors import VacancyError  # noqa: E402
from pipeline.evaluate import compare  # noqa: E402
from pipeline.options import Options  # noqa: E402

VARIANTS = {"digital": ("digital.pdf",), "scan": ("scan.pdf",), "hard": ("hard.pdf",),
            "image": ("image.png", "photo.jpg")}
OUT = REPO / "out" / "eval"
README = REPO / "README.md"
START, END = "<!-- eval:start -->", "<!-- eval:end -->"


@dataclass
class Result:
    notice: str
    split: str
    family: str
    variant: str
    file: str
    fields: dict[str, float]
    problems: list[str]
    error: str = ""
    seconds: float = 0.0

    @property
    def overall(self) -> float:
        return sum(self.fields.values()) / len(self.fields) if self.fields else 0.0


def ensure_built(notices: list, out: Path) -> None:
    """(Re)build a notice's documents when one is missing or older than its source or the script,
    notices side by side on every core."""
    script = Path(make_notices.__file__).stat().st_mtime
    stale = []
    for n in notices:
        files = [out / n.id / f for f in make_notices.variants(n)]
        newest = max(script, n.path.stat().st_mtime)
        if not all(f.exists() and f.stat().st_mtime >= newest for f in files):
            stale.append(n.id)
    if not stale:
        return
    with ProcessPoolExecutor(max_workers=min(len(stale), os.cpu_count() or 1)) as pool:
        for lines in pool.map(_build, stale, [str(out)] * len(stale)):
            for line in lines:
                print(f"built {line}", file=sys.stderr)


def _build(notice_id: str, out: str) -> list[str]:
    make_notices.register_fonts()
    (notice,) = make_notices.load_all([notice_id])
    return make_notices.build(notice, Path(out), make_notices.GOLD)


def run_one(job: tuple[str, str, str, str, str, str]) -> Result:
    notice, split, family, variant, path, gold_path = job
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    t0 = time.monotonic()
    try:
        doc = ingest_path(path, Options(ocr_workers=1))
    except VacancyError as e:
        error = str(e)
    except Exception as e:  # noqa: BLE001 -- a crash is this document's score of 0, not the end of the run
        error = f"crash: {type(e).__name__}: {e}"
    else:
        record = json.loads(doc.record.model_dump_json())
        score = compare(record, gold)
        return Result(notice, split, family, variant, path, score.fields, score.problems,
                      seconds=time.monotonic() - t0)
    fields = {k: 0.0 for k in compare(gold, gold).fields}
    return Result(notice, split, family, variant, path, fields, [error], error=error, seconds=time.monotonic() - t0)


def jobs_for(notices: list, out: Path, variants: list[str], keep=None) -> list[tuple]:
    """The files to read; ``keep(notice, variant)``, when given, says which of them (a sample)."""
    jobs = []
    for n in notices:
        for variant in variants:
            if keep is not None and not keep(n, variant):
                continue
            for name in VARIANTS[variant]:
                path = out / n.id / name
                if path.exists():
                    jobs.append((n.id, n.spec["split"], n.spec["family"], variant, str(path),
                                 str(make_notices.GOLD / f"{n.id}.json")))
    # OCR-heavy variants first so that the pool ends on short jobs
    return sorted(jobs, key=lambda j: j[3] == "digital")


def run(notices: list, out: Path, variants: list[str], workers: int, keep=None) -> list[Result]:
    jobs = jobs_for(notices, out, variants, keep)
    if workers <= 1:
        return [run_one(j) for j in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run_one, jobs))


def table(results: list[Result], variants: list[str]) -> dict:
    """{"columns": [...], "rows": {field: {variant: score}}, "overall": {...}, "documents": {...}}"""
    cols = [v for v in variants if any(r.variant == v for r in results)]
    names: list[str] = []
    for r in results:
        names.extend(k for k in r.fields if k not in names)
    rows = {}
    for name in names:
        rows[name] = {}
        for v in cols:
            vals = [r.fields[name] for r in results if r.variant == v and name in r.fields]
            rows[name][v] = round(sum(vals) / len(vals), 4) if vals else None
    overall, docs = {}, {}
    for v in cols:
        mine = [r for r in results if r.variant == v]
        overall[v] = round(sum(r.overall for r in mine) / len(mine), 4)
        docs[v] = len(mine)
    return {"columns": cols, "rows": rows, "overall": overall, "documents": docs}


def markdown(title: str, t: dict) -> str:
    cols = t["columns"]
    counts = ", ".join(f"{v}: {t['documents'][v]} files" for v in cols)
    lines = [f"**{title}** ({counts})", "",
             "| field | " + " | ".join(cols) + " |", "| --- |" + " ---: |" * len(cols)]
    for name, by in t["rows"].items():
        lines.append(f"| {name} | " + " | ".join("" if by[v] is None else f"{by[v]:.2f}" for v in cols) + " |")
    lines.append("| **overall** | " + " | ".join(f"**{t['overall'][v]:.3f}**" for v in cols) + " |")
    return "\n".join(lines)


def update_readme(text: str, start: str = START, end: str = END) -> None:
    """Replace what stands between the ``start`` and ``end`` markers of README.md with ``text``."""
    readme = README.read_text(encoding="utf-8")
    if start not in readme or end not in readme:
        raise SystemExit(f"README.md has no {start} ... {end} block")
    head, rest = readme.split(start, 1)
    _, tail = rest.split(end, 1)
    README.write_text(f"{head}{start}\n{text}\n{end}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="ID", help="evaluate only these notices")
    parser.add_argument("--variants", nargs="+", choices=list(VARIANTS), default=list(VARIANTS))
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="all")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, default=OUT, help="where eval.json goes (default out/eval)")
    parser.add_argument("--readme", action="store_true", help="paste the tables into README.md")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every mismatch")
    args = parser.parse_args(argv)
    notices = make_notices.load_all(args.only)
    if args.split != "all":
        notices = [n for n in notices if n.spec["split"] == args.split]
    ensure_built(notices, make_notices.BUILD)
    t0 = time.monotonic()
    results = run(notices, make_notices.BUILD, args.variants, args.jobs)
    seconds = time.monotonic() - t0
    report = {"command": "make eval", "seconds": round(seconds, 1), "splits": {}, "files": []}
    texts = []
    for split in ("dev", "heldout"):
        mine = [r for r in results if r.split == split]
        if not mine:
            continue
        t = table(mine, args.variants)
        report["splits"][split] = t
        label = "held-out third (the honest figure)" if split == "heldout" else "dev two thirds"
        texts.append(markdown(f"{label}: {len({r.notice for r in mine})} notices", t))
    for r in results:
        report["files"].append({"notice": r.notice, "split": r.split, "family": r.family, "variant": r.variant,
                                "file": os.path.relpath(r.file, REPO), "overall": round(r.overall, 4),
                                "seconds": round(r.seconds, 2), "error": r.error, "problems": r.problems})
    text = "\n\n".join(texts)
    print(text)
    print()
    worst = sorted(results, key=lambda r: r.overall)[:8]
    print("lowest documents: " + ", ".join(f"{r.notice}/{r.variant} {r.overall:.2f}" for r in worst))
    if args.verbose:
        for r in sorted(results, key=lambda r: (r.notice, r.variant)):
            for p in r.problems:
                print(f"  {r.notice}/{Path(r.file).name}: {p}")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "eval.json").write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(results)} files in {seconds:.0f}s; table written to {os.path.relpath(args.out / 'eval.json', REPO)}")
    if args.readme:
        update_readme(f"`make eval` ({time.strftime('%Y-%m-%d')}, {len(results)} files, {seconds:.0f} s on "
                      f"{os.cpu_count()} cores):\n\n{text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
