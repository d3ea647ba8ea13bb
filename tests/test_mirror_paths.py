"""The mirror never serves a file outside its root, whatever the Host header and path say.

Requests go over a raw socket: HTTP clients normalise ``..`` segments and validate the Host
header, and an attacker does neither.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from helpers_http import mirror_server, write_site

from pipelines.mirror_files import find_file, plain_host

SECRET = "SECRET-OUTSIDE-THE-ROOT"


def raw_get(port: int, target: str, host: str | None) -> tuple[int, bytes]:
    """(status, body) of one GET sent byte for byte as given; ``host=None`` sends no Host."""
    head = f"GET {target} HTTP/1.1\r\n" + (f"Host: {host}\r\n" if host is not None else "")
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall((head + "Connection: close\r\n\r\n").encode("latin-1"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status_line, _, rest = data.partition(b"\r\n")
    return int(status_line.split()[1]), rest.partition(b"\r\n\r\n")[2]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """root/www.site.example (with symlinks in and out of the root), a secret beside root."""
    root = write_site(tmp_path / "root", host="www.site.example",
                      files={"index.html": "<html>home</html>", "read/1": "<html>one</html>"})
    (tmp_path / "secret.txt").write_text(SECRET)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "index.html").write_text(SECRET)
    site = root / "www.site.example"
    (site / "leak").symlink_to(tmp_path / "secret.txt")
    (site / "leakdir").symlink_to(tmp_path / "outside")
    (site / "read" / "1__page=9").symlink_to(tmp_path / "secret.txt")  # a query-mapped name
    (site / "alias").symlink_to(site / "read" / "1")  # inside the root: fine
    (root / "evil.example").symlink_to(tmp_path)  # a host directory pointing out of the root
    return root


@pytest.mark.parametrize(
    ("host", "target"),
    [
        ("/etc", "/passwd"),  # the report: Host joined to the root as an absolute path
        ("..", "/secret.txt"),  # the root's parent
        ("../root/..", "/secret.txt"),
        ("www.site.example/../..", "/secret.txt"),
        ("evil.example", "/secret.txt"),  # a host directory that is a symlink out of the root
        ("www.", "/www.site.example/read/1"),  # "www." minus "www." is the root itself
        ("", "/www.site.example/read/1"),
        (None, "/www.site.example/read/1"),
    ],
)
def test_host_header_cannot_leave_the_root(tree: Path, host: str | None, target: str) -> None:
    with mirror_server(tree) as server:
        status, body = raw_get(server.port, target, host)
    assert status in (400, 404)
    assert SECRET.encode() not in body and b"root:" not in body and b"one" not in body


@pytest.mark.parametrize(
    "target",
    [
        "/leak",  # symlinked file pointing outside
        "/leakdir/",  # symlinked directory: its index.html is outside
        "/leakdir/index.html",
        "/read/1?page=9",  # query-mapped name <path>__<query> that is a symlink outside
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2fsecret.txt",
        "/read/%2e%2e/%2e%2e/secret.txt",
        "/?%2F..%2F..%2Fsecret.txt",
        "/read/1?/../../../secret.txt",
    ],
)
def test_path_cannot_leave_the_root(tree: Path, target: str) -> None:
    with mirror_server(tree) as server:
        status, body = raw_get(server.port, target, "www.site.example")
    assert SECRET.encode() not in body
    assert status in (200, 404)  # the last two fall back to a page inside the root


def test_symlinks_and_queries_inside_the_root_still_work(tree: Path) -> None:
    with mirror_server(tree) as server:
        assert raw_get(server.port, "/alias", "www.site.example") == (200, b"<html>one</html>")
        # the query-mapped file escapes, so it counts as missing: the path without the query
        assert raw_get(server.port, "/read/1?page=9", "site.example:80") == (200, b"<html>one</html>")
        assert raw_get(server.port, "/", "WWW.Site.Example.:8080") == (200, b"<html>home</html>")


def test_bad_host_is_400(tree: Path) -> None:
    with mirror_server(tree) as server:
        assert raw_get(server.port, "/", "/etc")[0] == 400


@pytest.mark.parametrize(
    ("header", "want"),
    [("news.detik.com", "news.detik.com"), ("News.Detik.com:8080", "news.detik.com"),
     ("127.0.0.1:9", "127.0.0.1"), ("host.", "host"), ("a_b.example", "a_b.example"),
     ("/etc", None), ("..", None), (".", None), ("", None), ("a/b", None), ("a\\b", None),
     ("a..b", None), ("-a.example", None), ("www.", "www"), ("a b", None), ("a\x00b", None)],
)
def test_plain_host(header: str, want: str | None) -> None:
    assert plain_host(header) == want


def test_find_file_refuses_nul_and_escapes(tree: Path) -> None:
    assert find_file(tree, "www.site.example", "/read/1") == (tree / "www.site.example" / "read" / "1").resolve()
    assert find_file(tree, "www.site.example", "/read/1%00.html") is None
    assert find_file(tree, "www.site.example", "/leak") is None
    assert find_file(tree, "..", "/secret.txt") is None
