"""What a distributed run has left to do, and what it did, in Redis (visible to every worker).

A run is finished when its set of outstanding tasks is empty. A task adds the tasks it
enqueues to the set *before* removing itself, so the set never empties early; removal is
idempotent (a task delivered twice removes itself twice, harmlessly), and only the call
that empties the set finishes the run. A backfill day is tracked the same way, so the
day's watermark is written only when every batch of the day is done.

Outcome counts are per site (``HINCRBY``), summed into the ``runs`` row at the end, so
``scraper stats`` shows a distributed run like any other.
"""

from __future__ import annotations

from redis import Redis

__all__ = ["Tracker"]


class Tracker:
    """Outstanding tasks and counters of one deployment (``prefix``) in Redis."""

    def __init__(self, redis: Redis, prefix: str) -> None:
        self.redis, self.prefix = redis, prefix

    def _key(self, *parts: object) -> str:
        return ":".join([self.prefix, *map(str, parts)])

    def add(self, group: str, *task_ids: str) -> None:
        if task_ids:
            self.redis.sadd(self._key("group", group), *task_ids)

    def done(self, group: str, task_id: str) -> bool:
        """Remove ``task_id``; True for the one call that left the group empty."""
        key = self._key("group", group)
        removed = self.redis.srem(key, task_id)
        return bool(removed) and self.redis.scard(key) == 0

    def pending(self, group: str) -> int:
        return int(self.redis.scard(self._key("group", group)))

    def count(self, run: str, site: str, counts: dict[str, int]) -> None:
        key = self._key("counts", run, site)
        pipe = self.redis.pipeline()
        for name, value in counts.items():
            if value:
                pipe.hincrby(key, name, value)
        pipe.sadd(self._key("sites", run), site)
        pipe.execute()

    def counts(self, run: str) -> dict[str, dict[str, int]]:
        sites = sorted(s.decode() if isinstance(s, bytes) else s for s in self.redis.smembers(self._key("sites", run)))
        out = {}
        for site in sites:
            raw = self.redis.hgetall(self._key("counts", run, site))
            out[site] = {(k.decode() if isinstance(k, bytes) else k): int(v) for k, v in raw.items()}
        return out
