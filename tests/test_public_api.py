"""The library's public API (``scraper/__init__.py``): a page extracted, a store opened and
written through it, and importing the package alone stays cheap (the names load lazily)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import scraper

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "fixtures" / "pages" / "detik" / "news-2023-detail.html"


def test_every_public_name_resolves_to_its_home() -> None:
    for name in scraper.__all__:
        value = getattr(scraper, name)
        assert value.__name__ == name
    assert scraper.Article.__module__ == "scraper.article"
    assert scraper.extract_html.__module__ == "scraper.extract.pipeline"


def test_an_unknown_name_is_a_clear_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'extract_site'"):
        _ = scraper.extract_site  # type: ignore[attr-defined]  # deliberately not a public name


def test_extract_a_page_then_keep_it_in_a_store(tmp_path: Path) -> None:
    spec = json.loads(PAGE.with_suffix(".json").read_text(encoding="utf-8"))
    article = scraper.extract_html(PAGE.read_bytes(), spec["url"])
    assert isinstance(article, scraper.Article)
    assert article.status == "ok" and article.title == spec["expect"]["title"]
    store = scraper.open_store(str(tmp_path / "news.db"))
    try:
        assert store.save_article(article) == "new"
        assert [kept["url"] for kept in store.iter_articles()] == [article.url]
    finally:
        store.close()


def test_importing_the_package_loads_neither_extractor_nor_store() -> None:
    code = "import sys, json, scraper; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60,
                          check=True)
    modules = set(json.loads(done.stdout))
    assert not {"scraper.extract.pipeline", "scraper.store", "selectolax", "sqlite_utils"} & modules
