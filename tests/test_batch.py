"""The batch at scale: kill -9 and resume, the content-hash cache, Ray, crashed workers, progress.

Inputs are documents of the layout-family corpus (corpus/build, built once by the ``built``
fixture). Records made by the batch are compared with the library's own (``ingest_path``): the
batch spreads pages over processes but must give exactly the same record.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import Future
from pathlib import Path

import jsonschema
import pytest

from pipeline import ingest_path, publish
from pipeline.batch import Batch
from pipeline.files import remove_stale_temporaries
from pipeline.options import Options
from pipeline.tools import tesseract
from schemas import json_schema

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "corpus" / "build"
FAKES = Path(__file__).parent / "fakes"
DIGITAL = ["coe-e05-2026", "coe-e12-2026", "geneva-2026-17", "goc-dnd-2026-123456", "marcom-2026-07",
           "ncia-2026-041", "oecd-2026-0388", "oecd-2026-0417"]


def vacancy(*args, env=None, **kwargs):
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True,
                          timeout=600, env={**os.environ, **(env or {})}, **kwargs)


def record_json(path: Path) -> str:
    """What the library makes of a file, as the batch writes it."""
    return publish.outputs(ingest_path(path).record, "x", ["json"])["x.json"]


def visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


@pytest.fixture
def inputs(built, tmp_path):
    """Eight digital notices and two page images (OCR) in one folder."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in DIGITAL:
        shutil.copy(BUILD / name / "digital.pdf", folder / f"{name}.pdf")
    for name in ("nato-ypp-poster-2026", "goc-student-poster-2026"):
        shutil.copy(BUILD / name / "image.png", folder / f"{name}.png")
    return folder


