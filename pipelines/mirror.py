"""``scraper mirror serve``: a real HTTP server over a directory of saved sites.

With ``--resolve '*=127.0.0.1:PORT'`` the crawl talks to this server as if it were the
real sites, so the whole pipeline (fetch, robots, retries, politeness, store) runs end to
end offline. The faults tests inject (429, resets, bot walls, gzip bombs...) are not part of
the installed package: ``devtools/mirror_faults.py`` adds them to this server.

File mapping (``root/<host>/<path>``, in :mod:`pipelines.mirror_files`; nothing outside
the root is ever served, symlinks included):
- host = Host header, lower-case, port stripped; a Host that is not a plain host name gets
  400; if ``root/<host>`` is missing, the name with ``www.`` removed (or added) is tried;
- ``/`` and ``path/`` -> ``path/index.html``; a path naming a directory -> its index.html;
- a query string picks ``<path>__<query>`` (query as sent, ``/`` written as ``%2F``), e.g.
  ``/a?page=2`` -> ``root/host/a__page=2``; when that file is missing the path without the
  query is served (tracking parameters do not break the mirror);
- Content-Type by extension: .html/.htm/no extension -> text/html, .xml -> application/xml,
  .rss/.atom -> their XML types, .txt -> text/plain, .json, .gz, .pdf, images; text types
  get ``charset=utf-8``;
- ETag (sha1 of the bytes) and Last-Modified (file mtime); If-None-Match -> 304.

Every request is recorded (:attr:`MirrorServer.requests`, the most in progress at once per
host), so tests and ``make demo`` can check politeness from the server's side.
"""

from __future__ import annotations

import hashlib
import signal
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import Any

from pipelines.mirror_files import find_file, plain_host

__all__ = ["MirrorHandler", "MirrorServer", "serve_until_terminated"]

CONTENT_TYPES = {
    ".html": "text/html", ".htm": "text/html", "": "text/html", ".xml": "application/xml",
    ".rss": "application/rss+xml", ".atom": "application/atom+xml", ".txt": "text/plain",
    ".json": "application/json", ".gz": "application/gzip", ".pdf": "application/pdf",
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
    ".webp": "image/webp", ".css": "text/css", ".js": "application/javascript",
}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr: tuple[str, int], mirror: MirrorServer, handler: type[MirrorHandler]) -> None:
        self.mirror = mirror
        super().__init__(addr, handler)


class MirrorHandler(BaseHTTPRequestHandler):
    """Serves ``root/<host>/<path>``; :meth:`respond` is the one place a request is answered."""

    server: _Server
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle on, the client's delayed ACK
    # adds ~40 ms to every response.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass  # quiet: tests and the CLI print what matters themselves

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        mirror = self.server.mirror
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].lower().strip("[]")
        record = {"host": host, "path": self.path, "start": time.monotonic(), "headers": dict(self.headers)}
        mirror._enter(host, record)
        try:
            self.respond(host)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            mirror._leave(host, record)

    def respond(self, host: str) -> None:
        """Answer the request: the file it names. A subclass may answer otherwise first."""
        self._serve(host)

    def _find(self, host: str) -> Path | None:
        return find_file(self.server.mirror.root, host, self.path)

    def _serve(self, host: str, *, content_type: str | None = None, body: bytes | None = None) -> None:
        if plain_host(host) is None:
            self._send(400, b"<html><body><h1>400 Bad Request: Host is not a host name</h1></body></html>")
            return
        path = self._find(host)
        if path is None:
            self._send(404, b"<html><body><h1>404 Not Found</h1></body></html>")
            return
        data = path.read_bytes() if body is None else body
        etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
        headers = {"ETag": etag, "Last-Modified": formatdate(path.stat().st_mtime, usegmt=True)}
        if self.headers.get("If-None-Match") == etag:
            self._send(304, b"", headers=headers)
            return
        self._send(200, data, content_type or _content_type(path), headers)

    def _send(
        self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class MirrorServer:
    """The mirror, in a background thread. ``with MirrorServer(root) as m: m.port``.

    Records every request in :attr:`requests` (dicts: host, path, start, end, headers)
    and the highest number of requests in progress at once, overall and per host, so
    tests can check politeness from the server's side.
    """

    #: The request handler; a subclass may answer some requests itself (devtools' faults).
    handler: type[MirrorHandler] = MirrorHandler

    def __init__(self, root: str | Path, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.root = Path(root)
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        self.requests: list[dict[str, Any]] = []
        self.active: dict[str, int] = {}
        self.max_active: dict[str, int] = {}
        self._server = _Server((host, port), self, self.handler)
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def host(self) -> str:
        return str(self._server.server_address[0])

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def start(self) -> MirrorServer:
        # A short poll interval makes shutdown (and so every test using the mirror) quick.
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="mirror", daemon=True
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def stop(self) -> None:
        self.stop_event.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread:
            self._thread.join(timeout=5)

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def requests_to(self, path: str) -> list[dict[str, Any]]:
        with self.lock:
            return [r for r in self.requests if r["path"] == path]

    def _enter(self, host: str, record: dict[str, Any]) -> None:
        with self.lock:
            self.requests.append(record)
            self.active[host] = self.active.get(host, 0) + 1
            self.active["*"] = self.active.get("*", 0) + 1
            for key in (host, "*"):
                self.max_active[key] = max(self.max_active.get(key, 0), self.active[key])

    def _leave(self, host: str, record: dict[str, Any]) -> None:
        with self.lock:
            record["end"] = time.monotonic()
            self.active[host] -= 1
            self.active["*"] -= 1


def _content_type(path: Path) -> str:
    mime = CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")
    text = mime.startswith("text/") or mime.endswith(("xml", "json", "javascript"))
    return f"{mime}; charset=utf-8" if text else mime


def serve_until_terminated(server: MirrorServer, root: Path) -> int:
    """Serve in the foreground, saying where, until SIGINT or SIGTERM; exit status 0.

    Shared by ``scraper mirror serve`` and the dev tools' fault mirror, so both stop alike."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    print(f"serving {root} on http://{server.host}:{server.port}/ (port {server.port})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop_event.set()
        server._server.server_close()
    return 0
