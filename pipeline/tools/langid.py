"""langdetect, limited to English and French and seeded so every run gives the same answer."""
from __future__ import annotations

import functools
import json
import os

LANGS = ("en", "fr")
# Languages a notice in an archive may be in instead: enough to say "this is German", not to read it.
OTHERS = ("de", "es", "it", "nl", "pt")


@functools.cache
def _factory(langs: tuple[str, ...] = LANGS):
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
    from langdetect.utils.lang_profile import LangProfile

    factory = DetectorFactory()
    factory.seed = 0
    for index, lang in enumerate(langs):
        with open(os.path.join(PROFILES_DIRECTORY, lang), encoding="utf-8") as fh:
            factory.add_profile(LangProfile(**json.load(fh)), index, len(langs))
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


def main_language(text: str) -> tuple[str, float]:
    """The likeliest language of a whole document's text among English, French and ``OTHERS``."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory(LANGS + OTHERS).create()
    detector.append(text[:20000])
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return "", 0.0
    return best.lang, best.prob
