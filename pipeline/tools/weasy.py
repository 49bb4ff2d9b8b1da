"""WeasyPrint, wrapped: HTML to a tagged PDF that loads nothing from outside ``templates/``.

The only external tool of publishing. Its errors become :class:`RenderError`
here, at the boundary; its URL fetcher refuses the network, ``data:`` URLs and
every file outside the project's templates, so a notice's text can never make
the PDF fetch anything.
"""
from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlparse

from pipeline.errors import MissingDependency, RenderError

_REFUSED: list[str] = []


def _fetcher_class(root: Path):
    from weasyprint.urls import URLFetcher

    class TemplatesOnly(URLFetcher):
        """Serves ``file:`` URLs under ``root``; refuses everything else."""

        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if path.is_relative_to(root):
                    return super().fetch(url, headers)
            _REFUSED.append(url)
            raise ValueError(f"refused to fetch {url!r}: published notices load nothing outside templates/")

    return TemplatesOnly


def _tag_languages() -> None:
    """Give each structure element the ``lang`` of its HTML element (PDF/UA: a screen reader switches
    voice for the French half). WeasyPrint tags the document's language only; this wraps its private
    tree builder, and tests/test_publish.py fails if a WeasyPrint release changes it."""
    import pydyf
    from weasyprint.pdf import tags

    if getattr(tags._build_box_tree, "_vacancy_lang", False):
        return
    build = tags._build_box_tree

    def build_with_lang(box, parent, pdf, *args):
        element = getattr(box, "element", None)
        lang = element.get("lang") if element is not None and getattr(box, "element_tag", None) not in (
            "html", "body") else None
        for struct in build(box, parent, pdf, *args):
            if lang and "Lang" not in struct:
                struct["Lang"] = pydyf.String(lang)
            yield struct

    build_with_lang._vacancy_lang = True
    tags._build_box_tree = build_with_lang


def html_to_pdf(html: str, root: Path, title: str = "") -> bytes:
    """A PDF/UA-1 (tagged, language-tagged, fonts embedded) of ``html``; relative URLs resolve in ``root``."""
    try:
        import weasyprint
    except ImportError as e:  # pragma: no cover - a dependency of the package
        raise MissingDependency("WeasyPrint is not installed: run 'make deps' (pip install weasyprint)") from e
    except OSError as e:  # pango missing
        raise MissingDependency(f"WeasyPrint cannot load Pango ({e}): install libpango-1.0-0 (make system-deps)") from e
    _tag_languages()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    root = root.resolve()
    try:
        doc = weasyprint.HTML(string=html, base_url=root.as_uri() + "/", url_fetcher=_fetcher_class(root)())
        return doc.write_pdf(pdf_variant="pdf/ua-1")
    except (ValueError, OSError, RuntimeError, KeyError, TypeError) as e:
        raise RenderError(f"PDF rendering failed ({type(e).__name__}: {e}): render --format html and report it") from e


def refused() -> list[str]:
    """URLs the fetcher refused in this process (for tests and the review of a notice)."""
    return list(_REFUSED)
