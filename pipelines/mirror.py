"""A local mirror of news sites: a real HTTP server over a directory, with fault injection.

With ``--resolve '*=127.0.0.1:PORT'`` the crawl talks to this server as if it were the
real sites, so the whole pipeline (fetch, robots, retries, politeness, store) runs end to
end offline. The faults reproduce what real sites do to crawlers.

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

Faults (:class:`Fault`, CLI ``--fault KIND[,path=GLOB][,p=PROB][,times=N][,key=value]``)
apply to requests whose path (without query) matches the glob, with probability ``p`` from a
seeded RNG, at most ``times`` times (then the request is served normally: "503 twice then
OK" is ``503,times=2``). Kinds: latency (seconds), 429 (seconds -> Retry-After), 500, 502,
503 (seconds -> Retry-After), reset, stall (seconds), truncate, drip (seconds per chunk,
chunk bytes), wrong_type (type), empty, loop, redirect (to, status), lying_charset,
challenge (status), captcha, gzip_bomb (size), big (size, chunked), and encoded (enc=gzip|
deflate|br: the normal file, compressed; not a fault, a variation real servers have).
"""

from __future__ import annotations

import fnmatch
import gzip
import hashlib
import io
import random
import socket
import struct
import threading
import time
import zlib
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pipelines.mirror_files import find_file, plain_host

__all__ = ["FAULT_KINDS", "Fault", "MirrorServer", "parse_fault"]

FAULT_KINDS = frozenset(
    {
        "latency", "429", "500", "502", "503", "reset", "stall", "truncate", "drip", "wrong_type",
        "empty", "loop", "redirect", "lying_charset", "challenge", "captcha", "gzip_bomb", "big",
        "encoded",
    }
)
CONTENT_TYPES = {
    ".html": "text/html", ".htm": "text/html", "": "text/html", ".xml": "application/xml",
    ".rss": "application/rss+xml", ".atom": "application/atom+xml", ".txt": "text/plain",
    ".json": "application/json", ".gz": "application/gzip", ".pdf": "application/pdf",
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
    ".webp": "image/webp", ".css": "text/css", ".js": "application/javascript",
}
CHALLENGE_PAGE = (
    "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
    "<div id=\"cf-chl-widget\">Checking your browser before accessing the site.</div>"
    "<script src=\"/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1\"></script></body></html>"
)
CAPTCHA_PAGE = (
    "<!DOCTYPE html><html><head><title>Security check</title>"
    "<script src=\"https://www.google.com/recaptcha/api.js\"></script></head><body>"
    "<h1>Please verify you are human</h1><div class=\"g-recaptcha\" data-sitekey=\"x\"></div></body></html>"
)


@dataclass
class Fault:
    """One fault rule (see module docstring)."""

    kind: str
    path: str = "*"
    p: float = 1.0
    times: int | None = None
    params: dict[str, str] = field(default_factory=dict)
    used: int = 0

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault {self.kind!r}; known: {', '.join(sorted(FAULT_KINDS))}")

    def number(self, key: str, default: float) -> float:
        return float(self.params.get(key, default))


def parse_fault(spec: str) -> Fault:
    """``"503,path=/news/*,p=0.5,times=2,seconds=1"`` -> Fault. Raises ValueError."""
    kind, *items = [part.strip() for part in spec.split(",") if part.strip()]
    fault = Fault(kind)
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"fault option {item!r} is not key=value")
        if key == "path":
            fault.path = value
        elif key == "p":
            fault.p = float(value)
        elif key == "times":
            fault.times = int(value)
        else:
            fault.params[key] = value
    return fault


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr: tuple[str, int], mirror: MirrorServer) -> None:
        self.mirror = mirror
        super().__init__(addr, _Handler)


class MirrorServer:
    """The mirror, in a background thread. ``with MirrorServer(root) as m: m.port``.

    Records every request in :attr:`requests` (dicts: host, path, start, end, headers)
    and the highest number of requests in progress at once, overall and per host, so
    tests can check politeness from the server's side.
    """

    def __init__(
        self, root: str | Path, faults: list[Fault] | None = None, *, host: str = "127.0.0.1",
        port: int = 0, seed: int = 0,
    ) -> None:
        self.root = Path(root)
        self.faults = list(faults or [])
        self.rng = random.Random(seed)
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        self.requests: list[dict[str, Any]] = []
        self.active: dict[str, int] = {}
        self.max_active: dict[str, int] = {}
        self._server = _Server((host, port), self)
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

    def pick_fault(self, path: str) -> Fault | None:
        """The first matching rule that fires for this request (thread-safe, seeded)."""
        with self.lock:
            for fault in self.faults:
                if fault.times is not None and fault.used >= fault.times:
                    continue
                if not fnmatch.fnmatchcase(path, fault.path):
                    continue
                if fault.p < 1.0 and self.rng.random() >= fault.p:
                    continue
                fault.used += 1
                return fault
        return None

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


