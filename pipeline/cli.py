"""``vacancy``: a thin command line over the library (see README, "Command line")."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from pipeline import __version__
from pipeline.batch import check_formats, collect, run_batch
from pipeline.errors import MissingDependency, UsageError
from pipeline.options import Options


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors: one line, exit 2
        self.print_usage(sys.stderr)
        print(f"vacancy: error: {message}", file=sys.stderr)
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="vacancy", description="Bilingual vacancy notices in, validated records out.")
    p.add_argument("--version", action="version", version=f"vacancy {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    ing = sub.add_parser("ingest", help="turn notices (PDF, PNG, JPEG, TIFF) into records",
                         description="Every file given, and every file under a folder given, becomes DIR/<stem>.json; "
                                     "a file that fails becomes DIR/<stem>.error.json and the batch goes on.")
    ing.add_argument("paths", nargs="+", metavar="PATH")
    ing.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder (created if missing)")
    ing.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                     help="worker processes, each running one single-threaded tesseract at a time "
                          "(default: number of cores)")
    ing.add_argument("--executor", choices=("local", "ray"), default="local",
                     help="local: a process pool on this machine (default); ray: tasks on a Ray cluster")
    ing.add_argument("--ray-address", metavar="ADDRESS",
                     help="Ray cluster to join (default: $RAY_ADDRESS, else a local Ray instance with --jobs CPUs)")
    ing.add_argument("--no-cache", action="store_true",
                     help="do every file again, even those whose outputs are up to date")
    ing.add_argument("--format", default="json", metavar="FORMATS",
                     help="comma-separated: json (always written), html, pdf, jsonld, review, text (default: json)")
    ing.add_argument("--ocr-timeout", type=float, default=Options.ocr_timeout, metavar="SECONDS",
                     help=f"seconds allowed per page of OCR (default {Options.ocr_timeout:g})")
    ing.add_argument("--max-pages", type=int, default=Options.max_pages, metavar="N",
                     help=f"pages per document (default {Options.max_pages})")
    ing.add_argument("--max-pixels", type=int, default=Options.max_pixels, metavar="N",
                     help=f"pixels per page image (default {Options.max_pixels:,})")
    ing.add_argument("--max-memory", type=int, default=Options.max_memory_mb, metavar="MB",
                     help=f"address space per worker, tesseract included (default {Options.max_memory_mb}; 0: no limit)")
    ing.add_argument("--progress", choices=("auto", "on", "off"), default="auto",
                     help="progress bar on stderr (auto: only on a terminal)")
    ing.add_argument("-v", "--verbose", action="store_true", help="print tracebacks of failures")
    ren = sub.add_parser("render", help="publish records again: bilingual HTML, tagged PDF, JSON-LD, review page",
                         description="Re-render (possibly hand-corrected) records: RECORD.json becomes DIR/<stem>.html, "
                                     ".pdf, .jsonld; a record that fails becomes DIR/<stem>.error.json and the rest go on.")
    ren.add_argument("records", nargs="+", metavar="RECORD.json")
    ren.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder (created if missing)")
    ren.add_argument("--format", default="html,pdf,jsonld", metavar="FORMATS",
                     help="comma-separated: html, pdf, jsonld, review, json (default: html,pdf,jsonld)")
    ren.add_argument("--source", metavar="FILE",
                     help="the document the record was read from (for --format review; default: the record's "
                          "source.file next to the record)")
    ren.add_argument("-v", "--verbose", action="store_true", help="print tracebacks of failures")
    sub.add_parser("schema", help="print the JSON Schema of the record")
    return p


def _line(o) -> str:
    name = Path(o.path).name
    if o.ok:
        ocr = f", {o.ocr_pages} OCR" if o.ocr_pages else ""
        warn = f"{o.warnings} warning{'s' if o.warnings != 1 else ''}"
        how = "cached" if o.cached else f"{o.seconds:.1f}s"
        return f"ok    {name}: {o.pages} page{'s' if o.pages != 1 else ''}{ocr}, {o.fields} fields, {warn}, {how} -> {o.output}"
    return f"FAIL  {name}: {o.message} -> {o.output}"


def ingest(args: argparse.Namespace) -> int:
    from pipeline.cache import Cache, run_key
    from pipeline.executors import make_executor
    from pipeline.progress import Progress, Tally, summary

    formats = tuple(dict.fromkeys(["json", *check_formats(args.format)]))
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    files = collect(args.paths)
    if not files:
        raise UsageError("no input files found in the paths given")
    options = Options(ocr_timeout=args.ocr_timeout, max_pages=args.max_pages, max_pixels=args.max_pixels,
                      max_memory_mb=args.max_memory, ocr_workers=1)
    ocr_version = "none"
    try:
        from pipeline.tools.tesseract import check_environment

        ocr_version = check_environment()
    except MissingDependency as e:
        print(f"warning: {e}; scanned pages and images will fail", file=sys.stderr)
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    cache = None if args.no_cache else Cache(out, run_key(options, ocr_version))
    executor = make_executor(args.executor, args.jobs, args.ray_address, args.max_memory)
    tally = Tally(files=len(files))
    shown = args.progress == "on" or (args.progress == "auto" and sys.stderr.isatty())
    progress = Progress(tally, sys.stderr, shown)
    try:
        for outcome in run_batch(files, out, options, executor, formats, cache, progress):
            progress.add(outcome)
            progress.clear()
            print(_line(outcome), flush=True)
            if not outcome.ok and args.verbose and outcome.trace:
                print(outcome.trace, file=sys.stderr)
            progress.update(force=True)
    finally:
        progress.clear()
        executor.close()
    print(summary(tally, executor.name, executor.jobs), flush=True)
    print(f"{len(files) - tally.failed} succeeded, {tally.failed} failed", flush=True)
    return 1 if tally.failed else 0


def render(args: argparse.Namespace) -> int:
    from pipeline import publish
    from pipeline.render import render_file

    formats = check_formats(args.format, tuple(publish.FORMATS))
    if args.source and len(args.records) > 1:
        raise UsageError("--source names one document: render one record at a time with it")
    failed = 0
    for raw in args.records:
        outcome = render_file(Path(raw), Path(args.output), formats, Path(args.source) if args.source else None)
        if outcome.ok:
            print(f"ok    {Path(raw).name} -> {', '.join(outcome.written)}", flush=True)
        else:
            failed += 1
            print(f"FAIL  {Path(raw).name}: {outcome.message} -> {outcome.output}", flush=True)
            if args.verbose and outcome.trace:
                print(outcome.trace, file=sys.stderr)
    print(f"{len(args.records) - failed} rendered, {failed} failed", flush=True)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "schema":
            from schemas import json_schema

            print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
            return 0
        if args.command == "render":
            return render(args)
        return ingest(args)
    except UsageError as e:
        print(f"vacancy: error: {e}", file=sys.stderr)
        return e.exit_code
    except BrokenPipeError:  # stdout closed early (| head): the outputs written so far are whole
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("vacancy: interrupted; finished outputs are complete, the rest were not written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
