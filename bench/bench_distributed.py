"""Scale-out: the distributed crawl and re-extraction with 1, 2, 4 `scraper worker` processes.

What users run, on real services: Redis as broker and for the shared politeness, PostgreSQL
(a scratch database per measure, dropped after) or SQLite as the store, nginx as the site.

- crawl: N synthetic detik pages (devtools.sitegen) behind nginx; `scraper crawl
  --distributed --wait` with W workers, politeness off (`--no-delay`, 8 connections per
  host) and on (`--delay D`, 2 connections per host). The mirror's access log gives what the
  site saw: requests per second over the crawl, the most in any one second, the most at once
  (at the log's millisecond resolution).
- reextract: an archive of P real-size corpus pages (bench_reextract's), `scraper
  reextract --distributed --wait` with W workers.

Every worker is `scraper worker -c 1` (one process each): on this 2-core machine 4 workers
oversubscribe the cores, which is the point of that row. Run:

    .venv/bin/python bench/bench_distributed.py [--pages 5000] [--workers 1 2 4] [--delay 0.02]
        [--reextract-pages 50000] [--backend postgresql|sqlite] [--skip crawl|reextract]
Needs the distributed extra, Redis ($SCRAPER_BROKER, default redis://127.0.0.1:6379/0),
PostgreSQL (--pg-admin) for the postgresql backend, nginx, and ../shared/corpus for reextract.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_crawl import Mirror, synthetic_site  # noqa: E402
from bench_reextract import build_archive  # noqa: E402
from bench_store import scratch_postgres  # noqa: E402

from devtools.workers import start_workers, stop_workers  # noqa: E402
from scraper.store import Store  # noqa: E402

SCRAPER = [sys.executable, "-m", "scraper"]
PREFIX = f"bench-{os.getpid()}"


def env(broker: str) -> dict[str, str]:
    """This bench's own queue and key prefix on the shared broker."""
    return {**os.environ, "PYTHONPATH": str(ROOT), "SCRAPER_BROKER": broker, "SCRAPER_PREFIX": PREFIX,
            "SCRAPER_QUEUE": PREFIX}


@contextmanager
def workers(count: int, broker: str, db: str, port: int | None = None) -> Iterator[None]:
    """``count`` workers of store ``db`` (their own --db), reaching every host at the
    loopback mirror's ``port`` (their own --resolve)."""
    own = ("--db", db, *(("--resolve", f"*=127.0.0.1:{port}") if port else ()))
    procs = start_workers(count, env(broker), tag="bench", settle=4, args=own)
    try:
        yield
    finally:
        stop_workers(procs, timeout=30)


@contextmanager
def database(backend: str, admin: str, folder: Path, name: str) -> Iterator[str]:
    if backend == "postgresql":
        with scratch_postgres(admin) as dsn:
            yield dsn
    else:
        yield str(folder / f"{name}.db")


def stored(db: str) -> int:
    with Store(db, readonly=True) as store:
        return int(store.backend.execute("SELECT count(*) FROM articles").fetchone()[0])


def seen_by_site(log: Path, host: str) -> tuple[float, int, int]:
    """(mean requests/s, most requests in any 1 s, most requests at once) at ``host``."""
    spans = []
    for line in log.read_text().splitlines():
        end, took, name, _status = line.split()
        if name == host:
            spans.append((float(end) - float(took), float(end)))
    if len(spans) < 2:
        return 0.0, len(spans), len(spans)
    starts = sorted(s for s, _ in spans)
    mean = (len(starts) - 1) / max(starts[-1] - starts[0], 1e-9)
    most, j = 0, 0
    for i, t in enumerate(starts):  # a window of one second opening at each start
        while j < len(starts) and starts[j] < t + 1.0:
            j += 1
        most = max(most, j - i)
    events = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans], key=lambda x: (x[0], -x[1]))
    active = at_once = 0
    for _, step in events:
        active += step
        at_once = max(at_once, active)
    return mean, most, at_once


