"""Fields: per language, the contract's values read from header fields and running text.

Owns ``doc.values``: ``{lang: {name: Value}}``. Language-neutral values
(reference, deadline, salary, grade, clearance, schedule) are normalised here;
text values keep the wording as printed.
"""
from __future__ import annotations

import re

from pipeline import orgs, prose
from pipeline.data import load
from pipeline.lexicon import title_suffix, unit_part_words, unit_words
from pipeline.model import Document, Line, Value, paragraphs
from pipeline.normalize.dates import deadline_from, find_dates, when_starts
from pipeline.normalize.money import salary_from
from pipeline.options import Options
from pipeline.stages.sections import Parsed
from pipeline.text import fold, squash, unaccent, label_value, whole_words

_TITLE_REF = re.compile(r"\s*[(\[]\s*(?:ref\.?|no\.?|n°)?\s*([A-Za-z]{0,4}[\d][\w/.\-]*)\s*[)\]]\s*$", re.I)
_YEAR = re.compile(r"\b20\d\d\b")
_DAY_MONTH = r"(\d{1,2}(?:er|st|nd|rd|th)?\s+[A-Za-zéûÉÛ]{3,9})"
# a period in the same year: "from 1 June to 30 September 2026", "du 1er juin au 30 septembre 2026"
_PERIOD = {"en": re.compile(rf"\bfrom\s+{_DAY_MONTH}\s+(?:to|until|through)\s+\d{{1,2}}\s+[A-Za-z]{{3,9}}\s+(20\d\d)\b"),
           "fr": re.compile(rf"\bdu\s+{_DAY_MONTH}\s+au\s+\d{{1,2}}\s+[a-zéû]{{3,9}}\s+(20\d\d)\b")}
_REF_VALUE = re.compile(r"^[\w][\w/.\-]*$")
# a sentence ends at a stop before a space: "23.59" and "careers.example.ca/26-0281" end none
_SENTENCE = re.compile(r"(?:[^.;!?]|[.;!?](?=\S))+(?:[.;!?](?=\s|$)|$)")


def _joined(lines: list[Line]) -> str:
    return squash(" ".join(ln.text for ln in lines))


def _title(parsed: Parsed, out: dict[str, Value]) -> None:
    hit = parsed.field("title")
    if hit:
        out["title"] = Value(hit.match.value, hit.match.value, hit.lines)
        lines, text = hit.lines, hit.match.value
    elif parsed.title:
        lines, text = parsed.title, _joined(parsed.title)
    else:
        return
    m = _TITLE_REF.search(text)
    if m:
        out.setdefault("reference", Value(m.group(1), m.group(1), lines, labelled=False))
        text = text[: m.start()].strip()
    text = title_suffix(text)
    out["title"] = Value(text, text, lines)
    for part in re.split(r"\s+[-–—|]\s+|,\s+", text)[1:]:
        if any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", fold(part)) for w in unit_words()):
            out.setdefault("unit", Value(part.strip(), part.strip(), lines, labelled=False))
            break


def _department(parsed: Parsed, out: dict[str, Value]) -> None:
    """"Department: Economics Department" names a unit; "Department: National Defence" the hiring body,
    unless an "Employer:" line names another."""
    hits = parsed.fields.get("organization", [])
    # under an "Employer:" line, the "Department:" is a part of that employer
    employer = any(fold(h.match.label) not in _DEPARTMENT for h in hits)
    unit = next((h for h in hits if fold(h.match.label) in _DEPARTMENT and (employer or
                 any(w in unit_part_words() for w in re.findall(r"[a-z-]+", fold(h.match.value))))), None)
    if unit is None or "unit" in out:
        return
    out["unit"] = Value(unit.match.value, unit.match.value, unit.lines)
    rest = sorted((h for h in hits if h is not unit), key=lambda h: not h.match.has_colon)
    if rest:
        out["organization"] = Value(rest[0].match.value, rest[0].match.value, rest[0].lines)
    else:
        out.pop("organization", None)


