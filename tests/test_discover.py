"""Discovery: sitemap/feed parsers on hostile and malformed input, and discover_site on a real
loopback mirror (conditional GET, failed sources, robots.txt sitemaps, filters)."""

from __future__ import annotations

import asyncio
import gzip
from pathlib import Path

import pytest

from devtools.sitegen import build_demo_sites
from pipelines.mirror import MirrorServer
from scraper.discover.feeds import FeedError, parse_feed, parse_index_page
from scraper.discover.sitemaps import SitemapError, parse_sitemap
from scraper.discover.sources import DiscoveryLimits, discover_site
from scraper.fetch.client import FetchConfig, Fetcher, FetchResult
from scraper.fetch.resolve import ResolveMap
from scraper.sites import get_profile

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _urlset(n: int) -> bytes:
    rows = "".join(
        f"<url><loc>https://news.detik.com/berita/d-{7000000 + i}/x</loc>"
        f"<lastmod>2025-01-0{1 + i % 9}</lastmod></url>"
        for i in range(n)
    )
    return f'<?xml version="1.0"?><urlset {NS}>{rows}</urlset>'.encode()


def test_sitemap_urlset_plain_and_gzipped_give_the_same_entries() -> None:
    plain = parse_sitemap(_urlset(3))
    zipped = parse_sitemap(gzip.compress(_urlset(3)))
    assert plain.kind == "urlset" and plain.urls == zipped.urls
    assert plain.urls[0][0].endswith("d-7000000/x") and plain.urls[0][1] is not None


def test_sitemap_index_lists_children() -> None:
    body = f"<sitemapindex {NS}><sitemap><loc>https://a.example/s1.xml.gz</loc></sitemap></sitemapindex>"
    doc = parse_sitemap(body.encode())
    assert doc.kind == "index" and doc.children == [("https://a.example/s1.xml.gz", None)]


def test_news_sitemap_publication_date_wins_over_lastmod() -> None:
    body = (
        f'<urlset {NS} xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://x.example/a'
        "</loc><lastmod>2020-01-01</lastmod><news:news><news:publication_date>2025-06-02T08:00:00+07:00"
        "</news:publication_date></news:news></url></urlset>"
    )
    ((_, when, _),) = parse_sitemap(body.encode()).urls
    assert when is not None and when.isoformat() == "2025-06-02T01:00:00+00:00"


def test_sitemap_stops_at_max_urls() -> None:
    doc = parse_sitemap(_urlset(500), max_urls=120)
    assert len(doc.urls) == 120 and doc.truncated


@pytest.mark.parametrize(
    "body",
    [
        b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        b"<urlset><url><loc>&b;</loc></url></urlset>",
        b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]><urlset><url><loc>&x;</loc>'
        b"</url></urlset>",
    ],
)
def test_sitemap_refuses_entity_bombs_and_external_entities(body: bytes) -> None:
    with pytest.raises(SitemapError, match="unsafe"):
        parse_sitemap(body)


@pytest.mark.parametrize(
    "body",
    [
        b"<urlset><url><loc>x</loc>",
        b"not xml at all",
        b"<html><body/></html>",
        b"\x1f\x8b\x08\x00garbage",
        b"",
    ],
)
def test_malformed_sitemaps_raise_sitemap_error(body: bytes) -> None:
    with pytest.raises(SitemapError):
        parse_sitemap(body)


def test_gzip_bomb_sitemap_is_cut_off() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * (8 * 1024 * 1024))
    with pytest.raises(SitemapError, match="larger than"):
        parse_sitemap(bomb, max_bytes=1024 * 1024)


def test_large_sitemap_streams_with_flat_memory() -> None:
    import tracemalloc

    body = _urlset(8_000)
    tracemalloc.start()
    doc = parse_sitemap(body, max_urls=50_000)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(doc.urls) == 8_000
    assert peak < len(body) * 3  # the result list, not a whole element tree


