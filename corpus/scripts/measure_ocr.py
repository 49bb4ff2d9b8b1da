#!/usr/bin/env python
"""Measure tesseract language-set and render-resolution settings on the corpus.

Usage: python corpus/scripts/measure_ocr.py [--notices a,b,...] [--jobs 2] [--out DIR]

Reads corpus/build/<notice>/{digital,scan,hard}.pdf (never the held-out ho-* notices), writes PNGs,
tesseract outputs and results.json under out/measure-ocr, prints summary tables: seconds per page
and character error rate (against pdftotext of the digital PDF, in order and word-order-free) for
-l eng+fra, fra+eng, eng, fra, and for the hard scans at their own 200 dpi against 300 dpi. The
figures behind the OCR policy in README ("OCR only where it pays"); takes about 14 minutes.
"""
import argparse
import json
import os
import random
import re
import statistics
import subprocess
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2
from rapidfuzz.distance import Levenshtein

REPO = Path(__file__).resolve().parents[2]
BUILD = REPO / "corpus" / "build"
OUT = REPO / "out" / "measure-ocr"
LANGS = ["eng+fra", "fra+eng", "eng", "fra"]
ACCENTS = "éèàçê"
FR_WORDS = {"le", "la", "les", "des", "et", "du", "pour", "dans", "une"}
EN_WORDS = {"the", "and", "of", "to", "for", "in", "with", "is"}


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def cer(hyp, ref):
    h, r = norm(hyp), norm(ref)
    return Levenshtein.distance(h, r) / max(1, len(r))


def cer_sorted(hyp, ref):
    h = " ".join(sorted(norm(hyp).split()))
    r = " ".join(sorted(norm(ref).split()))
    return Levenshtein.distance(h, r) / max(1, len(r))


def gold_page(notice, n):
    return subprocess.run(
        ["pdftotext", "-f", str(n), "-l", str(n), str(BUILD / notice / "digital.pdf"), "-"],
        check=True, capture_output=True, text=True).stdout


def page_lang(text):
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    fr = sum(w in FR_WORDS for w in words)
    en = sum(w in EN_WORDS for w in words)
    share = fr / (fr + en) if fr + en else 0.5
    cls = "fr" if share >= 0.7 else "en" if share <= 0.3 else "mixed"
    return cls, fr, en


def render(notice, doc, page_idx, dpi):
    out = OUT / "png" / f"{notice}__{doc}__p{page_idx + 1}__{dpi}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    pdf = pypdfium2.PdfDocument(str(BUILD / notice / f"{doc}.pdf"))
    img = pdf[page_idx].render(scale=dpi / 72, grayscale=True).to_pil()
    t_render = time.perf_counter() - t0
    img.save(out)
    pdf.close()
    return out, t_render, img.size


def run_tess(job):
    png, langs = job["png"], job["langs"]
    base = OUT / "txt" / f"{Path(png).stem}__{langs}"
    base.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    t0 = time.perf_counter()
    subprocess.run(["tesseract", str(png), str(base), "-l", langs, "--psm", "3", "quiet"],
                   check=True, env=env, capture_output=True)
    job["seconds"] = time.perf_counter() - t0
    job["hyp"] = Path(str(base) + ".txt").read_text(encoding="utf-8")
    return job


def main():
    global OUT
    ap = argparse.ArgumentParser()
    ap.add_argument("--notices", default="", help="comma list; default all non-ho- folders")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default=str(OUT), help="work dir (PNGs, txt, results.json)")
    args = ap.parse_args()
    OUT = Path(args.out)

    notices = args.notices.split(",") if args.notices else sorted(
        d.name for d in BUILD.iterdir() if d.is_dir() and not d.name.startswith("ho-"))
    assert not any(n.startswith("ho-") for n in notices)

    pages = []  # (notice, idx)
    for nt in notices:
        npages = len(pypdfium2.PdfDocument(str(BUILD / nt / "digital.pdf")))
        pages += [(nt, i) for i in range(npages)]
    print(f"{len(notices)} notices, {len(pages)} pages", flush=True)

    gold, pinfo, renders = {}, {}, []
    jobs = []
    for nt, i in pages:
        g = gold_page(nt, i + 1)
        gold[(nt, i)] = g
        pinfo[(nt, i)] = page_lang(g)
        # (doc, dpi, language sets)
        plan = [("scan", 300, LANGS), ("hard", 200, LANGS),
                ("hard", 300, ["eng+fra"]), ("scan", 200, ["eng+fra"])]
        for doc, dpi, langsets in plan:
            png, tr, size = render(nt, doc, i, dpi)
            renders.append(dict(notice=nt, page=i + 1, doc=doc, dpi=dpi, render_s=tr, size=size))
            for L in langsets:
                jobs.append(dict(notice=nt, page=i + 1, doc=doc, dpi=dpi, langs=L, png=str(png)))
    print(f"{len(jobs)} tesseract runs", flush=True)

    # shuffle so every setting sees the same mix of concurrency / pages over time
    random.Random(0).shuffle(jobs)
    t0 = time.perf_counter()
    done = []
    with ThreadPoolExecutor(max_workers=args.jobs) as ex:
        for k, j in enumerate(ex.map(run_tess, jobs), 1):
            ref = gold[(j["notice"], j["page"] - 1)]
            j["cer"] = cer(j["hyp"], ref)
            j["cer_sorted"] = cer_sorted(j["hyp"], ref)
            j["lang_class"], j["fr_words"], j["en_words"] = pinfo[(j["notice"], j["page"] - 1)]
            j["acc_hyp"] = {c: j["hyp"].count(c) for c in ACCENTS}
            j["acc_ref"] = {c: ref.count(c) for c in ACCENTS}
            done.append(j)
            if k % 50 == 0:
                print(f"  {k}/{len(jobs)} runs, {time.perf_counter() - t0:.0f}s", flush=True)
    print(f"tesseract wall time {time.perf_counter() - t0:.0f}s", flush=True)

    (OUT / "results.json").write_text(json.dumps(
        dict(notices=notices, renders=renders,
             runs=[{k: v for k, v in j.items() if k != "hyp"} for j in done]), indent=1))
    report(done, renders, pinfo)