class _Handler(BaseHTTPRequestHandler):
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
            fault = mirror.pick_fault(urlsplit(self.path).path)
            if fault is None or not self._fault(fault, host):
                self._serve(host)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            mirror._leave(host, record)

    # --- normal serving --------------------------------------------------------------

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

    # --- faults ----------------------------------------------------------------------

    def _fault(self, fault: Fault, host: str) -> bool:
        """Apply ``fault``; True when the response is complete, False to serve normally after."""
        kind = fault.kind
        if kind == "latency":
            self._sleep(fault.number("seconds", 0.5))
            return False
        if kind in ("429", "500", "502", "503"):
            extra = {"Retry-After": fault.params["seconds"]} if "seconds" in fault.params else {}
            if kind == "429" and not extra:
                extra = {"Retry-After": "1"}
            self._send(int(kind), f"<html><body>error {kind}</body></html>".encode(), headers=extra)
            return True
        handler = getattr(self, f"_fault_{kind}")
        handler(fault, host)
        return True

    def _sleep(self, seconds: float) -> None:
        self.server.mirror.stop_event.wait(seconds)

    def _fault_reset(self, fault: Fault, host: str) -> None:
        # SO_LINGER 0: close sends RST instead of FIN, like a crashed or overloaded proxy.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def _fault_stall(self, fault: Fault, host: str) -> None:
        self._sleep(fault.number("seconds", 30))
        self.close_connection = True

    def _fault_truncate(self, fault: Fault, host: str) -> None:
        body = self._body(host)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body) + 1000))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        self.close_connection = True

    def _fault_drip(self, fault: Fault, host: str) -> None:
        body = self._body(host)
        step, pause = int(fault.number("chunk", 64)), fault.number("seconds", 0.2)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        for start in range(0, len(body), step):
            if self.server.mirror.stop_event.is_set():
                break
            self.wfile.write(body[start : start + step])
            self.wfile.flush()
            self._sleep(pause)

    def _fault_wrong_type(self, fault: Fault, host: str) -> None:
        self._serve(host, content_type=fault.params.get("type", "application/pdf"))

    def _fault_empty(self, fault: Fault, host: str) -> None:
        self._send(200, b"")

    def _fault_loop(self, fault: Fault, host: str) -> None:
        parts = urlsplit(self.path)
        target = parts.path if parts.query == "loop=1" else parts.path + "?loop=1"
        self._send(302, b"", headers={"Location": target})

    def _fault_redirect(self, fault: Fault, host: str) -> None:
        self._send(int(fault.number("status", 301)), b"", headers={"Location": fault.params.get("to", "/")})

    def _fault_lying_charset(self, fault: Fault, host: str) -> None:
        text = self._body(host).decode("utf-8", errors="replace")
        self._send(200, text.encode("cp1252", errors="replace"), "text/html; charset=utf-8")

    def _fault_challenge(self, fault: Fault, host: str) -> None:
        headers = {"Server": "cloudflare"}
        if "header" in fault.params:  # newer Cloudflare marks challenges in a header too
            headers["cf-mitigated"] = "challenge"
        self._send(int(fault.number("status", 503)), CHALLENGE_PAGE.encode(), headers=headers)

    def _fault_captcha(self, fault: Fault, host: str) -> None:
        self._send(200, CAPTCHA_PAGE.encode())

    def _fault_gzip_bomb(self, fault: Fault, host: str) -> None:
        body = _bomb(int(fault.number("size", 50 * 1024 * 1024)))
        self._send(200, body, headers={"Content-Encoding": "gzip"})

    def _fault_encoded(self, fault: Fault, host: str) -> None:
        enc = fault.params.get("enc", "gzip")
        data = self._body(host)
        if enc == "gzip":
            body = gzip.compress(data)
        elif enc == "deflate":
            body = zlib.compress(data)
        else:
            import brotli  # installed with httpx[brotli]

            body = brotli.compress(data)
        self._send(200, body, headers={"Content-Encoding": enc, "Vary": "Accept-Encoding"})

    def _fault_big(self, fault: Fault, host: str) -> None:
        size = int(fault.number("size", 12 * 1024 * 1024))
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if "chunked" in fault.params:  # no Content-Length: only the streaming cap can stop it
            self.send_header("Connection", "close")
            self.close_connection = True
        else:
            self.send_header("Content-Length", str(size))
        self.end_headers()
        block = b"<p>" + b"x" * 1020 + b"</p>\n"
        sent = 0
        try:
            while sent < size:
                chunk = block[: size - sent]
                self.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _body(self, host: str) -> bytes:
        path = self._find(host)
        return path.read_bytes() if path else b"<html><body><p>mirror page</p></body></html>"


def _content_type(path: Path) -> str:
    mime = CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")
    text = mime.startswith("text/") or mime.endswith(("xml", "json", "javascript"))
    return f"{mime}; charset=utf-8" if text else mime


_BOMBS: dict[int, bytes] = {}


def _bomb(size: int) -> bytes:
    """``size`` zero bytes, gzip-compressed (about 1000:1), built once per size."""
    if size not in _BOMBS:
        buf = io.BytesIO()
        with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9) as gz:
            block = b"\0" * (1024 * 1024)
            for _ in range(size // len(block)):
                gz.write(block)
            gz.write(b"\0" * (size % len(block)))
        _BOMBS[size] = buf.getvalue()
    return _BOMBS[size]
