"""The fetcher against a real loopback mirror: retries, limits, redirects, politeness, walls."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from helpers_http import ARTICLE, HOST, fast_config, mirror_server, run_with_fetcher, url, write_site

from devtools.mirror_faults import Fault, parse_fault
from scraper.errors import BlockedError, FetchError
from scraper.fetch.botwall import WALL_MAX
from scraper.fetch.client import Fetcher, FetchResult, parse_retry_after

PAGE = "/berita/satu.html"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A one-article mirror directory for news.example."""
    return write_site(tmp_path / "mirror")


def fetch(root: Path, faults: list[Fault] | None = None, path: str = PAGE, **kw: Any) -> FetchResult:
    config = kw.pop("config", None)
    log = kw.pop("log", None)
    with mirror_server(root, faults) as server:
        return run_with_fetcher(server, lambda f: f.fetch(url(path), **kw), config, log)


def fetch_error(root: Path, faults: list[Fault] | None = None, path: str = PAGE, **kw: Any) -> FetchError:
    with pytest.raises(FetchError) as info:
        fetch(root, faults, path, **kw)
    return info.value


def test_plain_fetch_keeps_real_url_and_decodes(site: Path) -> None:
    log: list[tuple[Any, ...]] = []
    result = fetch(site, log=log)
    assert result.status == 200 and not result.not_modified
    assert result.url == result.final_url == url(PAGE)
    assert result.text == ARTICLE and result.encoding == "utf-8"
    assert result.content_type.startswith("text/html")
    assert result.etag and result.last_modified and result.fetched_at.tzinfo is not None
    # robots.txt then the page, each reported once, with the real https URLs
    assert [(a[0], a[1], a[2], a[3]) for a in log] == [
        (url("/robots.txt"), 1, 200, None),
        (url(PAGE), 1, 200, None),
    ]


def test_retries_503_then_succeeds(site: Path) -> None:
    log: list[tuple[Any, ...]] = []
    result = fetch(site, [parse_fault(f"503,path={PAGE},times=2")], log=log)
    assert result.status == 200
    page_attempts = [a for a in log if a[0] == url(PAGE)]
    assert [(a[1], a[2], a[3]) for a in page_attempts] == [(1, 503, "http"), (2, 503, "http"), (3, 200, None)]


def test_429_retry_after_is_honoured(site: Path) -> None:
    with mirror_server(site, [parse_fault(f"429,path={PAGE},times=1,seconds=1")]) as server:
        result = run_with_fetcher(server, lambda f: f.fetch(url(PAGE)))
        starts = [r["start"] for r in server.requests_to(PAGE)]
    assert result.status == 200 and len(starts) == 2
    assert starts[1] - starts[0] >= 0.95


def test_no_retry_on_404(site: Path) -> None:
    with mirror_server(site) as server:
        with pytest.raises(FetchError) as info:
            run_with_fetcher(server, lambda f: f.fetch(url("/tidak-ada.html")))
        assert len(server.requests_to("/tidak-ada.html")) == 1
    assert info.value.kind == "http" and info.value.status == 404


def test_attempts_are_bounded(site: Path) -> None:
    with mirror_server(site, [parse_fault(f"500,path={PAGE}")]) as server:
        with pytest.raises(FetchError) as info:
            run_with_fetcher(server, lambda f: f.fetch(url(PAGE)), fast_config(attempts=3))
        assert len(server.requests_to(PAGE)) == 3
    assert info.value.status == 500


def test_connection_reset_and_truncated_body_are_retried(site: Path) -> None:
    faults = [parse_fault(f"reset,path={PAGE},times=1"), parse_fault(f"truncate,path={PAGE},times=1")]
    log: list[tuple[Any, ...]] = []
    result = fetch(site, faults, log=log)
    assert result.text == ARTICLE
    assert [a[3] for a in log if a[0] == url(PAGE)] == ["connect", "connect", None]


def test_stall_times_out(site: Path) -> None:
    config = fast_config(read_timeout=0.3, attempts=2)
    started = time.monotonic()
    error = fetch_error(site, [parse_fault(f"stall,path={PAGE},seconds=5")], config=config)
    assert error.kind == "timeout"
    assert time.monotonic() - started < 3


def test_slow_drip_hits_total_timeout(site: Path) -> None:
    config = fast_config(read_timeout=1.0, total_timeout=0.5, attempts=1)
    error = fetch_error(site, [parse_fault(f"drip,path={PAGE},chunk=16,seconds=0.05")], config=config)
    assert error.kind == "timeout"


def test_size_limit_cuts_big_body(site: Path) -> None:
    limit = 1024 * 1024
    for fault in (f"big,path={PAGE},size=3000000", f"big,path={PAGE},size=3000000,chunked=1"):
        error = fetch_error(site, [parse_fault(fault)], config=fast_config(max_bytes=limit))
        assert error.kind == "too_large", fault


