"""The Jinja2 environment over ``templates/``: autoescaped, strict, loading nothing else.

Notice text reaches a page only through autoescaping; the one filter that builds
markup, ``linkify``, escapes every part itself and makes links of ``http(s)``
URLs only, so ``javascript:`` or an ``onload=`` in a notice stays text.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
_URL = re.compile(r"\bhttps?://[^\s<>\"'`]+", re.I)
_URL_TAIL = ".,;:!?)]}»"


def linkify(text: str) -> Markup:
    out: list[str] = []
    pos = 0
    for m in _URL.finditer(text):
        url = m.group(0).rstrip(_URL_TAIL)
        end = m.start() + len(url)
        out.append(str(escape(text[pos:m.start()])))
        out.append(f'<a href="{escape(url)}" rel="nofollow noopener">{escape(url)}</a>')
        pos = end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


@functools.cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["linkify"] = linkify
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
