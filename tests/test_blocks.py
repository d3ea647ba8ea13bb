"""short_text_of: text_of for short nodes, None for long ones, without reading all of a
long one (the byline scan after the headline meets the whole story container)."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from scraper.extract.paragraphs import short_text_of, text_of

STORY = "<p>" + " ".join(["Paragraf cerita yang panjang sekali."] * 30) + "</p>"


@pytest.mark.parametrize(
    "inner",
    [
        "Senin, 12 Mei 2025 10:15 WIB",
        "Oleh <a href='/p'>Rina</a> <b>Amelia</b>",
        "Ha<b>lo</b> dunia\u00a0\u200b kita",
        "<span>Jakarta</span><div>Kompas.com</div>",
        "Tanggal <script>var x = 'tulisan skrip yang panjang sekali ' + 'dan terus berlanjut' + '" + "x" * 200
        + "';</script> 12 Mei",
        "   \n  ",
    ],
)
def test_short_nodes_read_exactly_as_text_of(inner: str) -> None:
    node = LexborHTMLParser(f"<html><body><div id='n'>{inner}</div></body></html>").css_first("#n")
    assert node is not None
    assert short_text_of(node, 100) == text_of(node)


@pytest.mark.parametrize("extra", ["", "<script>var a = 1;</script>"])
def test_long_nodes_are_none(extra: str) -> None:
    node = LexborHTMLParser(f"<html><body><div id='n'>{STORY}{extra}</div></body></html>").css_first("#n")
    assert node is not None and len(text_of(node)) > 100
    assert short_text_of(node, 100) is None


def test_the_limit_is_inclusive() -> None:
    node = LexborHTMLParser("<html><body><p id='n'>" + "a" * 100 + "</p></body></html>").css_first("#n")
    assert node is not None
    assert short_text_of(node, 100) == "a" * 100 and short_text_of(node, 99) is None