def _simple(parsed: Parsed, out: dict[str, Value], name: str) -> None:
    hit = parsed.field(name)
    if hit and hit.match.value:
        out[name] = Value(hit.match.value, hit.match.value, hit.lines)


_NUMBER_SIGN_WITHIN = re.compile(r"\s(?:n[°º]\.?|no\.|nr\.|#)\s*(?=\S*\d)", re.I)
_NUMBER_SIGN = re.compile(r"^(?:n[°º]\.?|no[.\s]|nr[.\s]|#)\s*(?=\S*\d)", re.I)  # "Avis de vacance n° e31/2026"


def _reference(parsed: Parsed, out: dict[str, Value]) -> None:
    hit = parsed.field("reference")
    if hit:
        raw = hit.match.value.strip()
        sign = _NUMBER_SIGN_WITHIN.search(raw)  # "D'EMPLOI N° BASM/2026/0163": the banner's last words, then the number
        raw = raw[sign.end():] if sign else raw
        value = re.split(r"[,;(]|\s[-–—|]\s|\s{2,}", _NUMBER_SIGN.sub("", raw))[0].strip(" .:")
        tokens = value.split()
        if 1 < len(tokens) <= 3 and any(c.isdigit() for c in tokens[-1]) and \
                all(t.isupper() or any(c.isdigit() for c in t) for t in tokens):
            out["reference"] = Value(value, hit.match.value, hit.lines)  # "MC 26/07"
            return
        token = tokens[0].strip(".,;:") if tokens else ""
        if token and _REF_VALUE.match(token) and any(c.isdigit() for c in token):
            out["reference"] = Value(token, hit.match.value, hit.lines)


def _statements(block: list[Line]) -> list[list[Line]]:
    """A block cut before each ``Label: value`` line: a field line is a statement of its own."""
    out: list[list[Line]] = []
    for ln in block:
        if not out or label_value(ln.text):
            out.append([])
        out[-1].append(ln)
    return out


def _sentences_with(lines: list[Line], cues: list[str]):
    """(sentence, lines) pairs whose folded text contains one of ``cues``."""
    for block in (s for b in paragraphs(lines) for s in _statements(b)):
        text = _joined(block)
        folded = fold(text)
        if any(c in folded for c in cues):
            for m in _SENTENCE.finditer(text):
                sentence = m.group(0).strip()
                if sentence and any(c in fold(sentence) for c in cues):
                    yield sentence, block


def _deadline(parsed: Parsed, out: dict[str, Value], lang: str) -> None:
    candidates: list[Value] = []
    hit = parsed.field("deadline")
    if hit:
        found = deadline_from(hit.match.value)
        if found:
            candidates.append(Value(found, hit.match.value, hit.lines))
    for sentence, lines in _sentences_with(parsed.lines, load("calendar")["deadline_cues"][lang]):
        found = deadline_from(sentence)
        if found:
            candidates.append(Value(found, sentence, lines, labelled=False))
    if not candidates:
        return
    best = candidates[0]
    for c in candidates[1:]:
        if c.value["date"] == best.value["date"]:
            merged = {k: best.value[k] or c.value[k] for k in ("date", "time", "timezone")}
            if merged != best.value:
                best = Value(merged, best.text, best.lines + [ln for ln in c.lines if ln not in best.lines], best.labelled)
    out["deadline"] = best


