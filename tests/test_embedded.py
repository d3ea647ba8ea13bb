"""Script-built pages: the story a page embeds, and the second document a near-empty page
names (its _payload.json, its AMP version). Each rule with the page it must leave alone.

Fixtures: jawapos/nextdata-2025 (declared __NEXT_DATA__), idntimes/paged-with-articlebody
(declared JSON-LD articleBody), tempo/nuxt-2025 (+ .payload: declared _payload.json),
cnnindonesia/script-2025-amp-only (+ .amp.html), generic/nextjs-data-2025 and
generic/rsc-flight-2025 (found on unknown sites). The second requests run end to end in
tests/test_script_pages.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from scraper.extract.pipeline import extract_html

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
STORY = ("Warga kampung nelayan menanam bakau di sepanjang pantai agar abrasi tidak lagi menggerus rumah mereka "
         "setiap musim angin barat tiba, dan pemerintah desa menyediakan bibitnya secara gratis.")
OTHER = ("Harga cabai di pasar induk turun hampir separuh dalam sepekan terakhir setelah panen raya di sejumlah "
         "sentra produksi, kata para pedagang yang ditemui pada Senin pagi.")


def _next_page(visible: list[str], embedded_html: str, url_extra: str = "") -> str:
    data = {"props": {"pageProps": {"post": {"title": "Judul", "body": embedded_html}}}}
    paras = "".join(f"<p>{p}</p>" for p in visible)
    return (f"<html><head><title>Judul</title><link rel='amphtml' href='/amp/berita/1{url_extra}'></head><body>"
            f"<header><a href='/'>Kabar</a></header><article><h1>Judul</h1><div class='isi'>{paras}</div></article>"
            f"<script id='__NEXT_DATA__' type='application/json'>{json.dumps(data)}</script></body></html>")


def test_a_visible_story_is_never_replaced_by_a_payload_string() -> None:
    """The payload of a server-rendered page also carries other stories (related posts):
    with a story on the page, the payload is not read at all."""
    article = extract_html(_next_page([STORY, STORY.replace("bakau", "cemara"), STORY.replace("pantai", "muara")],
                                      "".join(f"<p>{OTHER}</p>" for _ in range(4))),
                           "https://www.kabar.example/berita/1-bakau")
    assert article.status == "ok" and OTHER not in article.body and STORY in article.paragraphs


def test_an_empty_page_reads_its_payload_story() -> None:
    article = extract_html(_next_page([], "".join(f"<p>{OTHER}</p><h2>Sub</h2>" for _ in range(4))),
                           "https://www.kabar.example/berita/1-cabai")
    assert article.status == "ok" and article.paragraphs[:2] == [OTHER, "Sub"]
    assert article.alternate is None  # the story was at hand: no second request


def test_short_payload_strings_are_not_a_story() -> None:
    """Descriptions and teasers (under 80 words) stay out: the empty page names its AMP
    version instead."""
    article = extract_html(_next_page([], f"<p>{OTHER}</p>"), "https://www.kabar.example/berita/1-cabai")
    assert article.status == "not_article" and article.body == ""
    assert article.alternate == "https://www.kabar.example/amp/berita/1"


def test_a_home_or_index_page_never_asks_for_a_second_document() -> None:
    article = extract_html(_next_page([], ""), "https://www.kabar.example/")
    assert article.status == "not_article" and article.alternate is None
    spec = json.loads((PAGES / "tempo" / "nuxt-2025.json").read_text(encoding="utf-8"))
    html = (PAGES / "tempo" / "nuxt-2025.html").read_text(encoding="utf-8")
    index = "\n".join(line for line in html.splitlines() if "canonical" not in line and "og:url" not in line)
    assert extract_html(index, "https://www.tempo.co/indeks").alternate is None  # tempo: not an article URL
    assert extract_html(index, spec["url"]).alternate is not None


def test_declared_articlebody_wins_only_when_it_holds_more() -> None:
    """idntimes declares its JSON-LD articleBody: a paged DOM loses to it (fixture), a
    teaser articleBody loses to the DOM."""
    spec = json.loads((PAGES / "idntimes" / "paged-with-articlebody.json").read_text(encoding="utf-8"))
    html = (PAGES / "idntimes" / "paged-with-articlebody.html").read_text(encoding="utf-8")
    teaser = "Jakarta, IDN Times - Mudik dengan sepeda motor masih menjadi pilihan banyak warga."
    short = re.sub(r'"articleBody": "[^"]*"', f'"articleBody": "{teaser}"', html)
    assert short != html
    article = extract_html(short, spec["url"])
    assert article.extractor == "site:idntimes" and article.paragraphs != [teaser]
    assert article.paragraphs[0] == spec["expect"]["body"][0] and len(article.paragraphs) > 1


def test_the_payload_a_nuxt_page_preloads_is_named_then_read() -> None:
    spec = json.loads((PAGES / "tempo" / "nuxt-2025.json").read_text(encoding="utf-8"))
    html = (PAGES / "tempo" / "nuxt-2025.html").read_bytes()
    (payload_url,) = spec["pages"]
    alone = extract_html(html, spec["url"])
    assert alone.status == "not_article" and alone.alternate == payload_url
    payload = (PAGES / "tempo" / spec["pages"][payload_url]).read_text(encoding="utf-8")
    article = extract_html(html, spec["url"], later_pages={payload_url: payload})
    assert article.alternate is None and article.paragraphs == spec["expect"]["body"]


def test_without_a_preload_link_the_payload_address_is_derived() -> None:
    spec = json.loads((PAGES / "tempo" / "nuxt-2025.json").read_text(encoding="utf-8"))
    html = (PAGES / "tempo" / "nuxt-2025.html").read_text(encoding="utf-8")
    bare = "\n".join(line for line in html.splitlines() if "_payload.json" not in line)
    assert extract_html(bare, spec["url"]).alternate == spec["url"] + "/_payload.json"


def test_an_amp_page_no_longer_than_the_page_is_not_taken() -> None:
    spec = json.loads((PAGES / "cnnindonesia" / "script-2025-amp-only.json").read_text(encoding="utf-8"))
    html = (PAGES / "cnnindonesia" / "script-2025-amp-only.html").read_bytes()
    (amp_url,) = spec["pages"]
    empty_amp = "<html><body><article><p>Konten tidak tersedia.</p></article></body></html>"
    article = extract_html(html, spec["url"], later_pages={amp_url: empty_amp})
    assert article.status == "not_article" and article.alternate is None  # asked, read, nothing better


def test_a_full_page_of_an_amp_site_names_no_alternate() -> None:
    spec = json.loads((PAGES / "cnnindonesia" / "article-2025.json").read_text(encoding="utf-8"))
    article = extract_html((PAGES / "cnnindonesia" / "article-2025.html").read_bytes(), spec["url"])
    assert article.status == "ok" and article.alternate is None
