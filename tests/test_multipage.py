"""Multi-page stitching: pages in order, no repeats, the next link found even where it is
dropped, and a page not at hand named in ``next_page`` for the fetch loop; the fetch loop
follows the pages reading each once (its paragraphs and next link), and extracts the story
once at the end from those readings: each page parsed once, the same article as
extracting all pages at once."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers_http import fast_config, mirror_server, run_with_fetcher, write_site

import scraper.extract.htmlinput
from devtools.mirror_faults import FaultyMirror
from scraper.article import Article
from scraper.extract.article_documents import WholeArticle, fetch_whole_article
from scraper.extract.body import MAX_PAGES
from scraper.extract.pipeline import extract_html, extract_pages, page_chain
from scraper.fetch.page import PageRecord
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


STORY = "https://www.contoh.id/read/2/y/"


def _path_page(n: int, last: int) -> str:
    """Page ``n`` of ``last``, its pages apart by path (a missing one is a 404 on the mirror)."""
    nav = "" if n == last else f'<ul class="pagination"><li><a class="next" href="/read/2/y/p{n + 1}">Next</a></li></ul>'
    return f'<html><body><div class="isi"><p>{LONG} nomor {n}.</p>{nav}</div></body></html>'


def _fetch_story(tmp_path: Path, pages: int, missing: int | None = None) -> tuple[WholeArticle, int, FaultyMirror]:
    """Serve a ``pages``-page story (page ``missing`` absent: a 404) and fetch it whole,
    counting the extractions the fetch loop asks for."""
    files = {"read/2/y/index.html": _path_page(1, pages)}
    files.update({f"read/2/y/p{n}": _path_page(n, pages) for n in range(2, pages + 1) if n != missing})
    root = write_site(tmp_path, "www.contoh.id", files)
    calls = [0]

    async def extract(got: list[PageRecord]) -> Article:
        calls[0] += 1
        return extract_pages(got, profile=PROFILE)

    with mirror_server(root) as server:
        whole = run_with_fetcher(server, lambda f: fetch_whole_article(f, STORY, extract=extract, profile=PROFILE),
                                 fast_config(obey_robots=False))
    return whole, calls[0], server


def test_a_long_story_is_fetched_page_by_page_and_extracted_twice_not_per_page(tmp_path: Path) -> None:
    whole, extractions, _ = _fetch_story(tmp_path, 25)
    assert whole.article is not None
    assert extractions == 2  # the first page (which names page 2), then all of them once
    assert [p.url for p in whole.pages] == [STORY] + [f"{STORY}p{n}" for n in range(2, MAX_PAGES + 1)]
    assert whole.article.pages == MAX_PAGES and whole.article.next_page is None
    assert all(page.reading is not None for page in whole.pages[1:])
    assert whole.article.to_dict() == _all_at_once(whole.pages).to_dict()
    assert whole.article.paragraphs[-1] == f"{LONG} nomor {MAX_PAGES}."


def test_a_later_page_that_fails_keeps_the_pages_read_and_is_not_asked_again(tmp_path: Path) -> None:
    whole, extractions, server = _fetch_story(tmp_path, 6, missing=4)
    assert whole.article is not None and extractions == 2
    assert [p.url for p in whole.pages] == [STORY, f"{STORY}p2", f"{STORY}p3"]
    assert whole.article.pages == 3 and whole.article.next_page == f"{STORY}p4"
    assert len(server.requests_to("/read/2/y/p4")) == 1


def _all_at_once(pages: list[PageRecord]) -> Article:
    """The article extracted from every page's text, none of the fetch loop's readings."""
    return extract_pages([replace(page, reading=None) for page in pages], profile=PROFILE)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count every page the extraction parses (scraper.extract.htmlinput.parse_html builds them all)."""
    count = [0]
    original = scraper.extract.htmlinput.LexborHTMLParser

    class Counted(original):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            count[0] += 1
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(scraper.extract.htmlinput, "LexborHTMLParser", Counted)
    return count


@pytest.mark.parametrize("pages", [1, 2, 5, MAX_PAGES])
def test_an_n_page_story_costs_at_most_n_plus_2_parses(tmp_path: Path, parses: list[int], pages: int) -> None:
    """The first page twice (its extraction, then the final one) and the chain's question
    once: every later page is parsed once, by the fetch loop, and stitched from its reading."""
    whole, _, _ = _fetch_story(tmp_path, pages)
    assert whole.article is not None and whole.article.pages == pages
    assert parses[0] <= pages + 2, parses[0]
    parses[0] = 0
    assert whole.article.to_dict() == _all_at_once(whole.pages).to_dict()
    assert parses[0] == pages  # without the readings each page is parsed: the hook counts what it should


FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
PAGED = [case for case in sorted(FIXTURES.glob("*/*.json")) if "pages" in json.loads(case.read_text("utf-8"))]


@pytest.mark.parametrize("case", PAGED, ids=[f"{c.parent.name}/{c.stem}" for c in PAGED])
def test_a_fixture_read_page_by_page_extracts_as_all_at_once(case: Path, parses: list[int]) -> None:
    """Every fixture with later pages, followed as the fetch loop follows it (the first
    page's extraction, then a chain reading each page it names) and extracted from the
    readings: the same article as extracting every page's text at once, parsing only the
    first page (the fallback path's readings too: kompas/tekno-2025-listicle-p1)."""
    spec = json.loads(case.read_text(encoding="utf-8"))
    texts = {url: (case.parent / name).read_text(encoding="utf-8") for url, name in spec["pages"].items()}
    at = datetime(2026, 1, 1, tzinfo=UTC)
    pages = [PageRecord(spec["url"], spec["url"], 200, "text/html", None, None, at, case.with_suffix(".html").read_bytes())]
    first = extract_pages(pages)
    chain = page_chain(pages[0], first.extractor or "") if first.next_page else None
    wanted = first.next_page if chain is not None else None
    while wanted in texts:
        page = PageRecord(wanted, wanted, 200, "text/html", None, None, at, texts[wanted].encode())
        page.reading, wanted = chain.read(wanted, texts[wanted]) if chain else (None, None)
        pages.append(page)
    pages += [PageRecord(url, url, 200, "text/html", None, None, at, text.encode())
              for url, text in texts.items() if url not in {page.url for page in pages}]
    whole = extract_html(pages[0].body, spec["url"], fetched_at=at, later_pages=texts)
    parses[0] = 0
    assert extract_pages(pages).to_dict() == whole.to_dict()
    if chain is not None:
        assert parses[0] == 1, parses[0]
