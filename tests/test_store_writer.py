"""The crawl's batched writer: one transaction per batch, a failing write undone alone,
a failed commit raised to everyone waiting, nothing half-written."""

from __future__ import annotations

import asyncio
import sqlite3
from functools import partial
from pathlib import Path

import pytest

from pipelines.store_writer import BatchWriter
from scraper.article import Article
from scraper.errors import StoreError
from scraper.store import Store


def article(n: int, url: str | None = "auto") -> Article:
    return Article(url=f"https://www.contoh.id/berita/{n}" if url == "auto" else url, site="contoh",
                   title=f"Judul {n}", paragraphs=[f"Isi berita nomor {n} yang cukup panjang."], extractor="site:contoh")


def test_writes_are_committed_in_batches(tmp_path: Path) -> None:
    async def run(store: Store) -> tuple[list[str], int]:
        writer = BatchWriter(store, size=10, interval=60)
        futures = [writer.submit(partial(store.save_article, article(n))) for n in range(25)]
        await writer.close()
        return [f.result() for f in futures], writer.batches

    with Store(tmp_path / "a.db") as store:
        results, batches = asyncio.run(run(store))
    assert results == ["new"] * 25 and batches == 3  # 10 + 10 + the 5 flushed at close


def test_the_interval_flushes_a_partial_batch(tmp_path: Path) -> None:
    async def run(store: Store) -> str:
        writer = BatchWriter(store, size=1000, interval=0.05)
        outcome = await writer.write(partial(store.save_article, article(1)))
        await writer.close()
        return outcome

    with Store(tmp_path / "a.db") as store:
        assert asyncio.run(run(store)) == "new"


def test_a_failing_write_is_undone_alone(tmp_path: Path) -> None:
    async def run(store: Store) -> tuple[str, BaseException | None, str]:
        writer = BatchWriter(store, size=3, interval=60)
        good = writer.submit(partial(store.save_article, article(1)))
        bad = writer.submit(partial(store.save_article, article(2, url=None)))  # no URL: refused
        other = writer.submit(partial(store.save_article, article(3)))
        await writer.close()
        return good.result(), bad.exception(), other.result()

    with Store(tmp_path / "a.db") as store:
        good, error, other = asyncio.run(run(store))
    assert (good, other) == ("new", "new") and isinstance(error, StoreError)
    with sqlite3.connect(tmp_path / "a.db") as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_a_failed_commit_reaches_every_waiter_and_leaves_nothing_half_written(tmp_path: Path) -> None:
    async def run(store: Store) -> list[BaseException | None]:
        writer = BatchWriter(store, size=50, interval=60)
        futures = [writer.submit(partial(store.save_article, article(n))) for n in range(40)]
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