def _salary(parsed: Parsed, out: dict[str, Value], context: tuple[str, str]) -> None:
    hit = parsed.field("salary")
    if hit:
        found = salary_from(hit.match.value, context, hint=hit.match.label, guess=True)
        if found:
            out["salary"] = Value(found, hit.match.value, hit.lines)
            return
    sections = [(s, " ".join(ln.text for ln in s.heading)) for s in parsed.sections
                if s.key in ("offer", "header", "summary")]
    for section, heading in sections:
        for ln in section.body:
            found = salary_from(ln.text, context, hint=heading)
            if found:
                out["salary"] = Value(found, ln.text.strip(), [ln], labelled=False)
                return
    for section, heading in sections:  # a salary sentence wrapped over lines: "The monthly salary is" / "EUR 4,210."
        for block in paragraphs(section.body):
            for m in _SENTENCE.finditer(_joined(block)):
                found = salary_from(m.group(0), context, hint=heading)
                if found:
                    out["salary"] = Value(found, m.group(0).strip(), block, labelled=False)
                    return


def _schedule(parsed: Parsed, out: dict[str, Value]) -> None:
    table = sorted(load("values")["schedule"].items(), key=lambda kv: -len(kv[0]))
    hit = parsed.field("schedule")
    sources = [(hit.match.value, hit.lines, True)] if hit else []
    sources += [(ln.text, [ln], False) for ln in parsed.lines]
    for text, lines, labelled in sources:
        folded = fold(text)
        for phrase, value in table:
            if re.search(whole_words(phrase), folded):
                out["schedule"] = Value(value, text.strip(), lines, labelled)
                return
    for text, lines, labelled in sources:
        value = schedule_by_amount(fold(text))
        if value:
            out["schedule"] = Value(value, text.strip(), lines, labelled)
            return


_WEEKLY_HOURS = re.compile(r"(?<![\d.,])(\d{2})(?:[.,](\d))?\s*(?:-\s*)?(?:hours?|heures?|h)(?:\s*(\d{2}))?\s*"
                           r"(?:per|a|par|/|each)?\s*(?:week|semaine)|(?<![\d.,])(\d{2})(?:[.,]\d)?[- ]hour week|"
                           r"(?<![\d.,])(\d{2})\s*h(?:eures?)?\s*(?:\d{2}\s*)?hebdomadaires")
_PERCENT = re.compile(r"(?<![\d.,])(\d{2,3})\s?%")


def schedule_by_amount(folded: str) -> str | None:
    """'35 hours per week' full-time, '24 heures par semaine' part-time, 'Taux d'activité : 60 %' part-time."""
    rule = load("values")["schedule_by_amount"]
    m = _WEEKLY_HOURS.search(folded)
    if m:
        hours = float(next(g for g in (m.group(1), m.group(4), m.group(5)) if g))
        if hours >= rule["full_time_hours"]:
            return "full-time"
        if hours <= rule["part_time_hours"]:
            return "part-time"
    for cue in rule["workload_cues"]:
        i = folded.find(cue)
        pct = _PERCENT.search(folded, i) if i >= 0 else None
        if pct and pct.start() - i < len(cue) + 25:
            return "full-time" if int(pct.group(1)) >= 100 else "part-time"
    return None


