"""Property-based tests: no exception but the documented ones on any input; idempotence."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scraper.extract.boilerplate import clean_paragraphs, clean_text
from scraper.extract.dates import parse_date
from scraper.extract.pipeline import extract_html
from scraper.fetch.urls import canonicalize

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_words = st.sampled_from(["Baca", "Juga:", "Berita", "Terkait", "(ant)", "(suc/up)", "Editor:", "Jakarta", "-",
                          "ADVERTISEMENT", "Terpopuler", "warga", "kota", ".", "\u00a0", "Pilihan", "\n", "\n\n"])
_indo_text = st.lists(_words, max_size=60).map(" ".join)
_any_text = st.one_of(st.text(max_size=300), _indo_text)


@FAST
@given(_any_text)
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


@FAST
@given(st.lists(_any_text, max_size=20))
def test_clean_paragraphs_never_grows_and_never_raises(paragraphs: list[str]) -> None:
    out = clean_paragraphs(paragraphs)
    assert len(out) <= len(paragraphs)
    assert all(p.strip() == p and p for p in out)


@FAST
@given(st.one_of(st.text(max_size=80), st.from_regex(
    r"(Senin|Kamis|Jumat)?,? ?[0-3]?\d (Jan|Mei|Agu|Des|Maret) (19|20)\d\d ?\|? ?[0-2]\d[:.][0-5]\d ?(WIB|WITA|WIT)?",
    fullmatch=True)))
def test_parse_date_never_raises(raw: str) -> None:
    parsed = parse_date(raw)
    assert parsed is None or parsed.value.tzinfo is not None


_url = st.builds(
    lambda scheme, host, path, query, frag: f"{scheme}://{host}/{path}{query}{frag}",
    st.sampled_from(["http", "https", "HTTP"]),
    st.sampled_from(["www.Detik.com", "news.detik.com:443", "m.kompas.com", "amp.contoh.id", "x.id:80", "[::1]:8080"]),
    st.text(alphabet="abc/-_.%20é", max_size=30),
    st.sampled_from(["", "?utm_source=x", "?page=2&b=1&a=2", "?amp=1", "?q=%20a", "?fbclid=1&id=3"]),
    st.sampled_from(["", "#top", "#"]),
)


@FAST
@given(_url)
def test_canonicalize_is_idempotent(url: str) -> None:
    once = canonicalize(url)
    assert canonicalize(once) == once


_html_bits = st.sampled_from(["<p>", "</p>", "<div class='baca-juga'>", "</div>", "<br>", "<h1>Judul</h1>",
                              "<script>x</script>", "<table><tr><td>", "Kalimat berita yang cukup panjang.",
                              "<a href='/x'>tautan</a>", "&nbsp;", "<!--", "<p>Baca Juga: lain</p>", "\x00", "<"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.lists(_html_bits, max_size=80).map("".join), st.binary(max_size=400)),
       st.sampled_from([None, "https://news.detik.com/berita/d-1/x", "https://www.contoh.id/"]))
def test_extract_returns_an_article_for_any_input(page: str | bytes, url: str | None) -> None:
    article = extract_html(page, url)
    assert article.status in ("ok", "not_article", "error")
    assert (article.error is not None) == (article.status == "error")
