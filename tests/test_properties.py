"""Property and fuzz tests: the normalisers, the language splitter, the schema, the text stages.

Budgets: a short run in ``make test``; ``make fuzz`` sets VACANCY_FUZZ=long for a long one. A
crash these find is fixed and kept as a regression test named after it (bottom of this file).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pipeline import run_stages
from pipeline.errors import VacancyError
from pipeline.model import BBox, Document, Line, PageInfo, Word
from pipeline.normalize.dates import deadline_from, find_dates
from pipeline.normalize.money import salary_from
from pipeline.options import Options
from pipeline.stages import language
from schemas import Record

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpus" / "gold"
LONG = os.environ.get("VACANCY_FUZZ") == "long"
settings.register_profile("short", max_examples=60, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=3000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("long" if LONG else "short")
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)

EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]


# --- dates ----------------------------------------------------------------------------------

def _formats(d: dt.date) -> list[str]:
    day1 = "1er" if d.day == 1 else str(d.day)
    return [
        f"Closing date: {d.day:02d} {EN_MONTHS[d.month - 1]} {d.year}",
        f"Date de clôture : {day1} {FR_MONTHS[d.month - 1]} {d.year}",
        f"{d.isoformat()} at 23:59 (Eastern Time)",
        f"{d.day:02d}.{d.month:02d}.{d.year}, 12:00 CET",
        f"le {day1} {FR_MONTHS[d.month - 1]} {d.year} à 12 h (heure de l'Est)",
        f"{EN_MONTHS[d.month - 1]} {d.day}, {d.year}",
        f"{d.day}-{EN_MONTHS[d.month - 1][:3]}-{d.year}",
    ]


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)), st.integers(0, 6))
def test_every_deadline_format_gives_its_date(d, k):
    text = _formats(d)[k]
    assert deadline_from(text)["date"] == d, text


@given(TEXT)
def test_find_dates_never_raises(text):
    for found in find_dates(text):
        assert 0 <= found.start < found.end <= len(text) * 4 + 10  # folding may lengthen ligatures


# --- money ----------------------------------------------------------------------------------

def _group(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@given(st.integers(1, 999_999), st.sampled_from(["month", "year", "hour"]), st.sampled_from(["EUR", "CAD", "GBP", "CHF"]))
def test_every_salary_wording_gives_its_amount(amount, period, currency):
    en_period = {"month": "per month", "year": "a year", "hour": "per hour"}[period]
    fr_period = {"month": "par mois", "year": "par année", "hour": "de l'heure"}[period]
    sym = {"EUR": "€", "CAD": "$", "GBP": "£", "CHF": "CHF "}[currency]
    en = f"{sym}{_group(amount, ',')} {en_period}" if currency != "CHF" else f"CHF {_group(amount, chr(39))} {en_period}"
    fr = f"{_group(amount, ' ')} {sym.strip()} {fr_period}"
    context = "Ottawa, Ontario" if currency == "CAD" else ""
    for text in (en, fr):
        got = salary_from(text, context)
        assert got is not None, text
        assert (got["min"], got["currency"], got["period"]) == (float(amount), currency, period), text


@given(TEXT, TEXT)
def test_salary_from_never_raises(text, context):
    got = salary_from(text, context)
    if got is not None:
        assert got["min"] <= got["max"]


# --- the language splitter -------------------------------------------------------------------

def _pairs() -> list[tuple[str, str]]:
    out = []
    for path in sorted(GOLD.glob("*.json")):
        if path.name.startswith("ho-"):
            continue  # held-out notices are never looked at
        record = json.loads(path.read_text(encoding="utf-8"))
        for key in ("tasks", "essential", "competencies"):
            for item in record.get(key) or []:
                en, fr = item.get("en"), item.get("fr")
                if en and fr and len(en.split()) >= 8 and len(fr.split()) >= 8:
                    out.append((en, fr))
    return out


PAIRS = _pairs()


def _line(text: str, n: int, gap: bool) -> Line:
    words, x = [], 56.0
    for w in text.split():
        width = 5.0 * len(w)
        words.append(Word(w, BBox(x, 60 + 14 * n, x + width, 70 + 14 * n), page=1 + n // 50, size=10.0))
        x += width + 3
    return Line(words=words, page=1 + n // 50, gap_before=gap)


@given(st.lists(st.sampled_from(range(len(PAIRS))), min_size=2, max_size=8, unique=True),
       st.sampled_from(["en-fr", "fr-en", "interleaved"]))
def test_the_splitter_puts_each_half_in_its_stream(picks, arrangement):
    pairs = [PAIRS[i] for i in picks]
    if arrangement == "en-fr":
        texts = [(e, "en") for e, _ in pairs] + [(f, "fr") for _, f in pairs]
    elif arrangement == "fr-en":
        texts = [(f, "fr") for _, f in pairs] + [(e, "en") for e, _ in pairs]
    else:
        texts = [t for e, f in pairs for t in ((e, "en"), (f, "fr"))]
    doc = Document(name="x", data=b"")
    doc.lines = [_line(t, n, True) for n, (t, _) in enumerate(texts)]
    language.run(doc, Options())
    assert set(doc.languages) == {"en", "fr"}
    placed = {id(ln): lang for lang, lines in doc.streams.items() for ln in lines}
    assert len(placed) == sum(len(v) for v in doc.streams.values())  # no line in two streams
    right = sum(placed.get(id(ln)) == lang for ln, (_, lang) in zip(doc.lines, texts))
    assert right / len(texts) >= 0.9


# --- the schema ------------------------------------------------------------------------------

def _records() -> list[dict]:
    from conftest import ingest

    return [ingest(name).record.model_dump(mode="json")
            for name in ("nato-250715-digital.pdf", "news-otan-stagiaires-2021.pdf")]


RECORDS = _records()


def _strings(node, path=()):
    if isinstance(node, str):
        yield path
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _strings(v, path + (i,))


_FREE = re.compile(r"(title|organization|unit|location|schedule|contract|grade|en|fr|text|heading|url|file)$")


@given(st.sampled_from(range(len(RECORDS))), st.lists(TEXT, min_size=1, max_size=6), st.randoms())
def test_record_to_json_to_record_is_identity(k, replacements, rnd):
    data = json.loads(json.dumps(RECORDS[k]))
    free = [p for p in _strings(data) if _FREE.search(str(p[-1]))]
    for text in replacements:  # free text fields take any text at all
        node = data
        path = rnd.choice(free)
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = text
    try:
        record = Record.model_validate(data)
    except ValueError:
        assume(False)  # a value the schema refuses (an empty reference, say) is not a record
    again = Record.model_validate_json(record.model_dump_json())
    assert again == record
    assert again.model_dump(mode="json") == record.model_dump(mode="json")


# --- fuzzing the text stages ---------------------------------------------------------------

def _seed_lines() -> list[str]:
    from conftest import ingest

    return [ln.text for ln in ingest("nato-250715-digital.pdf").lines]


SEED = _seed_lines()
NOISE = st.text(alphabet=st.sampled_from(list("•·-–—*o¢«»e()[]:;.,/0123456789 ÉéàçœﬁABCxyz\t\u00ad\u200b")), max_size=12)


@st.composite
def mutated(draw):
    rnd = draw(st.randoms(use_true_random=False))
    lines = list(SEED[: draw(st.integers(5, len(SEED)))])
    for _ in range(draw(st.integers(0, 40))):
        op = rnd.randrange(7)
        i = rnd.randrange(len(lines)) if lines else 0
        if not lines:
            lines.append(draw(NOISE))
        elif op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[rnd.randrange(len(lines))])
        elif op == 2:
            j = rnd.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3:
            cut = rnd.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:cut] + draw(NOISE) + lines[i][cut:]
        elif op == 4:
            lines[i] = lines[i].upper()
        elif op == 5:
            lines[i] = draw(TEXT)
        else:
            lines[i] = lines[i][: rnd.randrange(len(lines[i]) + 1)]
    return [ln for ln in lines if ln.split()]


@given(mutated())
def test_the_text_stages_never_crash_on_mutated_notices(texts):
    assume(texts)
    doc = Document(name="fuzz.pdf", data=b"%PDF-")
    doc.sha256, doc.media_type = "0" * 64, "application/pdf"
    doc.pages = [PageInfo(number=p, width=595.0, height=842.0) for p in range(1, 2 + len(texts) // 50)]
    doc.lines = [_line(t, n, n % 4 == 0) for n, t in enumerate(texts)]
    try:
        run_stages(doc, Options(), start="language")
    except VacancyError:
        return  # a clear refusal is an allowed outcome; a crash is not
    Record.model_validate(doc.record.model_dump(mode="json"))


# --- regressions found by the tests above ----------------------------------------------------

def test_two_opening_lines_in_one_language_are_not_a_title_pair():
    """Found by test_the_splitter_puts_each_half_in_its_stream: two plainly English lines opening
    a document were taken for an English/French title pair and the first one went to French."""
    texts = [("Very good command of R or Python and of SQL.", "en"),
             ("Excellent knowledge of English and good knowledge of French.", "en"),
             ("Très bonne maîtrise de R ou de Python et du langage SQL.", "fr"),
             ("Excellente connaissance de l'anglais et bonne connaissance du français.", "fr")]
    doc = Document(name="x", data=b"")
    doc.lines = [_line(t, n, True) for n, (t, _) in enumerate(texts)]
    language.run(doc, Options())
    assert [ln.lang for ln in doc.lines] == [lang for _, lang in texts]
