"""robots.txt: rules, Crawl-delay, sitemaps, and what missing/unreachable files mean."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from helpers_http import ARTICLE, HOST, fast_config, mirror_server, run_with_fetcher, url, write_site

from devtools.mirror_faults import parse_fault
from scraper.errors import FetchError, RobotsDisallowed
from scraper.fetch.client import Fetcher
from scraper.fetch.robots import RobotsRules, robots_url

ROBOTS = """\
User-agent: *
Disallow: /search
Crawl-delay: 1

User-agent: IndoNewsScraper
Disallow: /private/
Crawl-delay: 1

Sitemap: https://news.example/sitemap_news.xml
"""


def site(tmp_path: Path, robots: str | None = ROBOTS) -> Path:
    files = {"a.html": ARTICLE, "b.html": ARTICLE, "private/x.html": ARTICLE}
    if robots is not None:
        files["robots.txt"] = robots
    return write_site(tmp_path, files=files)


def test_rules_parse_for_our_agent() -> None:
    rules = RobotsRules.parse(ROBOTS, "IndoNewsScraper")
    assert not rules.allowed("https://news.example/private/x.html")
    assert rules.allowed("https://news.example/search?q=a")  # our group replaces '*'
    assert rules.crawl_delay == 1.0
    assert rules.sitemaps == ["https://news.example/sitemap_news.xml"]
    assert robots_url("HTTPS://News.Example:8443/a/b?c") == "https://news.example:8443/robots.txt"


def test_disallowed_url_raises_without_request(tmp_path: Path) -> None:
    with mirror_server(site(tmp_path)) as server:
        with pytest.raises(RobotsDisallowed) as info:
            run_with_fetcher(server, lambda f: f.fetch(url("/private/x.html")))
        assert server.requests_to("/private/x.html") == []
    assert info.value.kind == "robots"


def test_robots_fetched_once_and_crawl_delay_spaces_requests(tmp_path: Path) -> None:
    with mirror_server(site(tmp_path)) as server:

        async def both(fetcher: Fetcher) -> None:
            await asyncio.gather(fetcher.fetch(url("/a.html")), fetcher.fetch(url("/b.html")))

        run_with_fetcher(server, both)
        starts = sorted(r["start"] for r in server.requests if r["path"] in ("/a.html", "/b.html"))
        assert len(server.requests_to("/robots.txt")) == 1
    assert len(starts) == 2 and starts[1] - starts[0] >= 0.95


def test_missing_robots_allows_all(tmp_path: Path) -> None:
    with mirror_server(site(tmp_path, robots=None)) as server:

        async def go(fetcher: Fetcher) -> str:
            await fetcher.fetch(url("/private/x.html"))
            return (await fetcher.robots_rules(url("/"))).source

        assert run_with_fetcher(server, go) == "missing"


def test_unreachable_robots_disallows_host_for_the_run(tmp_path: Path) -> None:
    with mirror_server(site(tmp_path), [parse_fault("503,path=/robots.txt")]) as server:
        with pytest.raises(RobotsDisallowed) as info:
            run_with_fetcher(server, lambda f: f.fetch(url("/a.html")), fast_config(attempts=2))
        assert len(server.requests_to("/robots.txt")) == 2  # retried like any fetch, then given up
        assert server.requests_to("/a.html") == []
    assert "HTTP 503" in str(info.value)


def test_robots_can_be_ignored_by_config(tmp_path: Path) -> None:
    with mirror_server(site(tmp_path)) as server:
        config = fast_config(obey_robots=False)
        result = run_with_fetcher(server, lambda f: f.fetch(url("/private/x.html")), config)
        assert server.requests_to("/robots.txt") == []
    assert result.status == 200


def test_redirect_into_disallowed_path_is_refused(tmp_path: Path) -> None:
    faults = [parse_fault("redirect,path=/go,to=/private/x.html")]
    with mirror_server(site(tmp_path), faults) as server:
        with pytest.raises(FetchError) as info:
            run_with_fetcher(server, lambda f: f.fetch(url("/go")))
        assert server.requests_to("/private/x.html") == []
    assert info.value.kind == "robots"


def test_robots_per_host(tmp_path: Path) -> None:
    root = site(tmp_path)
    write_site(root, host="other.example", files={"private/x.html": ARTICLE})
    with mirror_server(root) as server:
        result = run_with_fetcher(server, lambda f: f.fetch(url("/private/x.html", host="other.example")))
    assert result.status == 200 and HOST != "other.example"
