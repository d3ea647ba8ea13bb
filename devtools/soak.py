"""The fault crawl (issue 6): a synthetic site where ~30 % of article responses go wrong.

Shared by tests/test_reliability.py (300 pages) and the soak run (2000 pages)::

    .venv/bin/python -m devtools.soak --pages 2000 --seed 6

A detik-shaped bulk site (devtools.sitegen) is served by a :class:`CountingMirror` with a
seeded mix of faults on the article paths, plus a few permanently malformed pages; the
crawl runs twice into one database and every sitemap URL is classified from the database
alone (:func:`account`), so a URL that vanished -- fetched but with no trace -- shows up
as ``vanished`` instead of hiding in a total.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from devtools.mirror_faults import Fault, FaultyMirror
from devtools.sitegen import build_bulk_site
from pipelines.crawl import CrawlOptions, RunReport, crawl
from scraper.discover.sources import DiscoveryLimits
from scraper.errors import FailureKind
from scraper.fetch.client import FetchConfig
from scraper.fetch.resolve import ResolveMap
from scraper.fetch.urls import canonicalize
from scraper.sites import get_profile
from scraper.store import Store

__all__ = [
    "ARTICLE_PATHS", "CountingMirror", "Soak", "account", "build_fault_site", "fault_mix",
    "fast_options", "integrity", "run_soak",
]

ARTICLE_PATHS = "/berita/*"
#: (kind, params): one rule each; together they fire on ``share`` of article requests.
MIX: tuple[tuple[str, dict[str, str]], ...] = (
    ("500", {}), ("502", {}), ("503", {"seconds": "0"}),
    ("429", {"seconds": "0"}), ("429", {"seconds": "1"}),
    ("reset", {}), ("stall", {"seconds": "1.5"}),  # stall outlives the 0.5 s read timeout
    ("truncate", {}), ("drip", {"chunk": "1024", "seconds": "0.05"}),
    ("wrong_type", {}), ("empty", {}), ("loop", {}), ("lying_charset", {}),
    ("challenge", {}), ("captcha", {}),
)
#: Hand-broken markup written over every ``MALFORMED_EVERY``-th article (a permanent fault).
MALFORMED_EVERY = 50
MALFORMED = (
    b"<html><head><title>Rusak</title><body><div class='detail__body-text'><p>Paragraf"
    b" tanpa penutup <b><i>bersarang salah</b></i><table><tr><td>sel\x00\xff\xfe"
    b"<script>var x = '</div>';</scr"
)


class CountingMirror(FaultyMirror):
    """A FaultyMirror that also logs which fault (if any) each request received."""

    def __init__(self, *args: object, **kw: object) -> None:
        super().__init__(*args, **kw)  # type: ignore[arg-type]
        self.injected: Counter[str] = Counter()

    def pick_fault(self, path: str) -> Fault | None:
        fault = super().pick_fault(path)
        if fault is not None:
            with self.lock:
                self.injected[_label(fault)] += 1
        return fault


def _label(fault: Fault) -> str:
    extra = ",".join(f"{k}={v}" for k, v in sorted(fault.params.items()))
    return f"{fault.kind}({extra})" if extra else fault.kind


def fault_mix(share: float = 0.3) -> list[Fault]:
    """Independent rules whose combined firing probability is ``share`` per article request."""
    p = 1 - (1 - share) ** (1 / len(MIX))
    return [Fault(kind, path=ARTICLE_PATHS, p=p, params=dict(params)) for kind, params in MIX]


def build_fault_site(root: Path, pages: int) -> list[str]:
    """The bulk site plus malformed pages; returns the sitemap URLs (canonical)."""
    urls = build_bulk_site(root, pages)
    for i in range(0, pages, MALFORMED_EVERY):
        path = urls[i].split("/", 3)[3]
        (root / "news.detik.com" / path).write_bytes(MALFORMED)
    return [canonicalize(u) for u in urls]


def fast_options(port: int, **fetch: object) -> CrawlOptions:
    """Politeness off, short timeouts (a stall is a timeout within 0.5 s), discovery via
    robots.txt's Sitemap line only (as bench/bench_crawl.py does)."""
    profile = get_profile("detik")
    assert profile is not None
    profile = replace(profile, feeds=(), sitemaps=(), index_pages=("https://news.detik.com/nothing",))
    config = FetchConfig.fast(
        max_delay=0, per_host_concurrency=8, connect_timeout=1.0, read_timeout=0.5, total_timeout=3.0,
        retry_total=5.0, retry_after_cap=1.0, **fetch,
    )
    return CrawlOptions(
        profiles=[profile], fetch=config, resolve=ResolveMap({"*": ("127.0.0.1", port)}),
        workers_per_site=8, limits=DiscoveryLimits(max_urls=100_000),
    )


