"""Article-URL patterns learned from samples, and the selectors the profile drafter builds."""

from __future__ import annotations

import re

import pytest
from selectolax.lexbor import LexborHTMLParser

from scraper.draft.selectors import container_of, find_text_nodes, is_stable, match_key, node_selectors
from scraper.draft.urlpattern import PatternError, learn_article_pattern, registered_domain


@pytest.mark.parametrize(
    ("samples", "articles", "not_articles"),
    [
        (["https://news.detik.com/berita/d-7812345/warga-bangun-jembatan",
          "https://finance.detik.com/berita-ekonomi-bisnis/d-7812399/harga-cabai-turun"],
         ["https://hot.detik.com/celeb/d-1234567/judul-lain-lagi"],
         ["https://news.detik.com/berita", "https://news.detik.com/indeks", "https://www.detik.com/"]),
        (["https://nasional.kompas.com/read/2025/03/14/12345678/judul-berita-satu"],
         ["https://regional.kompas.com/read/2024/12/01/98765432/lain-cerita-dua?page=all"],
         ["https://nasional.kompas.com/read/2025/03/14", "https://kompas.com/tag/banjir"]),
        (["https://www.kabar.co.id/read/2025/berita-satu-dua.html",
          "https://www.kabar.co.id/read/2024/tiga-empat-lima.html"],
         ["https://m.kabar.co.id/read/2023/enam-tujuh.html"],
         ["https://www.kabar.co.id/read/2023/enam-tujuh.html/amp", "https://www.kabar.co.id/read/2025"]),
        (["https://www.lensa.id/2025/03/14/warga-bangun-jembatan/"],
         ["https://www.lensa.id/2024/1/2/judul-lain-sekali"],
         ["https://www.lensa.id/2025/03/14/warga-bangun-jembatan/feed/", "https://www.lensa.id/2025/03/"]),
    ],
)
def test_patterns_generalise_ids_dates_and_slugs(samples: list[str], articles: list[str],
                                                 not_articles: list[str]) -> None:
    pattern = learn_article_pattern(samples, not_articles)
    assert all(re.search(pattern, u) for u in samples + articles), pattern
    assert not any(re.search(pattern, u) for u in not_articles), pattern


def test_a_section_word_is_tightened_only_when_a_seen_page_demands_it() -> None:
    samples = ["https://a.example.id/berita/daerah/123/warga-bangun-jembatan",
               "https://a.example.id/berita/ekonomi/124/harga-cabai-turun"]
    loose = learn_article_pattern(samples)
    assert re.search(loose, "https://a.example.id/berita/olahraga/125/skor-akhir-laga")
    # A listing with the same shape (section/id/two words) forces 3+ word slugs.
    tight = learn_article_pattern(samples, ["https://a.example.id/berita/daerah/9/halaman-dua"])
    assert not re.search(tight, "https://a.example.id/berita/daerah/9/halaman-dua")
    assert re.search(tight, "https://a.example.id/berita/olahraga/125/skor-akhir-laga")


def test_impossible_and_mixed_samples_are_errors() -> None:
    with pytest.raises(PatternError, match="different sites"):
        learn_article_pattern(["https://a.example.id/x/1-2-3", "https://b.contoh.id/x/1-2-3"])
    with pytest.raises(PatternError, match="home page"):
        learn_article_pattern(["https://a.example.id/"])
    with pytest.raises(PatternError, match="no pattern tells"):
        learn_article_pattern(["https://a.example.id/berita/satu-dua-tiga"], ["https://a.example.id/berita/satu-dua-tiga"])


def test_registered_domain() -> None:
    assert registered_domain("www.kabar.co.id") == "kabar.co.id"
    assert registered_domain("news.detik.com") == "detik.com"
    assert registered_domain("regional.kompas.com") == "kompas.com"
    assert registered_domain("kabar.id") == "kabar.id"


@pytest.mark.parametrize(("token", "stable"), [
    ("entry-content", True), ("kp-penulis", True), ("sharedaddy", True), ("author", True), ("col-md-8", True),
    ("post-1234", False), ("css-1x2y3z", False), ("sc-bdVaJa", False), ("e7f9a2", False), ("md:flex", False),
])
def test_stable_tokens(token: str, stable: bool) -> None:
    assert is_stable(token) is stable


PAGE = """<html><body><div class="wrap"><aside class="sidebar"><p>Terpopuler hari ini di kota kita semua</p></aside>
<div class="post-9876 detail" itemprop="articleBody"><p>Paragraf pertama cerita tentang jembatan bambu.</p>
<p>Paragraf kedua cerita tentang pasar pagi di kota.</p><div class="inner"><p>Paragraf ketiga cerita tentang
perahu nelayan.</p></div></div><div class="detail"><p>Kotak lain dengan kelas yang sama.</p></div></div></body></html>"""


def test_story_paragraphs_are_found_and_named_by_their_container() -> None:
    tree = LexborHTMLParser(PAGE)
    keys = [match_key(p) for p in ("Paragraf pertama cerita tentang jembatan bambu.",
                                   "Paragraf kedua cerita tentang pasar pagi di kota.",
                                   "Paragraf ketiga cerita tentang perahu nelayan.")]
    nodes = find_text_nodes(tree.body, keys)  # type: ignore[arg-type]
    assert [n.tag for n in nodes.values()] == ["p", "p", "p"]
    container = container_of(list(nodes.values()))
    assert container is not None and "detail" in (container.attributes.get("class") or "")
    selectors = node_selectors(container, tree)
    assert selectors[0] == "div[itemprop=articleBody]"
    assert "div.detail" in selectors  # first match is the container, the later .detail box does not matter
    assert not any("9876" in s for s in selectors)
    # One stray match elsewhere does not widen the container to the page.
    stray = find_text_nodes(tree.body, [match_key("Terpopuler hari ini di kota kita semua")])  # type: ignore[arg-type]
    widened = container_of([*nodes.values(), *stray.values()], share=0.75)
    assert widened is not None and widened.mem_id == container.mem_id
