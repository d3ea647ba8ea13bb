"""A site with no profile, crawled from the command line (``--sitemap``, ``--feed``,
``--start``), and ``--match``: the same politeness, robots.txt, not-article detection and
store as a profiled site, through the generic path (issue 10)."""

from __future__ import annotations

import asyncio
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from devtools.sitegen import story_text
from pipelines.crawl import CrawlOptions, RunReport, crawl
from pipelines.mirror import MirrorServer
from scraper.discover.adhoc_profile import adhoc_profiles
from scraper.fetch.client import FetchConfig
from scraper.fetch.resolve import ResolveMap
from scraper.store import Store

ROOT = Path(__file__).resolve().parent.parent
HOST = "www.kabarkota.example"
TOPICS = ("banjir", "pasar", "sekolah", "banjir", "jembatan", "rahasia")


def _article(n: int, topic: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in story_text(500 + n, 6))
    return (f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Kabar {topic} {n}</title>'
            f'<meta property="og:type" content="article"><link rel="canonical" href="{_url(n)}"></head>'
            f'<body><nav><a href="/">Beranda</a> <a href="/kota/">Kota</a></nav><main><article>'
            f'<h1>Kabar {topic} {n}</h1><p class="meta">Senin, 3 Maret 2025 10:00 WIB</p>'
            f'<div class="isi"><p>Warga membicarakan {topic} sejak pagi di kota.</p>{paras}</div>'
            f'</article></main><footer>Hak cipta kabarkota</footer></body></html>')


def _url(n: int) -> str:
    return f"https://{HOST}/{'rahasia' if n == 5 else 'kota'}/2025/03/03/{1000 + n}/kabar-{TOPICS[n]}-{n}"


def _listing(title: str, links: list[str]) -> str:
    items = "".join(f'<li><a href="{u}">{u.rsplit("/", 1)[-1]}</a></li>' for u in links)
    return f'<!DOCTYPE html><html><head><title>{title}</title></head><body><h1>{title}</h1><ul>{items}</ul></body></html>'


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    base = root / HOST
    for n, topic in enumerate(TOPICS):
        path = base / _url(n).split("/", 3)[3]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_article(n, topic), encoding="utf-8")
    (base / "robots.txt").write_text("User-agent: *\nDisallow: /rahasia/\n")
    urls = "".join(f"<url><loc>{_url(n)}</loc><news:news><news:title>Kabar {TOPICS[n]} {n}</news:title></news:news></url>"
                   for n in range(4))
    (base / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}'
        f"<url><loc>https://{HOST}/</loc></url></urlset>")
    (base / "index.html").write_text(_listing("Beranda", [_url(n) for n in range(6)]), encoding="utf-8")
    (base / "kota").mkdir(exist_ok=True)
    (base / "kota" / "index.html").write_text(
        _listing("Kota", [_url(4), _url(5), f"https://{HOST}/kota/", f"https://{HOST}/tag/banjir"]), encoding="utf-8")
    return root


def _crawl(db: Path, port: int, **sources: list[str]) -> RunReport:
    match = sources.pop("match", [])
    options = CrawlOptions(profiles=adhoc_profiles(**sources), fetch=FetchConfig.fast(max_delay=0), workers=1,
                           resolve=ResolveMap({"*": ("127.0.0.1", port)}),
                           match=tuple(re.compile(m, re.I) for m in match))
    with Store(db) as store:
        return asyncio.run(crawl(store, options))


def test_sitemap_of_a_site_with_no_profile(site: Path, tmp_path: Path) -> None:
    with MirrorServer(site) as mirror:
        report = _crawl(tmp_path / "a.db", mirror.port, sitemaps=[f"https://{HOST}/sitemap.xml"])
    (s,) = report.sites
    assert s.site == "kabarkota.example" and s.adhoc and s.count("new") == 4
    with sqlite3.connect(tmp_path / "a.db") as conn:
        rows = conn.execute("SELECT site, extractor FROM articles").fetchall()
    assert rows == [("kabarkota.example", "generic")] * 4


def test_start_page_follows_article_links_one_level_and_obeys_robots(site: Path, tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    with MirrorServer(site) as mirror:
        proc = subprocess.run(
            [sys.executable, "-m", "scraper", "crawl", "--db", str(db), "--no-delay", "--workers", "1",
             "--start", f"https://{HOST}/kota/", "--resolve", f"*=127.0.0.1:{mirror.port}"],
            cwd=ROOT, capture_output=True, text=True, timeout=120)
        asked = {r["path"] for r in mirror.requests}
    assert proc.returncode == 0, proc.stderr
    assert "scraper sites new" in proc.stdout  # the summary suggests drafting a profile
    assert not any(p.startswith("/rahasia/") for p in asked)  # robots.txt
    assert "/tag/banjir" not in asked and "/kota/" in asked  # not article-shaped: never fetched
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        kinds = conn.execute("SELECT count(*) FROM fetches WHERE error_kind = 'robots'").fetchone()[0]
    assert kinds == 1


def test_feed_and_home_page_home_is_not_an_article(site: Path, tmp_path: Path) -> None:
    feed = site / HOST / "rss.xml"
    items = "".join(f"<item><title>Kabar {TOPICS[n]}</title><link>{_url(n)}</link></item>" for n in (0, 1))
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>k</title>'
                    f"<item><title>Beranda</title><link>https://{HOST}/</link></item>{items}</channel></rss>")
    with MirrorServer(site) as mirror:
        report = _crawl(tmp_path / "c.db", mirror.port, feeds=[f"https://{HOST}/rss.xml"])
    assert report.sites[0].count("new") == 2 and report.sites[0].discovered == 2


def test_match_keeps_the_topic_before_and_after_fetching(site: Path, tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    with MirrorServer(site) as mirror:
        report = _crawl(db, mirror.port, sitemaps=[f"https://{HOST}/sitemap.xml"], match=["banjir"])
        fetched = {r["path"] for r in mirror.requests}
    (s,) = report.sites
    # sitemap titles name the topic: the two others are skipped unfetched
    assert (s.matched, s.count("unmatched"), s.count("new")) == (2, 2, 2)
    assert not any("kabar-pasar" in p or "kabar-sekolah" in p for p in fetched)
    with sqlite3.connect(db) as conn:
        titles = sorted(r[0] for r in conn.execute("SELECT title FROM articles"))
    assert titles == ["Kabar banjir 0", "Kabar banjir 3"]


def test_match_without_listed_titles_decides_on_the_extracted_article(site: Path, tmp_path: Path) -> None:
    with MirrorServer(site) as mirror:
        kept = _crawl(tmp_path / "e.db", mirror.port, starts=[f"https://{HOST}/kota/"], match=["jembatan"])
        dropped = _crawl(tmp_path / "f.db", mirror.port, starts=[f"https://{HOST}/kota/"], match=["banjir"])
    assert (kept.sites[0].matched, kept.sites[0].count("new")) == (1, 1)
    assert (dropped.sites[0].count("unmatched"), dropped.sites[0].count("new")) == (1, 0)
    with sqlite3.connect(tmp_path / "f.db") as conn:  # archived, so the next run does not fetch it again
        assert conn.execute("SELECT count(*) FROM pages WHERE url LIKE '%kabar-jembatan%'").fetchone()[0] == 1
