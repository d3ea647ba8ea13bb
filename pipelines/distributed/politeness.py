"""Per-host politeness shared by every worker of a distributed crawl, in Redis.

Two machines must never exceed one site's Crawl-delay or connection limit together, so
the state that :class:`scraper.fetch.politeness.Politeness` keeps in memory lives in Redis here,
changed only by small Lua scripts (atomic, and timed by the Redis server's clock, so the
workers' clocks do not matter):

- ``{prefix}:lease:{host}``: a sorted set of the requests in flight (token -> expiry); a
  slot is taken only while fewer than ``concurrency`` leases are alive. A lease is short
  (``lease_ms``, 6 s) and renewed while its request runs, so a worker killed mid-request
  (SIGKILL, a lost machine) frees its slots within seconds, not minutes.
- ``{prefix}:next:{host}``: when the host may see its next request (milliseconds), shared
  by every run: two runs crawling one host at once still space their requests.
- ``{scope}:delay:{host}``: the spacing *this run* learned (robots.txt's Crawl-delay, or
  doubled after a 429/5xx), where ``scope`` names the store and the run. It expires
  minutes after its last change, and a later run never reads it: that run's own
  ``--delay``/``--no-delay`` decides its pace.

robots.txt answers are shared the same way (``{prefix}:robots:{url}``, one day), so each
host's file is fetched once for all workers.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from redis import Redis as SyncRedis
from redis.asyncio import Redis

__all__ = ["RedisPacer", "RedisRobotsShare", "held_leases"]

_ACQUIRE = """
local now = redis.call('TIME')
local ms = now[1] * 1000 + math.floor(now[2] / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ms)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], ms + tonumber(ARGV[3]), ARGV[2])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) * 2)
  return 1
end
return 0
"""
# -> milliseconds to wait before this host may see a request (0: go, the start is booked)
_SPACE = """
local now = redis.call('TIME')
local ms = now[1] * 1000 + math.floor(now[2] / 1000)
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
if nxt > ms then return nxt - ms end
local delay = tonumber(redis.call('GET', KEYS[2]) or ARGV[1])
redis.call('SET', KEYS[1], ms + delay, 'PX', delay + 600000)
return 0
"""
_PENALIZE = """
local now = redis.call('TIME')
local ms = now[1] * 1000 + math.floor(now[2] / 1000)
local delay = tonumber(redis.call('GET', KEYS[2]) or ARGV[1])
delay = math.min(tonumber(ARGV[3]), math.max(delay * 2, tonumber(ARGV[2])))
redis.call('SET', KEYS[2], delay, 'EX', tonumber(ARGV[5]))
local pause = tonumber(ARGV[4])
if pause > 0 then
  local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
  redis.call('SET', KEYS[1], math.max(nxt, ms + pause), 'PX', pause + 600000)
end
return delay
"""
_RAISE_DELAY = """
local delay = tonumber(redis.call('GET', KEYS[1]) or ARGV[1])
if tonumber(ARGV[2]) > delay then redis.call('SET', KEYS[1], ARGV[2], 'EX', tonumber(ARGV[3])) end
return 0
"""
# Renew a lease still held (a lease that already expired is not brought back).
_RENEW = """
local now = redis.call('TIME')
local ms = now[1] * 1000 + math.floor(now[2] / 1000)
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], 'XX', ms + tonumber(ARGV[2]), ARGV[1])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
  return 1