def bench_crawl(args: argparse.Namespace, tmp: Path) -> None:
    site = tmp / "site"
    synthetic_site(site, args.pages)
    modes = {"off": ["--no-delay", "--per-host-concurrency", "8"],
             "on": ["--delay", str(args.delay), "--per-host-concurrency", "2"]}
    print(f"\ncrawl: {args.pages} synthetic pages, store {args.backend}, delay when on {args.delay}s "
          f"(<= {1 / args.delay:.0f} requests/s per host)")
    print(f"{'polite':>6} {'workers':>7} {'stored':>7} {'seconds':>8} {'pages/s':>8} {'site req/s':>10}"
          f" {'max in 1s':>9} {'max at once':>11}")
    for mode, flags in modes.items():
        for count in args.workers:
            log = tmp / f"access-{mode}-{count}.log"
            with database(args.backend, args.pg_admin, tmp, f"crawl-{mode}-{count}") as db, \
                    Mirror(site, tmp, access_log=log) as mirror, workers(count, args.broker, db, mirror.port):
                began = time.perf_counter()
                proc = subprocess.run([*SCRAPER, "crawl", "--distributed", "--wait", "--db", db, "--site", "detik",
                                       "--max-articles", str(args.pages), "--resolve",
                                       f"*=127.0.0.1:{mirror.port}", "--no-dedupe", *flags],
                                      cwd=ROOT, env=env(args.broker), capture_output=True, text=True)
                wall = time.perf_counter() - began
                if proc.returncode != 0:
                    sys.exit(f"crawl failed ({proc.returncode}):\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
                count_stored = stored(db)
            mean, most, at_once = seen_by_site(log, "news.detik.com")
            print(f"{mode:>6} {count:>7} {count_stored:>7} {wall:>8.1f} {count_stored / wall:>8.0f}"
                  f" {mean:>10.1f} {most:>9} {at_once:>11}", flush=True)


def bench_reextract(args: argparse.Namespace, tmp: Path) -> None:
    print(f"\nreextract --distributed: {args.reextract_pages} archived real-size pages, store {args.backend}")
    print(f"{'workers':>7} {'seconds':>8} {'pages/s':>8} {'outcomes':<40}")
    with database(args.backend, args.pg_admin, tmp, "archive") as archive:
        build_archive(archive, args.reextract_pages, args.corpus)
        for count in args.workers_reextract:
            with copy_of(archive, args.pg_admin, tmp) as db, workers(count, args.broker, db):
                began = time.perf_counter()
                proc = subprocess.run([*SCRAPER, "reextract", "--distributed", "--wait", "--db", db],
                                      cwd=ROOT, env=env(args.broker), capture_output=True, text=True)
                wall = time.perf_counter() - began
            if proc.returncode != 0:
                sys.exit(f"reextract failed ({proc.returncode}):\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
            summary = " ".join(proc.stdout.split()[-8:])
            print(f"{count:>7} {wall:>8.1f} {args.reextract_pages / wall:>8.0f} {summary:<40}", flush=True)


@contextmanager
def copy_of(db: str, admin: str, folder: Path) -> Iterator[str]:
    """A fresh copy of the archive for one measure (every run starts from the same store)."""
    if not db.startswith("postgresql"):
        target = folder / f"copy-{time.monotonic_ns()}.db"
        with sqlite3.connect(db) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        yield str(target)
        target.unlink()
        return
    import psycopg  # noqa: PLC0415 - the distributed extra

    name, template = f"scraper_bench_copy_{os.getpid()}_{time.monotonic_ns() % 10**6}", db.rsplit("/", 1)[1]
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield f"{db.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def cleanup_broker(broker: str) -> None:
    from redis import Redis  # noqa: PLC0415 - the distributed extra

    client = Redis.from_url(broker)
    for key in client.scan_iter(f"*{PREFIX}*"):
        client.delete(key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--workers-reextract", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--delay", type=float, default=0.02)
    parser.add_argument("--reextract-pages", type=int, default=50_000)
    parser.add_argument("--backend", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--skip", choices=("crawl", "reextract"), action="append", default=[])
    parser.add_argument("--broker", default=os.environ.get("SCRAPER_BROKER") or "redis://127.0.0.1:6379/0")
    parser.add_argument("--pg-admin", default=os.environ.get("SCRAPER_TEST_PG")
                        or "postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    if not shutil.which("nginx") and "crawl" not in args.skip:
        sys.exit("the crawl part needs nginx (its access log is the site's view): install it or --skip crawl")
    if "reextract" not in args.skip and not (args.corpus / "MANIFEST.tsv").exists():
        sys.exit(f"reextract reads the corpus: {args.corpus}/MANIFEST.tsv is missing (--corpus DIR or --skip reextract)")
    print(f"cpus: {os.cpu_count()}  broker: {args.broker}  workers: scraper worker -c 1 each")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        os.chmod(tmp, 0o755)  # nginx's workers drop to an unprivileged user: they must read it
        try:
            for part, run in (("crawl", bench_crawl), ("reextract", bench_reextract)):
                if part not in args.skip:
                    run(args, tmp)
        finally:
            cleanup_broker(args.broker)


if __name__ == "__main__":
    main()
