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
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from services import redis_url

from devtools.mirror_faults import Fault, FaultyMirror
from devtools.sitegen import build_bulk_site, build_demo_sites
from devtools.workers import start_workers, stop_workers
from pipelines.crawl import CrawlOptions, crawl, stored_report
from scraper.fetch.client import FetchConfig
from scraper.fetch.resolve import ResolveMap
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

    def start(count: int, db: Path | str, port: int, *args: str, **env: str) -> list[subprocess.Popen[bytes]]:
        """Workers of store ``db`` that reach every host at the loopback mirror's ``port``:
        their own configuration, as an operator would give it."""
        own = ("--db", str(db), "--resolve", f"*=127.0.0.1:{port}", *args)
        started.extend(start_workers(count, _env(broker, **env), tag=f"w{len(started)}", args=own))
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
    with FaultyMirror(root) as mirror:
        options = CrawlOptions(profiles=[get_profile(s) for s in ("detik", "liputan6", "jpnn")],  # type: ignore[misc]
                               fetch=FetchConfig.fast(max_delay=0), workers=1,
                               resolve=ResolveMap({"*": ("127.0.0.1", mirror.port)}))
        with Store(single) as store:
            asyncio.run(crawl(store, options))
        workers(3, spread, mirror.port)
        proc = _enqueue(spread, mirror.port, broker, "--no-delay", "--site", "detik", "--site", "liputan6",
                        "--site", "jpnn")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _articles(spread) == _articles(single) and len(_articles(single)) == 15
    with sqlite3.connect(spread) as conn:
        assert conn.execute("SELECT status, new FROM runs").fetchall() == [("ok", 15)]


def test_the_runs_report_is_in_the_store_and_matches_one_machines(tmp_path: Path, broker: str, workers) -> None:  # type: ignore[no-untyped-def]
    """Each task's part of the report goes to the store: the run's report, merged from
    them, is the one-machine crawl's (lists and all: the failed sources by URL, the
    failure reasons); Redis holds no count of it."""
    from redis import Redis  # noqa: PLC0415

    site = tmp_path / "bulk"
    build_bulk_site(site, 45)
    faults = [Fault("wrong_type", path="/berita/d-8000003/*"), Fault("wrong_type", path="/berita/d-8000030/*")]
    single, spread = tmp_path / "single.db", tmp_path / "spread.db"
    with FaultyMirror(site, faults) as mirror:
        options = CrawlOptions(profiles=[get_profile("detik")], fetch=FetchConfig.fast(max_delay=0), workers=1,  # type: ignore[misc]
                               resolve=ResolveMap({"*": ("127.0.0.1", mirror.port)}))
        with Store(single) as store:
            local = asyncio.run(crawl(store, options)).sites[0]
        workers(2, spread, mirror.port)
        proc = _enqueue(spread, mirror.port, broker, "--no-delay", "--site", "detik")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with Store(spread) as store:
        report = stored_report(store, 1)
        tasks = store._rows("SELECT count(*), count(DISTINCT task) FROM run_parts WHERE run_id = 1")[0]
    (distributed,) = report.sites
    assert report.status == "ok" and tasks == (4, 4)  # discovery + 3 batches of 20, 20, 5
    assert local.failed_sources and local.reasons == Counter(not_html=2)
    for one in (local, distributed):  # the sources are read concurrently: their order varies
        one.failed_sources.sort()
    assert {**distributed.to_json(), "drift": []} == {**local.to_json(), "drift": []}
    assert f"{len(local.failed_sources)}/{local.sources} sources failed" in proc.stdout
    left = [k.decode() for k in Redis.from_url(broker).scan_iter(f"{_OWN}*")]
    assert not [k for k in left if ":counts:" in k or ":sites:" in k], left


