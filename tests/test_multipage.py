"""Multi-page stitching: pages in order, no repeats, the next link found even where it is
dropped, and a page not at hand named in ``next_page`` for the fetch loop."""

from __future__ import annotations

from scraper.extract.pipeline import extract_html
from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(name="contoh", domains=("contoh.id",), body=("div.isi",), drop=("ul.pagination",),
                      next_page=("ul.pagination a.next",))
LONG = "Kalimat cerita yang cukup panjang untuk dihitung sebagai isi berita di halaman ini"
URL = "https://www.contoh.id/read/1/x"


def _page(n: int, last: bool = False) -> str:
    nav = "" if last else f'<ul class="pagination"><li><a class="next" href="/read/1/x?page={n + 1}">Next</a></li></ul>'
    return (f'<html><body><div class="isi"><p>{LONG} nomor {n}.</p><p>Paragraf ulang yang sama.</p>{nav}</div>'
            "</body></html>")


def test_pages_stitched_in_order_without_repeats() -> None:
    pages = {f"{URL}?page={n}": _page(n, last=n == 3) for n in (2, 3)}
    article = extract_html(_page(1), URL, later_pages=pages, profile=PROFILE)
    assert article.extractor == "site:contoh" and article.pages == 3 and article.next_page is None
    assert article.paragraphs == [f"{LONG} nomor 1.", "Paragraf ulang yang sama.", f"{LONG} nomor 2.",
                                  f"{LONG} nomor 3."]


def test_a_page_not_at_hand_is_named_and_what_was_read_is_kept() -> None:
    article = extract_html(_page(1), URL, later_pages={f"{URL}?page=2": _page(2)}, profile=PROFILE)
    assert article.pages == 2 and article.next_page == f"{URL}?page=3"
    assert article.paragraphs[-1].endswith("nomor 2.")


def test_a_broken_later_page_ends_the_story_there() -> None:
    article = extract_html(_page(1), URL, later_pages={f"{URL}?page=2": ""}, profile=PROFILE)
    assert article.pages == 1 and article.next_page is None
    assert article.paragraphs[0].endswith("nomor 1.")


def test_the_page_tree_is_left_whole_by_the_profile_body() -> None:
    """Drop rules act on a copy: the next link inside a dropped block is still found."""
    article = extract_html(_page(1), URL, profile=PROFILE)
    assert article.next_page == f"{URL}?page=2"