def _start(parsed: Parsed, out: dict[str, Value], lang: str) -> None:
    hit = parsed.field("start")
    if hit:
        out["start"] = Value(hit.match.value, hit.match.value, hit.lines)
        return
    calendar = load("calendar")
    cues = calendar["start_cues"][lang]
    elsewhere = calendar["start_cues"]["start_elsewhere"]
    leads = sorted(calendar["start_cues"]["start_lead"], key=len, reverse=True)
    for sentence, lines in _sentences_with(parsed.lines, cues):
        folded = fold(sentence)
        if any(w in folded for w in elsewhere):
            continue
        for cue in sorted(cues, key=len, reverse=True):
            i = folded.find(cue)
            if i >= 0:
                tail = " ".join(sentence[i + len(cue):].split()).strip(" :,.;")
                at = when_starts(tail)
                if at:
                    tail = tail[at:]  # ("… on a full-time basis in the third quarter of 2026": from the date on)
                tail = re.split(r"[;,]|\s\(", tail)[0].strip()
                for lead in leads:
                    if fold(tail).startswith(lead + " "):
                        tail = tail[len(lead) + 1:].strip()
                        break
                asap = next((a for a in calendar["start_cues"]["start_asap"] if fold(tail).startswith(a)), None)
                if asap:  # "… is expected to start as soon as possible"
                    tail = tail[:len(asap)]
                if tail and (asap or find_dates(tail) or _YEAR.search(tail)):  # a date, not "starting from €4,210"
                    out["start"] = Value(tail, tail, lines, labelled=False)
                    return
    nouns = calendar["start_cues"][f"start_nouns_{lang}"]
    for sentence, lines in _sentences_with(parsed.lines, nouns):
        sentence = " ".join(sentence.split())  # (so that the folded text's offsets are the sentence's)
        folded = fold(sentence)
        if any(w in folded for w in elsewhere):
            continue
        at = min(i + len(n) for n in nouns if (i := folded.find(n)) >= 0)
        at += len(sentence[at:]) - len(sentence[at:].lstrip())
        dates = [d for d in find_dates(sentence[at:at + 60]) if d.start <= 30]  # a few words on, no further
        if dates:
            start = sentence[at + dates[0].start:at + dates[0].end].strip()
            out["start"] = Value(start, start, lines, labelled=False)
            return
    # a post for a period: "The work is full-time, from 1 June to 30 September 2026" starts on 1 June 2026
    opening = [ln for sec in parsed.sections if sec.key in ("header", "summary", "offer") for ln in sec.heading + sec.body]
    skip = elsewhere + calendar["deadline_cues"][lang] + calendar["start_cues"]["period_elsewhere"]
    for block in paragraphs(opening):
        for m in _SENTENCE.finditer(_joined(block)):
            sentence = m.group(0)
            period = _PERIOD[lang].search(sentence)
            if period and not any(w in fold(sentence) for w in skip):
                start = f"{period.group(1)} {period.group(2)}"
                out["start"] = Value(start, start, block, labelled=False)
                return


_STEP = re.compile(r",?\s+(?:step|[ée]chelon)\b.*$", re.I)
_OCR_GRADE = re.compile(r"^([A-Z]{1,3})([-. ]?)([0-9IlO|]{1,2})$")


def _code(value: str) -> str:
    """Grade or clearance as printed, spacing normalised: 'A 2' stays, ' PL3 ' -> 'PL3'."""
    return squash(value).strip(" .,;:|_-")


def _grade(value: str) -> str:
    """A grade's number as OCR misreads it ('AI', 'AS-O2') put back: a grade ends in digits."""
    code = _STEP.split(_code(value))[0]  # "P3, step 1": the grade, then the step within it
    parts = re.split(r"\s*[-–—]\s+", code)  # ("A – A3", and "A- A3" as OCR glues the dash)
    if len(parts) == 2 and not any(c.isdigit() for c in parts[0]) and re.fullmatch(r"[A-Z]{1,3}[ -]?\d{1,2}", parts[1]):
        code = parts[1]  # "A – A3": the category, then the grade within it
    if len(code) <= 4:  # "Catégorie : À": a grade code has no accent; OCR put one on the capital
        code = unaccent(code)
    m = _OCR_GRADE.match(code)
    if m and not m.group(3).isdigit():
        digits = m.group(3).translate(str.maketrans("IlO|", "1101"))
        return m.group(1) + m.group(2) + digits
    return code


_CODE = re.compile(r"(?<![\w/.-])([A-Z]{2,}(?:[/-][A-Z0-9]+){2,})(?![\w/-])")  # "EAPPD/2026/TA/0044"


