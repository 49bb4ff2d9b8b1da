"""Language split: each line labelled en or fr, smoothed so a short line does not flip.

Owns ``doc.languages``, ``doc.streams`` and ``Line.lang``. A bilingual heading or
field line ("Tasks / Tâches", "Location / Lieu  Geneva / Genève") is split into
one line per language first (pipeline/bilingual.py); the streams hold the halves,
``doc.lines`` keeps the printed line. Evidence per line comes
from langdetect on its paragraph (seeded, en/fr only), function words and the
heading lexicon; a two-state Viterbi pass with a switching cost smooths it.
URLs and numbers are neutral. Works whether the halves follow each other, sit
in two columns (layout reads them column by column) or alternate.
"""
from __future__ import annotations

from typing import Callable

from pipeline import lists, orgs
from pipeline.bilingual import split_all
from pipeline.lexicon import title_prefix
from pipeline.langwords import (INCLUSIVE_FR, INCLUSIVE_WEIGHT, STOP_WEIGHT, URL, WEAK, heading_langs, letters,
                                line_lean, phrase_lang, stop_lean, type_size)
from pipeline.model import Document, Line, paragraphs
from pipeline.options import Options
from pipeline.text import fold_heading, label_value
from pipeline.tools.langid import main_language, probabilities

SWITCH_COST = 6.0
BREAK_SWITCH_COST = 2.0
MIN_SHARE = 0.08  # a language with less of the letters than this is not "present"


def _label(text: str):
    """A field label of either language, in any case, maybe after a list marker ("• Lieu : Paris", "where: Paris")."""
    return label_value(lists.marker(text).text, words=8, capital=False)


def _parts(block: list[Line], leans: list[float]) -> list[list[Line]]:
    """A paragraph as langdetect should judge it: whole, unless its lines lean both ways.

    A block whose lines lean both ways (``leans``: function words per line; an
    English list followed by its French twin, alternating "Label: value" lines), or
    that is mostly field lines, is judged item by item: a part starts at every list
    marker or field label. A list of short lines without markers is judged line by line.
    """
    labelled = sum(1 for ln in block if _label(ln.text))
    fields = labelled >= 2 and labelled >= len(block) / 2  # a header of "Label: value" lines, maybe alternating
    # a list of short lines without markers ("Calm under pressure", then "Calme sous pression"): line by line
    phrases = len(block) >= 4 and all(len(ln.text.split()) <= 8 and not ln.text.rstrip().endswith((".", ",", ":"))
                                      for ln in block)
    if not (max(leans) >= 2 and min(leans) <= -2) and not fields and not phrases:
        return [block]
    parts: list[list[Line]] = []
    previous = 0.0
    for ln, lean in zip(block, leans):
        # (or a line whose function words lean the other way than the line above: an item whose marker a scan lost,
        # then its twin)
        if not parts or phrases or lists.marker(ln.text).style or _label(ln.text) or \
                (lean * previous < 0 and abs(lean) >= 2 and abs(previous) >= 2):
            parts.append([])
        parts[-1].append(ln)
        previous = lean or previous
    return parts


def _unmarked(text: str) -> str:
    """A line without its list marker: the "e" or "o" OCR makes of a bullet is no word of either language."""
    m = lists.marker(text)
    return m.text if m.style else text


def evidence(lines: list[Line]) -> tuple[list[float], list[bool]]:
    """Per line: > 0 leans English, < 0 leans French, 0 neutral; and whether the line starts a part."""
    headings = heading_langs()
    scores: list[float] = []
    starts: list[bool] = []
    for block in paragraphs(lines):
        leans = [stop_lean(_unmarked(ln.text)) for ln in block]
        lean_of = {id(ln): lean for ln, lean in zip(block, leans)}
        for part in _parts(block, leans):
            text = " ".join(URL.sub(" ", _unmarked(ln.text)) for ln in part)
            p = probabilities(text) if letters(text) >= 3 else {"en": 0.5, "fr": 0.5}
            lean = p["en"] - p["fr"]
            for i, ln in enumerate(part):
                n_letters = letters(ln.text)
                # a short block (a title, a heading) is judged as a whole: its lean counts fully
                weight = min(max(n_letters, 30 if len(part) == 1 else 0) / 10.0, 4.0)
                score = lean * weight
                score += STOP_WEIGHT * lean_of[id(ln)]
                langs = headings.get(fold_heading(ln.text))
                if langs and len(langs) == 1:
                    score += 5.0 if "en" in langs else -5.0
                label = _label(ln.text)
                if label:  # a field label of one language, and French typography's space before the colon
                    lang = phrase_lang(label.group("label"))
                    if lang:  # the value's words (a place, a name) say less than a label of one language
                        score = score / 2 + (5.0 if lang == "en" else -5.0)
                    score += -1.5 if label.group("space") else 1.5
                score -= INCLUSIVE_WEIGHT * len(INCLUSIVE_FR.findall(ln.text))  # "Statisticien(ne)", "employé(e)"
                if ln.lang_hint:
                    score = 40.0 if ln.lang_hint == "en" else -40.0
                scores.append(score)
                starts.append(i == 0)
    return scores, starts


