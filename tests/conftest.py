import functools
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INBOX = ROOT / "corpus" / "inbox"
GOLD = ROOT / "corpus" / "gold"


@functools.cache
def ingest(name: str):
    from pipeline import ingest_path

    return ingest_path(INBOX / name)


@pytest.fixture(scope="session")
def gold():
    return json.loads((GOLD / "nato-250715.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def inbox():
    return INBOX


@pytest.fixture(scope="session")
def notices():
    """The layout-family corpus (corpus/notices), loaded."""
    import sys

    sys.path.insert(0, str(ROOT / "corpus" / "scripts"))
    import make_notices

    make_notices.register_fonts()
    return make_notices.load_all()


@pytest.fixture(scope="session")
def built(notices):
    """The corpus's documents in corpus/build (built once; kept between runs)."""
    import evaluate
    import make_notices

    evaluate.ensure_built(notices, make_notices.BUILD)
    return notices
