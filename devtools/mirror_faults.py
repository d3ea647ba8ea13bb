"""The mirror's fault injection, for tests, benchmarks and the soak: not installed.

:class:`FaultyMirror` is ``scraper mirror``'s server (:mod:`pipelines.mirror`) with rules that
answer some requests the way real sites misbehave towards crawlers. Only the tests, the
benchmarks and the soak use them, so they live here rather than in the installed package.

Faults (:class:`Fault`; ``python -m devtools.mirror_faults DIR --fault KIND[,path=GLOB][,p=PROB]
[,times=N][,key=value]``) apply to requests whose path (without query) matches the glob, with
probability ``p`` from a seeded RNG, at most ``times`` times (then the request is served
normally: "503 twice then OK" is ``503,times=2``). Kinds: latency (seconds), 429 (seconds ->
Retry-After), 500, 502, 503 (seconds -> Retry-After), reset, stall (seconds), truncate, drip
(seconds per chunk, chunk bytes), wrong_type (type), empty, loop, redirect (to, status),
lying_charset, challenge (status), captcha, gzip_bomb (size), big (size, chunked), and encoded
(enc=gzip|deflate|br: the normal file, compressed; not a fault, a variation real servers have).
"""

from __future__ import annotations

import argparse
import fnmatch
import gzip
import io
import random
import socket
import struct
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from pipelines.mirror import MirrorHandler, MirrorServer, serve_until_terminated

__all__ = ["CAPTCHA_PAGE", "CHALLENGE_PAGE", "FAULT_KINDS", "Fault", "FaultyMirror", "parse_fault"]

FAULT_KINDS = frozenset(
    {
        "latency", "429", "500", "502", "503", "reset", "stall", "truncate", "drip", "wrong_type",
        "empty", "loop", "redirect", "lying_charset", "challenge", "captcha", "gzip_bomb", "big",
        "encoded",
    }
)
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


class _FaultHandler(MirrorHandler):
    """The mirror's handler, with the first matching fault answering before the file does."""

    def respond(self, host: str) -> None:
        mirror = self.server.mirror
        assert isinstance(mirror, FaultyMirror)
        fault = mirror.pick_fault(urlsplit(self.path).path)
        if fault is None or not self._fault(fault, host):
            self._serve(host)

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


class FaultyMirror(MirrorServer):
    """``scraper mirror``'s server with fault rules; ``with FaultyMirror(root, [Fault("503")]) as m``."""

    handler = _FaultHandler

    def __init__(
        self, root: str | Path, faults: list[Fault] | None = None, *, host: str = "127.0.0.1",
        port: int = 0, seed: int = 0,
    ) -> None:
        super().__init__(root, host=host, port=port)
        self.faults = list(faults or [])
        self.rng = random.Random(seed)

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


def main(argv: list[str] | None = None) -> int:
    """Serve DIR with faults until interrupted (what ``scraper mirror serve`` does, plus faults)."""
    parser = argparse.ArgumentParser(prog="python -m devtools.mirror_faults", description=main.__doc__)
    parser.add_argument("dir", type=Path, help="directory holding one sub-directory per host")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one, printed)")
    parser.add_argument("--fault", action="append", default=[], metavar="KIND[,path=GLOB][,p=PROB][,times=N][,key=val]",
                        help=f"inject a fault (repeatable); kinds: {', '.join(sorted(FAULT_KINDS))}")
    parser.add_argument("--seed", type=int, default=0, help="seed of the fault probabilities")
    args = parser.parse_args(argv)
    if not args.dir.is_dir():
        print(f"error: {args.dir} is not a directory", file=sys.stderr)
        return 2
    try:
        faults = [parse_fault(spec) for spec in args.fault]
    except ValueError as exc:
        print(f"error: --fault: {exc}", file=sys.stderr)
        return 2
    server = FaultyMirror(args.dir, faults, host=args.host, port=args.port, seed=args.seed)
    return serve_until_terminated(server, args.dir)


if __name__ == "__main__":
    raise SystemExit(main())
