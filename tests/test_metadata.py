"""Metadata sources: JSON-LD in its many shapes, OpenGraph/meta, canonical, lang, authors."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from scraper.extract.metadata import from_jsonld, from_meta
from scraper.extract.page_meta import PageMeta, merge
from scraper.extract.titles import clean_title


def _tree(head: str, body: str = "") -> LexborHTMLParser:
    return LexborHTMLParser(f"<html lang='id-ID'><head>{head}</head><body>{body}</body></html>")


def _ld(obj: str) -> str:
    return f'<script type="application/ld+json">{obj}</script>'


def test_newsarticle_fields() -> None:
    meta = from_jsonld(_tree(_ld(
        '{"@context":"https://schema.org","@type":"NewsArticle","headline":"Judul Berita",'
        '"datePublished":"2025-03-13T02:15:00+07:00","dateModified":"2025-03-13T03:00:00+07:00",'
        '"author":[{"@type":"Person","name":"Budi"},{"@type":"Person","name":"Ani"}],'
        '"keywords":"banjir, jakarta","articleSection":"News","image":{"url":"https://x.id/a.jpg"}}'
    )))
    assert meta.title == "Judul Berita"
    assert meta.published == "2025-03-13T02:15:00+07:00"
    assert meta.authors == ["Budi", "Ani"]
    assert meta.tags == ["banjir", "jakarta"]
    assert meta.image == "https://x.id/a.jpg"
    assert meta.page_type == "article"


def test_article_body_keeps_its_paragraph_breaks() -> None:
    """Hooks read the parsed articleBody (idntimes); its line breaks are the paragraphs."""
    meta = from_jsonld(_tree(_ld(
        '{"@type":"NewsArticle","headline":"Judul","articleBody":"Paragraf   satu.\\n\\nParagraf dua &amp; tiga.\\n"}'
    )))
    assert meta.body == "Paragraf satu.\nParagraf dua & tiga."


def test_graph_list_types_and_several_scripts() -> None:
    head = _ld('{"@type":"WebSite","name":"Situs"}') + _ld(
        '{"@graph":[{"@type":"BreadcrumbList"},{"@type":["ReportageNewsArticle"],"headline":"Dalam Graph"}]}'
    )
    assert from_jsonld(_tree(head)).title == "Dalam Graph"


@pytest.mark.parametrize(
    "broken",
    ['{"@type":"NewsArticle","headline":"Koma",}', '{"@type":"NewsArticle","headline":"Baris\nbaru"}',
     '<!-- {"@type":"NewsArticle","headline":"Komentar"} -->'],
)
def test_broken_jsonld_tolerated(broken: str) -> None:
    assert from_jsonld(_tree(_ld(broken))).title


def test_garbage_jsonld_gives_nothing_and_does_not_raise() -> None:
    assert from_jsonld(_tree(_ld("{not json at all") + _ld("[[[[") + _ld("42"))).title is None


def test_opengraph_canonical_and_lang() -> None:
    tree = _tree(
        '<link rel="canonical" href="/read/1/judul"><meta property="og:title" content="Judul OG">'
        '<meta property="article:published_time" content="2024-01-02T10:00:00+07:00">'
        '<meta name="author" content="Reporter: Sari">'
    )
    meta = from_meta(tree, "https://news.contoh.id/x?utm_source=a")
    assert meta.url == "https://news.contoh.id/read/1/judul"
    assert meta.title == "Judul OG"
    assert meta.language == "id-ID"
    assert meta.published.startswith("2024-01-02")


def test_merge_precedence() -> None:
    site = from_meta(_tree('<meta property="og:title" content="Dari Situs">'))
    ld = from_jsonld(_tree(_ld('{"@type":"NewsArticle","headline":"Dari LD","author":"X"}')))
    merged = merge(site, ld)
    assert merged.title == "Dari Situs" and merged.authors == ["X"]


def test_structured_data_editors_and_where_authors_came_from() -> None:
    ld = from_jsonld(_tree(_ld('{"@type":"NewsArticle","headline":"J","author":"Yoga","editor":{"name":"Sari"}}')))
    tags = from_meta(_tree('<meta name="content_editor" content="Yoga Sukmana"><meta name="author" content="Isna">'))
    assert ld.editors == ["Sari"] and tags.editors == ["Yoga Sukmana"]
    merged = merge(PageMeta(), ld, tags)
    assert merged.origins["authors"] == "jsonld" and merged.origins["editors"] == "jsonld"
    assert merge(PageMeta(authors=["Dari Situs"]), ld).origins["authors"] == "site"


@pytest.mark.parametrize(
    ("title", "h1", "want"),
    [
        ("Judul Panjang Sekali - detikNews", "", "Judul Panjang Sekali"),
        ("Judul Panjang Sekali | Republika Online", "", "Judul Panjang Sekali"),
        ("Judul Panjang Sekali - Kompas.com", "Judul Panjang Sekali", "Judul Panjang Sekali"),
        ("Menteri: Harga Turun - Tidak Ada Kenaikan Tahun Ini", "", "Menteri: Harga Turun - Tidak Ada Kenaikan Tahun Ini"),
    ],
)
def test_title_suffix_removed(title: str, h1: str, want: str) -> None:
    tree = _tree("", f"<h1>{h1}</h1>" if h1 else "")
    assert clean_title(title, None, tree) == want
