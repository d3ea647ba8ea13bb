"""``scraper explore`` as a user runs it: a real process starting a real Datasette on loopback.

What it must never do: write to the database (not even to migrate it), create a database
for a mistyped path, leave a temporary folder behind, or leave Datasette serving after it
was told to stop.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import httpx
import pytest
from test_datasette import article, free_port
from test_reliability import _lock

from scraper.store import Store
from scraper.store.migrations import migrate


def _env(tmp_path: Path) -> dict[str, str]:
    """No $SCRAPER_DB from the developer's shell; temporary files in a folder we can inspect."""
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "SCRAPER_DB"}
    return {**env, "TMPDIR": str(tmpdir), "PYTHONUNBUFFERED": "1"}


def _serving(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _kill_strays(port: int) -> None:
    """Kill a Datasette still listening on ``port`` (one the code under test orphaned)."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"datasette" in b" ".join(argv) and str(port).encode() in argv:
            os.kill(int(proc.name), signal.SIGKILL)


@pytest.fixture
def port() -> Iterator[int]:
    chosen = free_port()
    yield chosen
    _kill_strays(chosen)


def explore(tmp_path: Path, port: int, *args: str, cwd: Path | None = None,
            output: IO[str] | int = subprocess.PIPE) -> subprocess.Popen[str]:
    """``scraper explore`` as a user starts it. ``output`` takes its stdout and stderr: a test
    that makes Datasette fail often passes a file, since an unread pipe fills (one MemoryError
    traceback is ~60 KB) and Datasette then blocks on its next write."""
    return subprocess.Popen([sys.executable, "-m", "scraper", "explore", "--port", str(port), *args],
                            stdout=output, stderr=output, text=True,
                            env=_env(tmp_path), cwd=cwd or tmp_path)


def wait_until_serving(proc: subprocess.Popen[str], port: int) -> dict:
    """The /-/databases.json answer once Datasette is up; fails with its output if it exits."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"explore exited {proc.returncode}: {proc.stderr.read() if proc.stderr else ''}")
        try:
            reply = httpx.get(f"http://127.0.0.1:{port}/-/databases.json", timeout=2)
            if reply.status_code == 200:
                return {d["name"]: d for d in reply.json()}
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    proc.kill()
    pytest.fail("datasette did not start in 30 s")


def stop(proc: subprocess.Popen[str], port: int) -> tuple[int, bool]:
    """SIGTERM, as systemd or `kill` sends it: (exit status, Datasette still serving 5 s later).
    A stray server is killed here, so reading the process's pipes afterwards cannot hang."""
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(timeout=20)
    deadline = time.monotonic() + 5
    while _serving(port) and time.monotonic() < deadline:
        time.sleep(0.1)
    serving = _serving(port)
    _kill_strays(port)
    return code, serving


def run_to_end(tmp_path: Path, port: int, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    proc = explore(tmp_path, port, *args, cwd=cwd)
    try:
        out, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        serving = _serving(port)
        proc.kill()
        _kill_strays(port)  # else its Datasette holds our pipes open
        pytest.fail(f"explore kept running (serving: {serving}) instead of refusing: {proc.communicate()[1]}")
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def make_db(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with Store(path) as store:
        store.save_article(article(1, "Banjir rendam Kemang", "Air setinggi lutut merendam Kemang."))
    return path


def test_missing_database_is_refused_not_created(tmp_path: Path, port: int) -> None:
    typo = tmp_path / "artcles.db"
    done = run_to_end(tmp_path, port, "--db", str(typo))
    assert done.returncode == 1 and "no such database" in done.stderr and "Traceback" not in done.stderr
    assert not typo.exists() and not _serving(port)


def test_older_schema_says_what_to_run_and_writes_nothing(tmp_path: Path, port: int) -> None:
    db = tmp_path / "old.db"
    with sqlite3.connect(db, isolation_level=None) as conn:
        migrate(conn, str(db), target=1)
    conn.close()
    before = db.read_bytes()
    done = run_to_end(tmp_path, port, "--db", str(db))
    assert done.returncode == 1, done.stderr
    assert "older" in done.stderr and f"scraper migrate --db {db}" in done.stderr
    assert db.read_bytes() == before and not _serving(port)


def test_read_only_file_and_folder_served_immutable(tmp_path: Path, port: int) -> None:
    folder = tmp_path / "snapshot"
    db = make_db(folder / "crawl.db")
    before = db.read_bytes()
    _lock(db, True)
    _lock(folder, True)
    try:
        plain = run_to_end(tmp_path, port, "--db", str(db))  # read-only WAL needs its folder writable
        proc = explore(tmp_path, port, "--db", str(db), "--immutable")
        try:
            databases = wait_until_serving(proc, port)
            rows = httpx.get(f"http://127.0.0.1:{port}/crawl/articles.json", params={"_shape": "array"},
                             timeout=10).json()
        finally:
            code, serving = stop(proc, port)
    finally:
        _lock(folder, False)
        _lock(db, False)
    assert plain.returncode == 1 and "--immutable" in plain.stderr, plain.stderr
    assert databases["crawl"]["is_mutable"] is False
    assert [r["title"] for r in rows] == ["Banjir rendam Kemang"]
    assert code == 0 and not serving
    assert db.read_bytes() == before


def test_sigterm_stops_datasette_and_removes_its_temporary_folder(tmp_path: Path, port: int) -> None:
    db = make_db(tmp_path / "crawl.db")  # not "articles": the metadata is rewritten into a temp file
    proc = explore(tmp_path, port, "--db", str(db))
    try:
        databases = wait_until_serving(proc, port)
        described = httpx.get(f"http://127.0.0.1:{port}/crawl/articles", timeout=10).text
    finally:
        code, serving = stop(proc, port)
    assert "crawl" in databases and "One row per canonical article URL" in described
    assert code == 0
    assert not serving, "datasette still serving after explore got SIGTERM"
    assert list((tmp_path / "tmpdir").iterdir()) == []


def test_default_database_is_the_one_the_user_has(tmp_path: Path, port: int) -> None:
    """`make explore` right after `make demo`: data/demo.db is the only database."""
    nothing = run_to_end(tmp_path, port)
    assert nothing.returncode == 1 and "make demo" in nothing.stderr and "--db" in nothing.stderr
    make_db(tmp_path / "data" / "demo.db")
    proc = explore(tmp_path, port)
    try:
        databases = wait_until_serving(proc, port)
    finally:
        stop(proc, port)
    assert list(databases) == ["demo"]
    assert "data/demo.db" in (proc.stderr.read() if proc.stderr else "")
    assert not (tmp_path / "data" / "articles.db").exists()


def test_the_newest_database_with_articles_is_opened_and_named(tmp_path: Path, port: int) -> None:
    """A failed offline crawl left an empty data/articles.db after `make demo`: the demo opens,
    and the message says which file and what else is there."""
    make_db(tmp_path / "data" / "demo.db")
    with Store(tmp_path / "data" / "articles.db"):
        pass  # newer, but no articles
    proc = explore(tmp_path, port)
    try:
        databases = wait_until_serving(proc, port)
    finally:
        stop(proc, port)
    assert list(databases) == ["demo"]
    said = proc.stderr.read() if proc.stderr else ""
    assert "opening data/demo.db (1 articles); also there: data/articles.db (0 articles)" in said
    assert f"serving data/demo.db at http://127.0.0.1:{port}/" in said
