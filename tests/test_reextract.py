"""``scraper reextract`` on a crawled archive: multi-page articles are read again from all
their archived pages (issue 9.4: they used to be cut to page 1 and get a bogus version)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from devtools.sitegen import build_demo_sites
from pipelines.crawl import CrawlOptions, crawl
from pipelines.mirror import MirrorServer
from pipelines.reextract import reextract_archive
from scraper.fetch.client import FetchConfig
from scraper.fetch.resolve import ResolveMap
from scraper.sites import get_profile
from scraper.store import Store

MULTI = "%tips-menabung%"


def _crawled(tmp_path: Path) -> Path:
    root, db = tmp_path / "sites", tmp_path / "a.db"
    build_demo_sites(root)
    profile = get_profile("jpnn")
    assert profile is not None
    with MirrorServer(root) as mirror, Store(db) as store:
        options = CrawlOptions(profiles=[profile], fetch=FetchConfig.fast(max_delay=0),
                               resolve=ResolveMap({"*": ("127.0.0.1", mirror.port)}))
        asyncio.run(crawl(store, options))
    return db


def _story(db: Path) -> tuple[int, int, int, str]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT pages, word_count, version, body FROM articles WHERE url LIKE ?", (MULTI,)).fetchone()


def test_reextract_reads_every_archived_page(tmp_path: Path) -> None:
    db = _crawled(tmp_path)
    before = _story(db)
    assert before[0] == 3
    with Store(db) as store:
        counts = reextract_archive(store, workers=2)
    assert _story(db) == before  # same text, same version: nothing cut to page 1
    assert counts["updated"] == 0 and counts["incomplete"] == 0 and counts["unchanged"] == 3


def test_an_article_whose_later_pages_are_not_archived_keeps_its_text(tmp_path: Path) -> None:
    db = _crawled(tmp_path)
    before = _story(db)
    with sqlite3.connect(db) as conn:  # an archive from before every page was kept
        conn.execute("DELETE FROM pages WHERE part_of IS NOT NULL")
    with Store(db) as store:
        counts = reextract_archive(store, workers=2)
    assert counts["incomplete"] == 1 and _story(db) == before


def test_reextract_fills_section_and_tags_of_articles_stored_without_them(tmp_path: Path) -> None:
    db = _crawled(tmp_path)
    with sqlite3.connect(db) as conn:
        fresh = conn.execute("SELECT url, section, subsection, tags, version FROM articles ORDER BY url").fetchall()
        # An archive stored before the rubric was read: no section, no subsection, no tags.
        conn.execute("UPDATE articles SET section = NULL, subsection = NULL, tags = '[]'")
    assert all(row[1] for row in fresh)  # the crawl itself stored a rubric for every article
    with Store(db) as store:
        counts = reextract_archive(store, workers=2)
    with sqlite3.connect(db) as conn:
        again = conn.execute("SELECT url, section, subsection, tags, version FROM articles ORDER BY url").fetchall()
    assert again == fresh  # filled in place: same values as a fresh crawl, no new version
    assert counts["updated"] == len(fresh)
