"""Not-article detection: listing pages are refused, articles are not."""

from __future__ import annotations

import pytest

from scraper.extract.classify import PageSignals, is_article, url_kind
from scraper.extract.pipeline import extract_html


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.contoh.id/", "home"),
        ("https://news.contoh.id/indeks", "listing"),
        ("https://www.contoh.id/tag/banjir", "listing"),
        ("https://www.contoh.id/search?q=banjir", "listing"),
        ("https://www.contoh.id/inggris", "section"),
        ("https://news.contoh.id/read/2025/03/13/123456/judul-berita", "article"),
        ("https://www.contoh.id/peristiwa/judul-berita-yang-panjang.html", "article"),
    ],
)
def test_url_kind(url: str, kind: str) -> None:
    assert url_kind(url) == kind


def test_decision_table() -> None:
    assert not is_article(PageSignals("home", True, 0.2, 500))
    assert not is_article(PageSignals("listing", False, 0.7, 300))
    assert is_article(PageSignals("listing", True, 0.3, 300))
    assert not is_article(PageSignals("unknown", False, 0.8, 300))
    assert is_article(PageSignals("unknown", False, 0.2, 300))
    assert not is_article(PageSignals("article", True, 0.2, 3))


def _listing_page() -> str:
    items = "".join(
        f'<div class="item"><h2><a href="/read/{i}/judul-{i}">Judul berita nomor {i} hari ini di kota</a></h2></div>'
        for i in range(40)
    )
    return f"<html><head><title>Beranda</title></head><body>{items}</body></html>"


def test_home_page_is_not_an_article() -> None:
    article = extract_html(_listing_page(), "https://www.contoh.id/")
    assert article.status == "not_article"
    assert article.body == ""


def test_listing_without_url_is_not_an_article() -> None:
    assert extract_html(_listing_page(), None).status == "not_article"
