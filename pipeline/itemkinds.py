"""What a list is about, read from its items: the tasks, the requirements, the competencies, what is offered.

A heading the lexicon does not know ("Your day-to-day", "Ce serait un plus") still sits over a list whose items
say what it is: tasks start with a verb and speak of work, requirements of degrees and years, what is offered of
leave and allowances. This is a naive Bayes over the items' word stems (and each item's first word), whose counts
``corpus/scripts/train_items.py`` takes from the development notices of the corpus, never the held-out ones, and
writes to ``data/itemkinds.toml``. Kind ``none`` stands for the other sections' text (how to apply, the
employer, the equal-opportunity statement): a list about none of the record's lists stays where it is.

A section of prose under a heading nobody knows ("Good to know", "Le mot de la fin") is read the same way, by a
second set of counts over every section's text: how to apply speaks of applications and deadlines, the
equal-opportunity statement of diversity, the summary of the organisation and its work.
"""
from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping

from pipeline.data import load
from pipeline.text import fold

KINDS = ("tasks", "essential", "desirable", "competencies", "offer", "none")
# what a section of prose is about, read the same way (from counts of every section's paragraphs and items)
PROSE_KINDS = ("summary", "process", "notice", "values", "offer", "tasks", "essential", "desirable", "competencies")
STEM = 6  # letters kept of a word: "develop", "develops", "developing" are one feature
ALPHA = 0.5  # additive smoothing of the counts
MIN_KNOWN = 4  # fewer known word stems than this in a whole list say nothing
_WORD = re.compile(r"[a-z]+")


@functools.cache
def _ignored() -> frozenset[str]:
    return frozenset(load("stopwords")["items"])


def features(text: str) -> set[str]:
    """The item's word stems (function words left out) and its first word, marked ``^``."""
    words = _WORD.findall(fold(text))
    out = {w[:STEM] for w in words if len(w) > 2 and w not in _ignored()}
    if words:
        out.add("^" + words[0][:STEM])
    return out


class Model:
    """Per kind, how many examples hold each feature."""

    def __init__(self, counts: Mapping[str, Mapping[str, int]], kinds: tuple[str, ...] = KINDS):
        self.kinds = kinds
        self.counts = {kind: dict(counts.get(kind, {})) for kind in kinds}
        self.vocab = frozenset().union(*self.counts.values())
        self.totals = {kind: sum(c.values()) + ALPHA * len(self.vocab) for kind, c in self.counts.items()}

    def known(self, items: list[str]) -> list[str]:
        return [f for item in items for f in features(item) if f in self.vocab]

    def scores(self, items: list[str]) -> dict[str, float]:
        """Per kind, the mean log-likelihood of the items' known features (higher is likelier)."""
        feats = self.known(items)
        if not feats:
            return {kind: 0.0 for kind in self.kinds}
        return {kind: sum(math.log((self.counts[kind].get(f, 0) + ALPHA) / self.totals[kind]) for f in feats)
                / len(feats) for kind in self.kinds}


@functools.cache
def model() -> Model:
    return Model(load("itemkinds")["counts"])


@functools.cache
def prose_model() -> Model:
    return Model(load("itemkinds")["prose"], PROSE_KINDS)


def prose_kind(paragraphs: list[str], using: Model | None = None) -> tuple[str, float]:
    """The likeliest section a text of prose belongs to ("summary", "process", "notice", ...) and by how much it
    leads the next; ``none`` when it holds fewer than ``MIN_KNOWN`` word stems the counts know."""
    return kind_of(paragraphs, using or prose_model())


def kind_of(items: list[str], using: Model | None = None) -> tuple[str, float]:
    """The likeliest kind of a list and by how much it leads the next one; ``none`` when its items hold fewer
    than ``MIN_KNOWN`` word stems the counts know."""
    using = using or model()
    if len(using.known(items)) < MIN_KNOWN:
        return "none", 0.0
    ranked = sorted(using.scores(items).items(), key=lambda kv: kv[1], reverse=True)
    return ranked[0][0], ranked[0][1] - ranked[1][1]
