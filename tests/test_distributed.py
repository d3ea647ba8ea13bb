"""The distributed crawl on real services: Redis (broker + coordination) and `scraper worker`
subprocesses (Celery) against the loopback mirror. It must store exactly what the
one-machine crawl stores, keep per-host politeness across all workers together, and
survive a worker SIGKILLed mid-crawl with nothing lost and nothing stored twice."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from services import redis_url

from devtools.sitegen import build_bulk_site, build_demo_sites
from devtools.workers import start_workers, stop_workers
from pipelines.crawl import CrawlOptions, crawl
from pipelines.mirror import Fault, MirrorServer
from scraper.fetch import FetchConfig
from scraper.resolve import ResolveMap
from scraper.sites import get_profile
from scraper.store import Store

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def broker() -> Iterator[str]:
    url = redis_url()
    yield url
    from redis import Redis  # noqa: PLC0415 - present once redis_url() passed

    client = Redis.from_url(url)  # leave nothing of this session in the shared database
    for key in client.scan_iter(f"{_OWN}*"):
        client.delete(key)


#: This test session's queue and key prefix in the shared Redis.
_OWN = f"test-{os.getpid()}-{time.time_ns() % 10**8}"


def _env(broker: str, **extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "SCRAPER_BROKER": broker, "SCRAPER_PREFIX": _OWN,
            "SCRAPER_QUEUE": _OWN, **extra}


@pytest.fixture()
def workers(broker: str) -> Iterator[callable]:  # type: ignore[valid-type]
    started: list[subprocess.Popen[bytes]] = []

    def start(count: int, **env: str) -> list[subprocess.Popen[bytes]]:
        started.extend(start_workers(count, _env(broker, **env), tag=f"w{len(started)}"))
        return started[-count:]

    yield start
    stop_workers(started)


def _enqueue(db: Path, port: int, broker: str, *extra: str, timeout: int = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scraper", "crawl", "--distributed", "--wait", "--db", str(db),
         "--resolve", f"*=127.0.0.1:{port}", *extra],
        cwd=ROOT, env=_env(broker), capture_output=True, text=True, timeout=timeout,
    )


def _articles(db: Path) -> dict[str, tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return {u: (s, h) for u, s, h in conn.execute("SELECT url, site, content_hash FROM articles")}


def test_three_workers_store_exactly_what_one_machine_stores(tmp_path: Path, broker: str, workers) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "sites"
    build_demo_sites(root)
    single, spread = tmp_path / "single.db", tmp_path / "spread.db"
    with MirrorServer(root) as mirror:
        options = CrawlOptions(profiles=[get_profile(s) for s in ("detik", "liputan6", "jpnn")],  # type: ignore[misc]
                               fetch=FetchConfig.fast(max_delay=0), workers=1,
                               resolve=ResolveMap({"*": ("127.0.0.1", mirror.port)}))
        with Store(single) as store:
            asyncio.run(crawl(store, options))
        workers(3)
        proc = _enqueue(spread, mirror.port, broker, "--no-delay", "--site", "detik", "--site", "liputan6",
                        "--site", "jpnn")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _articles(spread) == _articles(single) and len(_articles(single)) == 15
    with sqlite3.connect(spread) as conn:
        assert conn.execute("SELECT status, new FROM runs").fetchall() == [("ok", 15)]


def test_per_host_politeness_holds_across_all_workers(tmp_path: Path, broker: str, workers) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "bulk"
    build_bulk_site(site, 30)
    delay, limit = 0.25, 2
    with MirrorServer(site, [Fault("latency", path="/berita/*", params={"seconds": "0.3"})]) as mirror:
        workers(3)
        proc = _enqueue(tmp_path / "p.db", mirror.port, broker, "--site", "detik", "--delay", str(delay),
                        "--per-host-concurrency", str(limit))
        with mirror.lock:
            starts = defaultdict(list)
            for r in mirror.requests:
                starts[r["host"]].append(r["start"])
            most = dict(mirror.max_active)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert len(_articles(tmp_path / "p.db")) == 30
    for host, times in starts.items():
        times.sort()
        # Seen at the server, request starts carry the network's jitter: a slot booked
        # on time may arrive a little late, the next one on time. So the rule is checked
        # as a rate: never more requests in any second than the delay allows (+1 for that
        # jitter), and the gaps average at least the delay. Unshared politeness (three
        # workers each pacing alone) fails both by a factor of three.
        per_second = max(sum(1 for u in times if t <= u < t + 1.0) for t in times)
        assert per_second <= int(1 / delay) + 1, (host, per_second)
        if len(times) > 5:
            assert (times[-1] - times[0]) / (len(times) - 1) >= delay, host
        assert most[host] <= limit, (host, most[host])
    assert len(starts["news.detik.com"]) >= 30  # the three workers did share the one host


def test_a_worker_killed_mid_crawl_loses_nothing_and_stores_nothing_twice(
        tmp_path: Path, broker: str, workers) -> None:  # type: ignore[no-untyped-def]
    site, db = tmp_path / "bulk", tmp_path / "k.db"
    urls = build_bulk_site(site, 120)
    with MirrorServer(site, [Fault("latency", path="/berita/*", params={"seconds": "0.05"})]) as mirror:
        procs = workers(3, SCRAPER_VISIBILITY_TIMEOUT="8")
        enqueue = subprocess.Popen(
            [sys.executable, "-m", "scraper", "crawl", "--distributed", "--wait", "--db", str(db), "--no-delay",
             "--site", "detik", "--resolve", f"*=127.0.0.1:{mirror.port}"],
            cwd=ROOT, env=_env(broker), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(_stored_safely(db)) < 20:
            time.sleep(0.05)
        os.killpg(procs[0].pid, signal.SIGKILL)  # the worker and its pool process, mid-task
        out, err = enqueue.communicate(timeout=240)
    assert enqueue.returncode == 0, out + err
    with sqlite3.connect(db) as conn:
        stored = [r[0] for r in conn.execute("SELECT url FROM articles")]
        status = conn.execute("SELECT status FROM runs").fetchall()
    assert len(stored) == len(set(stored)) == len(urls)  # no URL lost, none twice
    assert sorted(stored) == sorted(urls) and status == [("ok",)]


def _stored_safely(db: Path) -> list[str]:
    try:
        with sqlite3.connect(db) as conn:
            return [r[0] for r in conn.execute("SELECT url FROM articles")]
    except sqlite3.OperationalError:
        return []


def _redis_server(port: int, folder: Path) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder),
                             "--appendonly", "yes", "--appendfsync", "always", "--save", ""],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True).stdout.strip() == "PONG":
            return proc
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError("redis-server did not start")


def test_enqueued_work_survives_a_broker_restart(tmp_path: Path, workers) -> None:  # type: ignore[no-untyped-def]
    """With the persistence docs/SCALING.md asks for (appendonly yes), a broker restart
    between enqueueing and working loses no task."""
    import shutil  # noqa: PLC0415
    import socket  # noqa: PLC0415

    if not shutil.which("redis-server"):
        from services import missing  # noqa: PLC0415

        missing("redis-server", "redis-server is not on PATH (this test runs a broker of its own)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    broker = f"redis://127.0.0.1:{port}/0"
    site, db = tmp_path / "bulk", tmp_path / "r.db"
    urls = build_bulk_site(site, 40)
    server = _redis_server(port, tmp_path)
    try:
        with MirrorServer(site) as mirror:
            enqueue = subprocess.run(
                [sys.executable, "-m", "scraper", "crawl", "--distributed", "--db", str(db), "--no-delay",
                 "--site", "detik", "--resolve", f"*=127.0.0.1:{mirror.port}"],
                cwd=ROOT, env=_env(broker), capture_output=True, text=True, timeout=60)
            assert enqueue.returncode == 0, enqueue.stderr
            subprocess.run(["redis-cli", "-p", str(port), "shutdown"], capture_output=True, timeout=10)
            server.wait(timeout=10)
            server = _redis_server(port, tmp_path)  # the same data folder: the AOF is read back
            for proc in workers(2, SCRAPER_BROKER=broker):
                assert proc.poll() is None
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and _run_status(db) != "ok":
                time.sleep(0.5)
        assert sorted(_stored_safely(db)) == sorted(urls)
    finally:
        server.kill()
        server.wait()


def _run_status(db: Path) -> str | None:
    try:
        with sqlite3.connect(db) as conn:
            row = conn.execute("SELECT status FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None
