"""Publishing from the record: HTML, tagged PDF, JSON-LD, review page, and their round trip."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import pdfplumber
import pytest

from pipeline.evaluate import EXACT, TEXTS
from pipeline.publish import jsonld, notice_html, notice_pdf, outputs
from pipeline.publish.view import valid_through
from pipeline.tools import weasy
from schemas import Record
from tests.roundtrip import GOLD, record_of, round_trip

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus" / "scripts"))
import make_notices  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "out" / "test-artifacts"
NORMALISED = ("reference", "schedule", "grade", "clearance", "languages", "deadline", "salary")
TEXT_FIELDS = tuple(f"{n}.{lang}" for n in ("title", "organization", "unit", "location", "contract", "start")
                    for lang in ("en", "fr"))
HOSTILE = ('<script>alert(1)</script> "onload="alert(2)" <a href="javascript:alert(3)">x</a> '
           "javascript:alert(4) <img src=x onerror=alert(5)>")


def gold(notice_id: str) -> dict:
    return json.loads((GOLD / f"{notice_id}.json").read_text(encoding="utf-8"))


class Page(HTMLParser):
    """The visible text of a page, its elements and attributes, and its JSON-LD blocks."""

    def __init__(self, html: str):
        super().__init__()
        self.text: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.jsonld: list[str] = []
        self._skip = 0
        self._script: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._skip += 1
            self._script = "" if tag == "script" and dict(attrs).get("type") == "application/ld+json" else None

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
            if self._script is not None:
                self.jsonld.append(self._script)
                self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script += data
        elif not self._skip:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.text).replace("\u202f", " ").replace("\xa0", " "))


# --- round trip ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def trips():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    ids = sorted(p.stem for p in GOLD.glob("*.json"))
    # Every notice is read back from its published PDF; a 300 dpi scan of it only for the seed and one dev notice
    # per layout family: the scan tests that OCR reads our own typesetting back, which one notice per family
    # shows, and make eval measures the scans of every notice (all of them would add two minutes of OCR here).
    family = {n.id: n.spec["family"] for n in make_notices.load_all()}
    scans, seen = [], set()
    for nid in ids:
        scans.append(not nid.startswith("ho-") and family.get(nid, nid) not in seen)
        if scans[-1]:
            seen.add(family.get(nid, nid))
    with ProcessPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        results = dict(zip(ids, pool.map(round_trip, ids, [str(ARTIFACTS)] * len(ids), scans)))
    (ARTIFACTS / "round-trip.json").write_text(json.dumps(results, indent=1, ensure_ascii=False))
    return results


@pytest.mark.parametrize("variant", ["digital", "scan"])
def test_round_trip_gives_back_normalised_values_exactly_and_texts_fuzzily(trips, variant):
    """Every development notice exactly, on the published PDF and (one per family) on its scan. The held-out third
    as a floor, on the PDF: its wording is unseen (a deadline's time zone or a label the lexicon does
    not know costs a field there, as in `make eval`); measured 2026-11-24 with 12 held-out notices:
    0.965 of its fields given back exactly on the PDF, 0.969 on the scan."""
    fields = NORMALISED + TEXT_FIELDS
    wrong = {nid: [f for f in fields if r[variant]["fields"][f] < 1.0] for nid, r in trips.items() if variant in r}
    assert {nid: f for nid, f in wrong.items() if f and not nid.startswith("ho-")} == {}
    held = [nid for nid in wrong if nid.startswith("ho-")]
    assert held or variant == "scan"
    right = sum(len(fields) - len(wrong[nid]) for nid in held)
    assert right >= 0.95 * len(fields) * len(held), {nid: wrong[nid] for nid in held if wrong[nid]}


@pytest.mark.parametrize("variant,floor", [("digital", 0.96), ("scan", 0.95)])
def test_round_trip_gives_back_lists_and_sections(trips, variant, floor):
    """Lists and section order: every development notice whole; the held-out third as a floor
    (where its headings use wording the lexicon does not know, a list comes back under another key)."""
    overall = {nid: sum(r[variant]["fields"].values()) / len(r[variant]["fields"])
               for nid, r in trips.items() if variant in r}
    dev = {nid: o for nid, o in overall.items() if not nid.startswith("ho-")}
    assert {nid: round(o, 3) for nid, o in dev.items() if o < 0.985} == {}
    assert sum(overall.values()) / len(overall) >= floor


def test_every_gold_field_is_scored_in_the_round_trip(trips):
    fields = next(iter(trips.values()))["digital"]["fields"]
    assert set(NORMALISED) <= set(fields) and set(TEXT_FIELDS) <= set(fields)
    assert set(EXACT) - {"salary_value"} <= set(fields) and {t for t in TEXTS if t != "salary_text"} <= {
        f.split(".")[0] for f in fields}


# --- HTML ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed() -> Record:
    return record_of(gold("nato-250715"))


def test_html_has_both_halves_with_lang_summary_and_every_section_in_order(seed):
    page = Page(notice_html(seed, "nato"))
    articles = [a for t, a in page.tags if t == "article"]
    assert [a["lang"] for a in articles] == ["en", "fr"]
    assert ("main", {"class": "notice bilingual"}) in page.tags
    facts = [a["data-field"] for t, a in page.tags if t == "div" and "data-field" in a]
    assert facts[:5] == ["reference", "organization", "unit", "location", "grade"]
    assert [a.get("datetime") for t, a in page.tags if t == "time"] == ["2025-06-22T23:59:00+02:00"] * 2
    keys = [a["data-key"] for t, a in page.tags if t == "section" and "data-key" in a]
    assert keys == [s.key for s in seed.sections] * 2
    text = page.visible
    for s in seed.sections:
        assert s.heading.en in text and s.heading.fr in text
    assert text.index(seed.sections[1].heading.en) < text.index(seed.sections[2].heading.en)
    assert sum(1 for t, _ in page.tags if t == "li") == 2 * sum(
        1 + len(it.children) + sum(len(c.children) for c in it.children)
        for key in ("essential", "desirable", "competencies", "tasks", "offer") for it in getattr(seed, key))


def test_a_monolingual_record_renders_one_language_without_empty_columns():
    record = record_of(gold("goc-ssc-2026-551"))
    data = record.model_dump()
    for name in ("title", "organization", "unit", "location", "contract", "start"):
        data[name]["fr"] = None
    for key in ("essential", "desirable", "competencies", "tasks", "offer"):
        for it in data[key]:
            it["fr"] = None
            for c in it["children"]:
                c["fr"] = None
    for s in data["sections"]:
        s["heading"]["fr"] = s["body"]["fr"] = None
    data["languages"] = ["en"]
    if data["salary"]:
        data["salary"]["text"]["fr"] = None
    page = Page(notice_html(Record.model_validate(data), "en-only"))
    assert [a["lang"] for t, a in page.tags if t == "article"] == ["en"]
    assert ("main", {"class": "notice monolingual"}) in page.tags
    assert len(page.jsonld) == 1


def test_a_record_without_wording_for_a_salary_prints_its_amount():
    data = gold("oecd-2026-0417")
    data["salary"]["text"] = {"en": None, "fr": None}
    record = record_of(data)
    text = Page(notice_html(record)).visible
    assert "Salary: EUR 4,210 per month" in text and "Rémunération : 4 210 EUR par mois" in text


def test_a_salary_worded_without_its_period_is_printed_with_it():
    data = gold("oecd-2026-0417")
    data["salary"]["text"] = {"en": "EUR 4,210, tax free", "fr": "4 210 EUR par mois"}
    text = Page(notice_html(record_of(data))).visible
    assert "Salary: EUR 4,210, tax free (per month)" in text and "Rémunération : 4 210 EUR par mois" in text


# --- JSON-LD -------------------------------------------------------------------------------

def test_jsonld_one_posting_per_language_linked_with_the_contract_fields(seed):
    en, fr = jsonld.postings(seed, "nato.html")
    assert (en["@id"], en["sameAs"], fr["@id"], fr["sameAs"]) == ("nato.html#job-en", "nato.html#job-fr",
                                                                  "nato.html#job-fr", "nato.html#job-en")
    assert en["title"] == seed.title.en and fr["title"] == seed.title.fr
    assert en["validThrough"] == "2025-06-22T23:59:00+02:00" == valid_through(seed)
    assert en["baseSalary"] == {"@type": "MonetaryAmount", "currency": "EUR",
                                "value": {"@type": "QuantitativeValue", "value": 1286.09, "unitText": "MONTH"}}
    assert en["identifier"] == {"@type": "PropertyValue", "value": "250715", "name": seed.organization.en}
    assert en["hiringOrganization"] == {"@type": "Organization", "name": "NATO International Staff (NATO IS)"}
    assert en["employmentUnit"]["name"] == "Public Diplomacy Division (PDD)"
    assert en["jobLocation"] == {"@type": "Place", "address": "Belgium-Brussels"}
    assert en["employmentType"] == ["FULL_TIME", "INTERN"]
    assert en["securityClearanceRequirement"] == "NS"
    assert en["qualifications"].split("\n")[0] == seed.essential[0].en
    assert en["responsibilities"].split("\n")[0] == seed.tasks[0].en
    assert en["skills"].split("\n")[0] == seed.competencies[0].en
    assert en["jobBenefits"].split("\n")[0] == seed.offer[0].en
    assert json.loads(jsonld.dumps(seed, "nato.html")) == [en, fr]


def _leaves(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, f"{path}/{k}")
    elif isinstance(node, list):
        for v in node:
            yield from _leaves(v, path)
    else:
        yield path, node


_CODES = ("@context", "@type", "@id", "sameAs", "unitText", "currency", "employmentType", "validThrough")


def _number_shown(x: float, text: str) -> bool:
    forms = {f"{x:,.2f}", f"{x:.2f}", f"{x:,.2f}".replace(",", " ").replace(".", ","), f"{x:.2f}".replace(".", ",")}
    if x == int(x):
        n = int(x)
        forms |= {str(n), f"{n:,}", f"{n:,}".replace(",", " "), f"{n:,}".replace(",", "'")}
    return any(f in text for f in forms)


@pytest.mark.parametrize("notice_id", ["nato-250715", "oecd-2026-0417", "goc-dnd-2026-123456", "geneva-2026-23"])
def test_every_jsonld_value_is_visible_on_the_page(notice_id):
    record = record_of(gold(notice_id))
    page = Page(notice_html(record, notice_id))
    text = page.visible
    postings = [json.loads(block) for block in page.jsonld]
    assert postings == jsonld.postings(record, f"{notice_id}.html")
    for posting in postings:
        for path, value in _leaves(posting):
            if path.split("/")[-1] in _CODES or path.startswith("/employmentType"):
                continue
            if isinstance(value, (int, float)):
                assert _number_shown(value, text), (path, value)
                continue
            for line in str(value).split("\n"):
                line = re.sub(r"\s+", " ", line.removeprefix("• ")).strip()
                assert line in text, (path, line)
        if "validThrough" in posting:
            assert ("time", {"datetime": posting["validThrough"]}) in page.tags


# --- PDF -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_pdf(seed) -> bytes:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = notice_pdf(seed, "nato-250715")
    (ARTIFACTS / "nato-250715.pdf").write_bytes(pdf)
    return pdf


def _arts(node: dict, langs: list[str]) -> list[str]:
    """The language tag of every article element of the structure tree, in order."""
    if node.get("type") == "Art":
        langs.append(node.get("lang"))
    for child in node.get("children", []):
        _arts(child, langs)
    return langs


def _objects(pdf: pdfplumber.PDF):
    """Every object of the file, object streams included."""
    doc = pdf.doc
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            try:
                yield doc.getobj(objid)
            except Exception:  # noqa: BLE001 - a free or broken entry is not an object to check
                continue


def test_pdf_is_tagged_with_languages_embedded_fonts_and_page_numbers(seed_pdf, tmp_path):
    path = tmp_path / "seed.pdf"
    path.write_bytes(seed_pdf)
    with pdfplumber.open(path) as pdf:
        catalog = pdf.doc.catalog
        assert "StructTreeRoot" in catalog and catalog["Lang"] == b"en"
        arts = _arts({"children": pdf.structure_tree}, [])
        assert arts == sorted(arts, key=["en", "fr"].index) and set(arts) == {"en", "fr"}  # each page's part
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # column "emb"
    with pdfplumber.open(path) as pdf:
        n = len(pdf.pages)
        first, last = pdf.pages[0].extract_text(), pdf.pages[-1].extract_text()
    assert f"Page 1 of {n}" in first and f"Page {n} sur {n}" in last


def test_pdf_text_reads_english_then_french(seed, seed_pdf, tmp_path):
    path = tmp_path / "seed.pdf"
    path.write_bytes(seed_pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", " ", text)
    en_end = max(flat.index(s.heading.en) for s in seed.sections)
    assert flat.index(seed.title.en.split(" - ")[0]) < en_end < flat.index("Programme de stages de l'OTAN")
    assert all(flat.index(s.heading.fr, en_end) > en_end for s in seed.sections if s.heading.fr != s.heading.en)


def test_pdf_fetches_nothing_outside_templates():
    html = ('<html><head><link rel="stylesheet" href="https://example.org/x.css"></head><body>'
            '<img src="file:///etc/hostname"><img src="data:image/png;base64,iVBORw0KGgo=">'
            '<link rel="stylesheet" href="notice.css"></body></html>')
    before = len(weasy.refused())
    weasy.html_to_pdf(html, ROOT / "templates")
    refused = weasy.refused()[before:]
    assert refused == ["https://example.org/x.css", "file:///etc/hostname", "data:image/png;base64,iVBORw0KGgo="]


# --- inert notice text -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile() -> Record:
    data = gold("oecd-2026-0417")
    data["title"]["en"] = "Analyst " + HOSTILE
    data["tasks"][0]["en"] = "Analyse data " + HOSTILE
    data["sections"][0]["body"] = {"en": "About us " + HOSTILE + " see https://careers.example.org/x?a=1&b=2.",
                                   "fr": None}
    return record_of(data)


def _assert_inert(page: Page, allowed_scripts: int) -> None:
    scripts = [a for t, a in page.tags if t == "script"]
    assert len(scripts) == allowed_scripts and all(a == {"type": "application/ld+json"} for a in scripts)
    assert not [(t, k) for t, a in page.tags for k in a if k.startswith("on")]
    assert not [t for t, _ in page.tags if t in ("img", "iframe", "object", "embed")] or \
        all(a.get("src", "").startswith("data:image/jpeg") for t, a in page.tags if t == "img")
    hrefs = [a["href"] for t, a in page.tags if t == "a"]
    assert all(h.startswith(("http://", "https://", "#")) for h in hrefs), hrefs


def test_hostile_text_is_inert_in_the_html_and_jsonld(hostile):
    html = notice_html(hostile, "hostile")
    page = Page(html)
    _assert_inert(page, allowed_scripts=2)
    assert '<script>alert(1)</script> "onload="alert(2)"' in page.visible
    assert "https://careers.example.org/x?a=1&b=2" in [a["href"] for t, a in page.tags if t == "a"]
    assert "</script>" not in "".join(page.jsonld) and json.loads(page.jsonld[0])["title"].endswith(HOSTILE)


def test_hostile_text_is_inert_in_the_pdf(hostile, tmp_path):
    path = tmp_path / "hostile.pdf"
    path.write_bytes(notice_pdf(hostile, "hostile"))
    with pdfplumber.open(path) as doc:
        keys = {k for obj in _objects(doc) if isinstance(obj, dict) for k in obj}
        assert not keys & {"JS", "JavaScript", "Launch", "OpenAction", "AA", "EmbeddedFiles"}
        uris = [h["uri"] for p in doc.pages for h in p.hyperlinks]
        assert set(uris) == {"https://careers.example.org/x?a=1&b=2", "https://careers.example.org/jobs/2026-0417"}
        text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in doc.pages))
    assert "<script>alert(1)</script>" in text and 'href="javascript:alert(3)"' in text


def test_hostile_text_is_inert_in_the_review_page(inbox):
    from tests.conftest import ingest

    record = ingest("nato-250715-digital.pdf").record
    data = record.model_dump()
    data["title"]["en"] = HOSTILE
    data["warnings"] = [{"code": "x", "field": None, "message": HOSTILE}]
    record = Record.model_validate(data)
    html = outputs(record, "r", ["review"], source=(inbox / "nato-250715-digital.pdf").read_bytes())["r.review.html"]
    page = Page(html)
    _assert_inert(page, allowed_scripts=0)
    assert "<script>alert(1)</script>" in page.visible


# --- review page ---------------------------------------------------------------------------

def test_review_page_shows_pages_boxes_and_what_to_check_first(inbox):
    from tests.conftest import ingest

    record = ingest("nato-250715-scan.pdf").record
    data = record.model_dump()
    data["provenance"]["/reference"][0]["confidence"] = 41.0
    data["warnings"] = [{"code": "languages_disagree", "field": "/grade", "message": "EN says A2, FR says A3"}]
    record = Record.model_validate(data)
    html = outputs(record, "scan", ["review"], source=(inbox / "nato-250715-scan.pdf").read_bytes())["scan.review.html"]
    page = Page(html)
    assert sum(1 for t, a in page.tags if t == "img") == record.source.pages
    boxes = [a for t, a in page.tags if t == "div" and a.get("class", "").startswith("box")]
    assert len(boxes) == sum(len(v) for v in record.provenance.values())
    text = page.visible
    check = text[text.index("To check first"):text.index("#", text.index("To check first") + 20)]
    assert "languages_disagree /grade : EN says A2, FR says A3" in check
    assert text.index("languages_disagree") < text.index("/reference read with OCR confidence 41.0")


def test_review_refuses_a_source_that_is_not_the_records(inbox):
    from pipeline.errors import RenderError
    from tests.conftest import ingest

    record = ingest("nato-250715-digital.pdf").record
    with pytest.raises(RenderError, match=r"^the source given is not the file this record was read from"):
        outputs(record, "x", ["review"], source=(inbox / "nato-250715-scan.pdf").read_bytes())


# --- command line --------------------------------------------------------------------------

def run(*args):
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True, timeout=600)


def test_render_command_writes_every_format_and_fails_one_record_alone(tmp_path, inbox):
    good = tmp_path / "nato.json"
    from tests.conftest import ingest

    good.write_text(json.dumps(ingest("nato-250715-digital.pdf").record.model_dump(mode="json")))
    bad = tmp_path / "gold.json"
    bad.write_text(json.dumps(gold("nato-250715")))
    out = tmp_path / "out"
    proc = run("render", str(good), str(bad), "-o", str(out), "--format", "html,pdf,jsonld,review",
               "--source", str(inbox / "nato-250715-digital.pdf"))
    assert proc.returncode == 2
    assert proc.stderr.strip() == "vacancy: error: --source names one document: render one record at a time with it"
    proc = run("render", str(good), str(bad), "-o", str(out))
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines() == [
        "ok    nato.json -> nato.html, nato.pdf, nato.jsonld",
        "FAIL  gold.json: gold.json is not a valid record (source: Field required): fix it as 'vacancy schema' "
        "describes -> gold.error.json",
        "1 rendered, 1 failed"]
    assert sorted(p.name for p in out.iterdir()) == ["gold.error.json", "nato.html", "nato.jsonld", "nato.pdf"]
    assert json.loads((out / "gold.error.json").read_text())["error"] == "render_error"
    proc = run("render", str(good), "-o", str(out), "--format", "review")
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0] == ("FAIL  nato.json: --format review needs the document the record was "
                                           "read from: pass --source FILE -> nato.error.json")


def test_ingest_format_writes_the_record_and_its_publications(tmp_path, inbox):
    proc = run("ingest", str(inbox / "nato-250715-digital.pdf"), "-o", str(tmp_path), "--format", "html,jsonld,review")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "nato-250715-digital.html", "nato-250715-digital.json", "nato-250715-digital.jsonld",
        "nato-250715-digital.review.html"]
    proc = run("ingest", str(inbox / "nato-250715-digital.pdf"), "-o", str(tmp_path), "--format", "docx")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1] == (
        "vacancy: error: unknown --format docx: choose from json, html, pdf, jsonld, review, text")
