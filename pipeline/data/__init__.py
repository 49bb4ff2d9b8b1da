"""Data files (lexicons, month names, currencies): loaded once, read-only."""
from __future__ import annotations

import functools
import tomllib
from importlib import resources


@functools.cache
def load(name: str) -> dict:
    """Load ``pipeline/data/<name>.toml``."""
    with resources.files(__package__).joinpath(f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)
