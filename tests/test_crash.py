"""Crash safety (issue 6): ``scraper crawl`` as a real subprocess, SIGKILLed at seeded
random moments mid-crawl, then resumed until done. SQLite's WAL must keep the file whole,
and the crawl's incremental state must mean an article stored before a kill is never
fetched again (checked from the server's side, in the mirror's request log)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from devtools.mirror_faults import Fault, FaultyMirror
from devtools.sitegen import build_bulk_site
from devtools.soak import integrity

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
PAGES = 300
KILLS = 6


def _start(db: Path, port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "scraper", "crawl", "--db", str(db), "--no-delay", "--site", "detik",
         "--resolve", f"*=127.0.0.1:{port}"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _stored_paths(db: Path) -> set[str]:
    if not db.exists():
        return set()
    with sqlite3.connect(db) as conn:
        try:
            return {urlsplit(u).path for (u,) in conn.execute("SELECT url FROM articles")}
        except sqlite3.OperationalError:  # killed before the schema was created
            return set()


def test_sigkill_mid_crawl_then_resume_loses_and_refetches_nothing(tmp_path: Path) -> None:
    site, db = tmp_path / "site", tmp_path / "crash.db"
    urls = build_bulk_site(site, PAGES)
    rng = random.Random(6)
    # a little latency per article so that a kill lands mid-crawl, not after it
    slow = [Fault("latency", path="/berita/*", params={"seconds": "0.03"})]
    kills, progress = 0, []
    with FaultyMirror(site, slow) as mirror:
        while kills < KILLS:
            before = len(_stored_paths(db))
            proc = _start(db, mirror.port)
            # kill at a seeded moment once this run is storing (start-up time varies with load)
            deadline = time.monotonic() + 30
            while len(_stored_paths(db)) <= before and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
            time.sleep(rng.uniform(0.0, 0.4))
            if proc.poll() is not None:
                break  # finished before the kill: nothing left to interrupt
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
            kills += 1
            stored = _stored_paths(db)
            progress.append((len(mirror.requests), stored))
        final = _start(db, mirror.port)
        assert final.wait(timeout=60) == 0
        log = [urlsplit(r["path"]).path for r in mirror.requests]
    assert kills >= 5, f"the crawl finished after {kills} kills; slow it down"
    counts = [len(s) for _, s in progress]
    assert counts == sorted(counts) and counts[0] > 0 and counts[-1] < PAGES  # kills landed mid-crawl
    for seen, stored in progress:
        refetched = stored.intersection(log[seen:])
        assert not refetched, f"{len(refetched)} stored articles fetched again, e.g. {sorted(refetched)[:3]}"
    check, total, distinct = integrity(db)
    assert (check, total, distinct) == ("ok", PAGES, PAGES)
    assert _stored_paths(db) == {urlsplit(u).path for u in urls}
    with sqlite3.connect(db) as conn:
        statuses = [s for (s,) in conn.execute("SELECT status FROM runs ORDER BY id")]
    assert statuses[-1] == "ok" and len(statuses) >= KILLS, statuses
