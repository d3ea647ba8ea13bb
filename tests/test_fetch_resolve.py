"""--resolve mapping (real hosts onto a loopback server) and the SSRF guard of the fetcher."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path

import httpx
import pytest
from helpers_http import ARTICLE, mirror_server, write_site

from devtools.mirror_faults import parse_fault
from scraper.errors import FetchError, InputError
from scraper.fetch.client import FetchConfig, Fetcher, FetchResult
from scraper.fetch.resolve import ResolveMap, ResolvingTransport, check_public, parse_resolve


def fetch(url: str, *, resolve: ResolveMap | Iterable[str] | None = None, allow_private: bool = False) -> FetchResult:
    """One fetch through a fresh Fetcher (what the one-off command does)."""

    async def run() -> FetchResult:
        async with Fetcher(FetchConfig.fast(public_only=not allow_private), resolve=resolve) as fetcher:
            return await fetcher.fetch(url)

    return asyncio.run(run())


def test_parse_resolve() -> None:
    assert parse_resolve(["News.Detik.com=127.0.0.1:8080", "*=[::1]:9000", "x.id=10.0.0.1"]) == {
        "news.detik.com": ("127.0.0.1", 8080),
        "*": ("::1", 9000),
        "x.id": ("10.0.0.1", 80),
    }
    for bad in ("nohost", "=1.2.3.4:80", "a.com=1.2.3.4:http", "a.com=1.2.3.4:70000"):
        with pytest.raises(InputError):
            parse_resolve([bad])


def test_resolve_map_lookup() -> None:
    rmap = ResolveMap.from_specs(["a.example=127.0.0.1:1", "*=127.0.0.2:2"])
    assert rmap.target("A.Example") == ("127.0.0.1", 1)
    assert rmap.target("b.example") == ("127.0.0.2", 2)
    assert ResolveMap.from_specs(["a.example=127.0.0.1:1"]).target("b.example") is None
    assert not ResolveMap()


def test_sync_transport_keeps_host_and_url(tmp_path: Path) -> None:
    root = write_site(tmp_path, host="www.kompas.example", files={"read/1.html": ARTICLE})
    with mirror_server(root) as server:
        rmap = ResolveMap({"www.kompas.example": (server.host, server.port)})
        with httpx.Client(transport=ResolvingTransport(rmap)) as client:
            response = client.get("https://www.kompas.example/read/1.html")
        sent = server.requests_to("/read/1.html")[0]["headers"]
    assert response.status_code == 200 and response.text == ARTICLE
    assert str(response.request.url) == "https://www.kompas.example/read/1.html"
    assert sent["Host"] == "www.kompas.example"


def test_fetch_through_resolve_with_https_redirect(tmp_path: Path) -> None:
    root = write_site(tmp_path, host="news.example", files={"new.html": ARTICLE})
    faults = [parse_fault("redirect,path=/old.html,to=https://news.example/new.html")]
    with mirror_server(root, faults) as server:
        result = fetch(
            "https://news.example/old.html",
            resolve=ResolveMap.from_specs([f"news.example={server.host}:{server.port}"]),
        )
    assert result.final_url == "https://news.example/new.html" and result.text == ARTICLE


@pytest.mark.parametrize(
    ("target", "kind"),
    [
        ("file:///etc/passwd", "invalid_url"),
        ("gopher://x.example/", "invalid_url"),
        ("http://127.0.0.1/", "private_address"),
        ("http://localhost:8080/", "private_address"),
        ("http://10.1.2.3/", "private_address"),
        ("http://192.168.0.1/", "private_address"),
        ("http://169.254.169.254/latest/meta-data/", "private_address"),
        ("http://[::1]/", "private_address"),
        ("http://[::ffff:127.0.0.1]/", "private_address"),
        ("http://0.0.0.0/", "private_address"),
    ],
)
def test_check_public_refuses(target: str, kind: str) -> None:
    with pytest.raises(FetchError) as info:
        check_public(target)
    assert info.value.kind == kind


def test_check_public_allows() -> None:
    check_public("http://8.8.8.8/")  # a literal public address needs no DNS
    check_public("http://127.0.0.1/", allow_private=True)
    check_public("https://news.example/", resolve_map=ResolveMap({"news.example": ("127.0.0.1", 1)}))


def test_fetch_refuses_loopback_and_redirect_into_it(tmp_path: Path) -> None:
    root = write_site(tmp_path, host="127.0.0.1", files={"a.html": ARTICLE})
    with mirror_server(root) as server:
        with pytest.raises(FetchError) as info:
            fetch(server.url("/a.html"))
        assert info.value.kind == "private_address"
        assert server.requests == []
        # allowed explicitly, it works
        assert fetch(server.url("/a.html"), allow_private=True).text == ARTICLE

    # A public-looking host (mapped by --resolve) redirecting to a private address is stopped.
    root2 = write_site(tmp_path / "2", host="news.example", files={"a.html": ARTICLE})
    faults = [parse_fault("redirect,path=/go,to=http://127.0.0.1:9/admin")]
    with mirror_server(root2, faults) as server:
        rmap = ResolveMap.from_specs([f"news.example={server.host}:{server.port}"])
        with pytest.raises(FetchError) as info:
            fetch("https://news.example/go", resolve=rmap)
    assert info.value.kind == "private_address"


def test_fetch_takes_cli_strings(tmp_path: Path) -> None:
    root = write_site(tmp_path, host="news.example", files={"a.html": ARTICLE})
    with mirror_server(root) as server:
        result = fetch("https://news.example/a.html", resolve=[f"*={server.host}:{server.port}"])
    assert result.text == ARTICLE and result.url == "https://news.example/a.html"
