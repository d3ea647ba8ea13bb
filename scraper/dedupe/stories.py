"""The dedupe pass: file each new or edited article under a story, so copies count once.

Triggers queue every article whose text is new or changed (``dedupe_queue``); the pass
takes them in batches (one transaction each, so a crash loses a batch, never half of one)
and for each:

1. indexes its MinHash band keys (:mod:`scraper.dedupe.neardup`);
2. asks the index for the few articles sharing a key and computes the exact similarity
   with each (the bands only choose who is compared);
3. joins the story of the most similar one at or above the threshold, or starts a story;
4. keeps the story named after its earliest published member: ``story_id`` is that
   member's id on every member, ``duplicate_of`` too on all but the member itself (only
   an article older than the story renames it, so joining costs one row write).

An article joins the story of the member it resembles most; two existing stories are never
merged through it, so one ambiguous text cannot chain unrelated stories together. An edited
article leaves its story first and is placed again, as if it were new. The crawl runs the
pass after each run; ``scraper dedupe`` runs it on any database (``--rebuild`` redoes all).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from scraper.dedupe.neardup import THRESHOLD, band_keys, jaccard, shingles
from scraper.store import Store

__all__ = ["dedupe"]

#: Articles per transaction.
BATCH = 200
#: Candidates compared exactly, the most band keys shared first.
CANDIDATES = 20
#: Candidates' shingle sets kept for the pass (a story's members are candidates again and
#: again: shingling their text once, not once per new copy, is what keeps a pass cheap).
SHINGLE_CACHE = 4096


class _Shingled:
    """Shingle sets of stored articles by id, for one pass (bounded, oldest out first)."""

    def __init__(self, store: Store, size: int = SHINGLE_CACHE) -> None:
        self.store, self.size = store, size
        self.sets: dict[int, frozenset[str]] = {}

    def of(self, ids: list[int]) -> dict[int, frozenset[str]]:
        missing = [i for i in ids if i not in self.sets]
        for article, body in self.store.article_texts(missing).items():
            if len(self.sets) >= self.size:
                del self.sets[next(iter(self.sets))]
            self.sets[article] = shingles(body)
        return {i: self.sets[i] for i in ids if i in self.sets}

    def forget(self, article_id: int) -> None:
        """The article's text changed (an edit being placed again)."""
        self.sets.pop(article_id, None)


def dedupe(
    store: Store, *, threshold: float = THRESHOLD, batch: int = BATCH, rebuild: bool = False,
    progress: Callable[[Counter[str]], None] | None = None,
) -> Counter[str]:
    """Place every queued article; returns counts: ``checked``, ``copies`` (joined a
    story), ``stories`` (started one), ``short`` (too short to compare: a story alone)."""
    if rebuild:
        store.requeue_dedupe()
    counts: Counter[str] = Counter()
    known = _Shingled(store)
    while rows := store.queued_for_dedupe(batch):
        with store.batch():
            for row in rows:
                counts[_place(store, row, threshold, known)] += 1
            store.dequeue_dedupe(row["id"] for row in rows)
        counts["checked"] += len(rows)
        if progress:
            progress(counts)
    return counts


def _place(store: Store, row: dict[str, Any], threshold: float, known: _Shingled) -> str:
    article_id = int(row["id"])
    text = shingles(row["body"] or "")
    known.forget(article_id)
    keys = store.bands_of(article_id)  # computed at extraction (pipelines.extract_worker)
    if not keys:
        keys = band_keys(text)
        store.replace_bands(article_id, keys)
    match = _best_match(store, article_id, text, keys, threshold, known)
    if row["story_id"] is not None:  # edited: leave the old story first
        store.leave_story(article_id)
    if match is None:
        store.join_story(article_id, article_id, None)
        return "stories" if keys else "short"
    other, similarity = match
    story = store.story_of(other)
    if story is None:  # only if the other's placement was lost: give it its own story first
        story = store.join_story(other, other, None)
    store.join_story(article_id, story, round(similarity, 4))
    return "copies"


def _best_match(
    store: Store, article_id: int, text: frozenset[str], keys: list[int], threshold: float, known: _Shingled
) -> tuple[int, float] | None:
    """(article, similarity) of the most similar candidate at or above ``threshold``."""
    candidates = store.band_candidates(article_id, keys, CANDIDATES)
    best: tuple[int, float] | None = None
    for other, theirs in known.of(candidates).items():
        similarity = jaccard(text, theirs)
        if similarity >= threshold and (best is None or similarity > best[1]):
            best = (other, similarity)
            if similarity == 1.0:  # an exact copy: nothing can be more similar
                break
    return best
