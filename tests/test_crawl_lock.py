"""One crawl per store (issue 20, items 4 and 5), with real ``scraper crawl`` processes
against the real mirror on loopback; the server's request log is the judge.

- Two crawls started about 1 s apart on one SQLite file: the second does not start (exit 4,
  a message naming the running crawl), and every article URL is fetched exactly once.
- An ``--every`` loop started beside a running crawl skips its periods until the store is
  free, then does the rest; again one fetch per URL.
- A SIGKILLed crawl's run is shown as ``interrupted`` by ``stats`` and recorded so by the
  next run, with the articles it had stored.
- PostgreSQL: the advisory lock refuses a second holder and frees on release.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from devtools.mirror_faults import Fault, FaultyMirror
from devtools.sitegen import build_bulk_site
from pipelines.crawl_lock import StoreBusy, crawl_lock
from pipelines.exits import EXIT_BUSY
from scraper.store import Store
from scraper.store.sqlite import lock_path

ROOT = Path(__file__).resolve().parent.parent
PAGES = 60
#: Per-article latency: the first crawl is still going when the second one starts.
SLOW = [Fault("latency", path="/berita/*", params={"seconds": "0.25"})]


def _crawl(db: Path, port: int, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "scraper", "crawl", "--db", str(db), "--no-delay", "--site", "detik",
         "--per-host-concurrency", "2", "--resolve", f"*=127.0.0.1:{port}", *extra],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )


def _article_fetches(mirror: FaultyMirror) -> Counter[str]:
    return Counter(r["path"] for r in mirror.requests if r["path"].startswith("/berita/"))


def _wait_for_articles(db: Path, proc: subprocess.Popen[str], at_least: int = 1, timeout: float = 60) -> int:
    """Wait until ``proc`` has stored ``at_least`` articles (start-up time varies with load)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with sqlite3.connect(db) as conn:
                stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.OperationalError:  # not created yet
            stored = 0
        if stored >= at_least:
            return int(stored)
        time.sleep(0.05)
    raise AssertionError(f"no {at_least} articles stored in {timeout} s")


@pytest.mark.slow
def test_two_crawls_on_one_file_fetch_each_url_once(tmp_path: Path) -> None:
    site, db = tmp_path / "site", tmp_path / "one.db"
    urls = build_bulk_site(site, PAGES)
    with FaultyMirror(site, SLOW) as mirror:
        first = _crawl(db, mirror.port)
        _wait_for_articles(db, first)
        time.sleep(1.0)
        second = _crawl(db, mirror.port)
        second_out, second_err = second.communicate(timeout=60)
        assert first.poll() is None, "the first crawl ended before the second started: slow the site down"
        first_out, first_err = first.communicate(timeout=120)
        fetches = _article_fetches(mirror)
    assert first.returncode == 0, first_err
    assert second.returncode == EXIT_BUSY, second_err
    assert "is crawling this store; one crawl per store at a time" in second_err
    assert f"pid {first.pid} on" in second_err and second_err.count("\n") == 1, second_err
    assert "TOTAL" not in second_out
    print(f"\n{len(fetches)} article URLs, {sum(fetches.values())} article fetches; second crawl: {second_err.strip()}")
    assert len(fetches) == len(urls) and set(fetches.values()) == {1}
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == PAGES
        assert [s for (s,) in conn.execute("SELECT status FROM runs")] == ["ok"]  # the refused crawl left no run
    assert lock_path(db).exists()


