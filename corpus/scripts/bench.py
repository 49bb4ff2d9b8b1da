"""``make bench``: vacancy side by side with its peers, on the same notices, in one run.

    python corpus/scripts/bench.py            # prints the tables, writes out/bench/bench.json
    python corpus/scripts/bench.py --readme   # also pastes them into README.md ("Speed")
    python corpus/scripts/bench.py --quick    # a smaller run (4 notices, 200 documents, up to 10 pages)

What is measured (wall time of whole commands, as a user would run them; all on this machine):

* scanned notices (the corpus's 300 dpi scans), end to end to a validated record:
  ``vacancy ingest --jobs 2`` against ``ocrmypdf --sidecar --jobs 2 -l eng+fra`` (file after file,
  as OCRmyPDF takes them) and against raw ``tesseract -l eng+fra`` on the same page images (two at
  a time); character error rate of each against the notice's own text (``pdftotext`` of its
  digital PDF), in reading order and word-order-free;
* digital notices, end to end: ``vacancy ingest --jobs 2`` against pdfplumber's ``extract_text``
  on the same pages (one process, as pdfplumber runs; and split over two processes);
* peak memory per worker (the worker process, and the tesseract it runs);
* a 1,000-document batch: the driver's memory sampled as it goes;
* cost as a document grows from 1 to 50 pages (scanned and digital), with a straight-line fit.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "corpus" / "scripts"))
OUT = REPO / "out" / "bench"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
VACANCY = [sys.executable, "-m", "pipeline.cli"]
JOBS = 2


def run(cmd: list[str], **kwargs) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd[:4])}… failed ({proc.returncode}): {proc.stderr[-1500:]}")
    return seconds, proc


# --- text and error rates ------------------------------------------------------------------

def norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\ufb01", "fi").replace("\ufb02", "fl")
    return re.sub(r"\s+", " ", text).strip()


def cer(hyp: str, ref: str) -> tuple[float, float]:
    """(character error rate in reading order, the same with the words of each side sorted)."""
    from rapidfuzz.distance import Levenshtein

    h, r = norm(hyp), norm(ref)
    ordered = Levenshtein.distance(h, r) / max(1, len(r))
    hs, rs = " ".join(sorted(h.split())), " ".join(sorted(r.split()))
    return ordered, Levenshtein.distance(hs, rs) / max(1, len(rs))


def gold_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def mean_cer(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """Error rates over all the notices together (characters weighted, not notices)."""
    from rapidfuzz.distance import Levenshtein

    dist = dist_sorted = total = 0
    for hyp, ref in pairs:
        h, r = norm(hyp), norm(ref)
        dist += Levenshtein.distance(h, r)
        dist_sorted += Levenshtein.distance(" ".join(sorted(h.split())), " ".join(sorted(r.split())))
        total += len(r)
    return dist / total, dist_sorted / total


# --- documents -----------------------------------------------------------------------------

def pick(ids: list[str], n: int) -> list[str]:
    if n >= len(ids):
        return ids
    step = len(ids) / n
    return [ids[int(i * step)] for i in range(n)]


def page_count(pdf: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def assemble(sources: list[Path], pages: int, path: Path, salt: str = "") -> None:
    """A PDF of ``pages`` pages taken in turn from ``sources`` (a longer notice, or a tiny one)."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    opened = [pdfium.PdfDocument(str(s)) for s in sources]
    i = 0
    while len(out) < pages:
        src = opened[i % len(opened)]
        out.import_pages(src, [i // len(opened) % len(src)])
        i += 1
    out.save(str(path))
    for doc in opened:
        doc.close()
    out.close()
    if salt:  # distinct bytes for every document: the cache must not see duplicates
        with open(path, "ab") as fh:
            fh.write(f"\n% {salt}\n".encode())


def summary_memory(stdout: str) -> tuple[float, float]:
    m = re.search(r"^peak memory\s+(\d+) MB\s+per worker(?:; tesseract (\d+) MB)?", stdout, re.M)
    return (float(m.group(1)), float(m.group(2) or 0)) if m else (0.0, 0.0)


# --- the measurements ----------------------------------------------------------------------

def gather(build: Path, ids: list[str], variant: str, folder: Path) -> Path:
    """The notices' ``variant`` PDFs, one folder, named after the notices."""
    folder.mkdir()
    for nid in ids:
        shutil.copy(build / nid / f"{variant}.pdf", folder / f"{nid}.pdf")
    return folder


def scanned(build: Path, ids: list[str], work: Path) -> dict:
    folder = gather(build, ids, "scan", work / "scan")
    pages = sum(page_count(p) for p in folder.iterdir())
    gold = {nid: gold_text(build / nid / "digital.pdf") for nid in ids}

    print(f"scanned: {len(ids)} notices, {pages} pages", flush=True)
    ours_s, proc = run([*VACANCY, "ingest", str(folder), "-o", str(work / "ours-scan"), "--jobs", str(JOBS),
                        "--no-cache", "--format", "text"])
    failed = proc.stdout.splitlines()[-1]
    worker_mb, ocr_mb = summary_memory(proc.stdout)
    ours_cer = mean_cer([((work / "ours-scan" / f"{n}.txt").read_text(), gold[n]) for n in ids])
    print(f"  vacancy      {ours_s:7.1f}s  ({failed})", flush=True)

    ocr_dir = work / "ocrmypdf"
    ocr_dir.mkdir()
    start = time.perf_counter()
    for nid in ids:
        subprocess.run(["ocrmypdf", "--sidecar", str(ocr_dir / f"{nid}.txt"), "--jobs", str(JOBS), "-l", "eng+fra",
                        "-q", str(folder / f"{nid}.pdf"), str(ocr_dir / f"{nid}.pdf")], check=True,
                       capture_output=True)
    ocrmypdf_s = time.perf_counter() - start
    ocrmypdf_cer = mean_cer([((ocr_dir / f"{n}.txt").read_text(), gold[n]) for n in ids])
    print(f"  ocrmypdf     {ocrmypdf_s:7.1f}s", flush=True)

    images = work / "pages"
    images.mkdir()
    for nid in ids:  # the same page images, rendered once, untimed (300 dpi, the scans' own)
        subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", str(folder / f"{nid}.pdf"), str(images / nid)],
                       check=True)
    pngs = sorted(images.glob("*.png"))
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def tess(png: Path) -> str:
        return subprocess.run(["tesseract", str(png), "stdout", "-l", "eng+fra"], capture_output=True, text=True,
                              env=env, check=True).stdout

    start = time.perf_counter()
    with ThreadPoolExecutor(JOBS) as pool:
        texts = dict(zip(pngs, pool.map(tess, pngs)))
    tesseract_s = time.perf_counter() - start
    raw = {nid: "\n".join(t for p, t in texts.items() if p.name.startswith(nid + "-")) for nid in ids}
    tesseract_cer = mean_cer([(raw[n], gold[n]) for n in ids])
    print(f"  tesseract    {tesseract_s:7.1f}s", flush=True)
    return {"notices": len(ids), "pages": pages, "vacancy_s": ours_s, "ocrmypdf_s": ocrmypdf_s,
            "tesseract_s": tesseract_s, "vacancy_cer": ours_cer, "ocrmypdf_cer": ocrmypdf_cer,
            "tesseract_cer": tesseract_cer, "worker_mb": worker_mb, "tesseract_mb": ocr_mb}


PLUMBER = """
import sys, pdfplumber
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
"""


def digital(build: Path, ids: list[str], work: Path) -> dict:
    folder = gather(build, ids, "digital", work / "digital")
    files = sorted(str(p) for p in folder.iterdir())
    pages = sum(page_count(Path(p)) for p in files)
    print(f"digital: {len(files)} notices, {pages} pages", flush=True)
    ours_s, proc = run([*VACANCY, "ingest", str(folder), "-o", str(work / "ours-digital"), "--jobs", str(JOBS),
                        "--no-cache"])
    worker_mb, _ = summary_memory(proc.stdout)
    plumber_s, _ = run([sys.executable, "-c", PLUMBER, *files])
    start = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-c", PLUMBER, *files[k::JOBS]]) for k in range(JOBS)]
    for p in procs:
        p.wait()
    plumber2_s = time.perf_counter() - start
    print(f"  vacancy {ours_s:.1f}s, pdfplumber {plumber_s:.1f}s (two processes {plumber2_s:.1f}s)", flush=True)
    return {"notices": len(files), "pages": pages, "vacancy_s": ours_s, "pdfplumber_s": plumber_s,
            "pdfplumber_2proc_s": plumber2_s, "worker_mb": worker_mb}


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def thousand(build: Path, ids: list[str], work: Path, n: int) -> dict:
    folder = work / "many"
    folder.mkdir()
    sources = [build / nid / "digital.pdf" for nid in ids]
    for i in range(n):
        assemble([sources[i % len(sources)]], 1, folder / f"notice-{i:04d}.pdf", salt=str(i))
    print(f"batch: {n} one-page documents", flush=True)
    out = work / "many-out"
    proc = subprocess.Popen([*VACANCY, "ingest", str(folder), "-o", str(out), "--jobs", str(JOBS), "--no-cache"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    samples: list[tuple[int, float, float]] = []  # (documents done, driver MB, largest worker MB)
    done = 0
    start = time.perf_counter()

    def sample() -> None:
        while proc.poll() is None:
            workers = [_rss_mb(c) for c in _children(proc.pid)]
            samples.append((done, _rss_mb(proc.pid), max(workers, default=0.0)))
            time.sleep(0.25)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    for line in proc.stdout:
        if line.startswith(("ok ", "FAIL ")):
            done += 1
    proc.wait()
    seconds = time.perf_counter() - start
    watcher.join()

    def at(fraction: float) -> float:
        cut = [s for s in samples if s[0] >= fraction * n]
        return cut[0][1] if cut else samples[-1][1]

    driver = {f"{int(f * 100)}%": round(at(f), 1) for f in (0.1, 0.5, 0.9)}
    result = {"documents": n, "seconds": seconds, "driver_mb": driver,
              "driver_growth_mb": round(at(0.9) - at(0.1), 1),
              "worker_peak_mb": round(max(s[2] for s in samples), 1)}
    print(f"  {seconds:.1f}s, driver RSS {driver}, workers at most {result['worker_peak_mb']} MB", flush=True)
    return result


def curve(build: Path, ids: list[str], work: Path, sizes: list[int], variant: str) -> dict:
    sources = [build / nid / f"{variant}.pdf" for nid in ids]
    rows = []
    for size in sizes:
        folder = work / f"curve-{variant}-{size}"
        folder.mkdir()
        assemble(sources, size, folder / f"notice-{size}.pdf")
        seconds, proc = run([*VACANCY, "ingest", str(folder), "-o", str(work / f"curve-{variant}-{size}-out"),
                             "--jobs", str(JOBS), "--no-cache"])
        rows.append({"pages": size, "seconds": round(seconds, 2), "per_page": round(seconds / size, 3),
                     "ok": proc.returncode == 0})
        print(f"  {variant} {size:3d} pages: {seconds:6.1f}s ({seconds / size:.2f} s/page)", flush=True)
    xs, ys = [r["pages"] for r in rows], [r["seconds"] for r in rows]
    slope, intercept = statistics.linear_regression(xs, ys)
    r2 = statistics.correlation(xs, ys) ** 2 if len(xs) > 2 else 1.0
    return {"rows": rows, "slope_s_per_page": round(slope, 3), "intercept_s": round(intercept, 2), "r2": round(r2, 4)}


# --- report --------------------------------------------------------------------------------

def report(r: dict) -> str:
    s, d, m = r["scanned"], r["digital"], r["batch"]
    lines = [
        f"Measured by `make bench` on {r['machine']} ({r['date']}).",
        "",
        f"**Scanned notices** ({s['notices']} notices, {s['pages']} pages at 300 dpi), end to end to a validated "
        "record; character error rate (CER) against the notice's own text, in reading order / word order ignored:",
        "",
        "| | wall time | ratio to vacancy | CER | CER, word order ignored |",
        "|---|---:|---:|---:|---:|",
        f"| vacancy ingest --jobs 2 | {s['vacancy_s']:.1f} s | 1.00 | {s['vacancy_cer'][0]:.5f} | "
        f"{s['vacancy_cer'][1]:.5f} |",
        f"| ocrmypdf --sidecar --jobs 2 -l eng+fra | {s['ocrmypdf_s']:.1f} s | "
        f"{s['ocrmypdf_s'] / s['vacancy_s']:.2f} | {s['ocrmypdf_cer'][0]:.5f} | {s['ocrmypdf_cer'][1]:.5f} |",
        f"| tesseract -l eng+fra, 2 at a time | {s['tesseract_s']:.1f} s | {s['tesseract_s'] / s['vacancy_s']:.2f} | "
        f"{s['tesseract_cer'][0]:.5f} | {s['tesseract_cer'][1]:.5f} |",
        "",
        f"vacancy / OCRmyPDF = **{s['vacancy_s'] / s['ocrmypdf_s']:.2f}** (target ≤ 0.85); "
        f"vacancy / raw tesseract = {s['vacancy_s'] / s['tesseract_s']:.2f}.",
        "",
        f"**Digital notices** ({d['notices']} notices, {d['pages']} pages), end to end: vacancy {d['vacancy_s']:.1f} s; "
        f"pdfplumber `extract_text` alone {d['pdfplumber_s']:.1f} s in one process, {d['pdfplumber_2proc_s']:.1f} s "
        f"split over two. vacancy / pdfplumber = **{d['vacancy_s'] / d['pdfplumber_s']:.2f}** (target ≤ 0.5); "
        f"against pdfplumber on two processes {d['vacancy_s'] / d['pdfplumber_2proc_s']:.2f}.",
        "",
        f"**Peak memory per worker**: {s['worker_mb']:.0f} MB for the worker process and {s['tesseract_mb']:.0f} MB for "
        f"the tesseract it runs (sampled every 0.25 s; scanned run; {s['worker_mb'] + s['tesseract_mb']:.0f} MB together, target ≤ 400); "
        f"{d['worker_mb']:.0f} MB on digital notices.",
        "",
        f"**{m['documents']}-document batch**: {m['seconds']:.0f} s; the driver's resident memory at 10 %, 50 % and "
        f"90 % of the batch: {m['driver_mb']['10%']:.0f} / {m['driver_mb']['50%']:.0f} / {m['driver_mb']['90%']:.0f} MB "
        f"(growth {m['driver_growth_mb']:+.1f} MB); workers at most {m['worker_peak_mb']:.0f} MB.",
        "",
        "**Cost as a document grows** (one document per run, `--jobs 2`, process start included):",
        "",
        "| pages | " + " | ".join(str(row["pages"]) for row in r["curve_scan"]["rows"]) + " | fit |",
        "|---|" + "---:|" * (len(r["curve_scan"]["rows"]) + 1),
    ]
    for key, label in (("curve_scan", "scanned, s"), ("curve_digital", "digital, s")):
        c = r[key]
        lines.append(f"| {label} | " + " | ".join(f"{row['seconds']:.1f}" for row in c["rows"])
                     + f" | {c['slope_s_per_page']:.3f} s/page + {c['intercept_s']:.1f} s, R² {c['r2']:.3f} |")
    return "\n".join(lines)


def update_readme(text: str) -> None:
    import evaluate

    evaluate.update_readme(text, START, END)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", action="store_true", help="paste the results into README.md")
    parser.add_argument("--quick", action="store_true", help="a smaller run, for a look")
    parser.add_argument("--notices", type=int, default=14, help="scanned notices measured (default 14)")
    parser.add_argument("--from-json", action="store_true",
                        help="measure nothing: print (and with --readme paste) the tables of out/bench/bench.json")
    args = parser.parse_args(argv)
    if args.from_json:
        text = report(json.loads((OUT / "bench.json").read_text(encoding="utf-8")))
        print(text)
        if args.readme:
            update_readme(text)
        return 0
    for tool in ("ocrmypdf", "tesseract", "pdftoppm", "pdftotext"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed: run make bench (it installs the peers)")

    import evaluate
    import make_notices

    make_notices.register_fonts()
    notices = make_notices.load_all()
    evaluate.ensure_built(notices, make_notices.BUILD)
    build = make_notices.BUILD
    ids = sorted(n.id for n in notices)
    quick = args.quick
    results: dict = {"date": time.strftime("%Y-%m-%d"), "machine": f"{os.cpu_count()} cores, Python "
                     f"{sys.version.split()[0]}"}
    with tempfile.TemporaryDirectory(prefix="vacancy-bench-") as tmp:
        work = Path(tmp)
        results["scanned"] = scanned(build, pick(ids, 4 if quick else args.notices), work)
        results["digital"] = digital(build, ids, work)
        results["batch"] = thousand(build, ids, work, 200 if quick else 1000)
        sizes = [1, 5, 10] if quick else [1, 5, 10, 25, 50]
        print("cost per size:", flush=True)
        results["curve_scan"] = curve(build, ids, work, sizes, "scan")
        results["curve_digital"] = curve(build, ids, work, sizes, "digital")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    text = report(results)
    print()
    print(text)
    if args.readme:
        update_readme(text)
        print(f"\nREADME.md updated; {OUT / 'bench.json'} written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
