"""Every fixture page under fixtures/pages/ extracts to the JSON written next to it.

A fixture is ``<slug>.html`` (synthetic HTML we wrote, reproducing a site's DOM) plus
``<slug>.json``::

    {"url": "https://...",                      # the page's address
     "expect": {"status": "ok", "title": ..., "body": ["para", ...], ...},  # exact values
     "must_not_contain": ["Baca Juga", ...],    # strings that must not reach the body
     "pages": {"https://...?page=2": "slug.p2.html"}}   # later pages of a multi-page story

Only the keys listed in ``expect`` are compared; ``body`` is compared paragraph by paragraph.
fixtures/README.md documents the format for contributors.
``fixtures/pages/generic/`` holds pages of made-up sites that have no profile: the generic path.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scraper.extract.pipeline import extract_html

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
CASES = sorted(FIXTURES.glob("*/*.json"))


def _load(case: Path) -> tuple[dict, bytes]:
    spec = json.loads(case.read_text(encoding="utf-8"))
    return spec, case.with_suffix(".html").read_bytes()


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.stem}" for c in CASES])
def test_fixture_extracts_as_expected(case: Path) -> None:
    spec, html = _load(case)
    later = {url: (case.parent / name).read_text(encoding="utf-8") for url, name in spec.get("pages", {}).items()}
    article = extract_html(html, spec["url"], later_pages=later)
    got = article.to_dict()
    for key, want in spec["expect"].items():
        value = article.paragraphs if key == "body" else got[key]
        assert value == want, f"{key}: {value!r} != {want!r}"
    for needle in spec.get("must_not_contain", []):
        assert needle not in article.body, f"leaked: {needle!r}"


def test_every_fixture_has_its_page() -> None:
    assert CASES, "no fixtures found"
    for case in CASES:
        assert case.with_suffix(".html").exists(), case