def test_a_distributed_backfill_reports_what_the_local_one_does(tmp_path: Path, broker: str, workers) -> None:  # type: ignore[no-untyped-def]
    """A range from dated archives, one task per (archive, day): the run's report, merged
    from the store, counts the days, the days done before and the articles as the local
    backfill does; a second run finds every day settled and walks none."""
    from datetime import date, datetime  # noqa: PLC0415

    from devtools.archive_sites import build_archive_sites  # noqa: PLC0415
    from scraper.localtime import WIB  # noqa: PLC0415

    root = tmp_path / "archives"
    build_archive_sites(root, date(2025, 1, 1), 45)
    single, spread = tmp_path / "single.db", tmp_path / "spread.db"
    with FaultyMirror(root) as mirror:
        options = CrawlOptions(profiles=[get_profile("detik"), get_profile("liputan6")],  # type: ignore[list-item]
                               fetch=FetchConfig.fast(max_delay=0), workers=1,
                               resolve=ResolveMap({"*": ("127.0.0.1", mirror.port)}),
                               since=datetime(2025, 1, 21, tzinfo=WIB), until=datetime(2025, 1, 31, tzinfo=WIB))
        with Store(single) as store:
            local = asyncio.run(crawl(store, options))
        workers(2, spread, mirror.port)
        span = ("--no-delay", "--site", "detik", "--site", "liputan6", "--since", "2025-01-21", "--until", "2025-01-30")
        first = _enqueue(spread, mirror.port, broker, *span)
        second = _enqueue(spread, mirror.port, broker, *span)
    assert first.returncode == 0 and second.returncode == 0, first.stdout + first.stderr + second.stderr
    with Store(spread) as store:
        reports = [stored_report(store, run) for run in (1, 2)]
    fields = ("days", "days_done_before", "days_capped", "unit", "route", "sources", "non_http")
    for mine, theirs in zip(reports[0].sites, local.sites, strict=True):
        assert [getattr(mine, f) for f in fields] == [getattr(theirs, f) for f in fields], mine.site
        assert (mine.count("new"), mine.count("out_of_range")) == (theirs.count("new"), theirs.count("out_of_range"))
    assert local.totals()["new"] == 120 and reports[0].status == "ok"
    again = {s.site: (s.days, s.days_done_before, s.count("new")) for s in reports[1].sites}
    assert again == {"detik": (0, 90, 0), "liputan6": (0, 10, 0)}, again


def test_per_host_politeness_holds_across_all_workers(tmp_path: Path, broker: str, workers) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "bulk"
    build_bulk_site(site, 30)
    delay, limit = 0.25, 2
    with FaultyMirror(site, [Fault("latency", path="/berita/*", params={"seconds": "0.3"})]) as mirror:
        workers(3, tmp_path / "p.db", mirror.port)
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
    with FaultyMirror(site, [Fault("latency", path="/berita/*", params={"seconds": "0.05"})]) as mirror:
        procs = workers(3, db, mirror.port, SCRAPER_VISIBILITY_TIMEOUT="8")
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
        status = conn.execute("SELECT status, new FROM runs").fetchall()
    assert len(stored) == len(set(stored)) == len(urls)  # no URL lost, none twice
    # The killed batch, delivered again, counts what its dead attempt stored as new: once.
    assert sorted(stored) == sorted(urls) and status == [("ok", len(urls))]


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
        with FaultyMirror(site) as mirror:
            enqueue = subprocess.run(
                [sys.executable, "-m", "scraper", "crawl", "--distributed", "--db", str(db), "--no-delay",
                 "--site", "detik", "--resolve", f"*=127.0.0.1:{mirror.port}"],
                cwd=ROOT, env=_env(broker), capture_output=True, text=True, timeout=60)
            assert enqueue.returncode == 0, enqueue.stderr
            subprocess.run(["redis-cli", "-p", str(port), "shutdown"], capture_output=True, timeout=10)
            server.wait(timeout=10)
            server = _redis_server(port, tmp_path)  # the same data folder: the AOF is read back
            for proc in workers(2, db, mirror.port, SCRAPER_BROKER=broker):
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


# --- a worker obeys only its own configuration ------------------------------------------------

class _Internal:
    """A loopback "internal" service: it counts every request it receives."""

    def __init__(self) -> None:
        import http.server  # noqa: PLC0415
        import threading  # noqa: PLC0415

        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(b"<html><body><p>internal secret</p></body></html>")

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _identity(db: Path) -> str:
    from pipelines.distributed.settings import store_identity  # noqa: PLC0415

    with Store(db) as store:
        return store_identity(store)