def mean(xs):
    return sum(xs) / len(xs) if xs else float("nan")


def report(runs, renders, pinfo):
    cls_n = defaultdict(int)
    for (nt, i), (c, fr, en) in pinfo.items():
        cls_n[c] += 1
    print("\nPage classes (gold):", dict(cls_n))

    def row(label, rs):
        return (f"{label:<28} n={len(rs):>3}  s/page={mean([r['seconds'] for r in rs]):6.2f}"
                f" (median {statistics.median([r['seconds'] for r in rs]):5.2f})"
                f"  CER={100 * mean([r['cer'] for r in rs]):6.2f}%"
                f"  sortedCER={100 * mean([r['cer_sorted'] for r in rs]):6.2f}%")

    print("\n== Q1 language sets (psm 3; scan@300, hard@200) ==")
    for doc, dpi in [("scan", 300), ("hard", 200)]:
        for cls in ["all", "en", "fr", "mixed"]:
            print(f"-- {doc}.pdf @{dpi} dpi, pages: {cls}")
            for L in LANGS:
                rs = [r for r in runs if r["doc"] == doc and r["dpi"] == dpi and r["langs"] == L
                      and (cls == "all" or r["lang_class"] == cls)]
                if rs:
                    print("  " + row(f"-l {L}", rs))
    print("-- both docs pooled, all pages")
    for L in LANGS:
        rs = [r for r in runs if (r["doc"], r["dpi"]) in {("scan", 300), ("hard", 200)} and r["langs"] == L]
        print("  " + row(f"-l {L}", rs))

    print("\n== Q1 accented characters (output count / gold count, summed over pages;"
          " recall = sum over pages and chars of min(out, gold) / gold) ==")
    for doc, dpi in [("scan", 300), ("hard", 200)]:
        for L in LANGS:
            rs = [r for r in runs if r["doc"] == doc and r["dpi"] == dpi and r["langs"] == L]
            parts, th, tg = [], 0, 0
            rec = sum(min(r["acc_hyp"][c], r["acc_ref"][c]) for r in rs for c in ACCENTS)
            for c in ACCENTS:
                h = sum(r["acc_hyp"][c] for r in rs)
                g = sum(r["acc_ref"][c] for r in rs)
                th += h
                tg += g
                parts.append(f"{c} {h}/{g}")
            flag = "  <-- LOSES ACCENTS" if tg and rec / tg < 0.9 else ""
            print(f"  {doc}@{dpi} -l {L:<8} " + "  ".join(parts) + f"  total {th}/{tg} ({100 * th / max(1, tg):.1f}%)"
                  f"  per-page recall {100 * rec / max(1, tg):.1f}%{flag}")

    print("\n== Q2 resolution (-l eng+fra) ==")
    for doc, dpis in [("hard", (200, 300)), ("scan", (300, 200))]:
        for dpi in dpis:
            rs = [r for r in runs if r["doc"] == doc and r["dpi"] == dpi and r["langs"] == "eng+fra"]
            rr = [r["render_s"] for r in renders if r["doc"] == doc and r["dpi"] == dpi]
            print("  " + row(f"{doc}.pdf rendered @{dpi}", rs) + f"  render={mean(rr):.2f}s")
    # paired per-page comparison
    for doc, a, b in [("hard", 200, 300), ("scan", 300, 200)]:
        key = lambda r: (r["notice"], r["page"])
        A = {key(r): r for r in runs if r["doc"] == doc and r["dpi"] == a and r["langs"] == "eng+fra"}
        B = {key(r): r for r in runs if r["doc"] == doc and r["dpi"] == b and r["langs"] == "eng+fra"}
        better = sum(B[k]["cer"] < A[k]["cer"] - 1e-9 for k in A)
        worse = sum(B[k]["cer"] > A[k]["cer"] + 1e-9 for k in A)
        print(f"  {doc}: @{b} vs @{a}: CER lower on {better} pages, higher on {worse}, of {len(A)}")

    print("\n== per notice (eng+fra, CER%) scan@300 / scan@200 / hard@200 / hard@300 ==")
    by = defaultdict(dict)
    for r in runs:
        if r["langs"] == "eng+fra":
            by[r["notice"]].setdefault((r["doc"], r["dpi"]), []).append(r["cer"])
    for nt in sorted(by):
        d = by[nt]
        print(f"  {nt:<26} " + " / ".join(f"{100 * mean(d[k]):5.2f}" for k in
                                           [("scan", 300), ("scan", 200), ("hard", 200), ("hard", 300)]))


if __name__ == "__main__":
    main()