def test_gzip_bomb_is_cut_off_while_streaming(site: Path) -> None:
    import tracemalloc

    limit = 2 * 1024 * 1024
    tracemalloc.start()
    try:
        bomb = parse_fault(f"gzip_bomb,path={PAGE},size=200000000")
        error = fetch_error(site, [bomb], config=fast_config(max_bytes=limit))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.kind == "too_large"
    # 200 MB of zeros behind ~200 KB of gzip: the peak stays near the 2 MB limit (the
    # server thread's bomb building is not traced separately, so allow its few hundred KB).
    assert peak < 4 * limit, peak


def test_bounded_decoder_never_exceeds_limit() -> None:
    import gzip

    from scraper.fetch.decompress import BoundedDecoder

    bomb = gzip.compress(b"\0" * 20_000_000)
    decoder = BoundedDecoder("gzip", 100_000, truncate=True)
    decoder.feed(bomb)
    assert decoder.full and len(decoder.body()) == 100_000
    with pytest.raises(FetchError) as info:
        BoundedDecoder("gzip", 100_000).feed(bomb)
    assert info.value.kind == "too_large"


def test_gzip_and_brotli_bodies_are_decoded() -> None:
    import gzip

    import brotli

    from scraper.fetch.decompress import BoundedDecoder

    for encoding, data in (("gzip", gzip.compress(b"halo" * 1000)), ("br", brotli.compress(b"halo" * 1000))):
        decoder = BoundedDecoder(encoding, 10_000)
        for start in range(0, len(data), 7):
            decoder.feed(data[start : start + 7])
        assert decoder.body() == b"halo" * 1000


def test_non_html_refused(site: Path) -> None:
    error = fetch_error(site, [parse_fault(f"wrong_type,path={PAGE},type=application/pdf")])
    assert error.kind == "not_html"
    error = fetch_error(site, [parse_fault(f"wrong_type,path={PAGE},type=image/jpeg")])
    assert error.kind == "not_html"


def test_octet_stream_html_is_sniffed(site: Path) -> None:
    result = fetch(site, [parse_fault(f"wrong_type,path={PAGE},type=application/octet-stream")])
    assert result.text == ARTICLE


def test_feeds_allowed_only_when_asked(site: Path) -> None:
    (site / HOST / "rss.xml").write_text("<?xml version='1.0'?><rss><channel/></rss>")
    assert fetch_error(site, path="/rss.xml").kind == "not_html"
    result = fetch(site, path="/rss.xml", accept="xml")
    assert result.content_type.startswith("application/xml") and result.text and "<rss>" in result.text


def test_empty_200_is_returned_empty(site: Path) -> None:
    result = fetch(site, [parse_fault(f"empty,path={PAGE}")])
    assert result.status == 200 and result.body == b"" and result.text == ""


def test_redirects_followed_and_limited(site: Path) -> None:
    faults = [parse_fault(f"redirect,path=/r{i},to=/r{i + 1}") for i in range(8)]
    faults.append(parse_fault(f"redirect,path=/r8,to={PAGE}"))
    result = fetch(site, faults, path="/r6")
    assert result.final_url == url(PAGE) and result.redirects == [url("/r7"), url("/r8"), url(PAGE)]
    error = fetch_error(site, faults, path="/r0", config=fast_config(max_redirects=5))
    assert error.kind == "redirect" and "more than 5" in str(error)


def test_redirect_loop_is_reported(site: Path) -> None:
    error = fetch_error(site, [parse_fault(f"loop,path={PAGE}")])
    assert error.kind == "redirect" and "loop" in str(error)


def test_conditional_get_returns_304(site: Path) -> None:
    with mirror_server(site) as server:

        async def twice(fetcher: Fetcher) -> tuple[FetchResult, FetchResult]:
            first = await fetcher.fetch(url(PAGE))
            again = await fetcher.fetch(url(PAGE), etag=first.etag, last_modified=first.last_modified)
            return first, again

        first, again = run_with_fetcher(server, twice)
        sent = server.requests_to(PAGE)[1]["headers"]
    assert again.status == 304 and again.not_modified and again.body == b"" and again.text is None
    assert sent["If-None-Match"] == first.etag and sent["If-Modified-Since"] == first.last_modified


@pytest.mark.parametrize(
    ("spec", "status"),
    [("challenge,status=503", 503), ("challenge,status=403,header=1", 403), ("captcha", 200)],
)
def test_bot_walls_raise_blocked(site: Path, spec: str, status: int) -> None:
    with mirror_server(site, [parse_fault(f"{spec},path={PAGE}")]) as server:
        with pytest.raises(BlockedError) as info:
            run_with_fetcher(server, lambda f: f.fetch(url(PAGE)))
        assert len(server.requests_to(PAGE)) == 1  # a wall is not retried
    assert info.value.kind == "blocked" and info.value.status == status