@pytest.mark.slow
def test_an_every_loop_waits_its_turn_then_does_the_rest(tmp_path: Path) -> None:
    site, db, log = tmp_path / "site", tmp_path / "every.db", tmp_path / "every.err"
    build_bulk_site(site, PAGES)
    slower = [Fault("latency", path="/berita/*", params={"seconds": "0.3"})]
    with FaultyMirror(site, slower) as mirror:
        first = _crawl(db, mirror.port, "--max-articles", str(PAGES // 2))
        _wait_for_articles(db, first)
        with log.open("w") as err:
            loop = subprocess.Popen(
                [sys.executable, "-m", "scraper", "crawl", "--db", str(db), "--no-delay", "--site", "detik",
                 "--per-host-concurrency", "2", "--resolve", f"*=127.0.0.1:{mirror.port}", "--every", "0.3s"],
                cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL, stderr=err)
        deadline = time.monotonic() + 60
        while "trying again" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert first.poll() is None, "the first crawl ended before the loop tried: slow the site down"
        assert first.wait(timeout=120) == 0
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with sqlite3.connect(db) as conn:
                if conn.execute("SELECT count(*) FROM articles").fetchone()[0] == PAGES:
                    break
            time.sleep(0.1)
        loop.send_signal(signal.SIGTERM)
        loop.wait(timeout=30)
        fetches = _article_fetches(mirror)
    err_text = log.read_text()
    assert loop.returncode == 0, err_text
    assert "one crawl per store at a time, so this one does not start; trying again in 0.3s" in err_text
    assert len(fetches) == PAGES and set(fetches.values()) == {1}, fetches.most_common(3)
    with sqlite3.connect(db) as conn:
        statuses = [s for (s,) in conn.execute("SELECT status FROM runs ORDER BY id")]
    assert statuses[0] == "ok" and "running" not in statuses


@pytest.mark.slow
def test_a_killed_crawl_is_recorded_interrupted_with_what_it_stored(tmp_path: Path) -> None:
    site, db = tmp_path / "site", tmp_path / "killed.db"
    build_bulk_site(site, PAGES)
    with FaultyMirror(site, SLOW) as mirror:
        victim = _crawl(db, mirror.port)
        _wait_for_articles(db, victim, at_least=5)
        victim.send_signal(signal.SIGKILL)
        victim.communicate(timeout=30)
        with sqlite3.connect(db) as conn:
            stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            assert conn.execute("SELECT status FROM runs").fetchall() == [("running",)]
        assert 5 <= stored < PAGES

        shown = subprocess.run([sys.executable, "-m", "scraper", "stats", "--json", "--db", str(db)], cwd=ROOT,
                               capture_output=True, text=True, timeout=60, check=True)
        runs = json.loads(shown.stdout)["runs"]
        assert [(r["status"], r["new"]) for r in runs] == [("interrupted", stored)]

        after = _crawl(db, mirror.port)
        _, err = after.communicate(timeout=120)
    assert after.returncode == 0, err
    assert "run 1 was still 'running' but its process is gone: recorded as interrupted" in err
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, status, new, counts FROM runs ORDER BY id").fetchall()
    assert [r[:3] for r in rows] == [(1, "interrupted", stored), (2, "ok", PAGES - stored)]
    print(f"\nkilled after storing {stored}: stats showed {runs[0]['status']} new {runs[0]['new']}; runs now {rows}")
    counts = json.loads(rows[0][3])
    assert counts["settled"] == "process gone" and counts["pid"] == victim.pid and counts["fetched"] >= stored


def test_a_live_crawl_is_never_called_interrupted(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    with Store(db) as store:
        mine = store.start_run(["detik"], owner=True)
        other_host = store.start_run(["detik"])
        store.conn.execute("UPDATE runs SET counts = ? WHERE id = ?",
                           (json.dumps({"pid": 1, "host": "another-machine"}), other_host))
        distributed = store.start_run(["detik"])  # no owner: workers come and go
        assert store.settle_dead_runs() == []
        assert [store.run_status(r) for r in (mine, other_host, distributed)] == ["running"] * 3
        latest = store.running_crawl()  # another host's run may be alive: it is the holder named
        assert latest is not None and (latest["id"], latest["host"]) == (other_host, "another-machine")
        store.finish_run(other_host, {}, "ok")
        mine_now = store.running_crawl()
        assert mine_now is not None and (mine_now["id"], mine_now["pid"]) == (mine, os.getpid())
        # whoever holds the crawl lock knows no crawl runs: a live-looking pid (reused
        # after a reboot) does not keep a run "running" then
        store.conn.execute("UPDATE runs SET counts = ? WHERE id = ?",
                           (json.dumps({"pid": 1, "host": socket.gethostname()}), mine))
        assert store.settle_dead_runs() == []  # pid 1 is alive
        with crawl_lock(store):
            assert store.settle_dead_runs(locked=True) == [mine]
        assert [store.run_status(r) for r in (mine, distributed)] == ["interrupted", "running"]


def test_the_postgresql_advisory_lock_admits_one_crawl(pg_dsn: str) -> None:
    with Store(pg_dsn) as one, Store(pg_dsn) as two:
        with crawl_lock(one), pytest.raises(StoreBusy, match="one crawl per store at a time"), crawl_lock(two):
            pass
        with crawl_lock(two):
            pass