COLUMN_PRIOR = 0.5  # share of a column's mean evidence that a weak line of it takes


def _column_prior(lines: list[Line], scores: list[float]) -> None:
    """Pages set in two columns, one language each: a line's own evidence may be weak or wrong ("Institut alpin de
    formation internationale", which langdetect calls English), its column's is not. Each column (a run of lines
    the layout read before jumping back up the page and to the right) lends a share of its mean to its weak lines,
    when it leans clearly one way."""
    cuts = [0] + [i for i in range(1, len(lines)) if _column_top(lines[i - 1], lines[i])
                  and lines[i].bbox.x0 > lines[i - 1].bbox.x0 + 100]
    if len(cuts) == 1:
        return  # not a page in columns
    bounds = sorted(set(cuts + [i for i in range(1, len(lines)) if lines[i].page != lines[i - 1].page]))
    for a, b in zip(bounds, bounds[1:] + [len(lines)]):
        mean = sum(max(-10.0, min(10.0, s)) for s in scores[a:b]) / (b - a)
        if abs(mean) < WEAK:
            continue
        for i in range(a, b):
            if abs(scores[i]) < 2 * WEAK and lines[i].lang_hint is None:
                scores[i] += COLUMN_PRIOR * mean


def _column_top(prev: Line, ln: Line) -> bool:
    """The layout jumped back up the page from ``prev`` to ``ln``: the top of the next column."""
    return ln.page == prev.page and ln.bbox.y0 < prev.bbox.y0 - 72


def _single(lines: list[Line], i: int) -> bool:
    return lines[i].gap_before and (i + 1 == len(lines) or lines[i + 1].gap_before)


def _titles(lines: list[Line], scores: list[float]) -> None:
    """Short title lines, whose own evidence is weak, read by their place.

    Two one-line blocks opening the document ("Legal Officer" / "Juriste") are the
    title in each language: the one leaning more English is English. A weak
    one-line block at the top of a column (the column jumped back up the page),
    or set larger than the line after it at the top of a page, is the title of
    what follows it.
    """
    def title_like(ln: Line, most: int = 10) -> bool:  # (not a scrap of a running header, "IFEM -")
        # (no label, but "Job vacancy: Geospatial Information Management Officer" is a title)
        return ln.lang_hint is None and len(ln.text.split()) <= most and letters(ln.text) >= 6 and \
            (":" not in ln.text or title_prefix(ln.text) is not None)

    # a letterhead line in much smaller type above the title ("Agence intergouvernementale de …") is not its first line
    # (so is a line that only names the body, "Danube Energy Security Organization (DESO)")
    o = 1 if len(lines) >= 4 and _single(lines, 0) and (type_size(lines[0]) < 0.7 * type_size(lines[1])
                                                       or orgs.is_name(lines[0].text)) else 0
    both_sure = scores[o] * scores[o + 1] > 0 and min(abs(scores[o]), abs(scores[o + 1])) >= WEAK \
        if len(lines) >= o + 2 else False
    if len(lines) >= o + 3 and _single(lines, o) and _single(lines, o + 1) and title_like(lines[o]) \
            and title_like(lines[o + 1]) and not both_sure:  # two lines plainly in one language are not a title in each
        first_en = scores[o] >= scores[o + 1]
        scores[o], scores[o + 1] = (20.0, -20.0) if first_en else (-20.0, 20.0)
    elif len(lines) >= 3 and lines[2].gap_before and title_like(lines[0]) and title_like(lines[1]):
        if not _stacked_title_pair(lines, scores):  # (each side a title of its own: "Job vacancy: Geospatial …")
            _wrapped_title_pair(lines, scores, title_like, least=3)
    else:
        # (a long title's line, "Chargé ou chargée de programme – Suivi des voies de migration et", wraps at 12 words)
        _wrapped_title_pair(lines, scores, lambda ln: title_like(ln, most=14))
    for i in range(1, min(len(lines), 6)):
        # "(évaluation des" then "stocks)": the end of a wrapped title, whatever its one word suggests
        ln, prev = lines[i], lines[i - 1]
        if ln.text[:1].islower() and len(ln.text.split()) <= 3 and prev.text.count("(") > prev.text.count(")") \
                and ln.text.count(")") > ln.text.count("(") and ln.lang_hint is None:
            scores[i] = scores[i - 1]
    for i in range(1, len(lines) - 1):
        ln, prev = lines[i], lines[i - 1]
        column_top = _column_top(prev, ln)
        if column_top and _single(lines, i) and abs(scores[i]) < WEAK and ln.lang_hint is None:
            scores[i] = scores[i + 1]
        elif ln.page != prev.page and ln.gap_before and ln.lang_hint is None:
            # a title block (larger type, wrapped over a few lines) opening a page
            j = next((k for k in range(i + 1, min(i + 4, len(lines))) if lines[k].gap_before), None)
            block = lines[i:j] if j else []
            size = type_size(ln)
            if block and all(abs(type_size(b) - size) <= 0.15 * size for b in block) and \
                    size > 1.15 * type_size(lines[j]) and all(abs(scores[k]) < WEAK for k in range(i, j)):
                scores[i:j] = [scores[j]] * (j - i)