end
return 0
"""
#: Seconds a run's learned delay outlives its last change.
DELAY_TTL = 600


class RedisPacer:
    """:class:`scraper.fetch.politeness.Pacer` over Redis, shared by every worker."""

    def __init__(self, redis: Redis, *, prefix: str, scope: str, concurrency: int, delay: float,
                 max_delay: float = 60.0, error_floor: float = 1.0, lease_ms: int = 6_000, poll: float = 0.02) -> None:
        self.redis, self.prefix, self.scope = redis, prefix, scope
        self.concurrency = max(1, concurrency)
        self.delay_ms = int(max(0.0, delay) * 1000)
        self.max_delay_ms, self.floor_ms = int(max_delay * 1000), int(error_floor * 1000)
        self.lease_ms, self.poll = lease_ms, poll
        self._acquire = redis.register_script(_ACQUIRE)
        self._space = redis.register_script(_SPACE)
        self._penalize = redis.register_script(_PENALIZE)
        self._raise = redis.register_script(_RAISE_DELAY)
        self._renew = redis.register_script(_RENEW)
        self._pending: set[asyncio.Task[object]] = set()

    def _keys(self, host: str) -> tuple[str, str, str]:
        host = host.lower()
        return f"{self.prefix}:lease:{host}", f"{self.prefix}:next:{host}", f"{self.scope}:delay:{host}"

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold one of the host's connections, across all workers; enter no sooner than
        its delay allows."""
        lease, nxt, delay = self._keys(host)
        token = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"  # who holds it, for operators
        while not await self._acquire(keys=[lease], args=[self.concurrency, token, self.lease_ms]):
            await asyncio.sleep(self.poll)
        renewing = asyncio.ensure_future(self._keep(lease, token))
        try:
            while wait := int(await self._space(keys=[nxt, delay], args=[self.delay_ms])):
                await asyncio.sleep(wait / 1000)
            yield
        finally:
            renewing.cancel()
            await self.redis.zrem(lease, token)

    async def _keep(self, lease: str, token: str) -> None:
        """Renew the lease every third of its life while the request runs."""
        while True:
            await asyncio.sleep(self.lease_ms / 3000)
            if not await self._renew(keys=[lease], args=[token, self.lease_ms]):
                return

    def set_crawl_delay(self, host: str, seconds: float | None) -> None:
        """robots.txt's Crawl-delay: the host's delay becomes at least ``seconds`` (capped)."""
        if seconds:
            wanted = min(int(float(seconds) * 1000), self.max_delay_ms)
            self._background(self._raise(keys=[self._keys(host)[2]], args=[self.delay_ms, wanted, DELAY_TTL]))

    def penalize(self, host: str, retry_after: float | None = None) -> None:
        """The host answered 429/5xx: slow every worker down, pause it for ``retry_after``."""
        _, nxt, delay = self._keys(host)
        pause = int((retry_after or 0) * 1000)
        self._background(self._penalize(keys=[nxt, delay],
                                        args=[self.delay_ms, self.floor_ms, self.max_delay_ms, pause, DELAY_TTL]))

    def _background(self, call: Awaitable[object]) -> None:
        # The Pacer protocol's setters are synchronous (the in-process one needs no I/O):
        # the Redis update runs as a task, kept referenced until done.
        task = asyncio.ensure_future(call)
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)


class RedisRobotsShare:
    """:class:`scraper.fetch.robots.RobotsShare` in Redis: one fetch of a host's robots.txt a day."""

    def __init__(self, redis: Redis, *, prefix: str, ttl: int = 86_400) -> None:
        self.redis, self.prefix, self.ttl = redis, prefix, ttl

    async def get(self, url: str) -> tuple[int, bytes] | None:
        raw = await self.redis.get(f"{self.prefix}:robots:{url}")
        if raw is None:
            return None
        data = json.loads(raw)
        return int(data["status"]), base64.b64decode(data["body"])

    async def put(self, url: str, status: int, body: bytes) -> None:
        value = json.dumps({"status": status, "body": base64.b64encode(body).decode()})
        await self.redis.set(f"{self.prefix}:robots:{url}", value, ex=self.ttl)


def held_leases(redis: SyncRedis, prefix: str, wanted: Callable[[str], bool]) -> dict[str, list[str]]:
    """The live leases (``host:pid:token``, who holds a request in flight) on every host
    ``wanted`` accepts: what a run waits on when a host's slots are taken (``--wait``)."""
    seconds, micros = redis.time()
    now = seconds * 1000 + micros // 1000
    held: dict[str, list[str]] = {}
    for key in redis.scan_iter(f"{prefix}:lease:*", count=500):
        name = key.decode() if isinstance(key, bytes) else key
        host = name[len(prefix) + len(":lease:"):]
        if wanted(host):
            tokens: list[bytes] = list(redis.zrangebyscore(name, now, "+inf"))  # type: ignore[arg-type]
            if tokens:
                held[host] = sorted(t.decode() for t in tokens)
    return held
