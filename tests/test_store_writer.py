"""The crawl's batched writer: one transaction per batch, a failing write undone alone,
a failed commit raised to everyone waiting, nothing half-written; inline on the loop and
in its own writer thread (the crawl's mode), which must keep the loop running and the
batches in order."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

from pipelines.store_writer import BatchWriter
from scraper.article import Article
from scraper.errors import StoreError
from scraper.store import Store


def article(n: int, url: str | None = "auto") -> Article:
    return Article(url=f"https://www.contoh.id/berita/{n}" if url == "auto" else url, site="contoh",
                   title=f"Judul {n}", paragraphs=[f"Isi berita nomor {n} yang cukup panjang."], extractor="site:contoh")


MODES = pytest.mark.parametrize("thread", [False, True], ids=["inline", "thread"])


@MODES
def test_writes_are_committed_in_batches(tmp_path: Path, thread: bool) -> None:
    async def run(store: Store) -> tuple[list[str], int]:
        writer = BatchWriter(store, size=10, interval=60, thread=thread)
        futures = [writer.submit(Store.save_article, article(n)) for n in range(25)]
        await writer.close()
        return [f.result() for f in futures], writer.batches

    with Store(tmp_path / "a.db") as store:
        results, batches = asyncio.run(run(store))
    assert results == ["new"] * 25
    # inline: 10 + 10 + the 5 flushed at close; the thread takes what queued behind a running batch
    assert batches == 3 if not thread else 2 <= batches <= 3


@MODES
def test_the_interval_flushes_a_partial_batch(tmp_path: Path, thread: bool) -> None:
    async def run(store: Store) -> str:
        writer = BatchWriter(store, size=1000, interval=0.05, thread=thread)
        outcome = await writer.submit(Store.save_article, article(1))
        await writer.close()
        return outcome

    with Store(tmp_path / "a.db") as store:
        assert asyncio.run(run(store)) == "new"


@MODES
def test_a_failing_write_is_undone_alone(tmp_path: Path, thread: bool) -> None:
    async def run(store: Store) -> tuple[str, BaseException | None, str]:
        writer = BatchWriter(store, size=3, interval=60, thread=thread)
        good = writer.submit(Store.save_article, article(1))
        bad = writer.submit(Store.save_article, article(2, url=None))  # no URL: refused
        other = writer.submit(Store.save_article, article(3))
        await writer.close()
        return good.result(), bad.exception(), other.result()

    with Store(tmp_path / "a.db") as store:
        good, error, other = asyncio.run(run(store))
    assert (good, other) == ("new", "new") and isinstance(error, StoreError)
    with sqlite3.connect(tmp_path / "a.db") as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


@MODES
def test_a_failed_commit_reaches_every_waiter_and_leaves_nothing_half_written(tmp_path: Path, thread: bool) -> None:
    async def run(store: Store) -> list[BaseException | None]:
        # the writer thread's connection takes the cap of the connection it was made from
        writer = BatchWriter(store, size=50, interval=60, thread=thread)
        futures = [writer.submit(Store.save_article, article(n)) for n in range(40)]
        with pytest.raises(StoreError):
            await writer.close()
        return [f.exception() for f in futures]

    with Store(tmp_path / "a.db") as store:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        errors = asyncio.run(run(store))
        assert all(isinstance(e, StoreError) for e in errors)
        assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_loop_runs_while_the_thread_commits_and_batches_stay_in_order(tmp_path: Path) -> None:
    """While a batch is committed in the writer thread the loop keeps ticking (inline, the
    same commit would hold it); a later batch touching the same URL runs after it."""

    async def run(store: Store, thread: bool) -> tuple[int, list[str]]:
        writer = BatchWriter(store, size=300, interval=60, thread=thread)
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0)

        task = asyncio.create_task(ticker())
        await asyncio.sleep(0)
        start = ticks
        first = [writer.submit(Store.save_article, big(n, "pertama")) for n in range(300)]  # a full batch
        committed: list[int] = []  # the ticks when the batch's results arrived
        first[-1].add_done_callback(lambda _: committed.append(ticks))
        await asyncio.sleep(0)
        edited = writer.submit(Store.save_article, big(0, "kedua"))  # queued behind the running batch
        await asyncio.gather(*first)
        await writer.close()
        task.cancel()
        return committed[0] - start, [first[0].result(), edited.result()]

    def big(n: int, word: str) -> Article:
        text = " ".join(f"{word} kalimat {n} nomor {i} tentang banjir" for i in range(400))
        return Article(url=f"https://www.contoh.id/berita/{n}", site="contoh", title=f"Judul {n}",
                       paragraphs=[text], extractor="site:contoh")

    with Store(tmp_path / "inline.db") as store:
        ticks_inline, results_inline = asyncio.run(run(store, False))
    with Store(tmp_path / "thread.db") as store:
        ticks_thread, results_thread = asyncio.run(run(store, True))
        assert store.conn.execute("SELECT version FROM articles WHERE url LIKE '%/berita/0'").fetchone() == (2,)
    assert results_inline == results_thread == ["new", "updated"]
    assert ticks_inline <= 1 < ticks_thread, (ticks_inline, ticks_thread)


def test_producers_wait_while_a_lagging_commit_has_max_pending_writes_queued(tmp_path: Path) -> None:
    """Back-pressure: while the writer thread is stuck in a slow commit, the queue fills to
    ``max_pending`` and :meth:`room` holds producers until that commit is done and the
    queue is taken; without it every page fetched meanwhile stays in memory."""

    release = threading.Event()

    def slow(store: Store) -> str:
        release.wait(10)  # the writer thread is busy until the test lets it go
        return "slow"

    async def run(store: Store) -> tuple[bool, bool, bool, list[str]]:
        writer = BatchWriter(store, size=1, interval=60, thread=True, max_pending=5)
        stuck = writer.submit(slow)  # size 1: committed at once, in the thread, and stays there
        queued = [writer.submit(Store.save_article, article(n)) for n in range(5)]
        full_while_stuck = writer.full
        waiting = asyncio.create_task(writer.room())
        await asyncio.sleep(0.2)
        held = not waiting.done()
        release.set()
        await asyncio.wait_for(waiting, 10)
        results = [await stuck, *await asyncio.gather(*queued)]
        await writer.close()
        return full_while_stuck, held, writer.full, results

    with Store(tmp_path / "a.db") as store:
        full_while_stuck, held, full_after, results = asyncio.run(run(store))
        assert store.conn.execute("SELECT count(*) FROM articles").fetchone() == (5,)
    assert full_while_stuck and held and not full_after
    assert results == ["slow", "new", "new", "new", "new", "new"]
