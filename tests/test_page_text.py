"""The page text's header (scraper.extract.page_text): the date line a page prints fills or
completes the metadata's date, and its byline line fills an empty byline."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from scraper.extract.page_meta import PageMeta
from scraper.extract.page_text import with_page_text


def _tree(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(f"<html><body>{html}</body></html>")


def _with_page_text(body: str, **meta: object) -> PageMeta:
    return with_page_text(_tree(body), PageMeta(title="Festival Layang-layang Digelar di Pantai", **meta))  # type: ignore[arg-type]


_HEAD = "<h1>Festival Layang-layang Digelar di Pantai</h1>"
_STORY = "<p>Ratusan layang-layang menghiasi langit pantai dalam festival tahunan yang digelar sejak pagi.</p>"


def test_date_line_is_the_date_when_the_metadata_has_none() -> None:
    meta = _with_page_text(_HEAD + "<div class='meta'>Rabu, 17 Juni 2015 | 22:26 WIB</div>" + _STORY)
    assert meta.published == "Rabu, 17 Juni 2015 | 22:26 WIB" and meta.origins["published"] == "text"


def test_page_time_completes_a_date_only_metadata_on_the_same_day() -> None:
    body = _HEAD + "<p class='info'>Kamis, 18/07/2019 08:45 WIB</p>" + _STORY
    assert _with_page_text(body, published="2019-07-18").published == "Kamis, 18/07/2019 08:45 WIB"


def test_page_time_of_another_day_does_not_touch_the_metadata() -> None:
    body = _HEAD + "<p class='info'>Jumat, 19/07/2019 08:45 WIB</p>" + _STORY
    assert _with_page_text(body, published="2019-07-18").published == "2019-07-18"


def test_metadata_with_seconds_is_kept() -> None:
    body = _HEAD + "<p class='info'>20/1/2026 18:30</p>" + _STORY
    assert _with_page_text(body, published="2026-01-20T18:33:13+07:00").published == "2026-01-20T18:33:13+07:00"


def test_a_printed_date_beats_a_sidebar_relative_one() -> None:
    body = ("<div class='latest'><span class='date'>4 jam lalu</span></div>" + _HEAD
            + "<h3 class='grey'>Jumat, 19 Juni 2015 12:58 WIB</h3>" + _STORY)
    assert _with_page_text(body).published == "Jumat, 19 Juni 2015 12:58 WIB"


def test_a_story_sentence_with_a_date_is_not_a_date_line() -> None:
    body = _HEAD + "<p>Rabu, 17 Juni 2015, ribuan warga memadati alun-alun kota untuk menyaksikan pawai.</p>"
    assert _with_page_text(body).published is None


def test_byline_line_after_the_headline_names_the_writer() -> None:
    assert _with_page_text(_HEAD + "<div class='by'>Oleh: Rina Amelia</div>" + _STORY).authors == ["Oleh: Rina Amelia"]
    body = _HEAD + "<p>Oleh karena itu, warga diminta datang lebih awal.</p>" + _STORY
    assert _with_page_text(body).authors == []
