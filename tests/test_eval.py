"""The layout-family corpus (corpus/notices) and its accuracy floors.

The floors are a little under the figures `make eval` printed when they were set
(README, "Accuracy"): accuracy may go up, never silently down. Raise them when it
goes up.
"""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "corpus" / "scripts"))

import evaluate  # noqa: E402
import make_notices  # noqa: E402

from pipeline import ingest_path  # noqa: E402
from pipeline.text import fold  # noqa: E402

# set on 2026-11-25 (ninth session of issue 3) from `corpus/scripts/evaluate.py --readme` (117 notices, 375 files) on
# the suite's sample (below): dev 0.996 / 0.982 / 0.953 / 0.974, held-out 0.933 / 0.937 / 0.904 / 0.860. Over every
# file: dev 0.996 / 0.980 / 0.950 / 0.974, held-out 0.933 / 0.915 / 0.886 / 0.860 (the thirty-three held-out notices of
# the session start: 0.954 / 0.936 / 0.912 / 0.900, from 0.943 / 0.923 / 0.895 / 0.900; six new ones joined them at
# 0.820 / 0.801 / 0.745 / 0.739, blind 0.814 / 0.790 / 0.728 / 0.739, and the image column now counts eight images).
FLOORS = {
    "dev": {"digital": 0.99, "scan": 0.97, "hard": 0.94, "image": 0.96},
    "heldout": {"digital": 0.925, "scan": 0.92, "hard": 0.89, "image": 0.85},
}
FAMILIES = ("en-fr", "fr-en", "columns", "interleaved", "en", "fr", "table", "poster")


def in_sample(notice, variant: str) -> bool:
    """What the suite reads (`make eval` reads everything): every digital PDF and image, and one scan of two notices
    out of three, the 300 dpi one, the hard one and none in turn (by id within its split), so that the suite stays
    well under CI's time. The floors below are set on this sample."""
    if variant in ("digital", "image"):
        return True
    return {"scan": 0, "hard": 1}[variant] == _ORDER[notice.id] % 3


_ORDER = {p.stem: k for split in (False, True) for k, p in enumerate(sorted(
    p for p in (REPO / "corpus" / "notices").glob("*.toml") if p.stem.startswith("ho-") == split))}


@pytest.fixture(scope="session")
def results(built):
    return evaluate.run(built, make_notices.BUILD, list(evaluate.VARIANTS), os.cpu_count() or 1, keep=in_sample)


def test_corpus_is_wide_enough(notices):
    assert len(notices) >= 16
    assert {n.spec["family"] for n in notices} >= set(FAMILIES)
    assert len({n.spec["style"] for n in notices}) >= 5
    heldout = [n for n in notices if n.spec["split"] == "heldout"]
    assert len(heldout) >= len(notices) // 3


def test_gold_records_are_up_to_date(notices):
    assert make_notices.check_gold(notices, make_notices.GOLD) == []


def test_gold_records_validate_against_the_schema(notices):
    from schemas.record import Record

    for n in notices:
        gold = json.loads((make_notices.GOLD / f"{n.id}.json").read_text(encoding="utf-8"))
        full = {**gold, "source": {"file": "x.pdf", "sha256": "0" * 64, "media_type": "application/pdf",
                                   "pages": 1, "ocr_pages": []},
                "sections": [{**s, "body": {"en": None, "fr": None}} for s in gold["sections"]],
                "warnings": [], "provenance": {}}
        Record.model_validate(full)


def test_item_kind_counts_are_in_step_with_the_dev_notices(notices):
    """pipeline/data/itemkinds.toml is what corpus/scripts/train_items.py makes of the dev notices, and of them only:
    after adding or changing a dev notice, run it again."""
    import train_items

    dev = [n for n in notices if n.spec["split"] == "dev"]
    assert train_items.OUT.read_text(encoding="utf-8") == train_items.generated(dev)


def test_every_variant_is_built(built):
    for n in built:
        for name in make_notices.variants(n):
            assert (make_notices.BUILD / n.id / name).stat().st_size > 1000, f"{n.id}/{name}"


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_accuracy_floor_per_column(results, split):
    mine = [r for r in results if r.split == split]
    table = evaluate.table(mine, list(evaluate.VARIANTS))
    low = {v: table["overall"][v] for v in table["columns"] if table["overall"][v] < FLOORS[split][v]}
    worst = sorted(mine, key=lambda r: r.overall)[:5]
    assert not low, f"{split} below floor: {low}; worst: " + "; ".join(
        f"{r.notice}/{r.variant} {r.overall:.2f}: {r.problems[:3]}" for r in worst)


def test_no_variant_fails_outright(results):
    assert [f"{r.notice}/{r.variant}: {r.error}" for r in results if r.error] == []


def test_monolingual_notice_gives_null_never_a_copy(built):
    for n in built:
        if n.spec["family"] not in ("en", "fr"):
            continue
        doc = ingest_path(make_notices.BUILD / n.id / "digital.pdf")
        rec = json.loads(doc.record.model_dump_json())
        other = "fr" if n.spec["family"] == "en" else "en"
        assert rec["languages"] == [n.spec["family"]]
        for name in ("title", "organization", "unit", "location", "contract", "start"):
            assert rec[name][other] is None, f"{n.id}: {name}.{other}"
        for key in ("essential", "desirable", "competencies", "tasks", "offer"):
            assert all(item[other] is None for item in rec[key]), f"{n.id}: {key}"
        assert any(w["code"] == "language_missing" for w in rec["warnings"]), n.id


_WORD = re.compile(r"[^\W\d_]{3,}")


def test_sections_keep_the_text_of_the_notice(built):
    """Every word the notice prints is somewhere in the record (sections, headings, fields)."""
    for n in built:
        doc = ingest_path(make_notices.BUILD / n.id / "digital.pdf")
        rec = json.loads(doc.record.model_dump_json())
        out = set()
        for s in rec["sections"]:
            for part in (s["heading"], s["body"]):
                for lang in ("en", "fr"):
                    out.update(fold(w) for w in _WORD.findall(part[lang] or ""))
        printed = [fold(w) for lang in n.languages for b in n.blocks[lang]
                   for w in _WORD.findall(f"{b.label} {b.text}")]
        missing = [w for w in printed if w not in out]
        assert len(missing) <= 0.01 * len(printed), f"{n.id}: {len(missing)} words lost, e.g. {missing[:10]}"
