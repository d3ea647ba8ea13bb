"""The extraction pool: worker processes give what in-process extraction gives, a stuck
page is bounded, a dead worker is replaced, and SIGTERM-time shutdown is immediate."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import UTC, datetime
from pathlib import Path

from pipelines.extract_pool import ExtractPool
from scraper.extract.pipeline import extract_pages
from scraper.fetch.page import PageRecord

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
CASES = sorted(FIXTURES.glob("*/*.json"))[:12]


def _pages(case: Path) -> list[PageRecord]:
    spec = json.loads(case.read_text(encoding="utf-8"))
    url, now = spec["url"], datetime(2026, 1, 1, tzinfo=UTC)
    pages = [PageRecord(url, url, 200, "text/html", None, None, now, case.with_suffix(".html").read_bytes())]
    for later, name in spec.get("pages", {}).items():
        pages.append(PageRecord(later, later, 200, "text/html", None, None, now, (case.parent / name).read_bytes()))
    return pages


def test_workers_extract_exactly_what_the_process_does() -> None:
    async def run() -> list[dict[str, object]]:
        pool = ExtractPool(2)
        try:
            return [(await pool.extract(_pages(c))).to_dict() for c in CASES]
        finally:
            await pool.close()

    assert asyncio.run(run()) == [extract_pages(_pages(c)).to_dict() for c in CASES]


def test_pages_come_back_packed_for_the_archive() -> None:
    async def run() -> list[PageRecord]:
        pool = ExtractPool(2)
        pages = _pages(CASES[0])
        try:
            await pool.extract(pages)
        finally:
            await pool.close()
        return pages

    pages = asyncio.run(run())
    assert all(p.packed is not None and p.packed.size == len(p.body) for p in pages)


def test_a_page_over_the_time_bound_is_an_error_and_the_pool_goes_on() -> None:
    async def run() -> tuple[str | None, str | None, int]:
        pool = ExtractPool(2, timeout=0.0005)  # no page extracts that fast
        try:
            slow = await pool.extract(_pages(CASES[0]))
            pool.timeout = 30
            fine = await pool.extract(_pages(CASES[0]))
            return slow.error_kind, fine.status, pool.restarts
        finally:
            await pool.close()

    assert asyncio.run(run()) == ("extract_timeout", "ok", 1)


def test_a_dead_worker_is_replaced_and_its_job_retried() -> None:
    async def run() -> tuple[str, int]:
        pool = ExtractPool(2)
        try:
            await pool.extract(_pages(CASES[0]))  # starts the workers
            for worker in list(pool._all):
                worker.kill()
                await worker.process.wait()
            article = await pool.extract(_pages(CASES[0]))
            return article.status, pool.restarts
        finally:
            await pool.close()

    status, restarts = asyncio.run(run())
    assert status == "ok" and restarts >= 1


def test_close_now_kills_the_workers_at_once() -> None:
    async def run() -> float:
        pool = ExtractPool(2)
        await pool.extract(_pages(CASES[0]))
        processes = [w.process for w in pool._all]
        started = time.monotonic()
        await pool.close(now=True)
        assert all(p.returncode is not None for p in processes)
        return time.monotonic() - started

    assert asyncio.run(run()) < 5


def _slow_pages() -> list[PageRecord]:
    from devtools.sitegen import slow_page  # noqa: PLC0415

    url = "https://example.com/berita/besar"
    return [PageRecord(url, url, 200, "text/html", None, None, datetime(2026, 1, 1, tzinfo=UTC),
                       slow_page().encode())]


def test_in_process_extraction_is_bounded_too() -> None:
    """``--workers 1`` (and ``scraper extract``) extract in this process: a page past the
    bound ends as ``extract_timeout`` within about the bound, and the next page works."""
    async def run() -> tuple[str | None, float, str]:
        pool = ExtractPool(1, timeout=1.0)
        try:
            started = time.monotonic()
            slow = await pool.extract(_slow_pages())
            took = time.monotonic() - started
            after = await pool.extract(_pages(CASES[0]))
            return slow.error_kind, took, after.status
        finally:
            await pool.close()

    kind, took, after = asyncio.run(run())
    assert kind == "extract_timeout" and took < 5.0, (kind, took)
    assert after == extract_pages(_pages(CASES[0])).status