def account(db: Path, urls: list[str]) -> dict[str, str]:
    """URL -> its one outcome, from the database alone: stored, not_article,
    failed:<kind>, blocked, skipped, or vanished (no trace at all: a bug)."""
    with sqlite3.connect(db) as conn:
        stored = {r[0] for r in conn.execute("SELECT url FROM articles")}
        pages = {r[0] for r in conn.execute("SELECT DISTINCT url FROM pages")}
        last: dict[str, tuple[int | None, str | None]] = {}
        for url, status, kind in conn.execute("SELECT url, status, error_kind FROM fetches ORDER BY id"):
            last[_base(url)] = (status, kind)
    out = {}
    for url in urls:
        status, kind = last.get(url, (None, None))
        if url in stored:
            out[url] = "stored"
        elif url in pages:  # archived: an extraction failure's log names its kind
            out[url] = f"failed:{kind}" if kind else "not_article"
        elif kind and FailureKind(kind).outcome != "failed":  # blocked, or skipped (robots.txt)
            out[url] = FailureKind(kind).outcome
        elif url in last:
            out[url] = f"failed:{kind or status}"
        else:
            out[url] = "vanished"
    return out


def _base(url: str) -> str:
    """Fetch-log URLs may be the single-page variant; map them back to the article URL."""
    return canonicalize(url.split("?", 1)[0])


def integrity(db: Path) -> tuple[str, int, int]:
    """(PRAGMA integrity_check, count(*), count(DISTINCT url)) of articles."""
    with sqlite3.connect(db) as conn:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        total, distinct = conn.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone()
    return str(check), int(total), int(distinct)


@dataclass
class Soak:
    """Two runs of the fault crawl over one database."""

    urls: list[str]
    reports: list[RunReport] = field(default_factory=list)
    outcomes: list[Counter[str]] = field(default_factory=list)
    injected: Counter[str] = field(default_factory=Counter)
    requests: int = 0
    seconds: list[float] = field(default_factory=list)


def run_soak(workdir: Path, pages: int, *, seed: int = 6, share: float = 0.3, runs: int = 2) -> Soak:
    site, db = workdir / "site", workdir / "soak.db"
    soak = Soak(build_fault_site(site, pages))
    mirror = CountingMirror(site, fault_mix(share), seed=seed)
    with mirror:
        for _ in range(runs):
            started = time.perf_counter()
            with Store(db) as store:
                soak.reports.append(asyncio.run(crawl(store, fast_options(mirror.port))))
            soak.seconds.append(time.perf_counter() - started)
            soak.outcomes.append(Counter(account(db, soak.urls).values()))
        soak.injected = Counter(mirror.injected)
        soak.requests = sum(1 for r in mirror.requests if r["path"].startswith("/berita/"))
    return soak


def _print(soak: Soak, args: argparse.Namespace, db: Path) -> None:
    cmd = f".venv/bin/python -m devtools.soak --pages {args.pages} --seed {args.seed} --share {args.share}"
    total = sum(soak.injected.values())
    print(f"pages {len(soak.urls)}  article requests {soak.requests}  faults injected {total}"
          f" ({total / max(soak.requests, 1):.0%})")
    print(f"{'fault kind':<28} {'injected':>8}")
    for label, n in sorted(soak.injected.items(), key=lambda kv: -kv[1]):
        print(f"{label:<28} {n:>8}")
    print(f"{'malformed html (permanent)':<28} {len(range(0, args.pages, MALFORMED_EVERY)):>8}")
    kinds = sorted({k for c in soak.outcomes for k in c})
    print()
    print(f"{'outcome after run':<28} " + " ".join(f"{i + 1:>8}" for i in range(len(soak.outcomes))))
    for kind in kinds:
        print(f"{kind:<28} " + " ".join(f"{c[kind]:>8}" for c in soak.outcomes))
    print(f"{'seconds':<28} " + " ".join(f"{s:>8.1f}" for s in soak.seconds))
    check, n, distinct = integrity(db)
    print(f"\nintegrity_check {check}; articles {n}, distinct urls {distinct}")
    print(f"reproduce: {cmd}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="fault crawl soak (issue 6)")
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--share", type=float, default=0.3, help="share of article responses faulted")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        soak = run_soak(Path(tmp), args.pages, seed=args.seed, share=args.share, runs=args.runs)
        _print(soak, args, Path(tmp) / "soak.db")
        bad = any(c["vanished"] for c in soak.outcomes)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
