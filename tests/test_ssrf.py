"""The SSRF guard of the crawl: no request the crawl makes may reach the machine's own network.

The "public" site is a mirror reached only through ``--resolve www.jpnn.com=...``; the
"internal" service is a second loopback server that nothing names. Redirects from the
public site (articles and a sitemap) point at the internal one by raw IP and by a name
that resolves to loopback; the internal server must see no request at all.
"""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from helpers_http import write_site

from devtools.mirror_faults import Fault, FaultyMirror
from devtools.sitegen import build_demo_sites
from scraper.errors import FetchError
from scraper.fetch.client import FetchConfig, Fetcher
from scraper.fetch.resolve import ResolveMap, check_public

ROOT = Path(__file__).resolve().parent.parent


def _crawl(db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "crawl", "--site", "jpnn", "--db", str(db), "--no-delay", *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )


@pytest.fixture()
def internal(tmp_path: Path):
    root = write_site(tmp_path / "internal", host="127.0.0.1", files={"secret": "<html>internal</html>"})
    with FaultyMirror(root) as server:
        yield server


def _public(tmp_path: Path, internal_port: int) -> FaultyMirror:
    root = tmp_path / "public"
    build_demo_sites(root)
    faults = [
        Fault("redirect", path="/news/umkm-batik-tembus-pasar-ekspor", params={"to": f"http://127.0.0.1:{internal_port}/secret"}),
        Fault("redirect", path="/news/bus-listrik-uji-coba-di-kota", params={"to": f"http://localhost:{internal_port}/x"}),
        Fault("redirect", path="/sitemap.xml", params={"to": f"http://127.0.0.1:{internal_port}/sitemap.xml"}),
    ]
    return FaultyMirror(root, faults)


def test_crawl_never_follows_a_redirect_into_the_private_network(tmp_path: Path, internal: FaultyMirror) -> None:
    db = tmp_path / "a.db"
    with _public(tmp_path, internal.port) as public:
        proc = _crawl(db, "--resolve", f"www.jpnn.com=127.0.0.1:{public.port}")
        assert public.requests, "the public site was crawled"
    assert internal.requests == []
    assert proc.returncode == 0, proc.stderr
    with sqlite3.connect(db) as conn:
        sites = {r[0] for r in conn.execute("SELECT DISTINCT site FROM articles")}
        refused = dict(conn.execute(
            "SELECT url, error FROM fetches WHERE error_kind = 'private_address'").fetchall())
        stored_pages = [r[0] for r in conn.execute("SELECT final_url FROM pages")]
    assert sites == {"jpnn"}
    assert f"http://127.0.0.1:{internal.port}/secret" in refused
    assert f"http://localhost:{internal.port}/x" in refused
    assert f"http://127.0.0.1:{internal.port}/sitemap.xml" in refused
    assert not any(str(internal.port) in url for url in stored_pages)


def test_allow_private_is_the_explicit_opt_out(tmp_path: Path, internal: FaultyMirror) -> None:
    with _public(tmp_path, internal.port) as public:
        _crawl(tmp_path / "b.db", "--resolve", f"www.jpnn.com=127.0.0.1:{public.port}", "--allow-private")
    assert any(r["path"] == "/secret" for r in internal.requests)


def test_star_resolve_covers_host_names_not_raw_ips(tmp_path: Path, internal: FaultyMirror) -> None:
    """With ``*=mirror`` (the demo's setting) a redirect to a raw private IP is still refused."""
    db = tmp_path / "c.db"
    with _public(tmp_path, internal.port) as public:
        _crawl(db, "--resolve", f"*=127.0.0.1:{public.port}")
    assert internal.requests == []
    with sqlite3.connect(db) as conn:
        kinds = {r[0] for r in conn.execute(
            "SELECT error_kind FROM fetches WHERE url LIKE 'http://127.0.0.1:%'")}
    assert kinds == {"private_address"}


@pytest.mark.parametrize("target", [
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]:8080/",
    "http://10.0.0.5/admin",
    "http://[::ffff:127.0.0.1]/",
    "http://0.0.0.0:6379/",
])
def test_fetcher_refuses_a_redirect_to_private_addresses(tmp_path: Path, target: str) -> None:
    root = write_site(tmp_path, host="news.example", files={"robots.txt": "User-agent: *\n"})
    attempts: list[tuple[str, str | None]] = []

    async def go() -> None:
        config = FetchConfig.fast(attempts=1)
        resolve = ResolveMap({"news.example": ("127.0.0.1", server.port)})
        async with Fetcher(config, resolve=resolve, on_attempt=lambda u, a, s, k, e, t: attempts.append((u, k))) as f:
            await f.fetch("http://news.example/go")

    with FaultyMirror(root, [Fault("redirect", path="/go", params={"to": target})]) as server, \
            pytest.raises(FetchError) as info:
        asyncio.run(go())
    assert info.value.kind == "private_address"
    assert attempts[-1] == (target, "private_address")  # the refusal is logged, not silent


def test_resolve_names_only_the_hosts_it_lists() -> None:
    only = ResolveMap({"www.jpnn.com": ("127.0.0.1", 8080)})
    star = ResolveMap({"*": ("127.0.0.1", 8080)})
    assert only.names("www.jpnn.com") and not only.names("localhost") and not only.names("127.0.0.1")
    assert star.names("news.detik.com") and not star.names("127.0.0.1") and not star.names("[::1]")
    assert star.target("127.0.0.1") is None and star.target("news.detik.com") == ("127.0.0.1", 8080)
    check_public("http://www.jpnn.com/x", resolve_map=only)  # named: the operator's choice
    with pytest.raises(FetchError):
        check_public("http://127.0.0.1:9/x", resolve_map=star)


def test_an_unreachable_host_is_a_connect_failure_not_a_robots_rule() -> None:
    """robots.txt that cannot be fetched because the host is down must not read as a rule."""

    async def go() -> None:
        async with Fetcher(FetchConfig.fast(attempts=1, public_only=False)) as f:
            await f.fetch("http://127.0.0.1:9/berita/satu")  # port 9: refused

    with pytest.raises(FetchError) as info:
        asyncio.run(go())
    assert info.value.kind == "connect" and "robots.txt disallows" not in str(info.value)
