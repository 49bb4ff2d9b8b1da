"""The bad-input corpus (corpus/scripts/make_bad.py) through one batch, with good notices in it.

Every bad file ends as ``<stem>.error.json`` with its one-line reason (or as a record with the
warning it deserves), the batch exits 1, nothing is written outside ``-o``, no traceback is
printed without ``-v``, and the good notices of the same batch give their correct records.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "corpus" / "scripts"))

import make_bad  # noqa: E402

from pipeline.batch import safe_stem  # noqa: E402


def vacancy(*args):
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def batch(tmp_path_factory, built):
    root = tmp_path_factory.mktemp("bad")
    folder = root / "in" / "bad"
    make_bad.build(folder)
    shutil.copy(ROOT / "corpus" / "inbox" / "nato-250715-digital.pdf", folder / "good-nato.pdf")
    shutil.copy(ROOT / "corpus" / "build" / "oecd-2026-0417" / "scan.pdf", folder / "good-oecd-scan.pdf")
    (folder / "sub").mkdir()
    out = root / "out"
    # the folder is given through a path with "../" in it
    proc = vacancy("ingest", str(folder / "sub" / ".."), "-o", str(out), "--format", "json,html,jsonld")
    return root, out, proc


def test_one_batch_exits_1_without_a_traceback(batch):
    _root, _out, proc = batch
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    failed = sum(1 for code, _ in make_bad.EXPECTED.values() if code != "record")
    ok = len(make_bad.EXPECTED) - failed + 2
    assert proc.stdout.splitlines()[-1] == f"{ok} succeeded, {failed} failed"


@pytest.mark.parametrize("name", sorted(make_bad.EXPECTED))
def test_each_bad_file_ends_as_expected(batch, name):
    _root, out, _proc = batch
    code, expected = make_bad.EXPECTED[name]
    stem = safe_stem(name)
    if code == "record":
        record = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
        assert not (out / f"{stem}.error.json").exists()
        if expected:
            assert expected in [w["code"] for w in record["warnings"]]
        return
    error = json.loads((out / f"{stem}.error.json").read_text(encoding="utf-8"))
    assert error["file"] == name
    assert error["error"] == code
    assert error["message"].startswith(expected), error["message"]
    assert "\n" not in error["message"]
    assert not (out / f"{stem}.json").exists()


def test_the_good_notices_of_the_batch_are_right(batch, gold):
    _root, out, _proc = batch
    nato = json.loads((out / "good-nato.json").read_text(encoding="utf-8"))
    for key in ("reference", "deadline", "salary", "grade", "clearance", "languages"):
        assert nato[key] == gold[key], key
    oecd_gold = json.loads((ROOT / "corpus" / "gold" / "oecd-2026-0417.json").read_text(encoding="utf-8"))
    oecd = json.loads((out / "good-oecd-scan.json").read_text(encoding="utf-8"))
    for key in ("reference", "deadline", "salary"):
        assert oecd[key] == oecd_gold[key], key


def test_nothing_is_written_outside_the_output_folder(batch):
    root, out, _proc = batch
    assert sorted(p.name for p in root.iterdir()) == ["in", "out"]
    assert all(p.parent == out for p in out.iterdir() if not p.name.startswith("."))
    assert (out / "avis_.._.._été.json").exists()
    assert (out / "Offre_d_emploi_été_2026_copie.json").exists()


def test_hostile_text_stays_text_in_what_is_published(batch):
    _root, out, _proc = batch
    html = (out / "hostile-notice.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html and "<iframe" not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(" in html
    # the JSON-LD inside the page cannot close its <script> early; only JSON-LD scripts exist
    assert html.count("<script") == html.count("</script>") == html.count('<script type="application/ld+json">')
    postings = json.loads((out / "hostile-notice.jsonld").read_text(encoding="utf-8"))  # data: the text as written
    assert any("<script>alert('title')</script>" in p["title"] for p in postings)


def test_tracebacks_only_with_verbose(tmp_path):
    (tmp_path / "empty.pdf").write_bytes(b"")
    quiet = vacancy("ingest", str(tmp_path / "empty.pdf"), "-o", str(tmp_path / "a"))
    loud = vacancy("ingest", str(tmp_path / "empty.pdf"), "-o", str(tmp_path / "b"), "-v")
    assert (quiet.returncode, loud.returncode) == (1, 1)
    assert "Traceback" not in quiet.stderr and "Traceback" in loud.stderr


def test_memory_per_worker_is_a_limit_with_a_clear_error(tmp_path, inbox):
    proc = vacancy("ingest", str(inbox / "nato-250715-digital.pdf"), "-o", str(tmp_path), "--max-memory", "120")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert json.loads((tmp_path / "nato-250715-digital.error.json").read_text()) == {
        "file": "nato-250715-digital.pdf", "error": "out_of_memory",
        "message": "ran out of memory: raise --max-memory or split the file"}
