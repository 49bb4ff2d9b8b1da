"""The command line: exit codes, outputs, one-line errors, the batch going on."""
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from pipeline.cli import main

SAMPLES = Path(__file__).parent / "samples"


def run(*args):
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True, timeout=300)


def test_schema_command_prints_the_json_schema_and_records_validate(tmp_path, inbox):
    proc = run("schema")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    assert schema["title"] == "Vacancy notice record 1.0"
    proc = run("ingest", str(inbox / "nato-250715-digital.pdf"), "-o", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    record = json.loads((tmp_path / "nato-250715-digital.json").read_text())
    jsonschema.validate(record, schema)
    assert proc.stdout.splitlines()[0].startswith("ok    nato-250715-digital.pdf: 11 pages, ")
    assert proc.stdout.splitlines()[-1] == "1 succeeded, 0 failed"


def test_bad_files_fail_alone_and_the_batch_goes_on(tmp_path, inbox):
    batch = tmp_path / "in"
    batch.mkdir()
    (batch / "empty.pdf").write_bytes(b"")
    (batch / "random.pdf").write_bytes(bytes(range(256)) * 8)
    (batch / "page.html").write_text("<!DOCTYPE html><html><body>Vacancy</body></html>")
    (batch / "good.pdf").write_bytes((inbox / "nato-250715-digital.pdf").read_bytes())
    out = tmp_path / "out"
    proc = run("ingest", str(batch), "-o", str(out), "--jobs", "1")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert json.loads((out / "empty.error.json").read_text()) == {
        "file": "empty.pdf", "error": "empty_input",
        "message": "empty file (0 bytes): the download or copy did not complete; fetch it again"}
    assert json.loads((out / "random.error.json").read_text())["message"] == (
        "unsupported input: not a PDF or an image; give a PDF, PNG, JPEG or TIFF (export or print it to PDF first)")
    assert json.loads((out / "page.error.json").read_text())["message"].startswith("unsupported input: an HTML page;")
    assert json.loads((out / "good.json").read_text())["reference"] == "250715"
    assert proc.stdout.splitlines()[-1] == "1 succeeded, 3 failed"
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["empty.error.json", "good.json", "page.error.json", "random.error.json"]


def test_truncated_pdf_is_a_clear_error(tmp_path, inbox):
    data = (inbox / "nato-250715-digital.pdf").read_bytes()
    bad = tmp_path / "cut.pdf"
    bad.write_bytes(data[:400])
    proc = run("ingest", str(bad), "-o", str(tmp_path / "o"))
    assert proc.returncode == 1
    err = json.loads((tmp_path / "o" / "cut.error.json").read_text())
    assert err["error"] in ("damaged_input", "empty_input", "no_text")
    assert "\n" not in err["message"]


@pytest.mark.parametrize("args, message", [
    (["ingest", "no/such/file.pdf", "-o", "x"], "vacancy: error: no such file or folder: no/such/file.pdf"),
    (["ingest", "README.md", "-o", "x", "--format", "docx"], "vacancy: error: unknown --format docx: choose from json, html, pdf, jsonld, review, text"),
    (["ingest", "README.md", "-o", "x", "--jobs", "0"], "vacancy: error: --jobs must be at least 1"),
])
def test_usage_errors_exit_2_with_one_line(args, message, capsys):
    assert main(args) == 2
    assert capsys.readouterr().err.strip() == message


def test_missing_output_option_is_a_usage_error():
    proc = run("ingest", "README.md")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1] == "vacancy: error: the following arguments are required: -o/--output"


def test_same_stem_twice_gets_two_outputs(tmp_path, inbox):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    for d in (a, b):
        (d / "notice.pdf").write_bytes((inbox / "news-otan-stagiaires-2021.pdf").read_bytes())
    proc = run("ingest", str(a), str(b), "-o", str(tmp_path / "o"))
    assert proc.returncode == 0
    assert sorted(p.name for p in (tmp_path / "o").iterdir() if not p.name.startswith(".")) == ["notice-2.json", "notice.json"]
