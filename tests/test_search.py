"""Keyword search through the sites' own search (issue 22) on a loopback mirror of seven
sites with different search styles: exactly the in-range articles holding the word are
stored, a rerun fetches no article, a date-sorted search stops at the first page older
than the range, a site without search falls back to its archive + headline match."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from devtools.search_sites import (
    FIRST,
    LAST,
    PLAIN_HOST,
    WORD,
    WP_DAYS,
    WP_HOST,
    SearchSites,
    build_search_sites,
    build_wordpress_site,
)
from pipelines.crawl import NO_ARCHIVE, CrawlOptions, RunReport, crawl
from pipelines.crawl_report import summary_table
from pipelines.mirror import MirrorServer
from pipelines.search import word_patterns
from scraper.discover.site_search import search_url
from scraper.fetch.client import FetchConfig
from scraper.fetch.resolve import ResolveMap
from scraper.localtime import WIB
from scraper.sites import get_profile
from scraper.sites.base import Search
from scraper.store import Store

ROOT = Path(__file__).resolve().parent.parent
SITES = ("antaranews", "kompas", "mongabay", "okezone", "kontan", "fajar", "liputan6")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SearchSites]:
    root = tmp_path_factory.mktemp("search-sites")
    return root, build_search_sites(root)


def _options(port: int, names: tuple[str, ...] = SITES) -> CrawlOptions:
    profiles = [get_profile(n) for n in names]
    return CrawlOptions(profiles=profiles, fetch=FetchConfig.fast(max_delay=0), workers=1,  # type: ignore[arg-type]
                        resolve=ResolveMap({"*": ("127.0.0.1", port)}), search=(WORD,), match=word_patterns((WORD,)),
                        since=datetime.combine(FIRST, time(), WIB),
                        until=datetime.combine(LAST + timedelta(days=1), time(), WIB))


def _run(db: Path, options: CrawlOptions) -> RunReport:
    with Store(db) as store:
        return asyncio.run(crawl(store, options))


def _stored(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT url FROM articles ORDER BY url")]


def _article_requests(mirror: MirrorServer) -> list[str]:
    with mirror.lock:
        return [f"{r['host']}{r['path']}" for r in mirror.requests
                if any(k in r["path"] for k in ("/berita/", "/read/", "/news/", "/2025/"))]


def test_search_stores_exactly_the_matching_in_range_articles_and_a_rerun_fetches_none(
        sites: tuple[Path, SearchSites], tmp_path: Path) -> None:
    root, written = sites
    db = tmp_path / "s.db"
    with MirrorServer(root) as mirror:
        first = _run(db, _options(mirror.port))
        fetched = len(_article_requests(mirror))
        okezone_pages = sorted(r["path"] for r in mirror.requests if r["host"] == "www.okezone.com"
                               and r["path"].startswith("/tag/"))
        second = _run(db, _options(mirror.port))
        again = _article_requests(mirror)[fetched:]
    expected = written.expected()
    assert len(expected) == 19 and _stored(db) == expected
    by_site = {s.site: s for s in first.sites}
    for name in SITES:
        assert by_site[name].count("new") == len(written.expected(name)), name
    routes = {s.site: s.route for s in first.sites}
    assert routes == {**{n: "search" for n in SITES if n != "liputan6"}, "liputan6": "archive+headline"}
    # the leaky results (no word in the page) and the ones outside the range are not stored
    assert by_site["antaranews"].count("unmatched") == 1 and by_site["antaranews"].count("out_of_range") == 1
    assert by_site["kontan"].count("out_of_range") == 1
    # okezone is newest first: page 3 is wholly older than the range, page 4 is never read
    assert okezone_pages == ["/tag/banjir", "/tag/banjir/2", "/tag/banjir/3"]
    assert by_site["okezone"].search_results == 7 and by_site["okezone"].count("out_of_range") == 4
    # the archive fallback matched headlines before fetching: the others were never fetched
    assert by_site["liputan6"].count("unmatched") == 2 and by_site["liputan6"].days == 31
    assert again == [] and second.totals()["new"] == 0 and first.status == "ok"
    notes = " ".join(str(cell) for column in summary_table(first).columns for cell in column._cells)
    assert "route: site search" in notes and "dated archive + headline match" in notes


def test_search_url_fills_words_pages_offsets_and_dates() -> None:
    search = Search("https://x.id/s?q={query}&o={page}&from={since:%d/%m/%Y}&to={until:%Y%m%d}",
                    first_url="https://x.id/s?q={query}", first_page=0, page_step=20)
    assert search_url(search, "banjir bandang", 1) == "https://x.id/s?q=banjir%20bandang"
    assert search_url(search, "banjir", 3, date(2025, 3, 1), date(2025, 3, 31)) == \
        "https://x.id/s?q=banjir&o=40&from=01%2F03%2F2025".replace("%2F", "/") + "&to=20250331"
    assert Search("https://x.id/tag/{slug}").url.format(slug="a") and search.dated


def test_a_backfill_no_selected_site_can_answer_says_so_and_exits_non_zero(tmp_path: Path) -> None:
    root = tmp_path / "mirror"
    (root / "www.jpnn.com").mkdir(parents=True)
    (root / "www.jpnn.com" / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    (root / "www.jpnn.com" / "indeks").write_text("<html><body><p>kosong</p></body></html>")
    with MirrorServer(root) as mirror:
        done = subprocess.run(
            [sys.executable, "-m", "scraper", "crawl", "--db", str(tmp_path / "j.db"), "--no-delay", "--site", "jpnn",
             "--since", "2025-03-01", "--until", "2025-03-02", "--resolve", f"*=127.0.0.1:{mirror.port}"],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    table = "".join(done.stdout.replace("│", "").split())  # the note column wraps
    assert "".join(NO_ARCHIVE.split()) in table and "no selected site has a dated archive" in done.stderr


def test_a_profile_search_with_a_bad_page_reports_the_failure(sites: tuple[Path, SearchSites], tmp_path: Path) -> None:
    root, _ = sites
    antara = get_profile("antaranews")
    assert antara is not None
    broken = replace(antara, search=(replace(antara.search[0], url="https://www.antaranews.com/cari?q={query}&p={page}"),))
    with MirrorServer(root) as mirror:
        report = _run(tmp_path / "b.db", replace(_options(mirror.port, ()), profiles=[broken]))
    (site,) = report.sites
    assert site.failed_sources and "404" in site.failed_sources[0] and site.failed


def _adhoc(port: int, db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scraper", "crawl", "--db", str(db), "--no-delay", "--workers", "1",
         "--resolve", f"*=127.0.0.1:{port}", *args],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=120)


def test_a_wordpress_site_without_a_profile_is_backfilled_by_day_and_searched_by_rest(tmp_path: Path) -> None:
    root = tmp_path / "mirror"
    stories = build_wordpress_site(root)
    with MirrorServer(root) as mirror:
        backfill = _adhoc(mirror.port, tmp_path / "w.db", "--sitemap", f"https://{WP_HOST}/sitemap.xml",
                          "--since", "2025-03-11", "--until", "2025-03-12")
        search = _adhoc(mirror.port, tmp_path / "s.db", "--feed", f"https://{WP_HOST}/feed/", "--search", WORD,
                        "--since", FIRST.isoformat(), "--until", LAST.isoformat())
        plain = _adhoc(mirror.port, tmp_path / "p.db", "--sitemap", f"https://{PLAIN_HOST}/sitemap.xml",
                       "--since", "2025-03-11", "--until", "2025-03-12")
    assert backfill.returncode == 0, backfill.stdout + backfill.stderr
    in_days = sorted(s.url for s in stories if s.published.date() in WP_DAYS[1:])
    assert _stored(tmp_path / "w.db") == in_days and len(in_days) == 4
    assert "WordPressdetected" in "".join(backfill.stdout.replace("│", "").split())
    assert search.returncode == 0, search.stdout + search.stderr
    assert _stored(tmp_path / "s.db") == sorted(s.url for s in stories if WORD in s.title.lower())
    assert plain.returncode == 1 and "no selected site has a dated archive" in plain.stderr


def test_a_leaky_search_with_a_title_filter_never_fetches_the_off_topic_results(tmp_path: Path) -> None:
    """Pikiran Rakyat portals list unrelated stories among the results (SITE_FACTS #19):
    the profile's title filter drops them before any fetch. A JSON search answering HTML
    (a maintenance page) is the site's failure, reported."""
    host = "galamedia.pikiran-rakyat.com"
    on, off = f"https://{host}/news/pr-7001/banjir-di-bandung", f"https://{host}/news/pr-7002/harga-cabai-naik"
    page = (f'<div class="latest__item"><a href="{on}">Banjir di Bandung</a></div>'
            f'<div class="latest__item"><a href="{off}">Harga cabai naik</a></div>')
    article = ('<html><head><meta property="og:title" content="Banjir di Bandung"></head><body><article>'
               + "".join(f"<p>Banjir merendam kampung {i} di tepi sungai, warga mengungsi ke balai desa.</p>"
                         for i in range(6)) + "</article></body></html>")
    files = {f"search__q={WORD}&page=1": page, "news/pr-7001/banjir-di-bandung": article,
             "news/pr-7002/harga-cabai-naik": article, "robots.txt": "User-agent: *\nAllow: /\n"}
    for rel, text in files.items():
        (tmp_path / "m" / host / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "m" / host / rel).write_text(text, encoding="utf-8")
    galamedia, mongabay = get_profile("galamedia"), get_profile("mongabay")
    assert galamedia is not None and mongabay is not None and galamedia.search[0].title_filter
    rest = search_url(mongabay.search[0], WORD, 1).split("mongabay.co.id/", 1)[1].replace("?", "__")
    (tmp_path / "m" / "mongabay.co.id" / rest).parent.mkdir(parents=True)
    (tmp_path / "m" / "mongabay.co.id" / rest).write_text("<html><body>Maintenance</body></html>")  # not JSON
    (tmp_path / "m" / "mongabay.co.id" / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    with MirrorServer(tmp_path / "m") as mirror:
        options = replace(_options(mirror.port, ()), profiles=[galamedia, mongabay], since=None, until=None)
        report = _run(tmp_path / "g.db", options)
        fetched = [r["path"] for r in mirror.requests if "/news/" in r["path"]]
    assert _stored(tmp_path / "g.db") == [on] and not any("pr-7002" in p for p in fetched)
    by_site = {s.site: s for s in report.sites}
    assert by_site["galamedia"].search_results == 2 and by_site["galamedia"].count("unmatched") == 1
    # mongabay's REST endpoint answers HTML: the walk ends there and says why (the site failed)
    assert by_site["mongabay"].search_pages == 1 and by_site["mongabay"].search_results == 0
    assert "did not answer JSON" in by_site["mongabay"].failed_sources[0] and by_site["mongabay"].failed


@pytest.mark.parametrize("args", [["--search", " "], ["--search", "banjir", "--distributed"]])
def test_bad_search_usage_is_refused_before_any_work(tmp_path: Path, args: list[str]) -> None:
    done = subprocess.run([sys.executable, "-m", "scraper", "crawl", "--db", str(tmp_path / "u.db"), *args],
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2 and "--search" in done.stderr and not (tmp_path / "u.db").exists()
