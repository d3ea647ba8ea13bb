"""Issue 20 item 1: a host written with IDN dots is judged as the transport connects to it.

httpx (IDNA) turns ``127。0。0。1`` (U+3002), ``127．0．0．1`` (U+FF0E) and ``127｡0｡0｡1``
(U+FF61) into ``127.0.0.1`` before it connects. With the wildcard ``--resolve
'*=127.0.0.1:PORT'`` (the demo's setting) a guard reading the raw text took them for
host *names* covered by ``*``; the transport then saw an IP literal, which ``*`` does not
cover, and connected to it. Here a near-empty public page names such a host as its AMP
version or its ``_payload.json``, and is also given on the command line: a loopback
"internal" server must see no request at all.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers_http import write_site

from pipelines.mirror import MirrorServer
from scraper.errors import FetchError
from scraper.fetch.client import FetchConfig, Fetcher
from scraper.fetch.resolve import ResolveMap, check_public, connect_host

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = "berita.example"

#: Every spelling of 127.0.0.1 the transport reads as that IP (or refuses outright).
FAMILY = [
    "127\u30020\u30020\u30021",  # ideographic full stop
    "127\uff0e0\uff0e0\uff0e1",  # full-width full stop
    "127\uff610\uff610\uff611",  # half-width ideographic full stop
    "127\u30020\uff0e0\uff611",  # mixed
    "127.0.0.1.",  # trailing dot
    "127\u30020\u30020\u30021\u3002",  # trailing ideographic dot
    "\uff11\uff12\uff17.0.0.1",  # full-width digits (the transport refuses these)
]


@pytest.fixture()
def internal(tmp_path: Path) -> Iterator[MirrorServer]:
    """The service nothing may reach: answers every path (``/t11``, ``/p/_payload.json``)."""
    files = {"t11": "<html><body>internal</body></html>", "p/_payload.json": '{"data": {"body": "secret"}}'}
    root = write_site(tmp_path / "internal", host="127.0.0.1", files=files)
    with MirrorServer(root) as server:
        yield server


def _near_empty(head: str) -> str:
    return f"<!DOCTYPE html><html><head><title>Judul</title>{head}</head><body><p>Singkat.</p></body></html>"


def _public_site(tmp_path: Path, port: int) -> Path:
    files = {"robots.txt": "User-agent: *\nAllow: /\n"}
    for n, host in enumerate(FAMILY):
        files[f"berita/amp-{n}"] = _near_empty(f'<link rel="amphtml" href="http://{host}:{port}/t11">')
        files[f"berita/payload-{n}"] = _near_empty(
            f'<script id="__NUXT_DATA__" data-src="http://{host}:{port}/p/_payload.json"></script>')
    return write_site(tmp_path / "public", host=PUBLIC, files=files)


def _extract(urls: list[str], port: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scraper", "extract", *urls, "--format", "jsonl", "--resolve", f"*=127.0.0.1:{port}"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )


def test_idn_dot_hosts_in_amp_and_payload_links_never_reach_the_internal_server(
    tmp_path: Path, internal: MirrorServer,
) -> None:
    root = _public_site(tmp_path, internal.port)
    pages = [f"https://{PUBLIC}/berita/{kind}-{n}" for n in range(len(FAMILY)) for kind in ("amp", "payload")]
    with MirrorServer(root) as public:
        proc = _extract(pages, public.port)
        asked = {r["path"] for r in public.requests}
    assert {f"/berita/amp-{n}" for n in range(len(FAMILY))} <= asked, proc.stderr  # the pages were read
    assert internal.requests == []
    assert proc.stdout.count('"status"') == len(pages)  # one answer per page: refusals cost no page


def test_idn_dot_hosts_given_on_the_command_line_are_refused(tmp_path: Path, internal: MirrorServer) -> None:
    root = write_site(tmp_path / "public", host=PUBLIC)
    with MirrorServer(root) as public:
        for host in FAMILY:
            proc = _extract([f"http://{host}:{internal.port}/t11"], public.port)
            assert proc.returncode == 1, (host, proc.stdout, proc.stderr)
            assert "non-public address" in proc.stdout or "Invalid IDNA" in proc.stdout, (host, proc.stdout)
    assert internal.requests == []


@pytest.mark.parametrize("host", FAMILY)
def test_the_guard_judges_the_host_the_transport_connects_to(host: str) -> None:
    star = ResolveMap({"*": ("127.0.0.1", 9)})
    with pytest.raises(FetchError) as info:
        check_public(f"http://{host}:8080/x", resolve_map=star)
    assert info.value.kind in ("private_address", "invalid_url")


def test_connect_host_is_what_httpx_sends() -> None:
    assert connect_host("http://127\u30020\u30020\u30021:81/x") == "127.0.0.1"
    assert connect_host("http://News\uff0eDetik\uff0eCOM./a") == "news.detik.com"
    assert connect_host("https://B\u00fccher.de/") == "xn--bcher-kva.de"
    assert connect_host("http://[::1]:8080/") == "::1"
    with pytest.raises(FetchError) as info:
        connect_host("http://\uff11\uff12\uff17.0.0.1/")
    assert info.value.kind == "invalid_url"


def test_resolve_rules_and_politeness_see_one_host_however_it_is_dotted(tmp_path: Path) -> None:
    """``--resolve news.example=...`` covers ``news。example``, and both spellings wait in
    one politeness queue (the guard, the transport and the pacer agree on the host)."""
    root = write_site(tmp_path, host="news.example")
    slots: list[str] = []

    async def go() -> list[int]:
        resolve = ResolveMap({"News\u3002Example": ("127.0.0.1", server.port)})
        async with Fetcher(FetchConfig.fast(attempts=1), resolve=resolve) as fetcher:
            real_slot = fetcher.politeness.slot

            def slot(host: str):  # type: ignore[no-untyped-def]
                slots.append(host)
                return real_slot(host)

            fetcher.politeness.slot = slot  # type: ignore[method-assign]
            plain = await fetcher.fetch("http://news.example/berita/satu.html")
            dotted = await fetcher.fetch("http://news\uff0eexample/berita/satu.html")
            return [plain.status, dotted.status]

    with MirrorServer(root) as server:
        assert asyncio.run(go()) == [200, 200]
    assert set(slots) == {"news.example"}
