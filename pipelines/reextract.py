"""The re-extraction job: the current extractor over the archive, on every core.

Why: when a site profile or the boilerplate filter improves, the stored articles can be
refreshed without fetching anything. Changed articles get a new version (the old text
stays in ``article_versions``); unchanged ones are left as they are. Each document is
an archived URL's latest page with its later pages (multi-page articles are read whole);
a multi-page article whose later pages are not all archived is left as it is
("incomplete"): page 1 alone would cut its text.

It is CPU-bound, so documents go through the crawl's :class:`ExtractPool` (a 100k-page
archive should use every core) and results through the crawl's batched writer.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from pipelines.extract_pool import ExtractPool
from pipelines.store_writer import BatchWriter
from pipelines.templates import HostTemplates
from scraper.article import Article
from scraper.fetch.page import PageRecord
from scraper.store import Store

__all__ = ["RESULTS", "reextract", "reextract_archive"]

RESULTS = ("new", "updated", "unchanged", "not_article", "incomplete", "error")
Extract = Callable[[list[PageRecord]], Awaitable[Article]]


async def reextract(store: Store, *, extract: Extract, site: str | None = None, ahead: int = 8,
                    documents: Iterable[list[PageRecord]] | None = None) -> Counter[str]:
    """Re-extract every archived document (of ``site``; or the given ``documents``) with
    ``extract`` and save the results; at most ``ahead`` documents are read but not yet
    saved. Returns counts: pages, new, updated, unchanged, not_article, incomplete, error."""
    counts: Counter[str] = Counter({key: 0 for key in ("pages", *RESULTS)})
    writer = BatchWriter(store)
    room = asyncio.Semaphore(ahead)
    tasks: set[asyncio.Task[None]] = set()

    async def one(pages: list[PageRecord]) -> None:
        try:
            article = await extract(pages)
            if article.wanted:  # a later page or the script page's second document is not archived
                counts["incomplete"] += 1
            elif article.status != "ok":
                counts[article.status] += 1
            else:  # seen as of the page's fetch: re-extraction never moves last_seen forward
                # counted when its batch commits; the next document does not wait for that
                saved = writer.submit(Store.save_article, article, pages=pages, seen_at=pages[0].fetched_at)
                saved.add_done_callback(_count)
        finally:
            room.release()

    def _count(saved: asyncio.Future[Any]) -> None:
        counts["error" if saved.exception() else saved.result()] += 1

    for pages in store.iter_documents(site=site) if documents is None else documents:
        await room.acquire()
        counts["pages"] += len(pages)
        task = asyncio.create_task(one(pages))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    if tasks:
        await asyncio.gather(*tasks)
    await writer.close()
    return counts


def reextract_archive(store: Store, *, site: str | None = None, workers: int | None = None) -> Counter[str]:
    """:func:`reextract` with the real extractor in an :class:`ExtractPool` of ``workers``;
    documents of sites without a profile are read with their host's learned template
    (:mod:`pipelines.templates`: learned from the stored pages when missing, counted, learned
    again when it stopped matching)."""

    async def run() -> Counter[str]:
        pool = ExtractPool(workers)
        templates = HostTemplates(store)

        async def extract(pages: list[PageRecord]) -> Article:
            article = await pool.extract(pages, template=templates.for_document(pages))
            templates.note(pages, article)
            return article

        try:
            counts = await reextract(store, extract=extract, site=site, ahead=4 * pool.workers)
        finally:
            await pool.close()
        for outcomes in templates.finish().values():
            for outcome, n in outcomes.items():
                counts[f"template_{outcome}"] += n
        return counts

    counts = asyncio.run(run())
    # Every article read again: the moment to learn which keywords are on every page of a site.
    counts["sitewide_keywords"] = sum(len(k) for k in store.learn_sitewide_tags().values())
    return counts
