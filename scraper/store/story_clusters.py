"""Syndicated copies filed under one story: the SQL of :mod:`scraper.dedupe.stories`.

The dedupe pass reads the articles queued since it last ran (``dedupe_queue``, filled by
triggers), finds candidates through the MinHash band index (``article_bands``) and files
copies under the story of their earliest published member (``story_id``, ``duplicate_of``).
"""


from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from scraper.store.connection import StoreConnection
from scraper.store.values import (
    chunks,
)

__all__ = ["StoryClusters", "keep_bands"]


class StoryClusters(StoreConnection):
    """The dedupe pass's reads and writes (part of :class:`scraper.store.core.Store`)."""

    # --- syndicated copies (the SQL of scraper.dedupe.stories) -----------------------------------

    def queued_for_dedupe(self, limit: int) -> list[dict[str, Any]]:
        """Articles whose text is new or changed since the last dedupe pass (id, published,
        body, story_id), oldest id first."""
        return self._query(
            "SELECT a.id, a.published, a.body, a.story_id FROM dedupe_queue AS q JOIN articles AS a"
            " ON a.id = q.article_id ORDER BY q.article_id LIMIT ?", (limit,)
        )

    def article_texts(self, ids: Iterable[int]) -> dict[int, str]:
        """id -> body of these articles (the candidates a new text is compared with)."""
        found: dict[int, str] = {}
        for chunk in chunks(list(dict.fromkeys(ids))):
            marks = ", ".join("?" for _ in chunk)
            found.update((int(i), b) for i, b in self._rows(f"SELECT id, body FROM articles WHERE id IN ({marks})", chunk))
        return found

    def band_candidates(self, article_id: int, keys: Sequence[int], limit: int, per_key: int = 10) -> list[int]:
        """Other articles sharing at least one band key with ``keys``, most shared first
        (ties: the lower id). Each key contributes its ``per_key`` most recent articles: a
        story copied thousands of times must not make every new copy read the whole
        cluster (its members all carry the story's id, so a few recent ones suffice)."""
        keys = list(dict.fromkeys(keys))
        if not keys:
            return []
        one = "SELECT article_id FROM (SELECT article_id FROM article_bands WHERE band_key = ? AND article_id <> ?" \
              " ORDER BY article_id DESC LIMIT ?) AS k"
        params: list[Any] = []
        for key in keys:
            params += [key, article_id, per_key]
        shared = Counter(int(r[0]) for r in self._rows(" UNION ALL ".join([one] * len(keys)), params))
        return [a for a, _ in sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:limit]]

    def bands_of(self, article_id: int) -> list[int]:
        """The band keys stored for the article (computed at extraction), [] when none."""
        return [int(r[0]) for r in self._rows("SELECT band_key FROM article_bands WHERE article_id = ?", (article_id,))]

    def replace_bands(self, article_id: int, keys: Sequence[int]) -> None:
        """Index ``keys`` as the article's band keys (its earlier ones are removed)."""
        with self.transaction("index band keys"):
            keep_bands(self, [(article_id, list(keys))])

    def story_of(self, article_id: int) -> int | None:
        rows = self._rows("SELECT story_id FROM articles WHERE id = ?", (article_id,))
        return rows[0][0] if rows else None

    def join_story(self, article_id: int, story_id: int, similarity: float | None) -> int:
        """File the article under the story named ``story_id`` (its own id: it starts a
        story), keeping every story named after its earliest published member (undated
        after dated; ties: the lower id): ``story_id`` is that member's id on every member,
        ``duplicate_of`` too on all but that member. Only an article older than the story
        renames it; any other joins with one row written. Returns the story's id."""
        with self.transaction("join story"):
            if story_id != article_id and self._earlier(article_id, story_id):
                self._x("UPDATE articles SET story_id = ?, duplicate_of = ? WHERE story_id = ?",
                        (article_id, article_id, story_id))
                story_id = article_id
            self._x(
                "UPDATE articles SET story_id = ?, duplicate_of = ?, story_similarity = ? WHERE id = ?",
                (story_id, None if story_id == article_id else story_id, similarity, article_id),
            )
            return story_id

    def leave_story(self, article_id: int) -> None:
        """Take the article out of its story (its text changed); when it named the story,
        the earliest remaining member names it now."""
        with self.transaction("leave story"):
            story = self.story_of(article_id)
            self._x("UPDATE articles SET story_id = NULL, duplicate_of = NULL, story_similarity = NULL"
                    " WHERE id = ?", (article_id,))
            if story != article_id:
                return
            rows = (self._rows("SELECT id FROM articles WHERE story_id = ? AND published IS NOT NULL"
                               " ORDER BY published, id LIMIT 1", (story,))
                    or self._rows("SELECT id FROM articles WHERE story_id = ? ORDER BY id LIMIT 1", (story,)))
            if rows:
                first = int(rows[0][0])
                self._x("UPDATE articles SET story_id = ?, duplicate_of = ? WHERE story_id = ?", (first, first, story))
                self._x("UPDATE articles SET duplicate_of = NULL WHERE id = ?", (first,))

    def _earlier(self, one: int, other: int) -> bool:
        """Was article ``one`` published before ``other`` (undated counts as latest)?"""
        dates = {int(i): p for i, p in self._rows("SELECT id, published FROM articles WHERE id IN (?, ?)", (one, other))}

        def order(article: int) -> tuple[bool, str, int]:
            return dates.get(article) is None, dates.get(article) or "", article

        return order(one) < order(other)

    def dequeue_dedupe(self, ids: Iterable[int]) -> None:
        wanted = list(ids)
        with self.transaction("dequeue"):
            for chunk in chunks(wanted):
                self._x(f"DELETE FROM dedupe_queue WHERE article_id IN ({', '.join('?' for _ in chunk)})", chunk)

    def requeue_dedupe(self) -> int:
        """Forget every story and band key and queue every article (``dedupe --rebuild``)."""
        with self.transaction("requeue"):
            self._x("DELETE FROM article_bands")
            self._x("UPDATE articles SET story_id = NULL, duplicate_of = NULL, story_similarity = NULL")
            self._x("INSERT INTO dedupe_queue (article_id) SELECT id FROM articles"
                    " WHERE true ON CONFLICT (article_id) DO NOTHING")
            return int(self._x("SELECT count(*) FROM dedupe_queue").fetchone()[0])


def keep_bands(store: StoreConnection, articles: list[tuple[int, list[int] | None]]) -> None:
    """The articles' new band keys, when extraction computed them (the dedupe pass then
    has no MinHash to do); without them, old keys go and the pass computes the new ones.
    One statement per chunk: single inserts cost the writer a round trip per key."""
    if not articles:
        return
    ids = [article_id for article_id, _ in articles]
    for part in chunks(ids, store.backend.max_params):
        store._x(f"DELETE FROM article_bands WHERE article_id IN ({', '.join('?' for _ in part)})", part)
    pairs = [v for article_id, keys in articles for key in dict.fromkeys(keys or ()) for v in (key, article_id)]
    for part in chunks(pairs, store.backend.max_params - store.backend.max_params % 2):
        rows = ", ".join("(?, ?)" for _ in range(len(part) // 2))
        store._x(f"INSERT INTO article_bands (band_key, article_id) VALUES {rows} ON CONFLICT DO NOTHING", part)
