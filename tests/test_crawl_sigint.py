"""Ctrl-C on a crawl (issue 20, item 12): a real ``scraper crawl`` process, SIGINT sent to
its whole process group as a terminal does (the extraction workers get it too), at a few
moments mid-run. It must exit 130, and the summary and the ``runs`` row must count every
article the run stored (it said ``new 1176`` for 1,178 stored: articles whose fetch was
being abandoned got stored anyway and went uncounted)."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from devtools.mirror_faults import Fault, FaultyMirror
from devtools.sitegen import build_bulk_site
from pipelines.exits import EXIT_INTERRUPTED

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
PAGES = 400


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sigint") / "site"
    build_bulk_site(root, PAGES)
    return root


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


@pytest.mark.parametrize("pause", [0.0, 0.2, 0.45])
def test_ctrl_c_exits_130_and_counts_every_stored_article(site: Path, tmp_path: Path, pause: float) -> None:
    db = tmp_path / "int.db"
    with FaultyMirror(site, [Fault("latency", path="/berita/*", params={"seconds": "0.02"})]) as mirror:
        proc = subprocess.Popen(
            [sys.executable, "-m", "scraper", "crawl", "--db", str(db), "--no-delay", "--site", "detik",
             "--per-host-concurrency", "8", "--resolve", f"*=127.0.0.1:{mirror.port}"],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while _stored(db) < 30 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(pause)
        assert proc.poll() is None, "the crawl finished before Ctrl-C: slow the site down"
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == EXIT_INTERRUPTED, err
    stored = _stored(db)
    total = re.search(r"TOTAL\W+(\d+)\W+(\d+)\W+(\d+)", out)
    assert total is not None, out
    with sqlite3.connect(db) as conn:
        status, new, failed = conn.execute("SELECT status, new, failed FROM runs").fetchone()
    print(f"\nCtrl-C after {pause}s of storing: stored {stored}, summary new {total[3]}, run new {new}")
    assert 30 <= stored < PAGES
    assert (status, new, int(total[3]), failed) == ("interrupted", stored, stored, 0)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
