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
