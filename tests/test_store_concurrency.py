"""Real processes on real databases: a crawl writing while analysts read never sees
"database is locked"; read-only files and directories fail at open with a clear message;
several workers saving the same articles at once (SQLite and PostgreSQL) leave one row per
article and a sane version history; a PostgreSQL batch that loses a deadlock is retried."""

from __future__ import annotations

import multiprocessing as mp
import os
import shutil
import sqlite3
import stat
import subprocess
import time
from pathlib import Path
from typing import Any

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
                              paragraphs=[f"Isi berita nomor {n} tentang pemilu."], extractor="site:kabarcontoh")
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


# --- several processes saving the same articles at once, on both backends ----------------

WORKERS, SHARED = 4, 30


def _shared_article(n: int, variant: int | None) -> tuple[Article, PageRecord]:
    """Article ``n``; ``variant`` None = the same text in every worker, else the worker's own edit."""
    from datetime import UTC, datetime

    url = f"https://www.kabarcontoh.id/berita/{n}"
    text = f"Isi berita nomor {n}." + (f" Ralat versi {variant}." if variant is not None else "")
    page = PageRecord(url, url, 200, "text/html", None, None, datetime.now(UTC), f"<p>{text}</p>".encode())
    return Article(url=url, site="kabarcontoh", title=f"Judul {n}", paragraphs=[text], extractor="site:kabarcontoh"), page


def _same_articles(target: str, worker: int, edit: bool, go: Any, out: Any) -> None:
    """One worker: every shared article, in its own order; even workers in batches of 7
    (one transaction each: lock-order deadlocks between batches are retried), odd ones one
    transaction per article."""
    import random
    from collections import Counter

    order = list(range(SHARED))
    random.Random(worker).shuffle(order)
    items = [_shared_article(n, worker if edit else None) for n in order]
    counts: Counter[str] = Counter()
    try:
        with Store(target if "://" in target else Path(target)) as store:
            go.wait(30)
            if worker % 2 == 0:
                counts = store.save_articles(items, batch=7)
            else:
                for article, page in items:
                    counts[store.save_article(article, page=page)] += 1
        out.put((worker, dict(counts), None))
    except Exception as exc:  # noqa: BLE001 - reported to the test
        out.put((worker, dict(counts), repr(exc)))


def _race(target: Path | str, edit: bool) -> list[dict[str, int]]:
    with Store(target):  # the schema exists before the race
        pass
    ctx = mp.get_context("spawn")
    go, out = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_same_articles, args=(str(target), w, edit, go, out)) for w in range(WORKERS)]
    for proc in procs:
        proc.start()
    go.set()
    results = [out.get(timeout=120) for _ in procs]
    for proc in procs:
        proc.join(30)
    assert [error for _, _, error in results] == [None] * WORKERS, results
    return [counts for _, counts, _ in results]


def _rows(store: Store, sql: str) -> list[tuple]:
    return [tuple(r) for r in store.backend.execute(sql).fetchall()]


def test_workers_saving_the_same_articles_at_once_make_one_row_each(db_target: Path | str) -> None:
    """Same text everywhere: one article row and one page row per URL, version 1, and
    exactly one worker was told "new" for each."""
    counts = _race(db_target, edit=False)
    assert sum(c.get("new", 0) for c in counts) == SHARED
    assert sum(c.get("unchanged", 0) for c in counts) == SHARED * (WORKERS - 1)
    with Store(db_target, readonly=True) as store:
        assert _rows(store, "SELECT count(*), count(DISTINCT url), max(version) FROM articles") == [(SHARED, SHARED, 1)]
        assert _rows(store, "SELECT count(*), count(DISTINCT url) FROM pages") == [(SHARED, SHARED)]
        assert _rows(store, "SELECT count(*) FROM article_versions") == [(0,)]


def test_workers_saving_different_edits_at_once_keep_every_version(db_target: Path | str) -> None:
    """Each worker saves its own edit of every article: each save after the first is an
    edit, so every article ends at version WORKERS with WORKERS-1 earlier versions,
    numbered 1..WORKERS-1 without a gap or a duplicate, and a page per edit."""
    counts = _race(db_target, edit=True)
    assert sum(c.get("new", 0) for c in counts) == SHARED
    assert sum(c.get("updated", 0) for c in counts) == SHARED * (WORKERS - 1)
    with Store(db_target, readonly=True) as store:
        assert _rows(store, "SELECT min(version), max(version), count(*) FROM articles") == [(WORKERS, WORKERS, SHARED)]
        versions = _rows(store, "SELECT article_id, version FROM article_versions ORDER BY article_id, version")
        by_article: dict[int, list[int]] = {}
        for article_id, version in versions:
            by_article.setdefault(article_id, []).append(version)
        assert len(by_article) == SHARED
        assert all(v == list(range(1, WORKERS)) for v in by_article.values()), by_article
        assert _rows(store, "SELECT count(*), count(DISTINCT body_hash) FROM pages") == [(SHARED * WORKERS,) * 2]
        assert _rows(store, "SELECT count(*) FROM articles a JOIN pages p ON p.id = a.page_id") == [(SHARED,)]


def _crossed(target: str, first: int, second: int, barrier: Any, out: Any) -> None:
    """One batch: save ``first``, wait until the other process holds its first article,
    save ``second`` (which the other holds): a lock-order deadlock, the first time."""
    meetings = 0

    def meet() -> None:
        nonlocal meetings
        meetings += 1
        if meetings == 1:
            barrier.wait(30)

    try:
        with Store(target) as store:
            results = store.apply([lambda: store.save_article(_shared_article(first, None)[0]), meet,
                                   lambda: store.save_article(_shared_article(second, None)[0])])
        out.put((meetings, [r if isinstance(r, str | None) else repr(r) for r in results]))
    except Exception as exc:  # noqa: BLE001
        out.put((meetings, repr(exc)))


def test_a_batch_that_loses_a_deadlock_is_run_again(pg_dsn: str) -> None:
    """PostgreSQL only (SQLite's writers queue for one lock and never deadlock): two
    batches take two articles in opposite orders; the server aborts one, the store runs
    that batch again, and both end with both articles saved."""
    with Store(pg_dsn):
        pass
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_crossed, args=(pg_dsn, a, b, barrier, out)) for a, b in ((1, 2), (2, 1))]
    for proc in procs:
        proc.start()
    results = sorted(out.get(timeout=60) for _ in procs)
    for proc in procs:
        proc.join(30)
    # the winner met once; the deadlock's loser ran its batch again (met twice)
    assert [meetings for meetings, _ in results] == [1, 2], results
    assert sorted(r for _, saved in results for r in saved if r) == ["new", "new", "unchanged", "unchanged"], results
    with Store(pg_dsn, readonly=True) as store:
        assert _rows(store, "SELECT count(*), max(version) FROM articles") == [(2, 1)]
