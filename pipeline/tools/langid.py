"""langdetect, limited to English and French and seeded so every run gives the same answer."""
from __future__ import annotations

import functools
import json
import os

LANGS = ("en", "fr")


@functools.cache
def _factory():
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
    from langdetect.utils.lang_profile import LangProfile

    factory = DetectorFactory()
    factory.seed = 0
    for index, lang in enumerate(LANGS):
        with open(os.path.join(PROFILES_DIRECTORY, lang), encoding="utf-8") as fh:
            factory.add_profile(LangProfile(**json.load(fh)), index, len(LANGS))
    return factory


def probabilities(text: str) -> dict[str, float]:
    """P(en), P(fr) for ``text``; both 0.5 when it has no letters to judge."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(text)
    try:
        found = {p.lang: p.prob for p in detector.get_probabilities()}
    except LangDetectException:
        return {lang: 0.5 for lang in LANGS}
    return {lang: found.get(lang, 0.0) for lang in LANGS}
