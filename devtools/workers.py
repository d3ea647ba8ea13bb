"""Local `scraper worker` processes (Celery) for the distributed tests and benchmark.

Each worker runs in its own process group, so stopping it reaches the pool children too.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["start_workers", "stop_workers"]

ROOT = Path(__file__).resolve().parent.parent


def start_workers(count: int, env: dict[str, str], *, tag: str = "w", settle: float = 3.0,
                  args: tuple[str, ...] = ()) -> list[subprocess.Popen[bytes]]:
    """``count`` workers of one process each (names ``TAG-N@host``), with the worker's own
    options ``args`` (``--db``, ``--resolve``...); waits ``settle`` seconds for them to
    connect to the broker."""
    procs = [subprocess.Popen([sys.executable, "-m", "scraper", "worker", "-c", "1", "-n", f"{tag}-{n}@%h",
                               "--loglevel", "WARNING", *args],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
             for n in range(count)]
    time.sleep(settle)
    return procs


def stop_workers(procs: list[subprocess.Popen[bytes]], timeout: float = 20) -> None:
    """SIGTERM (a warm shutdown) to every worker still running, SIGKILL to those that linger."""
    for proc in procs:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