def test_forged_messages_reach_no_internal_host_and_no_other_store(tmp_path: Path, broker: str, workers) -> None:  # type: ignore[no-untyped-def]
    """Messages written straight into the broker's Redis (not through Celery) ask for a
    private address, another host's URLs, the worker's resolve rules replaced, and another
    store path: the internal service sees 0 requests and no file appears."""
    from redis import Redis  # noqa: PLC0415
    from wire import forge  # noqa: PLC0415

    from pipelines.distributed.tracker import Tracker  # noqa: PLC0415

    site, db, elsewhere = tmp_path / "bulk", tmp_path / "w.db", tmp_path / "stolen" / "other.db"
    build_bulk_site(site, 3)
    internal = _Internal()
    redis = Redis.from_url(broker)
    try:
        with FaultyMirror(site) as mirror:
            store_id = _identity(db)
            workers(1, db, mirror.port)
            plan = {"sites": ["detik"], "no_delay": True}
            evil = {"allow_private": True, "resolve": [f"news.detik.com=127.0.0.1:{internal.port}"],
                    "db": str(elsewhere), "redis": broker, "ignore_robots": True}
            job = {"v": 2, "store": store_id, "run": None, "token": "forged", "plan": plan, **evil}
            secret = f"http://127.0.0.1:{internal.port}/admin"
            queue = f"{_OWN}.{store_id}"  # this store's queue: where its workers listen
            forge(redis, queue, "scraper.fetch_batch", [job, "detik", [secret, "http://intranet.local/x"], None])
            # the old format: the store and the network policy named by the message
            old = {"run": None, "db": str(elsewhere), "redis": broker, "prefix": _OWN, "token": "old", "site": "detik",
                   "args": {"site": ["detik"], "allow_private": True, "resolve": [f"*=127.0.0.1:{internal.port}"]}}
            forge(redis, queue, "scraper.fetch_batch", [old, [secret]])
            # another store's job (a different identity), asking for a private address
            forge(redis, queue, "scraper.discover", [{**job, "store": "0" * 16, "plan": {
                "sitemaps": [f"http://127.0.0.1:{internal.port}/sitemap.xml"], "no_delay": True}}, "127.0.0.1"])
            tracker = Tracker(redis, _OWN, store_id)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and len(tracker.parked()) < 2:
                time.sleep(0.2)
            time.sleep(1.0)
            requested = [r["path"] for r in mirror.requests]
        parked = tracker.parked()
    finally:
        internal.close()
    assert internal.hits == []  # the internal service received 0 requests
    assert not elsewhere.exists() and not elsewhere.parent.exists()
    assert requested == []  # nothing off the site's domains went anywhere, even through --resolve
    reasons = sorted(p["reason"] for p in parked)
    assert len(reasons) == 2 and all(r.startswith("refused: ") for r in reasons), reasons
    # the old format does not even fit the task's arguments; the other store's job is not ours
    assert any("TypeError" in r for r in reasons) and any("for store 0000" in r for r in reasons), reasons
    with sqlite3.connect(db) as conn:
        refused = conn.execute("SELECT url, error_kind FROM fetches ORDER BY url").fetchall()
    assert refused == [(f"http://127.0.0.1:{internal.port}/admin", "refused"),
                       ("http://intranet.local/x", "refused")]
    shown = subprocess.run([sys.executable, "-m", "scraper", "stats", "--db", str(db), "--plain"], cwd=ROOT,
                           env=_env(broker), capture_output=True, text=True, timeout=60)
    dead = shown.stdout.split("# Parked distributed tasks (dead letters)\n", 1)[1].split("\n\n", 1)[0]
    assert dead.count("refused: ") == 2, shown.stdout + shown.stderr


# --- bounded work -------------------------------------------------------------------------------

