"""One total deadline per article (issue 20 item 3).

A server that drips one byte every 2 s, or sends headers for ever, passes every read
timeout; before, ``extract`` stayed 186 s on one (3 attempts x 60 s plus back-off), and
robots.txt, later pages and AMP/payload documents each had a budget of their own. Now all
of an article's documents draw on one budget (``--deadline``, default 30 s) and the
failure kind is ``deadline``. The servers here are real sockets on loopback.
"""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from scraper.fetch.client import FetchConfig

ROOT = Path(__file__).resolve().parent.parent
PAGE = ("<!DOCTYPE html><html><head><title>Indeks</title></head><body>"
        + "".join(f'<p><a href="/berita/2025/03/13/{n}/kabar-kota-{n}">Kabar kota nomor {n} hari ini</a></p>'
                  for n in range(3))
        + "</body></html>").encode()

#: port -> when its server saw the first request (the article's clock starts there).
FIRST: dict[int, float] = {}
#: One connection's conversation: (socket, request line) -> None.
Handler = Callable[[socket.socket, str], None]


def _drip(conn: socket.socket, _: str, every: float = 2.0) -> None:
    """A 200 whose body arrives one byte every 2 s."""
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
    while True:
        conn.sendall(b"<")
        time.sleep(every)


def _headers_forever(conn: socket.socket, _: str) -> None:
    """A status line, then one more header line every second, never the blank line."""
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
    n = 0
    while True:
        conn.sendall(f"X-Padding-{n}: a\r\n".encode())
        n += 1
        time.sleep(1)


def _busy_for_minutes(conn: socket.socket, _: str) -> None:
    """503 with Retry-After: 100: a retry would sleep far past any deadline."""
    conn.sendall(b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 100\r\nContent-Length: 0\r\n\r\n")


def _index_then_drip(conn: socket.socket, request: str) -> None:
    """robots.txt and the index answer at once; every article drips, a byte a second
    (inside ``--no-delay``'s 2 s read timeout: only the deadline can end it)."""
    path = request.split(" ")[1] if " " in request else "/"
    if path == "/robots.txt":
        conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
    elif path.startswith("/berita/"):
        _drip(conn, request, every=1.0)
    else:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(PAGE) + PAGE)


@contextmanager
def serving(handler: Handler) -> Iterator[tuple[int, list[str]]]:
    """A loopback server running ``handler`` per connection (one request each); yields
    (port, request lines seen); ``FIRST[port]`` is when the first request arrived."""
    listener = socket.create_server(("127.0.0.1", 0))
    seen: list[str] = []
    stop = threading.Event()

    def talk(conn: socket.socket) -> None:
        with conn:
            try:
                head = conn.recv(65536).decode("latin-1")
                FIRST.setdefault(listener.getsockname()[1], time.monotonic())
                seen.append(head.split("\r\n", 1)[0])
                handler(conn, seen[-1])
            except OSError:
                pass  # the client gave up: what the test wants

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=talk, args=(conn,), daemon=True).start()

    FIRST.pop(listener.getsockname()[1], None)  # a port an earlier test's server had
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], seen
    finally:
        stop.set()
        thread.join()
        listener.close()


def _extract(port: int, *extra: str) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run ``scraper extract``; the time is from the first request to the process's end
    (Python's start-up and imports are not the article's)."""
    proc = subprocess.run(
        [sys.executable, "-m", "scraper", "extract", "https://www.kabarcontoh.id/berita/1",
         "--resolve", f"*=127.0.0.1:{port}", *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    return proc, time.monotonic() - FIRST[port]


@pytest.mark.parametrize("handler", [_drip, _headers_forever, _busy_for_minutes])
def test_extract_ends_the_article_within_its_deadline(handler: Handler) -> None:
    deadline = 4.0
    with serving(handler) as (port, _):
        proc, elapsed = _extract(port, "--deadline", str(deadline))
    print(f"{handler.__name__}: --deadline {deadline:g}s, extract took {elapsed:.1f}s")
    assert proc.returncode == 1, proc.stderr
    assert "deadline" in proc.stderr
    assert deadline - 0.5 < elapsed < deadline + 1.5


@pytest.mark.slow
def test_the_default_deadline_ends_a_drip_well_under_a_minute() -> None:
    with serving(_drip) as (port, seen):
        proc, elapsed = _extract(port)
    default = FetchConfig().article_deadline
    print(f"drip server: default deadline {default:g}s, extract took {elapsed:.1f}s (186 s before)")
    assert proc.returncode == 1 and "deadline" in proc.stderr, proc.stderr
    assert default - 0.5 < elapsed < default + 5.0  # the clocks of the two processes differ by a little
    assert len(seen) == 1  # a deadline is not retried


def test_a_crawl_records_deadline_and_goes_on(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with serving(_index_then_drip) as (port, seen):
        started = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "scraper", "crawl", "--start", "https://www.kabarcontoh.id/", "--db", str(db),
             "--no-delay", "--deadline", "3", "--no-dedupe", "--resolve", f"*=127.0.0.1:{port}"],
            cwd=ROOT, capture_output=True, text=True, timeout=300,
        )
        elapsed = time.monotonic() - started
    print(f"crawl of 3 dripping articles, --deadline 3: {elapsed:.1f}s")
    with sqlite3.connect(db) as conn:
        kinds = conn.execute("SELECT url, error_kind FROM fetches WHERE url LIKE '%/berita/%'").fetchall()
    assert {kind for _, kind in kinds} == {"deadline"}, (kinds, proc.stderr)
    assert len({url for url, _ in kinds}) == 3
    assert sum(1 for line in seen if "/berita/" in line) == 3  # one request each: not retried
    assert elapsed < 3 * 3 + 15  # three deadlines at most (they run side by side), start-up included
