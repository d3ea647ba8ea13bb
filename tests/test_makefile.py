"""Makefile targets a user runs in a fresh clone, through real ``make`` processes.

Only targets that stop before doing real work are run here (the rest are the test suite
itself, or need the network or minutes).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def make(*args: str) -> subprocess.CompletedProcess[str]:
    # Not the variables of a make that runs these tests (`make test EXTRAS=...` exports EXTRAS
    # and passes it on in MAKEFLAGS): each call sees only its own arguments, as a user's would.
    inherited = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "EXTRAS")
    env = {k: v for k, v in os.environ.items() if k not in inherited}
    return subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), *args], capture_output=True,
                          text=True, timeout=300, env=env)


@pytest.mark.parametrize("target", ["eval", "eval-generic", "eval-aeb", "eval-cpe", "eval-benches", "bench-extract",
                                    "bench-generic", "bench-distributed"])
def test_targets_needing_the_shared_folder_say_so_in_one_line(tmp_path: Path, target: str) -> None:
    """A clone has no ../shared: one line naming what is missing and SHARED=, no traceback."""
    missing = tmp_path / "no-shared-here"
    done = make(target, f"SHARED={missing}")
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert str(missing) in lines[0] and "not found" in lines[0] and "SHARED=" in lines[0]
    assert "Traceback" not in done.stdout + done.stderr and "pip" not in done.stdout


def test_explore_passes_db_only_when_given() -> None:
    """Without DB= the command picks the database the user has (data/articles.db, else the demo's)."""
    assert make("-n", "explore").stdout.split()[-1:] == ["explore"]
    assert "scraper explore --db 'data/other.db'" in make("-n", "explore", "DB=data/other.db").stdout


def test_install_is_service_free_unless_extras_ask_for_more() -> None:
    """The user's `make install`/`make test` installs the dev extra only (no database client);
    CI asks for the distributed extra (psycopg, Celery, Redis) with EXTRAS=."""
    plain = make("-n", "-B", "install").stdout
    assert "pip install -q -e '.[dev]'" in plain and "distributed" not in plain
    ci = make("-n", "-B", "install", "EXTRAS=dev,distributed").stdout
    assert "pip install -q -e '.[dev,distributed]'" in ci and ".installed-dev+distributed" in ci
    assert "make test EXTRAS=dev,distributed" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
