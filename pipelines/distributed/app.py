"""The Celery application: how tasks are delivered, and why these settings.

- ``task_acks_late`` + ``task_reject_on_worker_lost``: a task is acknowledged only when it
  finished; a worker killed mid-task (SIGKILL, a lost machine) leaves it to be delivered
  again to another worker. Every task is idempotent (articles are upserted by canonical
  URL; a batch first drops the URLs already stored), so a second delivery is harmless.
- ``worker_prefetch_multiplier=1``: a worker holds one task per process, so a killed
  worker strands as little as possible and long backfills spread evenly.
- Time limits (``SCRAPER_TASK_TIME_LIMIT``, default 600 s; the soft one 30 s earlier):
  a task past the soft limit is parked with its reason, one past the hard limit is killed
  and parked by the worker's parent; each page's extraction has its own, smaller bound.
- Redis broker: an unacknowledged task comes back after ``visibility_timeout``
  (``SCRAPER_VISIBILITY_TIMEOUT``, default 15 minutes: longer than the hard limit). RabbitMQ
  (``amqp://``) redelivers at once when a worker's connection drops; both work.
- JSON only (no pickle over the network), results ignored (the store is the result).
"""

from __future__ import annotations

import os

from celery import Celery

__all__ = ["BROKER_ENV", "QUEUE_ENV", "app", "configure"]

BROKER_ENV = "SCRAPER_BROKER"
#: The queue a deployment's tasks go through (several deployments, or test runs, can share
#: one broker with their own queues).
QUEUE_ENV = "SCRAPER_QUEUE"
DEFAULT_BROKER = "redis://127.0.0.1:6379/0"

app = Celery("indonews", include=["pipelines.distributed.tasks"])
app.conf.update(
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_serializer="json",
    accept_content=["json"],
    task_ignore_result=True,
    broker_connection_retry_on_startup=True,
    worker_hijack_root_logger=False,
)


def configure(broker: str | None = None) -> Celery:
    """The app pointed at ``broker`` (else ``$SCRAPER_BROKER``, else local Redis)."""
    app.conf.broker_url = broker or os.environ.get(BROKER_ENV) or DEFAULT_BROKER
    app.conf.task_default_queue = os.environ.get(QUEUE_ENV, "scraper")
    limit = int(os.environ.get("SCRAPER_TASK_TIME_LIMIT", "600"))
    app.conf.task_time_limit, app.conf.task_soft_time_limit = limit, max(1, limit - 30)
    timeout = int(os.environ.get("SCRAPER_VISIBILITY_TIMEOUT", "900"))
    app.conf.broker_transport_options = {
        "visibility_timeout": timeout,
        # Redis: how often workers sweep for tasks a dead worker left unacknowledged
        # (kombu's default is every ~100 s whatever the timeout); one cheap scan each time.
        "unacked_restore_interval": max(1, min(10, timeout // 4)),
        "unacked_restore_throttle": 1,
    }
    return app
