"""What a distributed run has left to do, and what it did, in Redis (visible to every worker).

A run is finished when its set of outstanding tasks is empty. A task adds the tasks it
enqueues to the set *before* removing itself, so the set never empties early; removal is
idempotent (a task delivered twice removes itself twice, harmlessly), and only the call
that empties the set finishes the run. A backfill day is tracked the same way, so the
day's watermark is written only when every batch of the day is done.

Every key is under ``{prefix}:{store}:``, the store's identity
(:func:`pipelines.distributed.settings.store_identity`): two databases behind one broker
both have a "run 1", and each keeps its own. Keys expire (:data:`TTL`, renewed by every
write), so nothing of a finished or abandoned run stays in Redis for good.

A task that cannot be done (failed :data:`MAX_TRIES` times, killed by its time limit, or
a message no worker should obey) is *parked*: its reason goes to the store's dead-letter
list, which ``scraper stats`` shows, and it leaves its groups so the run still ends.

A crawl run's progress and outcome are not here but in the store (each task's part of
the report, :meth:`scraper.store.Store.record_run_part`), so every worker, ``scraper
stats`` and ``--wait`` read one truth; Redis holds only coordination (groups, deliveries,
leases, pacing). A re-extraction, which has no run in the store, keeps its counts here
(:meth:`Tracker.count`).
"""

from __future__ import annotations

import json
import time
from typing import Any

from redis import Redis

__all__ = ["MAX_TRIES", "TTL", "Tracker"]

#: Seconds a run's keys live after their last write.
TTL = 3 * 86_400
#: Deliveries of one task before it is parked (a redelivery after its worker died counts).
MAX_TRIES = 3
#: Dead letters kept per store.
PARKED_KEEP = 1000


# SREM; the caller that empties the group is recorded as its finisher, atomically.
_DONE = """
if redis.call('SREM', KEYS[1], ARGV[1]) == 1 then
  if redis.call('SCARD', KEYS[1]) == 0 then
    redis.call('SET', KEYS[2], ARGV[1], 'EX', tonumber(ARGV[2]))
    return 1
  end
  return 0
end
if redis.call('GET', KEYS[2]) == ARGV[1] then return 1 end
return 0
"""


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


class Tracker:
    """Outstanding tasks, counters and dead letters of one store (``store``) of one
    deployment (``prefix``) in Redis."""

    def __init__(self, redis: Redis, prefix: str, store: str) -> None:
        self.redis, self.prefix, self.store = redis, prefix, store

    def _key(self, *parts: object) -> str:
        return ":".join([self.prefix, self.store, *map(str, parts)])

    def add(self, group: str, *task_ids: str) -> None:
        if task_ids:
            key = self._key("group", group)
            pipe = self.redis.pipeline()
            pipe.sadd(key, *task_ids)
            pipe.expire(key, TTL)
            pipe.execute()

    def done(self, group: str, task_id: str) -> bool:
        """Remove ``task_id``; True for the task whose removal left the group empty — and
        again for that same task if it calls once more (its first attempt to finish the
        group may have been cut short by an outage: the duty stays its own)."""
        return bool(self.redis.eval(_DONE, 2, self._key("group", group), self._key("last", group), task_id, TTL))

    def pending(self, group: str) -> int:
        return int(self.redis.scard(self._key("group", group)))

    def count(self, run: str, site: str, counts: dict[str, int]) -> None:
        """Add a re-extraction batch's counts (a re-extraction has no run in the store)."""
        key, sites = self._key("counts", run, site), self._key("sites", run)
        pipe = self.redis.pipeline()
        for name, value in counts.items():
            if value:
                pipe.hincrby(key, name, value)
        pipe.sadd(sites, site)
        pipe.expire(key, TTL)
        pipe.expire(sites, TTL)
        pipe.execute()

    def counts(self, run: str) -> dict[str, dict[str, int]]:
        sites = sorted(_text(s) for s in self.redis.smembers(self._key("sites", run)))
        out = {}
        for site in sites:
            raw = self.redis.hgetall(self._key("counts", run, site))
            out[site] = {_text(k): int(v) for k, v in raw.items()}
        return out

    # --- a day's watermark, written by its last task -----------------------------------------

    def day_meta(self, group: str, meta: dict[str, str | int] | None = None) -> dict[str, str]:
        """Keep (``meta``) or read back what the day's watermark will say."""
        key = self._key("daymeta", group)
        if meta is not None:
            mapping: dict[Any, Any] = dict(meta)
            self.redis.hset(key, mapping=mapping)
            self.redis.expire(key, TTL)
        return {_text(k): _text(v) for k, v in self.redis.hgetall(key).items()}

    # --- deliveries and dead letters --------------------------------------------------------

    def delivered(self, task_id: str) -> int:
        """Count one more delivery of ``task_id``; returns how many so far."""
        key = self._key("tries", task_id)
        pipe = self.redis.pipeline()
        pipe.incr(key)
        pipe.expire(key, TTL)
        return int(pipe.execute()[0])

    def park(self, task: str, task_id: str, reason: str, detail: dict[str, Any] | None = None) -> None:
        """Put a task that will not be done on the store's dead-letter list, with why."""
        entry = json.dumps({"task": task, "id": task_id, "reason": reason, "at": time.time(), **(detail or {})})
        key = self._key("parked")
        pipe = self.redis.pipeline()
        pipe.lpush(key, entry)
        pipe.ltrim(key, 0, PARKED_KEEP - 1)
        pipe.execute()

    def parked(self, limit: int = 100) -> list[dict[str, Any]]:
        """The newest dead letters first."""
        return [json.loads(raw) for raw in self.redis.lrange(self._key("parked"), 0, limit - 1)]