def _stated(parsed: Parsed, out: dict[str, Value], lang: str) -> None:
    """What no label gives, read from the running text of the notice's opening (pipeline/prose.py): "offered a
    temporary agent contract of four years, renewable, at grade AD 7, based in Luxembourg"; and a reference code
    standing in the header without a label ("Selection procedure EAPPD/2026/TA/0044 for ...")."""
    opening = [s for s in parsed.sections if s.key in ("header", "summary")][:3]
    blocks = [b for s in opening for b in paragraphs(s.heading + s.body)]
    # what the post offers says its contract and grade too ("We offer a fixed-term appointment of three years")
    offer = [b for s in parsed.sections if s.key == "offer" for b in paragraphs(s.body)]
    if "reference" not in out:
        header = [ln for s in opening if s.key == "header" for ln in s.body]
        found = next(((m.group(1), ln) for ln in header
                      if (m := _CODE.search(ln.text)) and any(c.isdigit() for c in m.group(1))), None)
        if found:
            code, line = found
            out["reference"] = Value(code, line.text.strip(), [line], labelled=False)
    for block in blocks + offer:
        text = _joined(block)
        for name, value in prose.facts(text, lang).items():
            if name not in out and (block not in offer or name in ("contract", "grade")):
                code = {"grade": _grade, "clearance": _code}.get(name)
                out[name] = Value(code(value) if code else value, value, block, labelled=False)
    if "clearance" not in out:  # a clearance is a condition of employment: stated wherever those are
        for block in paragraphs(parsed.lines):
            value = prose.facts(_joined(block), lang).get("clearance")
            if value:
                out["clearance"] = Value(_code(value), value, block, labelled=False)
                break


def read(parsed: Parsed, lang: str) -> dict[str, Value]:
    out: dict[str, Value] = {}
    _reference(parsed, out)
    _title(parsed, out)
    for name in ("organization", "unit", "location", "contract"):
        _simple(parsed, out, name)
    first = fold(out["location"].value).split()[:1] if "location" in out else []
    if first and first[0] in unit_part_words() and "unit" not in out:
        out["unit"] = out.pop("location")  # "Affectation : Division de l'accréditation …" names a unit, not a place
    _department(parsed, out)
    for name in ("grade", "clearance"):
        hit = parsed.field(name)
        if hit and hit.match.value:
            value = _grade(hit.match.value) if name == "grade" else _code(hit.match.value)
            out[name] = Value(value, hit.match.value, hit.lines)
    _stated(parsed, out, lang)
    # what a bare "$" is: the duty station and the employer say it, else the notice's words
    context = (" ".join(v.text for k, v in out.items() if k in ("location", "organization")),
               " ".join(ln.text for ln in parsed.lines))
    _deadline(parsed, out, lang)
    _salary(parsed, out, context)
    _schedule(parsed, out)
    _start(parsed, out, lang)
    return out


_DEPARTMENT = ("department", "departement")


def _organization(parsed: Parsed, out: dict[str, Value], header: list[str], lang: str) -> None:
    """No labelled organisation, or only a 'Department:' that may be a unit: find the named body."""
    labelled = out.get("organization")
    hit = parsed.field("organization")
    if labelled and not (hit and fold(hit.match.label) in _DEPARTMENT):
        return
    blocks = paragraphs(parsed.lines)
    unit = out.get("unit")
    found = orgs.find([_joined(b) for b in blocks], header, lang,
                      exclude=[unit.text] if unit and not labelled else [])
    if not found or (labelled and (not found[1] or fold(found[0]) == fold(labelled.text))):
        return
    name = found[0]
    if labelled:
        out.setdefault("unit", labelled)
    office = orgs.part_of(name, lang)
    if office:  # "Office of the City Clerk of the City of Port-Lachance": the city employs, the office is its unit
        unit, name = office
        out.setdefault("unit", Value(unit, unit, parsed.lines[:1], labelled=False))
    lines = next((b for b in blocks if fold(name) in fold(_joined(b))), parsed.lines[:1])
    out["organization"] = Value(name, name, lines, labelled=False)


def run(doc: Document, options: Options) -> None:
    header = [ln.text for ln in doc.removed if len(ln.text.split()) >= 2]
    doc.values = {}
    for lang in doc.languages:
        values = read(doc.parsed[lang], lang)
        _organization(doc.parsed[lang], values, header, lang)
        doc.values[lang] = values