def test_feed_rss_and_atom() -> None:
    rss = (
        b'<rss version="2.0"><channel><title>t</title><item><link>https://x.example/a</link>'
        b"<pubDate>Mon, 02 Jun 2025 01:00:00 +0000</pubDate></item>"
        b"<item><link>/b</link></item></channel></rss>"
    )
    entries = parse_feed(rss, "https://x.example/rss")
    assert [e.url for e in entries] == ["https://x.example/a", "https://x.example/b"]
    assert entries[0][1] is not None and entries[1][1] is None
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>a</title>'
        b'<link href="https://x.example/c"/><updated>2025-06-02T01:00:00Z</updated></entry></feed>'
    )
    assert parse_feed(atom)[0][0] == "https://x.example/c"


def test_feed_hostile_malformed_and_empty() -> None:
    with pytest.raises(FeedError, match="unsafe"):
        parse_feed(
            b'<!DOCTYPE r [<!ENTITY a "x">]><rss><channel><item><link>&a;</link></item></channel></rss>'
        )
    with pytest.raises(FeedError):
        parse_feed(b"<html><body>Server error</body></html>")
    assert parse_feed(b'<rss version="2.0"><channel><title>t</title></channel></rss>') == []


def test_index_page_links_are_absolute() -> None:
    html = '<a href="/berita/d-1/x">a</a><a href="#top">b</a><a href="javascript:void(0)">c</a>'
    assert parse_index_page(html, "https://news.detik.com/indeks") == ["https://news.detik.com/berita/d-1/x"]


class _MemoryArchive:
    def __init__(self) -> None:
        self.saved: dict[str, FetchResult] = {}

    def validators(self, url: str) -> tuple[str | None, str | None]:
        saved = self.saved.get(url)
        return (saved.etag, saved.last_modified) if saved else (None, None)

    def cached_body(self, url: str) -> bytes | None:
        return self.saved[url].body if url in self.saved else None

    def save_source(self, result: FetchResult) -> None:
        self.saved[result.url] = result


def _discover(root: Path, name: str, archive: _MemoryArchive, limits: DiscoveryLimits | None = None):
    profile = get_profile(name)
    assert profile is not None

    async def go(port: int):
        async with Fetcher(
            FetchConfig.fast(max_delay=0), resolve=ResolveMap({"*": ("127.0.0.1", port)})
        ) as f:
            return await discover_site(profile, f, archive, limits)

    with MirrorServer(root) as mirror:
        result = asyncio.run(go(mirror.port))
        return result, mirror.requests


def test_discover_detik_from_every_source_kind(tmp_path: Path) -> None:
    build_demo_sites(tmp_path)
    (tmp_path / "sport.detik.com" / "rss").write_text("<rss><channel><item>broken", encoding="utf-8")
    found, requests = _discover(tmp_path, "detik", _MemoryArchive())
    urls = [c.url for c in found.candidates]
    assert (
        len(urls) == len(set(urls)) == 7
    )  # 4 stories, long, video, disallowed one (robots is the fetch's job)
    assert not any("/tag/" in u or "?" in u for u in urls)
    kinds = {(s.kind, s.status) for s in found.sources}
    assert ("sitemap", "ok") in kinds and ("feed", "ok") in kinds and ("index", "ok") in kinds
    failed = [s.url for s in found.failed_sources]
    assert failed == ["https://sport.detik.com/rss"]
    # the robots.txt sitemap and the gzipped child of the sitemap index were read
    paths = {(r["host"], r["path"]) for r in requests}
    assert ("news.detik.com", "/sitemap-news.xml") in paths and (
        "www.detik.com",
        "/sitemap-1.xml.gz",
    ) in paths
    dated = [c.published for c in found.candidates if c.published]
    assert dated == sorted(dated, reverse=True)


def test_second_discovery_uses_304_and_reads_the_archived_copy(tmp_path: Path) -> None:
    build_demo_sites(tmp_path)
    archive = _MemoryArchive()
    first, _ = _discover(tmp_path, "liputan6", archive)
    second, requests = _discover(tmp_path, "liputan6", archive)
    assert {s.status for s in second.sources} == {"not_modified"}
    assert [c.url for c in second.candidates] == [c.url for c in first.candidates]
    assert all("If-None-Match" in r["headers"] for r in requests if r["path"] in ("/rss", "/indeks"))


def test_discovery_limit_caps_candidates(tmp_path: Path) -> None:
    build_demo_sites(tmp_path)
    found, _ = _discover(tmp_path, "liputan6", _MemoryArchive(), DiscoveryLimits(max_urls=2))
    assert len(found.candidates) == 2