def test_a_poison_page_fails_alone_and_the_run_finishes(tmp_path: Path, broker: str, workers) -> None:  # type: ignore[no-untyped-def]
    """One article takes minutes to extract: past the worker's --extract-timeout it is
    recorded failed (kind extract_timeout), its batch goes on, the run ends ok."""
    from devtools.sitegen import slow_page  # noqa: PLC0415

    site, db = tmp_path / "bulk", tmp_path / "poison.db"
    urls = build_bulk_site(site, 10)
    poison = urls[3]
    target = site / "news.detik.com" / poison.split("news.detik.com/", 1)[1]
    target.write_text(slow_page(40_000), encoding="utf-8")
    with FaultyMirror(site) as mirror:
        workers(1, db, mirror.port, "--extract-timeout", "2")
        started = time.monotonic()
        proc = _enqueue(db, mirror.port, broker, "--no-delay", "--site", "detik", timeout=120)
        took = time.monotonic() - started
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with sqlite3.connect(db) as conn:
        status = conn.execute("SELECT status FROM runs").fetchall()
        kinds = conn.execute("SELECT error_kind FROM fetches WHERE url = ? AND error_kind IS NOT NULL",
                             (poison,)).fetchall()
    assert status == [("ok",)] and kinds == [("extract_timeout",)]
    assert sorted(_articles(db)) == sorted(u for u in urls if u != poison)
    assert took < 45, took  # the page alone would take over a minute
    print(f"poison page: run finished in {took:.1f}s")


# --- outages lose nothing -----------------------------------------------------------------------

def _through(url: str, proxy_port: int) -> str:
    """``url`` (redis:// or postgresql://) going through the proxy's port instead."""
    from urllib.parse import urlsplit, urlunsplit  # noqa: PLC0415

    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)
    host = f"127.0.0.1:{proxy_port}"
    return urlunsplit(parts._replace(netloc=f"{netloc[0]}@{host}" if len(netloc) == 2 else host))


_OUTAGE = float(os.environ.get("SCRAPER_TEST_OUTAGE", "6"))


