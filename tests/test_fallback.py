"""A redesign renamed the story container: the story is traced back to its DOM node and
read with the profile's own rules ("site:NAME+fallback"); unknown sites get the DOM's
paragraph breaks for the text trafilatura read.

Fixtures: detik/health-2025-renamed (sub-headings, a list and a table through the
fallback), kompas/tekno-2025-listicle-p1 (a two-page phone review: spec list, price list,
price table), generic/gadget-listicle-2025 (the generic path, unknown site).
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from scraper.extract.generic import container_paragraphs
from scraper.extract.locate_story import story_node
from scraper.extract.pipeline import extract_html
from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(name="contoh", domains=("contoh.id",), body=("div.isi-berita",), drop=(".kotak-langganan",))
URL = "https://www.contoh.id/berita/2025/01/05/nelayan-tanam-bakau"
STORY = [
    "Nelayan di pesisir utara mulai menanam bakau di sepanjang pantai untuk menahan abrasi yang terus menggerus kampung.",
    "Kepala desa mengatakan bibit bakau dibagikan gratis kepada setiap keluarga yang mau merawatnya selama setahun.",
    "Warga juga membangun pemecah ombak sederhana dari karung pasir di titik yang paling parah tergerus.",
]
ITEMS = ["Bibit bakau jenis Rhizophora dibagikan di balai desa.", "Setiap keluarga menerima dua puluh batang bibit."]
OFFER = "Dapatkan kabar pesisir terbaru setiap pagi dengan berlangganan buletin kami secara gratis sekarang juga."


def _page(container: str = "konten-baru", sidebar: str = "") -> str:
    items = "".join(f"<li>{item}</li>" for item in ITEMS)
    return (f"<html><head><title>Nelayan Tanam Bakau</title></head><body><div class='menu'><a href='/'>Beranda</a></div>"
            f"<main><h1>Nelayan Tanam Bakau</h1><div class='{container}'><p>{STORY[0]}</p><h2>Bibit gratis</h2>"
            f"<p>{STORY[1]}</p><ul>{items}</ul><div class='kotak-langganan'><p>{OFFER}</p></div><p>{STORY[2]}</p>"
            f"</div></main><div class='samping'><h3>Terpopuler</h3><ul>{sidebar}<li><a href='/x'>Harga Ikan Naik "
            "Menjelang Musim Angin Barat Tahun Ini</a></li></ul></div></body></html>")


def test_a_renamed_container_is_traced_and_read_with_the_site_rules() -> None:
    article = extract_html(_page(), URL, profile=PROFILE)
    assert article.extractor == "site:contoh+fallback"
    assert article.paragraphs == [STORY[0], "Bibit gratis", STORY[1], *ITEMS, STORY[2]]


def test_the_site_rule_is_what_removes_the_offer() -> None:
    """The same page without the profile keeps the subscription box (its class means
    nothing to the generic path): the fallback's reading is the site's, not the generic one."""
    article = extract_html(_page(), URL, use_profiles=False)
    assert article.extractor == "generic" and OFFER in article.paragraphs


def test_the_container_on_the_page_is_read_directly() -> None:
    article = extract_html(_page(container="isi-berita"), URL, profile=PROFILE)
    assert article.extractor == "site:contoh"


def test_a_story_sentence_repeated_in_a_sidebar_does_not_widen_the_container() -> None:
    """Trafilatura's text and a "Terpopuler" teaser share the lead: the container stays the
    story's node, not the page's <main> or <body>."""
    tree = LexborHTMLParser(_page(sidebar=f"<li><a href='/y'>{STORY[0]}</a></li>"))
    node = story_node(tree, [*STORY, *ITEMS])
    assert node is not None and node.attributes.get("class") == "konten-baru"


def test_nothing_traced_means_no_container() -> None:
    tree = LexborHTMLParser(_page())
    assert story_node(tree, ["Kalimat yang sama sekali tidak ada di halaman ini, dari berita lain."]) is None


def test_generic_split_keeps_only_what_trafilatura_read() -> None:
    """The DOM re-draws the paragraph breaks; a paragraph trafilatura left out (here the
    offer) does not come back, and "- item" lines match the DOM's items."""
    node = LexborHTMLParser(_page()).css_first("div.konten-baru")
    assert node is not None
    read = [STORY[0], "Bibit gratis", STORY[1], *(f"- {item}" for item in ITEMS), STORY[2]]
    assert container_paragraphs(node, read) == [STORY[0], "Bibit gratis", STORY[1], *ITEMS, STORY[2]]
