"""The published HTML in a real browser: headless Chromium (Debian's, installed by make test).

At 1280 px the two languages sit side by side, at 390 px they stack; neither scrolls
sideways; the JSON-LD parses in the page. Screenshots are kept in out/test-artifacts/.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.publish import notice_html
from tests.roundtrip import GOLD, record_of

ARTIFACTS = Path(__file__).resolve().parents[1] / "out" / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# as root in a container, without the calls home a closed network refuses
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]
NOTICES = ["nato-250715", "goc-dnd-2026-123456", "geneva-2026-23"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: run 'make system-deps' (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    out = {}
    for nid in NOTICES:
        record = record_of(json.loads((GOLD / f"{nid}.json").read_text(encoding="utf-8")))
        path = folder / f"{nid}.html"
        path.write_text(notice_html(record, nid), encoding="utf-8")
        out[nid] = path
    return out


_LAYOUT = """() => {
  const articles = [...document.querySelectorAll('article')].map(a => {
    const r = a.getBoundingClientRect(), h = a.querySelector('h1').getBoundingClientRect();
    return {lang: a.lang, left: r.left, top: r.top, right: r.right,
            shown: h.width > 0 && h.height > 0 && getComputedStyle(a).visibility !== 'hidden'};
  });
  return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth, articles,
          jsonld: [...document.querySelectorAll('script[type="application/ld+json"]')].map(s => JSON.parse(s.textContent))};
}"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("notice_id", NOTICES)
def test_both_languages_visible_no_sideways_scroll_jsonld_parses(browser, pages, notice_id, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(pages[notice_id].as_uri())
        got = page.evaluate(_LAYOUT)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{notice_id}-{width}.png"), full_page=False)
    finally:
        page.close()
    langs = json.loads((GOLD / f"{notice_id}.json").read_text(encoding="utf-8"))["languages"]
    arts = got["articles"]
    assert got["scroll"] <= got["inner"], "the page scrolls sideways"
    assert [a["lang"] for a in arts] == langs and all(a["shown"] for a in arts)
    assert all(a["left"] >= 0 and a["right"] <= width for a in arts)
    if len(arts) == 2:
        first, second = arts
        if width >= 1000:
            assert second["left"] >= first["right"] and abs(second["top"] - first["top"]) < 1, "side by side"
        else:
            assert second["top"] > first["top"] and abs(second["left"] - first["left"]) < 1, "stacked on a phone"
    assert [p["@type"] for p in got["jsonld"]] == ["JobPosting"] * len(langs)
    assert [p["@id"].split("#")[1] for p in got["jsonld"]] == [f"job-{lang}" for lang in langs]