def _stacked_title_pair(lines: list[Line], scores: list[float]) -> bool:
    """An opening block of two short lines ("Administrative Assistant" over "Assistant(e)
    administratif(ve)") above a header that alternates languages line by line is the title in each
    language, in the header's order unless the lines themselves clearly say otherwise. Whether it is."""
    strong = [s for s in scores[2:12] if abs(s) >= WEAK]
    switches = sum(1 for a, b in zip(strong, strong[1:]) if a * b < 0)
    if len(strong) < 4 or switches < len(strong) // 2 + 1:
        return False
    own = line_lean(lines[0].text) - line_lean(lines[1].text)
    first_en = own > 0 if abs(own) >= 2 * WEAK else strong[0] > 0
    scores[0], scores[1] = (20.0, -20.0) if first_en else (-20.0, 20.0)
    return True


def _wrapped_title_pair(lines: list[Line], scores: list[float], title_like: Callable[[Line], bool], least: int = 1
                        ) -> None:
    """An opening block of a few title lines set tight, one language's title then the other's, either of them
    wrapped ("Technical Officer – Inland Vessel Standards" over "Administrateur technique – Normes des bateaux"
    and "de navigation intérieure"): cut where each side, judged whole, leans clearly its own way."""
    end = next((k for k in range(1, len(lines)) if lines[k].gap_before), len(lines))
    if not 2 <= end <= 4 or end == len(lines) or not all(title_like(ln) for ln in lines[:end]):
        return
    text = lambda part: " ".join(ln.text for ln in part)  # noqa: E731  (each side judged whole)
    best, cut, sign = 0.0, 0, 0.0
    for k in range(1, end):
        if min(len(text(lines[:k]).split()), len(text(lines[k:end]).split())) < least:
            continue  # ("Registry Officer – Case" over "Management": one title wrapped)
        a, b = line_lean(text(lines[:k])), line_lean(text(lines[k:end]))
        if a * b < 0 and min(abs(a), abs(b)) > best:
            best, cut, sign = min(abs(a), abs(b)), k, (20.0 if a > 0 else -20.0)
    if cut and best >= WEAK:
        scores[:end] = [sign] * cut + [-sign] * (end - cut)


def viterbi(scores: list[float], switch_cost: float | list[float] = SWITCH_COST) -> list[str]:
    """Most likely en/fr labelling given per-line evidence and a cost per switch (one per line, or one for all)."""
    if not scores:
        return []
    costs = switch_cost if isinstance(switch_cost, list) else [switch_cost] * len(scores)
    states = ("en", "fr")
    emit = [(s / 2, -s / 2) for s in scores]
    best = [list(emit[0])]
    back: list[list[int]] = []
    for e, cost in zip(emit[1:], costs[1:]):
        prev = best[-1]
        row, ptr = [], []
        for j in range(2):
            stay, move = prev[j], prev[1 - j] - cost
            ptr.append(j if stay >= move else 1 - j)
            row.append(max(stay, move) + e[j])
        best.append(row)
        back.append(ptr)
    j = 0 if best[-1][0] >= best[-1][1] else 1
    path = [j]
    for ptr in reversed(back):
        j = ptr[j]
        path.append(j)
    return [states[k] for k in reversed(path)]


TIE = 1.0  # evidence under which the items at a list's switch of language could fall on either side


def _twin_halves(lines: list[Line], scores: list[float], labels: list[str]) -> list[str]:
    """A list followed at once by its twin in the other language ("• Judgment … • Jugement • Initiative …"): where
    the evidence cannot tell on which side the items at the switch fall (one word, the same in both languages), the
    halves are the same length. Returns the labels, moved where that costs the evidence nothing."""
    out = list(labels)
    for run in _item_runs(lines):
        items = [[k for k in range(a, b)] for a, b in zip(run, run[1:])]
        half = len(items) // 2
        langs = [out[item[0]] for item in items]
        first = max(("en", "fr"), key=lambda lang: langs[:half].count(lang))
        second = "fr" if first == "en" else "en"
        if len(items) % 2 or second not in langs[half:] or any(len({out[k] for k in it}) > 1 for it in items):
            continue  # not a list and its twin, or one item spread over both languages
        want = [first] * half + [second] * half
        moved = [k for n, item in enumerate(items) if langs[n] != want[n] for k in item]
        # evidence for the labels they have now (> 0: they are rightly where they are)
        now = sum(scores[k] if out[k] == "en" else -scores[k] for k in moved)
        if moved and now < TIE:
            for n, item in enumerate(items):
                for k in item:
                    out[k] = want[n]
    return out


