"""Loopback HTTP helpers for the fetch/robots/mirror tests (real servers, no mocks).

``site_tree`` writes a small mirror directory; ``mirror_server`` starts
:class:`pipelines.mirror.FaultyMirror` on it; ``run`` drives an async fetch with a fetcher
configured for speed and mapped to the server with ``--resolve``-style rules, so the tests
use real host names (``news.example``) exactly like the crawl will.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from devtools.mirror_faults import Fault, FaultyMirror
from scraper.fetch.client import FetchConfig, Fetcher
from scraper.fetch.resolve import ResolveMap

T = TypeVar("T")

HOST = "news.example"
ARTICLE = (
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Berita uji</title></head>"
    "<body><article><p>Paragraf pertama tentang kota Bandung.</p>"
    "<p>Paragraf kedua, dengan kata café dan “kutipan”.</p></article></body></html>"
)


def write_site(root: Path, host: str = HOST, files: Mapping[str, str | bytes] | None = None) -> Path:
    """Write ``files`` (path -> content) under ``root/host``; returns ``root``."""
    if files is None:
        files = {"berita/satu.html": ARTICLE, "robots.txt": "User-agent: *\nAllow: /\n"}
    for rel, content in files.items():
        path = root / host / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
    return root


@contextmanager
def mirror_server(root: Path, faults: list[Fault] | None = None, seed: int = 0) -> Iterator[FaultyMirror]:
    with FaultyMirror(root, faults, seed=seed) as server:
        yield server


def resolve_to(server: FaultyMirror) -> ResolveMap:
    """Every host -> the mirror (``--resolve '*=127.0.0.1:PORT'``)."""
    return ResolveMap({"*": (server.host, server.port)})


def fast_config(**overrides: Any) -> FetchConfig:
    return FetchConfig.fast(**overrides)


def run_with_fetcher(
    server: FaultyMirror,
    body: Callable[[Fetcher], Awaitable[T]],
    config: FetchConfig | None = None,
    attempts_log: list[tuple[Any, ...]] | None = None,
) -> T:
    """Run ``body(fetcher)`` on a fresh event loop with a fetcher aimed at ``server``."""

    def record(*args: Any) -> None:
        if attempts_log is not None:
            attempts_log.append(args)

    async def main() -> T:
        async with Fetcher(config or fast_config(), resolve=resolve_to(server), on_attempt=record) as fetcher:
            return await body(fetcher)

    return asyncio.run(main())


def url(path: str, host: str = HOST, scheme: str = "https") -> str:
    return f"{scheme}://{host}{path}"
