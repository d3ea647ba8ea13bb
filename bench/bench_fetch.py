"""Fetch benchmark: the fetcher against the local mirror over loopback.

Run: .venv/bin/python bench/bench_fetch.py [--pages 200] [--hosts 4] [--size 60000]
Prints per-page latency medians and pages/s for: one host at concurrency 1 and 2, several
hosts at once (the crawl's shape), gzip-encoded bodies, and the canonicalizer's rate.
Politeness delays are 0 here: this measures our overhead, not the sites' patience.
Generated pages only (no third-party text).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devtools.mirror_faults import FaultyMirror, parse_fault  # noqa: E402
from scraper.fetch.client import FetchConfig, Fetcher  # noqa: E402
from scraper.fetch.resolve import ResolveMap  # noqa: E402
from scraper.fetch.urls import canonicalize  # noqa: E402


def make_site(root: Path, hosts: int, pages: int, size: int) -> None:
    rng = random.Random(3)
    words = ["kota", "warga", "banjir", "presiden", "pasar", "harga", "jalan", "sekolah", "hujan", "kereta"]
    for h in range(hosts):
        base = root / f"site{h}.example" / "berita"
        base.mkdir(parents=True)
        for i in range(pages):
            paras: list[str] = []
            total = 0
            while total < size:
                paras.append("<p>" + " ".join(rng.choices(words, k=30)) + ".</p>")
                total += len(paras[-1])
            (base / f"{i}.html").write_text(f"<html><body><article>{''.join(paras)}</article></body></html>")


async def run(server: FaultyMirror, urls: list[str], concurrency: int) -> tuple[list[float], float]:
    config = FetchConfig.fast(per_host_concurrency=concurrency, obey_robots=False)
    latencies: list[float] = []
    started = time.perf_counter()
    resolve = ResolveMap({"*": (server.host, server.port)})

    def attempt(url: str, n: int, status: int | None, kind: str | None, err: str | None, ms: float) -> None:
        latencies.append(ms)  # one request on the wire, without the wait for a host slot

    async with Fetcher(config, resolve=resolve, on_attempt=attempt) as fetcher:
        await asyncio.gather(*(fetcher.fetch(u) for u in urls))
    return latencies, time.perf_counter() - started


def row(name: str, latencies: list[float], seconds: float) -> str:
    return f"{name:<34} {statistics.median(latencies):>9.1f} {len(latencies) / seconds:>9.0f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--hosts", type=int, default=4)
    parser.add_argument("--size", type=int, default=60_000, help="bytes of HTML per page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_site(root, args.hosts, args.pages, args.size)
        one_host = [f"https://site0.example/berita/{i}.html" for i in range(args.pages)]
        all_hosts = [
            f"https://site{h}.example/berita/{i}.html" for i in range(args.pages) for h in range(args.hosts)
        ]
        print(f"{'case':<34} {'median ms':>9} {'pages/s':>9}")
        with FaultyMirror(root) as server:
            for conc in (1, 2):
                print(row(f"1 host, concurrency {conc}", *asyncio.run(run(server, one_host, conc))))
            print(row(f"{args.hosts} hosts, concurrency 2", *asyncio.run(run(server, all_hosts, 2))))
        with FaultyMirror(root, [parse_fault("encoded,enc=gzip")]) as server:
            print(row("1 host, concurrency 2, gzip", *asyncio.run(run(server, one_host, 2))))
    urls = [f"https://m.site.example/berita/{i}/amp?utm_source=x&page=2&id={i}#c" for i in range(20_000)]
    started = time.perf_counter()
    for url in urls:
        canonicalize(url)
    rate = len(urls) / (time.perf_counter() - started)
    print(f"canonicalize: {rate:,.0f} URLs/s")


if __name__ == "__main__":
    main()
