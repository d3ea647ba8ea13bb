"""Multi-page stitching: pages in order, no repeats, the next link found even where it is dropped."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from scraper.extract import _body
from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(name="contoh", domains=("contoh.id",), body=("div.isi",), drop=("ul.pagination",),
                      next_page=("ul.pagination a.next",))
LONG = "Kalimat cerita yang cukup panjang untuk dihitung sebagai isi berita di halaman ini"


def _page(n: int, last: bool = False) -> str:
    nav = "" if last else f'<ul class="pagination"><li><a class="next" href="/read/1/x?page={n + 1}">Next</a></li></ul>'
    return (f'<html><body><div class="isi"><p>{LONG} nomor {n}.</p><p>Paragraf ulang yang sama.</p>{nav}</div>'
            "</body></html>")


def test_pages_stitched_in_order_without_repeats() -> None:
    pages = {f"https://www.contoh.id/read/1/x?page={n}": _page(n, last=n == 3) for n in (2, 3)}
    fetched: list[str] = []

    def fetch(url: str) -> str:
        fetched.append(url)
        return pages[url]

    tree = LexborHTMLParser(_page(1))
    paragraphs, extractor, count = _body(tree, _page(1), "https://www.contoh.id/read/1/x", PROFILE, fetch)
    assert extractor == "site:contoh" and count == 3
    assert paragraphs == [f"{LONG} nomor 1.", "Paragraf ulang yang sama.", f"{LONG} nomor 2.", f"{LONG} nomor 3."]
    assert fetched == list(pages)


def test_a_page_that_fails_keeps_what_was_read() -> None:
    def fetch(url: str) -> str:
        raise OSError("gone")

    paragraphs, _, count = _body(LexborHTMLParser(_page(1)), _page(1), "https://www.contoh.id/read/1/x", PROFILE, fetch)
    assert count == 1 and paragraphs[0].endswith("nomor 1.")
