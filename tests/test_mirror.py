"""The local mirror: file mapping by Host header, types, ETags, faults, and the CLI."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from helpers_http import mirror_server, write_site

from devtools.mirror_faults import Fault, parse_fault

FILES = {
    "index.html": "<html>home</html>",
    "kanal/index.html": "<html>kanal</html>",
    "read/1": "<html>one</html>",
    "read/1__page=2": "<html>one, page two</html>",
    "sitemap.xml": "<urlset/>",
    "robots.txt": "User-agent: *\n",
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_site(tmp_path, host="www.site.example", files=FILES)


def get(port: int, path: str, host: str = "www.site.example", **headers: str) -> httpx.Response:
    return httpx.get(f"http://127.0.0.1:{port}{path}", headers={"Host": host, **headers}, timeout=5)


def test_file_mapping_and_types(root: Path) -> None:
    with mirror_server(root) as server:
        p = server.port
        assert get(p, "/").text == "<html>home</html>"
        assert get(p, "/kanal/").text == "<html>kanal</html>"
        assert get(p, "/kanal").text == "<html>kanal</html>"
        assert get(p, "/read/1").headers["content-type"] == "text/html; charset=utf-8"
        assert get(p, "/read/1?page=2").text == "<html>one, page two</html>"
        assert get(p, "/read/1?utm_source=x").text == "<html>one</html>"  # unknown query: the path
        assert get(p, "/sitemap.xml").headers["content-type"] == "application/xml; charset=utf-8"
        assert get(p, "/robots.txt").headers["content-type"] == "text/plain; charset=utf-8"
        assert get(p, "/read/1", host="site.example:8080").text == "<html>one</html>"  # www. fallback
        assert get(p, "/nope").status_code == 404
        assert get(p, "/read/1", host="unknown.example").status_code == 404
        assert get(p, "/../../etc/passwd").status_code == 404


def test_etag_304(root: Path) -> None:
    with mirror_server(root) as server:
        first = get(server.port, "/read/1")
        again = get(server.port, "/read/1", **{"If-None-Match": first.headers["etag"]})
    assert first.status_code == 200 and again.status_code == 304 and again.content == b""


def test_fault_rules_times_path_and_seeded_probability(root: Path) -> None:
    faults = [parse_fault("503,path=/read/*,times=2,seconds=3")]
    with mirror_server(root, faults) as server:
        answers = [get(server.port, "/read/1") for _ in range(3)]
        other = get(server.port, "/").status_code
    assert [r.status_code for r in answers] == [503, 503, 200] and other == 200
    assert answers[0].headers["retry-after"] == "3"

    def pattern(seed: int) -> list[int]:
        with mirror_server(root, [Fault("500", p=0.5)], seed=seed) as server:
            return [get(server.port, "/").status_code for _ in range(12)]

    assert pattern(7) == pattern(7)
    assert set(pattern(7)) == {200, 500}


def test_parse_fault_errors() -> None:
    with pytest.raises(ValueError):
        parse_fault("explode")
    with pytest.raises(ValueError):
        parse_fault("503,times")
    fault = parse_fault("drip,path=/a/*,p=0.25,times=3,chunk=10,seconds=0.1")
    got = (fault.kind, fault.path, fault.p, fault.times, fault.number("chunk", 0))
    assert got == ("drip", "/a/*", 0.25, 3, 10)


def _serve(argv: list[str]) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, cwd=Path(__file__).resolve().parents[1])


def _port(proc: subprocess.Popen[str]) -> int:
    assert proc.stdout is not None
    return int(proc.stdout.readline().rsplit("port ", 1)[1].rstrip(")\n"))


def test_cli_serves_saved_pages_until_terminated(root: Path) -> None:
    proc = _serve(["scraper", "mirror", "serve", str(root)])
    try:
        port = _port(proc)
        assert get(port, "/read/1").text == "<html>one</html>"
        assert get(port, "/x").status_code == 404
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=10)
    assert code == 0


def test_the_user_command_has_no_faults(root: Path) -> None:
    """Fault injection is a dev tool (devtools/mirror_faults.py), not part of ``scraper mirror``."""
    done = subprocess.run([sys.executable, "-m", "scraper", "mirror", "serve", str(root), "--fault", "429"],
                          capture_output=True, text=True, timeout=30, cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 2 and "unrecognized arguments: --fault" in done.stderr


def test_dev_mirror_serves_faults_until_terminated(root: Path) -> None:
    proc = _serve(["devtools.mirror_faults", str(root), "--fault", "429,path=/x"])
    try:
        port = _port(proc)
        assert get(port, "/read/1").text == "<html>one</html>"
        limited = get(port, "/x")
        assert limited.status_code == 429 and limited.headers["retry-after"] == "1"
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=10)
    assert code == 0


def test_dev_mirror_rejects_bad_fault(root: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "devtools.mirror_faults", str(root), "--fault", "explode"],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 2 and "unknown fault" in done.stderr