def test_kill_9_then_resume_finishes_the_rest_and_leaves_nothing_partial(inputs, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "ingest", str(inputs), "-o", str(out), "--jobs", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and len(list(out.glob("*.json"))) < 3:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and its workers, mid-batch
    proc.wait()
    before = visible(out)
    assert 3 <= len(before) < 10, before
    schema = json_schema()
    for name in before:  # whatever is there is whole
        jsonschema.validate(json.loads((out / name).read_text(encoding="utf-8")), schema)
    markers = len(list((out / ".vacancy-cache" / "done").glob("*.json")))

    again = vacancy("ingest", str(inputs), "-o", str(out), "--jobs", "2")
    assert again.returncode == 0, again.stdout + again.stderr
    files_row = next(line for line in again.stdout.splitlines() if line.startswith("files"))
    cached = int(files_row.split("ok, ")[1].split()[0])
    assert cached >= markers >= 1
    assert again.stdout.splitlines()[-1] == "10 succeeded, 0 failed"
    assert visible(out) == sorted(f"{p.stem}.json" for p in inputs.iterdir())
    assert not [p for p in out.rglob("*.tmp")]
    for path in sorted(inputs.iterdir()):
        assert (out / f"{path.stem}.json").read_text(encoding="utf-8") == record_json(path), path.name


def test_the_cache_skips_unchanged_files_and_redoes_changed_ones(built, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in DIGITAL[:3]:
        shutil.copy(BUILD / name / "digital.pdf", src / f"{name}.pdf")
    out = tmp_path / "out"
    first = vacancy("ingest", str(src), "-o", str(out))
    assert first.returncode == 0 and "from the cache" in first.stdout
    assert "3 ok, 0 from the cache" in first.stdout

    second = vacancy("ingest", str(src), "-o", str(out))
    assert "3 ok, 3 from the cache" in second.stdout
    assert all(", cached -> " in line for line in second.stdout.splitlines()[:3])

    changed = src / f"{DIGITAL[1]}.pdf"
    changed.write_bytes(changed.read_bytes() + b"\n% an incremental save\n")
    third = vacancy("ingest", str(src), "-o", str(out))
    assert "3 ok, 2 from the cache" in third.stdout
    assert [line.split(":")[0] for line in third.stdout.splitlines()[:3] if ", cached -> " not in line] == [
        f"ok    {DIGITAL[1]}.pdf"]

    # the same bytes under another name, and a format not made before: published from the stored record
    shutil.copy(src / f"{DIGITAL[0]}.pdf", src / "copy.pdf")
    fourth = vacancy("ingest", str(src), "-o", str(out), "--format", "jsonld")
    assert "4 ok, 4 from the cache" in fourth.stdout
    assert (out / "copy.json").read_text() == (out / f"{DIGITAL[0]}.json").read_text()
    assert json.loads((out / "copy.jsonld").read_text())

    assert "4 ok, 0 from the cache" in vacancy("ingest", str(src), "-o", str(out), "--no-cache").stdout
    # a limit that changes records is part of the cache key
    assert "4 ok, 0 from the cache" in vacancy("ingest", str(src), "-o", str(out), "--max-pages", "50").stdout


def test_ray_gives_the_same_outputs_as_the_local_pool(built, tmp_path):
    pytest.importorskip("ray")
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(BUILD / DIGITAL[0] / "digital.pdf", src / "digital.pdf")
    shutil.copy(BUILD / "goc-student-poster-2026" / "image.png", src / "poster.png")
    shutil.copy(BUILD / "coe-e12-2026" / "scan.pdf", src / "scan.pdf")
    (src / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<<")
    local, ray = tmp_path / "local", tmp_path / "ray"
    a = vacancy("ingest", str(src), "-o", str(local), "--jobs", "2")
    b = vacancy("ingest", str(src), "-o", str(ray), "--jobs", "2", "--executor", "ray",
                env={"RAY_ADDRESS": "", "RAY_AUTH_MODE": "disabled"})
    assert (a.returncode, b.returncode) == (1, 1), b.stderr[-2000:]
    assert "ray, 2 workers" in b.stdout
    assert visible(local) == visible(ray) == ["broken.error.json", "digital.json", "poster.json", "scan.json"]
    for name in visible(local):
        assert (local / name).read_bytes() == (ray / name).read_bytes(), name


def test_a_worker_that_dies_is_retried_once_then_reported_and_the_batch_goes_on(built, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(BUILD / DIGITAL[0] / "digital.pdf", src / "good.pdf")
    shutil.copy(BUILD / "goc-student-poster-2026" / "image.png", src / "poster.png")
    out = tmp_path / "out"
    proc = vacancy("ingest", str(src), "-o", str(out), "--jobs", "1",
                   env={"VACANCY_TESSERACT": str(FAKES / "tesseract-kills-its-worker")})
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert json.loads((out / "poster.error.json").read_text()) == {
        "file": "poster.png", "error": "worker_crashed",
        "message": "the worker reading it died twice (BrokenProcessPool): the file may need more memory than "
                   "--max-memory allows; split it or raise the limit"}
    assert json.loads((out / "good.json").read_text())["reference"]
    assert proc.stdout.splitlines()[-1] == "1 succeeded, 1 failed"


def test_an_ocr_timeout_kills_tesseract_and_everything_it_started(tmp_path, monkeypatch):
    pidfile = tmp_path / "child.pid"
    monkeypatch.setenv("VACANCY_FAKE_PIDFILE", str(pidfile))
    start = time.monotonic()
    with pytest.raises(tesseract.OcrTimeout) as err:
        tesseract._run([str(FAKES / "tesseract-hangs-with-a-child"), "page.png", "stdout"], 3, 1.0)
    assert str(err.value) == "page 3: OCR took longer than 1s: raise --ocr-timeout or split the file"
    assert time.monotonic() - start < 30  # not the fake's 300 s
    child = int(pidfile.read_text())
    time.sleep(0.2)
    status = Path(f"/proc/{child}/status")
    assert not status.exists() or "State:\tZ" in status.read_text()  # gone (or a zombie awaiting its reaper)


class _Inline:
    """An executor that runs each task at once, in this process."""

    name, jobs, crashed = "inline", 1, ()

    def source(self, path, data):
        return str(path)

    def submit(self, fn, *args):
        fut = Future()
        fut.set_result(fn(*args))
        return fut

    def restart(self):
        pass


def test_the_driver_holds_a_bounded_window_of_documents(built, tmp_path):
    """Memory stays flat over any batch size: never more than the window open at once."""
    files = []
    for i in range(12):
        path = tmp_path / f"n{i:02d}.pdf"
        path.write_bytes((BUILD / DIGITAL[i % len(DIGITAL)] / "digital.pdf").read_bytes() + f"\n%{i}\n".encode())
        files.append(path)
    batch = Batch(files, tmp_path / "out", Options(), _Inline())
    outcomes = list(batch.run())
    assert [o.ok for o in outcomes] == [True] * 12
    assert batch.peak_open <= batch.window == 2


def test_progress_bar_on_a_terminal_only_and_a_summary_table(built, tmp_path):
    src = BUILD / DIGITAL[0] / "digital.pdf"
    quiet = vacancy("ingest", str(src), "-o", str(tmp_path / "a"))
    assert "pages/s" not in quiet.stderr
    rows = [line.split()[0] for line in quiet.stdout.splitlines()[1:-1]]
    assert rows == ["files", "pages", "OCR'd", "warnings", "failures", "time", "peak"]
    shown = vacancy("ingest", str(src), "-o", str(tmp_path / "b"), "--progress", "on")
    assert "1/1 files" in shown.stderr and "pages/s" in shown.stderr and " left" in shown.stderr


def test_stale_temporaries_of_a_killed_run_are_removed(tmp_path):
    (tmp_path / ".notice.json.ab12_xYz.tmp").write_text("{\"half")
    (tmp_path / "notice.json").write_text("{}")
    (tmp_path / ".keep").write_text("")
    assert remove_stale_temporaries(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [".keep", "notice.json"]
