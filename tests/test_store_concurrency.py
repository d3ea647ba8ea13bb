"""Real processes on a real file: a crawl writing while analysts read never sees
"database is locked"; read-only files and directories fail at open with a clear message."""

from __future__ import annotations

import multiprocessing as mp
import os
import shutil
import sqlite3
import stat
import subprocess
import time
from pathlib import Path

import pytest

from scraper.article import Article
from scraper.errors import StoreError
from scraper.store import PageRecord, Store, utc_iso

N_ARTICLES = 300


def _writer(path: str, done: str) -> None:
    """The crawl: one transaction per page+article, plus a fetch log line each."""
    from datetime import UTC, datetime

    with Store(path) as store:
        run = store.start_run(["kabarcontoh"])
        for n in range(N_ARTICLES):
            url = f"https://www.kabarcontoh.id/berita/{n}"
            article = Article(url=url, site="kabarcontoh", title=f"Judul {n}",
                              paragraphs=[f"Isi berita nomor {n} tentang pemilu."], extractor="profile")
            page = PageRecord(url, url, 200, "text/html", None, None, datetime.now(UTC),
                              f"<p>{n}</p>".encode() * 50)
            store.save_article(article, page=page)
            store.record_fetch(url, run_id=run, status=200, elapsed_ms=1)
        store.finish_run(run, {"new": N_ARTICLES}, "ok")
    Path(done).touch()


def _reader(path: str, done: str, out: mp.Queue) -> None:
    """An analyst: the Store's queries and plain sqlite3, in a loop until the writer is done."""
    reads, errors = 0, []
    deadline = time.monotonic() + 60
    while not Path(path).exists():
        time.sleep(0.01)
    while time.monotonic() < deadline:
        finished = Path(done).exists()
        try:
            with Store(path, readonly=True) as store:
                store.search("pemilu", limit=5)
                store.stats()
                store.known([f"https://www.kabarcontoh.id/berita/{n}" for n in range(50)])
            conn = sqlite3.connect(path, timeout=30)
            conn.execute("SELECT count(*) FROM articles a JOIN pages p ON p.id = a.page_id").fetchone()
            conn.close()
            reads += 1
        except (StoreError, sqlite3.Error) as exc:
            if "no such table" not in str(exc) and "older than" not in str(exc):  # before migration
                errors.append(str(exc))
        if finished:
            break
    out.put((reads, errors))


def test_writer_and_readers_in_parallel_processes(tmp_path: Path) -> None:
    path, done = str(tmp_path / "shared.db"), str(tmp_path / "writer.done")
    ctx = mp.get_context("spawn")
    out: mp.Queue = ctx.Queue()
    readers = [ctx.Process(target=_reader, args=(path, done, out)) for _ in range(2)]
    writer = ctx.Process(target=_writer, args=(path, done))
    for proc in (*readers, writer):
        proc.start()
    writer.join(90)
    results = [out.get(timeout=90) for _ in readers]
    for proc in readers:
        proc.join(10)
    assert writer.exitcode == 0
    assert all(errors == [] for _, errors in results), results
    assert all(reads > 0 for reads, _ in results)
    with Store(path, readonly=True) as store:
        assert store.db["articles"].count == N_ARTICLES == store.db["pages"].count
        assert store.db["fetches"].count == N_ARTICLES
        assert store.db.table("runs").get(1)["status"] == "ok"


def _make_readonly(path: Path) -> None:
    """A genuinely unwritable file: chmod for a normal user; root ignores modes, so use
    the immutable attribute there."""
    if os.geteuid() != 0:
        path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        return
    assert shutil.which("chattr"), "running as root needs chattr to make a read-only file"
    subprocess.run(["chattr", "+i", str(path)], check=True)


def _undo_readonly(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], check=False)
    path.chmod(0o644)


def test_readonly_file_fails_at_open_for_writing_but_opens_readonly(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    with Store(path) as store:
        store.save_article(Article(url="https://x.id/1", title="a", paragraphs=["b"]))
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _make_readonly(path)
    try:
        with pytest.raises(StoreError, match=r"ro\.db: database file is read-only"):
            Store(path)
        with Store(path, readonly=True) as store:
            assert list(store.known(["https://x.id/1"])) == ["https://x.id/1"]
    finally:
        _undo_readonly(path)


def test_readonly_directory_fails_at_open(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="directory is read-only"):
            Store(folder / "new.db")
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder)], check=False)
        folder.chmod(0o755)


def test_utc_iso_of_naive_is_utc() -> None:
    from datetime import datetime

    assert utc_iso(datetime(2025, 1, 2, 3, 4, 5)) == "2025-01-02T03:04:05Z"