def test_per_host_concurrency_limit(site: Path) -> None:
    write_other = site / "other.example"
    write_other.mkdir()
    (write_other / "p.html").write_text(ARTICLE)
    faults = [parse_fault("latency,path=/*.html,seconds=0.2")]
    with mirror_server(site, faults) as server:

        async def many(fetcher: Fetcher) -> list[FetchResult]:
            jobs = [fetcher.fetch(url(PAGE)) for _ in range(6)]
            jobs += [fetcher.fetch(url("/p.html", host="other.example")) for _ in range(6)]
            return await asyncio.gather(*jobs)

        results = run_with_fetcher(server, many, fast_config(per_host_concurrency=2))
        peak = dict(server.max_active)
    assert len(results) == 12
    assert peak[HOST] == 2 and peak["other.example"] == 2
    assert peak["*"] >= 3  # the two hosts ran side by side


def test_delay_grows_after_errors(site: Path) -> None:
    with mirror_server(site, [parse_fault(f"503,path={PAGE},times=1")]) as server:

        async def go(fetcher: Fetcher) -> float:
            await fetcher.fetch(url(PAGE))
            return fetcher.politeness.state(HOST).delay

        delay = run_with_fetcher(server, go, fast_config(delay=0.05, error_delay=0.1))
    assert delay >= 0.1


def test_retry_after_parsing() -> None:
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == pytest.approx(10.0)
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412490.0) == 0.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


@pytest.mark.parametrize("bad", ["ftp://news.example/a", "http://exa mple.com/a", "https://[::1/a", "x"])
def test_invalid_url_refused(bad: str) -> None:
    async def go() -> None:
        async with Fetcher(fast_config(obey_robots=False)) as fetcher:
            await fetcher.fetch(bad)

    with pytest.raises(FetchError) as info:
        asyncio.run(go())
    assert info.value.kind == "invalid_url"


@pytest.mark.parametrize("enc", ["gzip", "deflate", "br"])
def test_compressed_responses_are_decoded(site: Path, enc: str) -> None:
    with mirror_server(site, [parse_fault(f"encoded,path={PAGE},enc={enc}")]) as server:
        result = run_with_fetcher(server, lambda f: f.fetch(url(PAGE)))
        sent = server.requests_to(PAGE)[0]["headers"]
    assert result.headers["content-encoding"] == enc and result.text == ARTICLE
    assert enc in sent["Accept-Encoding"] and sent["User-Agent"].startswith("IndoNewsScraper/")


# --- cookies and big pages (a scripted loopback server) ------------------------------------

class _Scripted(BaseHTTPRequestHandler):
    """/set sets a cookie, /echo answers with the Cookie header it got, /big is a 120 KB
    cp1252 page (charset only in the header), /wall a big page Cloudflare marks a challenge."""

    def do_GET(self) -> None:
        headers = {"Content-Type": "text/html; charset=utf-8"}
        if self.path == "/set":
            body, headers["Set-Cookie"] = b"<html><body>ok</body></html>", "sesi=abc123; Path=/"
        elif self.path == "/echo":
            body = f"<html><body>cookie={self.headers.get('Cookie')}</body></html>".encode()
        elif self.path in ("/big", "/wall"):
            body = ("<html><body>" + "<p>café olé</p>" * 8_000 + "</body></html>").encode("cp1252")
            headers["Content-Type"] = "text/html; charset=windows-1252"
            if self.path == "/wall":
                headers["cf-mitigated"] = "challenge"
        else:
            body = b"User-agent: *\nAllow: /\n"
            headers["Content-Type"] = "text/plain"
        self.send_response(200)
        for name, value in {**headers, "Content-Length": str(len(body))}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def scripted() -> Iterator[Any]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Scripted)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.host, server.port = server.server_address[:2]  # type: ignore[attr-defined]
    yield server
    server.shutdown()
    server.server_close()


def test_a_cookie_a_site_sets_goes_back_to_it(scripted: Any) -> None:
    async def body(fetcher: Fetcher) -> tuple[str, str]:
        before = (await fetcher.fetch(url("/echo"))).decoded()
        await fetcher.fetch(url("/set"))
        return before, (await fetcher.fetch(url("/echo"))).decoded()

    before, after = run_with_fetcher(scripted, body)
    assert "cookie=None" in before
    assert "cookie=sesi=abc123" in after


def test_a_big_page_is_decoded_by_its_reader_with_the_header_charset(scripted: Any) -> None:
    result = run_with_fetcher(scripted, lambda fetcher: fetcher.fetch(url("/big")))
    assert len(result.body) > WALL_MAX and result.text is None  # not decoded on the event loop
    text = result.decoded()
    assert text.count("café olé") == 8_000 and result.encoding == "cp1252"
    small = run_with_fetcher(scripted, lambda fetcher: fetcher.fetch(url("/echo")))
    assert small.text is not None  # small pages are decoded: they are checked for walls


def test_a_big_page_marked_a_challenge_is_still_a_wall(scripted: Any) -> None:
    with pytest.raises(BlockedError, match="cloudflare challenge"):
        run_with_fetcher(scripted, lambda fetcher: fetcher.fetch(url("/wall")))
