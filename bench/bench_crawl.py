"""Crawl throughput and memory: N synthetic detik-shaped article pages, politeness off.

For each size, a fresh mirror of N pages (one news sitemap) is written to a temp dir and
served by ``scraper mirror serve`` in its own process (so the server does not share our
GIL), then ``scraper crawl`` runs in a subprocess into a fresh database. Reported: wall
time, pages/s (article pages stored / wall time, discovery included) and the crawl
process's peak RSS (``resource.getrusage(RUSAGE_CHILDREN)``, one child per size).
Targets: >= 150 pages/s; peak RSS flat in N and <= 250 MB.

    .venv/bin/python bench/bench_crawl.py [--sizes 1000 5000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devtools.sitegen import build_bulk_site  # noqa: E402


def _serve(root: Path) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "scraper", "mirror", "serve", str(root)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    match = re.search(r"port (\d+)", line)
    if not match:
        proc.kill()
        raise RuntimeError(f"mirror did not start: {line!r}")
    return proc, int(match.group(1))


def _crawl_once(size: int, workdir: Path) -> tuple[float, int, float]:
    site = workdir / f"site-{size}"
    if not site.exists():
        build_bulk_site(site, size)
    db = workdir / f"crawl-{size}-{time.monotonic_ns()}.db"
    server, port = _serve(site)
    try:
        cmd = [sys.executable, "-c", _CHILD, str(db), str(port)]
        started = time.perf_counter()
        out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    rss_mb = float(out.stdout.strip().splitlines()[-1]) / 1024
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    return elapsed, stored, rss_mb


# The crawl with politeness off and a higher per-host concurrency (one host holds every page).
_CHILD = """
import asyncio, resource, sys
from pipelines.crawl import CrawlOptions, crawl
from scraper.discover import DiscoveryLimits
from scraper.fetch import FetchConfig
from scraper.resolve import ResolveMap
from scraper.sites import get_profile
from scraper.store import Store
db, port = sys.argv[1], int(sys.argv[2])
profile = get_profile("detik")
profile = type(profile)(**{**profile.__dict__, "feeds": (), "sitemaps": (), "index_pages": ("https://news.detik.com/nothing",)})
options = CrawlOptions(profiles=[profile], fetch=FetchConfig.fast(max_delay=0, per_host_concurrency=8),
                       resolve=ResolveMap({"*": ("127.0.0.1", port)}), workers_per_site=8,
                       limits=DiscoveryLimits(max_urls=100_000))
with Store(db) as store:
    report = asyncio.run(crawl(store, options))
print(report.totals(), file=sys.stderr)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    print(f"cpus: {os.cpu_count()}  python: {sys.version.split()[0]}")
    print(f"{'pages':>7} {'stored':>7} {'median s':>9} {'pages/s':>8} {'peak RSS MB':>12} {'vs target':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            runs = [_crawl_once(size, Path(tmp)) for _ in range(args.repeat)]
            elapsed = statistics.median(r[0] for r in runs)
            stored, rss = runs[-1][1], max(r[2] for r in runs)
            rate = stored / elapsed
            print(f"{size:>7} {stored:>7} {elapsed:>9.2f} {rate:>8.0f} {rss:>12.0f} {rate / 150:>9.2f}x")
    _ = resource  # the children's RSS is read inside each child, see _CHILD


if __name__ == "__main__":
    main()