def _item_runs(lines: list[Line], least: int = 4) -> list[list[int]]:
    """Runs of ``least`` marked list items or more set tight together, as the indexes where each item starts (and
    where the run ends). A line set left of the items' markers is no item's wrapped line: it ends the run."""
    runs: list[list[int]] = []
    current: list[int] = []
    for k, ln in enumerate(lines + [None]):
        marked = ln is not None and bool(lists.marker(ln.text).style)
        if ln is None or ln.gap_before or (not marked and not current) or _outdented(lines, k):
            if len(current) >= least:
                runs.append(current + [k])
            current = [k] if marked else []
            continue
        if marked:
            current.append(k)
    return runs


def _outdented(lines: list[Line], k: int) -> bool:
    """An unmarked line set left of the marked item above it: the paragraph after a list, not the item's wrap."""
    if k == 0 or k >= len(lines) or lists.marker(lines[k].text).style:
        return False
    above = next((ln for ln in reversed(lines[:k]) if lists.marker(ln.text).style), None)
    return above is not None and above.page == lines[k].page and lines[k].bbox.x0 < above.bbox.x0 - lists.INDENT_STEP / 2


LIST_PRIOR = 0.5  # share of its siblings' mean evidence that a weak item of a list takes


def _list_prior(lines: list[Line], scores: list[float]) -> None:
    """The items of one list are in one language: an item whose own evidence is weak or wrong ("• Written
    communication", which langdetect calls French) takes a share of its siblings' mean, when they lean clearly."""
    for run in _item_runs(lines, least=3):
        firsts = run[:-1]
        for k in firsts:
            if abs(scores[k]) >= 2 * WEAK or lines[k].lang_hint is not None:
                continue
            others = [max(-10.0, min(10.0, scores[j])) for j in firsts if j != k]
            mean = sum(others) / len(others)
            if abs(mean) >= WEAK:
                scores[k] += LIST_PRIOR * mean


_NAMES = {"de": "German", "es": "Spanish", "it": "Italian", "nl": "Dutch", "pt": "Portuguese"}


def _other_language(doc: Document, lines: list[Line]) -> None:
    """A notice in neither language is read as well as it can be, and said to be in another."""
    lang, prob = main_language(" ".join(ln.text for ln in lines))
    if lang in _NAMES and prob >= 0.8:
        doc.warn("other_language", f"the notice seems to be in {_NAMES[lang]}, not English or French: "
                                   "its fields may be wrong or missing; check every one by hand", None)


def run(doc: Document, options: Options) -> None:
    lines = split_all(doc.lines)
    scores, starts = evidence(lines)
    _column_prior(lines, scores)
    _list_prior(lines, scores)
    _titles(lines, scores)
    # the language changes at a paragraph, an item or a field (or the text after a list) more readily than inside one
    costs = [BREAK_SWITCH_COST if (ln.gap_before or start or _outdented(lines, k)) else SWITCH_COST
             for k, (ln, start) in enumerate(zip(lines, starts))]
    labels = _twin_halves(lines, scores, viterbi(scores, costs))
    size = {id(ln): letters(ln.text) for ln in lines}  # counted once: the share and the order below use it
    share = {"en": 0, "fr": 0}
    for line, lang in zip(lines, labels):
        line.lang = lang
        share[lang] += size[id(line)]
    total = sum(share.values()) or 1
    present = [lang for lang in ("en", "fr") if share[lang] / total >= MIN_SHARE]
    if not present:
        present = ["en"]
    if len(present) == 1:
        lines = [ln for ln in lines if ln.lang_hint in (None, present[0])]
        for line in lines:
            line.lang = present[0]
    _other_language(doc, lines)
    # which language comes first: where each one's text lies on average (a letterhead line of the other language
    # above the title does not make it the first)
    where = {lang: sum(i * size[id(ln)] for i, ln in enumerate(lines) if ln.lang == lang) /
             max(1, sum(size[id(ln)] for ln in lines if ln.lang == lang)) for lang in present}
    doc.languages = sorted(present, key=lambda lang: where[lang])
    doc.streams = {lang: [ln for ln in lines if ln.lang == lang] for lang in doc.languages}
