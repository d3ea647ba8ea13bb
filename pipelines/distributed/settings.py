"""What a worker trusts: its own configuration, never a task message's.

A task message names a store (by its identity, never by its address or credentials), a
run, a crawl plan, a site and URLs. Everything that decides *where* requests may go and
*what* is written — the store, the coordination Redis, ``--resolve`` rules, private-network
access, robots.txt obedience, the per-page extraction bound — is the worker's own:
``scraper worker --db ... --allow-private --resolve ...``, which that command puts in the
environment below before Celery forks its pool (so a DSN password is never on a command
line the pool children show, nor in Redis).

Whoever can write to the broker can therefore only ask a worker to crawl the sites of its
own store's deployment, through that worker's own network policy.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field

from pipelines.crawl_plan import Trust
from scraper.store import Store
from scraper.store.target import absolute

__all__ = ["ENV", "WorkerSettings", "queue_for", "store_identity"]

#: The worker's settings as ``scraper worker`` leaves them for its pool processes.
ENV = {
    "db": "SCRAPER_DB", "redis": "SCRAPER_REDIS", "broker": "SCRAPER_BROKER", "prefix": "SCRAPER_PREFIX",
    "resolve": "SCRAPER_WORKER_RESOLVE", "allow_private": "SCRAPER_WORKER_ALLOW_PRIVATE",
    "ignore_robots": "SCRAPER_WORKER_IGNORE_ROBOTS", "extract_timeout": "SCRAPER_EXTRACT_TIMEOUT",
    "queue": "SCRAPER_QUEUE",
}
DEFAULT_BROKER = "redis://127.0.0.1:6379/0"
#: Seconds one page's extraction may take before it is recorded failed (extract_timeout).
DEFAULT_EXTRACT_TIMEOUT = 60.0


@dataclass(frozen=True)
class WorkerSettings:
    db: str
    redis: str
    prefix: str = "scraper"
    trust: Trust = field(default_factory=Trust)
    extract_timeout: float = DEFAULT_EXTRACT_TIMEOUT

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> WorkerSettings:
        env = dict(os.environ if environ is None else environ)
        db = env.get(ENV["db"]) or "data/articles.db"
        broker = env.get(ENV["broker"]) or DEFAULT_BROKER
        redis = env.get(ENV["redis"]) or (broker if broker.startswith(("redis://", "rediss://")) else "")
        if not redis:
            raise ValueError(f"a Redis for coordination is needed: set {ENV['redis']}=redis://... "
                             "(the broker is not Redis)")
        trust = Trust(resolve=tuple(env.get(ENV["resolve"], "").split()),
                      allow_private=env.get(ENV["allow_private"]) == "1",
                      ignore_robots=env.get(ENV["ignore_robots"]) == "1")
        timeout = float(env.get(ENV["extract_timeout"]) or DEFAULT_EXTRACT_TIMEOUT)
        return cls(db=absolute(db), redis=redis,
                   prefix=env.get(ENV["prefix"]) or "scraper", trust=trust, extract_timeout=timeout)

    def to_env(self) -> dict[str, str]:
        """The environment that :meth:`from_env` reads back as these settings."""
        return {ENV["db"]: self.db, ENV["redis"]: self.redis, ENV["prefix"]: self.prefix,
                ENV["resolve"]: " ".join(self.trust.resolve),
                ENV["allow_private"]: "1" if self.trust.allow_private else "0",
                ENV["ignore_robots"]: "1" if self.trust.ignore_robots else "0",
                ENV["extract_timeout"]: str(self.extract_timeout)}


def queue_for(store: str) -> str:
    """The queue of one store's tasks: ``$SCRAPER_QUEUE`` (default ``scraper``) and the
    store's identity. Workers consume their own store's queue only, so two stores behind
    one broker never take (or refuse) each other's work."""
    return f"{os.environ.get(ENV['queue']) or 'scraper'}.{store}"


def store_identity(store: Store) -> str:
    """A short name for the database ``store`` is connected to, the same from every machine
    that reaches it and free of credentials: the server's own address, port, database and
    schema for PostgreSQL, the file's real path for SQLite. Task messages carry it (a worker
    refuses work for another store) and Redis keys include it (two stores behind one broker
    never share a run's counters)."""
    return hashlib.sha256(store.backend.identity().encode()).hexdigest()[:16]
