"""Canonical URLs: the identity of an article in the store."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.fetch.urls import canonicalize, host_of, is_http_url, with_params

CASES = [
    # scheme/host case, default port, fragment
    ("HTTPS://News.Detik.COM:443/berita/d-1/judul#komentar", "https://news.detik.com/berita/d-1/judul"),
    ("http://example.co.id:80/a", "http://example.co.id/a"),
    ("http://example.co.id:8080/a", "http://example.co.id:8080/a"),
    # tracking parameters
    ("https://x.co.id/a?utm_source=fb&utm_medium=social&id=5", "https://x.co.id/a?id=5"),
    ("https://x.co.id/a?fbclid=abc&gclid=1&_ga=2&mc_cid=3&ref=home&from=wp", "https://x.co.id/a"),
    ("https://x.co.id/a?tag_from=wp_nhl_judul_1", "https://x.co.id/a"),
    # variant / page parameters
    ("https://x.co.id/a?page=all", "https://x.co.id/a"),
    ("https://x.co.id/a?single=1&amp=1", "https://x.co.id/a"),
    ("https://x.co.id/read/2024/01/02/123/judul?page=2", "https://x.co.id/read/2024/01/02/123/judul"),
    # sorting what is left
    ("https://x.co.id/search?q=banjir&b=2&a=1", "https://x.co.id/search?a=1&b=2&q=banjir"),
    # AMP and mobile variants (general rules only)
    ("https://www.tribunnews.com/amp/nasional/2024/01/02/judul", "https://www.tribunnews.com/nasional/2024/01/02/judul"),
    ("https://news.detik.com/berita/d-123/judul/amp", "https://news.detik.com/berita/d-123/judul"),
    ("https://amp.kompas.com/nasional/read/2024/01/02/1/judul", "https://kompas.com/nasional/read/2024/01/02/1/judul"),
    ("https://m.antaranews.com/berita/1/judul", "https://antaranews.com/berita/1/judul"),
    # not stripped: 'm.' must leave a registrable name
    ("https://m.co/x", "https://m.co/x"),
    # percent escapes: upper-case, unreserved decoded
    ("https://x.co.id/a%2db%2f", "https://x.co.id/a-b%2F"),
    # empty path, dot segments
    ("https://x.co.id", "https://x.co.id/"),
    ("https://x.co.id/a/./b/../c", "https://x.co.id/a/c"),
    ("https://x.co.id/kanal/", "https://x.co.id/kanal/"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_canonicalize_table(raw: str, expected: str) -> None:
    assert canonicalize(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_canonicalize_is_idempotent(raw: str, expected: str) -> None:
    once = canonicalize(raw)
    assert canonicalize(once) == once


def test_pagination_kept_for_listing_pages() -> None:
    assert canonicalize("https://x.co.id/indeks?page=2&utm_source=x", drop_pagination=False) == (
        "https://x.co.id/indeks?page=2"
    )


def test_non_http_comes_back_stripped() -> None:
    assert canonicalize("  mailto:redaksi@x.co.id ") == "mailto:redaksi@x.co.id"


def test_helpers() -> None:
    assert is_http_url("https://x.co.id/a")
    assert not is_http_url("ftp://x.co.id/a")
    assert not is_http_url("/relative/path")
    assert not is_http_url("http://")
    assert host_of("https://User@News.Example.COM:8443/a") == "news.example.com"
    assert host_of("not a url") == ""
    assert with_params("https://x.co.id/a?page=2&id=1", {"page": "all"}) == "https://x.co.id/a?id=1&page=all"
    assert with_params("https://x.co.id/a", [("single", "1")]) == "https://x.co.id/a?single=1"


_segment = st.text(alphabet="abcAMP-._~%2f0123456789", min_size=0, max_size=8)
_key = st.sampled_from(["id", "utm_source", "page", "q", "Ref", "amp", "fbclid", "a", "single", "tag_from"])
_value = st.text(alphabet="xyz019 %&=+/", max_size=5)


@given(
    scheme=st.sampled_from(["http", "HTTPS", "https"]),
    host=st.sampled_from(["News.Example.co.id", "m.detik.com", "amp.kompas.com", "x.id", "m.co", "[::1]"]),
    port=st.sampled_from(["", ":80", ":443", ":8080"]),
    segments=st.lists(_segment, max_size=5),
    trailing=st.booleans(),
    params=st.lists(st.tuples(_key, _value), max_size=5),
    fragment=st.text(alphabet="abc#", max_size=4),
)
@settings(max_examples=300, deadline=None)
def test_canonicalize_idempotent_property(
    scheme: str, host: str, port: str, segments: list[str], trailing: bool,
    params: list[tuple[str, str]], fragment: str,
) -> None:
    path = "/" + "/".join(segments) + ("/" if trailing and segments else "")
    raw = f"{scheme}://{host}{port}{path}?{urlencode(params)}#{fragment}"
    once = canonicalize(raw)
    assert canonicalize(once) == once
    assert "#" not in once and "utm_" not in once and "fbclid" not in once


@pytest.mark.parametrize(
    "bad", ["http://exa mple.com/a", "https://[::1/a", "http://a.com:99999/", "http://a<b>.com/", "https://[zz::1]/"]
)
def test_malformed_hosts_are_not_http_urls(bad: str) -> None:
    assert not is_http_url(bad)
    assert canonicalize(bad) == bad


def test_idn_and_ipv6_hosts_are_http_urls() -> None:
    assert is_http_url("https://berita.contoh.id/a")
    assert is_http_url("https://bücher.example/a")
    assert is_http_url("http://[::1]:8080/a")
