"""The layout-drift canary (issue 11.6): a mirror site whose layout changes between runs is
flagged by the crawl summary and by ``scraper doctor``; a site that stays the same is not."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

from devtools.sitegen import build_bulk_site
from pipelines.crawl import CrawlOptions, RunReport, crawl
from pipelines.drift import drift
from pipelines.mirror import MirrorServer
from scraper.fetch.client import FetchConfig
from scraper.fetch.resolve import ResolveMap
from scraper.sites import get_profile
from scraper.store import Store

ROOT = Path(__file__).resolve().parent.parent


def _crawl(db: Path, site: Path) -> RunReport:
    detik = get_profile("detik")
    assert detik is not None
    with MirrorServer(site) as mirror, Store(db) as store:
        options = CrawlOptions(profiles=[detik], fetch=FetchConfig.fast(max_delay=0), workers=1,
                               resolve=ResolveMap({"*": ("127.0.0.1", mirror.port)}))
        return asyncio.run(crawl(store, options))


def _redesign(site: Path) -> None:
    """The site's 2026 redesign: new container class, byline and date line gone."""
    for page in (site / "news.detik.com" / "berita").rglob("*"):
        if page.is_file():
            html = page.read_text(encoding="utf-8")
            html = html.replace("detail__body-text", "konten-2026").replace('class="detail__author"', 'class="x"')
            html = html.replace('class="detail__date"', 'class="y"').replace("article:published_time", "x:y")
            page.write_text(html, encoding="utf-8")


def test_a_redesigned_site_is_flagged_against_its_own_history(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    first, second = tmp_path / "v1", tmp_path / "v2"
    build_bulk_site(first, 12)
    build_bulk_site(second, 24)  # the same 12 stories and 12 new ones...
    _redesign(second)  # ...all in the new layout
    before = _crawl(db, first)
    after = _crawl(db, second)
    assert before.sites[0].drift == []
    findings = after.sites[0].drift
    assert any(f.startswith("authors") for f in findings), findings
    assert any(f.startswith("generic/fallback") for f in findings), findings
    doctor = subprocess.run([sys.executable, "-m", "scraper", "doctor", "--db", str(db)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert doctor.returncode == 1 and doctor.stdout.startswith("detik: ")


def test_a_site_that_stays_the_same_is_not_flagged(tmp_path: Path) -> None:
    db, site = tmp_path / "b.db", tmp_path / "v1"
    build_bulk_site(site, 12)
    _crawl(db, site)
    build_bulk_site(site, 24)
    assert _crawl(db, site).sites[0].drift == []
    doctor = subprocess.run([sys.executable, "-m", "scraper", "doctor", "--db", str(db)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert doctor.returncode == 0, doctor.stdout


def test_drift_rules() -> None:
    usual = {"articles": 20, "title_fill": 1.0, "published_fill": 1.0, "authors_fill": 0.9, "words_mean": 400.0,
             "fallback_share": 0.0, "empty_share": 0.0}
    assert drift(usual, [usual, usual]) == []
    assert drift({**usual, "fallback_share": 0.8}, [usual]) == ["generic/fallback extractions 0% -> 80%"]
    assert drift({**usual, "words_mean": 150.0}, [usual]) == ["words per article 400 -> 150"]
    assert drift({**usual, "authors_fill": 0.7}, [usual]) == []  # within the tolerance
    assert drift({**usual, "articles": 2, "title_fill": 0.0}, [usual]) == []  # too few to say
    assert drift(usual, []) == []  # no history yet