def _outage_crawl(tmp_path: Path, broker: str, workers, proxy, db: str, *, env: dict[str, str],  # type: ignore[no-untyped-def]
                  stored: callable, outage: float = _OUTAGE  # type: ignore[valid-type]
                  ) -> tuple[subprocess.CompletedProcess[str], list[str], float]:
    """A 120-URL crawl by 2 workers; ``proxy`` goes down for ``outage`` seconds once 20
    articles are stored (6 s: the same property as the 20 s of an operator's drill, which
    ``SCRAPER_TEST_OUTAGE=20`` runs). Returns the enqueuer's result, the site's URLs and when it went down."""
    site = tmp_path / "bulk"
    urls = build_bulk_site(site, 120)
    with FaultyMirror(site, [Fault("latency", path="/berita/*", params={"seconds": "0.05"})]) as mirror:
        workers(2, db, mirror.port, **env)
        enqueue = subprocess.Popen(
            [sys.executable, "-m", "scraper", "crawl", "--distributed", "--wait", "--db", db, "--no-delay",
             "--site", "detik", "--resolve", f"*=127.0.0.1:{mirror.port}"],
            cwd=ROOT, env={**_env(broker), **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and stored() < 20:
            time.sleep(0.05)
        proxy.down()
        cut = time.monotonic()
        time.sleep(outage)
        proxy.up()
        out, err = enqueue.communicate(timeout=300)
    return subprocess.CompletedProcess(enqueue.args, enqueue.returncode, out, err), urls, cut


def test_a_redis_outage_mid_crawl_loses_nothing(tmp_path: Path, broker: str, workers) -> None:  # type: ignore[no-untyped-def]
    """Broker and coordination Redis unreachable for 6 s mid-crawl (a proxy we kill):
    every URL stored once, the run ok, --wait waited it out and said so."""
    from services import host_port  # noqa: PLC0415
    from wire import TcpProxy  # noqa: PLC0415

    host, port = host_port(broker, 6379).rsplit(":", 1)
    proxy = TcpProxy((host, int(port))).up()
    via = _through(broker, proxy.port)
    db = tmp_path / "r.db"
    try:
        result, urls, _ = _outage_crawl(tmp_path, broker, workers, proxy, str(db),
                                        env={"SCRAPER_BROKER": via, "SCRAPER_VISIBILITY_TIMEOUT": "30"},
                                        stored=lambda: len(_stored_safely(db)))
    finally:
        proxy.down()
    assert result.returncode == 0, result.stdout + result.stderr
    stored = _stored_safely(db)
    with sqlite3.connect(db) as conn:
        status = conn.execute("SELECT status, new, failed FROM runs").fetchall()
    assert len(stored) == len(set(stored)) == len(urls) and sorted(stored) == sorted(urls)
    assert status == [("ok", len(urls), 0)]  # nothing counted twice, no outage counted as a failure
    assert "waiting for Redis/the store to answer again" in result.stderr  # --wait said what it waited for
    print(f"redis outage: {len(stored)}/{len(urls)} stored, {len(stored) - len(set(stored))} duplicates")


def test_a_postgres_outage_mid_crawl_loses_nothing(tmp_path: Path, broker: str, workers, pg_dsn: str) -> None:  # type: ignore[no-untyped-def]
    """The store (PostgreSQL) unreachable for 6 s mid-crawl: every URL stored once, run ok."""
    from services import host_port  # noqa: PLC0415
    from wire import TcpProxy  # noqa: PLC0415

    host, port = host_port(pg_dsn, 5432).rsplit(":", 1)
    proxy = TcpProxy((host, int(port))).up()
    dsn = _through(pg_dsn, proxy.port)

    def stored() -> list[str]:
        try:
            with Store(pg_dsn) as store:
                return [r[0] for r in store.conn.execute("SELECT url FROM articles").fetchall()]
        except Exception:  # noqa: BLE001 - not created yet
            return []

    try:
        result, urls, _ = _outage_crawl(tmp_path, broker, workers, proxy, dsn, env={},
                                        stored=lambda: len(stored()))
    finally:
        proxy.down()
    assert result.returncode == 0, result.stdout + result.stderr
    got = stored()
    with Store(pg_dsn) as store:
        status = store.conn.execute("SELECT status, new, failed FROM runs").fetchall()
    assert len(got) == len(set(got)) == len(urls) and sorted(got) == sorted(urls)
    assert [tuple(r) for r in status] == [("ok", len(urls), 0)]
    print(f"postgres outage: {len(got)}/{len(urls)} stored, {len(got) - len(set(got))} duplicates")


# --- state in Redis belongs to its store and run ------------------------------------------------

def test_two_stores_behind_one_broker_keep_their_own_runs(tmp_path: Path, broker: str, workers) -> None:  # type: ignore[no-untyped-def]
    """Two databases, one broker and key prefix: both runs are "run 1", at the same time;
    each finishes with its own counts."""
    site = tmp_path / "bulk"
    urls = build_bulk_site(site, 24)
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    with FaultyMirror(site) as mirror:
        workers(1, first, mirror.port)
        workers(1, second, mirror.port)
        cmd = [sys.executable, "-m", "scraper", "crawl", "--distributed", "--wait", "--no-delay", "--site", "detik",
               "--resolve", f"*=127.0.0.1:{mirror.port}"]
        a = subprocess.Popen([*cmd, "--db", str(first)], cwd=ROOT, env=_env(broker), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        b = subprocess.Popen([*cmd, "--db", str(second), "--max-articles", "7"], cwd=ROOT, env=_env(broker),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        outs = [p.communicate(timeout=180) for p in (a, b)]
    assert a.returncode == 0 and b.returncode == 0, outs
    runs = {}
    for db in (first, second):
        with sqlite3.connect(db) as conn:
            runs[db.name] = conn.execute("SELECT id, status, new, discovered FROM runs").fetchall()
    assert runs == {"a.db": [(1, "ok", 24, 24)], "b.db": [(1, "ok", 7, 24)]}, runs
    assert len(_articles(first)) == len(urls) and len(_articles(second)) == 7


def test_a_sigkilled_workers_host_slot_comes_back_within_seconds(tmp_path: Path, broker: str, workers) -> None:  # type: ignore[no-untyped-def]
    """Slow pages, one connection for the host, held by the worker we SIGKILL (the lease
    names its process): the lease lapses (short, renewed only while its holder lives), so
    the survivor's next request starts within 10 s."""
    from redis import Redis  # noqa: PLC0415

    site, db = tmp_path / "bulk", tmp_path / "s.db"
    urls = build_bulk_site(site, 24)
    with FaultyMirror(site, [Fault("latency", path="/berita/*", params={"seconds": "1.0"})]) as mirror:
        procs = workers(2, db, mirror.port, SCRAPER_VISIBILITY_TIMEOUT="10")
        enqueue = subprocess.Popen(
            [sys.executable, "-m", "scraper", "crawl", "--distributed", "--wait", "--db", str(db), "--delay", "0",
             "--per-host-concurrency", "1", "--site", "detik", "--resolve", f"*=127.0.0.1:{mirror.port}"],
            cwd=ROOT, env=_env(broker), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(_stored_safely(db)) < 4:
            time.sleep(0.05)
        holders: list[bytes] = []
        while time.monotonic() < deadline and len(holders) != 1:  # between two requests: none
            holders = Redis.from_url(broker).zrange(f"{_OWN}:lease:news.detik.com", 0, -1)
        assert len(holders) == 1, holders
        holder = int(holders[0].decode().split(":")[1])  # host:pid:token
        victim = next(p for p in procs if os.getpgid(holder) == p.pid)
        os.killpg(victim.pid, signal.SIGKILL)
        killed = time.monotonic()
        out, err = enqueue.communicate(timeout=300)
        with mirror.lock:
            after = sorted(r["start"] for r in mirror.requests if r["start"] > killed)
    assert enqueue.returncode == 0, out + err
    assert after, "no request after the kill"
    # --wait said who held the host and which of the run's tasks the workers held.
    assert "leases: news.detik.com 1 (" in err and "of this run's tasks held by workers" in err, err
    resumed = after[0] - killed
    assert resumed < 10, resumed
    assert sorted(_stored_safely(db)) == sorted(urls)
    print(f"survivor resumed {resumed:.1f}s after the SIGKILL of the lease holder")


def test_wait_counts_only_its_own_runs_unacked_tasks(tmp_path: Path, broker: str) -> None:
    """kombu's ``unacked`` hash is the whole broker's: --wait reads in it only the tasks of
    its own store's queue and its own job, and says when the oldest comes back."""
    from redis import Redis  # noqa: PLC0415
    from wire import hold  # noqa: PLC0415

    from pipelines.distributed.enqueue import _tracker, _unacked  # noqa: PLC0415
    from pipelines.distributed.settings import queue_for  # noqa: PLC0415
    from pipelines.distributed.tasks import new_job  # noqa: PLC0415

    redis, env = Redis.from_url(broker), {"SCRAPER_PREFIX": _OWN, "SCRAPER_QUEUE": _OWN}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        with Store(tmp_path / "a.db") as store:
            tracker = _tracker(broker, store)
        job, other = new_job(tracker.store, 1, None), new_job(tracker.store, 2, None)
        now = time.time()
        tags = [hold(redis, queue_for(tracker.store), "scraper.fetch_batch", [job, "detik", []], now - 5),
                hold(redis, queue_for(tracker.store), "scraper.fetch_batch", [job, "detik", []], now - 1),
                hold(redis, queue_for(tracker.store), "scraper.fetch_batch", [other, "detik", []], now - 50),
                hold(redis, f"{_OWN}.another-store", "scraper.fetch_batch", [job, "detik", []], now - 50)]
        try:
            patch.setenv("SCRAPER_VISIBILITY_TIMEOUT", "60")
            said = _unacked(tracker, broker, job)
        finally:
            redis.hdel("unacked", *tags)
            redis.zrem("unacked_index", *tags)
    assert said.startswith("; 2 of this run's tasks held by workers"), said
    back = int(said.split("within ")[1].rstrip("s)"))
    assert 53 <= back <= 55, said  # the oldest of its own two, taken 5 s ago, not the other job's


def test_a_learned_delay_is_its_runs_own_and_expires(broker: str) -> None:
    """Run 1 learns a 2 s delay for a host (a 429); it expires within minutes, and run 2
    of the same host with --no-delay is not slowed by it."""
    from redis.asyncio import Redis as AsyncRedis  # noqa: PLC0415

    from pipelines.distributed.politeness import DELAY_TTL, RedisPacer  # noqa: PLC0415

    async def run() -> tuple[int, float, int]:
        redis = AsyncRedis.from_url(broker)
        try:
            first = RedisPacer(redis, prefix=_OWN, scope=f"{_OWN}:store:run:1", concurrency=2, delay=0.0,
                               max_delay=60.0, error_floor=2.0)
            first.penalize("news.detik.com")
            await asyncio.sleep(0.2)  # the update runs in the background
            ttl = int(await redis.ttl(f"{_OWN}:store:run:1:delay:news.detik.com"))
            second = RedisPacer(redis, prefix=_OWN, scope=f"{_OWN}:store:run:2", concurrency=2, delay=0.0,
                                max_delay=0.0)
            started = time.monotonic()
            for _ in range(10):
                async with second.slot("news.detik.com"):
                    pass
            took = time.monotonic() - started
            leases = int(await redis.zcard(f"{_OWN}:lease:news.detik.com"))
            return ttl, took, leases
        finally:
            await redis.aclose()

    ttl, took, leases = asyncio.run(run())
    assert 0 < ttl <= DELAY_TTL <= 600  # minutes, not a day
    assert took < 1.0, took  # 10 requests at run 2's pace, not 2 s apart
    assert leases == 0  # every slot released


def test_a_task_past_its_time_limit_is_parked_and_the_run_ends(tmp_path: Path, broker: str, workers) -> None:  # type: ignore[no-untyped-def]
    """A batch whose page answers after 30 s, under a 10 s soft task limit: the batch is
    parked with its reason (shown by `scraper stats`), the run still ends."""
    site, db = tmp_path / "bulk", tmp_path / "t.db"
    urls = build_bulk_site(site, 4)
    slow = urls[2].split("news.detik.com", 1)[1]
    with FaultyMirror(site, [Fault("latency", path=slow, params={"seconds": "30"})]) as mirror:
        workers(1, db, mirror.port, SCRAPER_TASK_TIME_LIMIT="40")  # soft limit: 10 s
        started = time.monotonic()
        proc = _enqueue(db, mirror.port, broker, "--delay", "0", "--site", "detik", timeout=120)
        took = time.monotonic() - started
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    assert _run_status(db) in ("ok", "partial", "failed") and took < 60, took
    shown = subprocess.run([sys.executable, "-m", "scraper", "stats", "--db", str(db), "--plain"], cwd=ROOT,
                           env=_env(broker), capture_output=True, text=True, timeout=60)
    assert "scraper.fetch_batch" in shown.stdout and "soft time limit reached" in shown.stdout, shown.stdout


def test_a_task_delivered_too_often_is_parked_not_run_again(tmp_path: Path, broker: str, workers) -> None:  # type: ignore[no-untyped-def]
    """The same task id delivered four times (as after three dead workers): the fourth
    delivery is parked, not run."""
    from redis import Redis  # noqa: PLC0415
    from wire import forge  # noqa: PLC0415

    from pipelines.distributed.tracker import MAX_TRIES, Tracker  # noqa: PLC0415

    site, db = tmp_path / "bulk", tmp_path / "d.db"
    urls = build_bulk_site(site, 2)
    redis = Redis.from_url(broker)
    with FaultyMirror(site) as mirror:
        store_id = _identity(db)
        workers(1, db, mirror.port)
        job = {"v": 2, "store": store_id, "run": None, "token": "again", "plan": {"sites": ["detik"], "no_delay": True}}
        for _ in range(MAX_TRIES + 1):
            forge(redis, f"{_OWN}.{store_id}", "scraper.fetch_batch", [job, "detik", urls[:1], None], task_id="same-task")
        tracker = Tracker(redis, _OWN, store_id)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not tracker.parked():
            time.sleep(0.2)
        fetched = len([r for r in mirror.requests if "/berita/" in r["path"]])
    parked = tracker.parked()
    assert [p["reason"] for p in parked] == [f"delivered {MAX_TRIES + 1} times: its worker died or was killed each time"]
    assert parked[0]["id"] == "same-task" and fetched == 1  # the first delivery fetched; the next found it stored
    assert sorted(_articles(db)) == urls[:1]
