"""Compare a record with a hand-checked gold record: exact for normalised values, fuzzy for text.

Used by the golden tests and by ``make eval``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from pipeline.text import fold

EXACT = ("reference", "schedule", "grade", "clearance", "deadline", "salary_value", "languages")
TEXTS = ("title", "organization", "unit", "location", "contract", "start", "salary_text")
LISTS = ("essential", "desirable", "competencies", "tasks", "offer")
TEXT_MATCH = 85.0  # fuzzy ratio (0-100) at which two texts count as the same


def similar(a: str | None, b: str | None, threshold: float = TEXT_MATCH) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return fuzz.ratio(fold(a), fold(b)) >= threshold


@dataclass
class Score:
    fields: dict[str, float] = field(default_factory=dict)  # field -> accuracy or F1 (0..1)
    problems: list[str] = field(default_factory=list)

    @property
    def overall(self) -> float:
        return sum(self.fields.values()) / len(self.fields) if self.fields else 0.0


def _flat_items(items: list[dict], lang: str, prefix: str = "") -> list[tuple[str, str]]:
    out = []
    for k, it in enumerate(items):
        out.append((f"{prefix}{k}", it.get(lang)))
        out.extend(_flat_items(it.get("children", []), lang, f"{prefix}{k}."))
    return out


def item_f1(got: list[dict], gold: list[dict], lang: str) -> tuple[float, list[str]]:
    """F1 over (position, text) pairs, so misaligned or missing items both cost."""
    g = [(p, t) for p, t in _flat_items(gold, lang) if t is not None]
    r = [(p, t) for p, t in _flat_items(got, lang) if t is not None]
    if not g and not r:
        return 1.0, []
    r_by_pos = dict(r)
    hits = [p for p, t in g if p in r_by_pos and similar(r_by_pos[p], t)]
    misses = [f"{p}: got {r_by_pos.get(p)!r}, want {t!r}" for p, t in g if p not in hits]
    precision = len(hits) / len(r) if r else 0.0
    recall = len(hits) / len(g) if g else 0.0
    f1 = 0.0 if not hits else 2 * precision * recall / (precision + recall)
    return f1, misses


def compare(record: dict, gold: dict) -> Score:
    score = Score()

    def exact(name: str, got, want) -> None:
        ok = got == want
        score.fields[name] = 1.0 if ok else 0.0
        if not ok:
            score.problems.append(f"{name}: got {got!r}, want {want!r}")

    for name in ("reference", "schedule", "grade", "clearance", "languages"):
        exact(name, record.get(name), gold.get(name))
    exact("deadline", record.get("deadline"), gold.get("deadline"))
    sal, gsal = record.get("salary"), gold.get("salary")
    strip = (lambda s: {k: s[k] for k in ("min", "max", "currency", "period")} if s else None)
    exact("salary", strip(sal), strip(gsal))
    for name in ("title", "organization", "unit", "location", "contract", "start"):
        for lang in ("en", "fr"):
            got = (record.get(name) or {}).get(lang)
            want = (gold.get(name) or {}).get(lang)
            ok = similar(got, want)
            score.fields[f"{name}.{lang}"] = 1.0 if ok else 0.0
            if not ok:
                score.problems.append(f"{name}.{lang}: got {got!r}, want {want!r}")
    for name in LISTS:
        for lang in ("en", "fr"):
            f1, misses = item_f1(record.get(name, []), gold.get(name, []), lang)
            score.fields[f"{name}.{lang}"] = f1
            score.problems.extend(f"{name}.{lang} {m}" for m in misses)
    got_keys = [s["key"] for s in record.get("sections", []) if s["key"] != "header"]
    want_keys = [s["key"] for s in gold.get("sections", [])]
    score.fields["sections"] = SequenceMatcher(a=got_keys, b=want_keys, autojunk=False).ratio() if want_keys else 1.0
    if got_keys != want_keys:
        score.problems.append(f"sections: got {got_keys}, want {want_keys}")
    return score
