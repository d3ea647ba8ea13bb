"""Tags: only what the page marks as this story's topics, never what the site says everywhere."""

from __future__ import annotations

import json

from scraper.article import Article
from scraper.extract.pipeline import extract_html
from scraper.extract.tags import choose_tags, is_cut_sentence, learn_sitewide
from scraper.store import Store

_STORY = " ".join(["Pemerintah kabupaten memperbaiki jembatan desa yang rusak akibat banjir pekan lalu."] * 10)


def _page(title: str, head: str, body_extra: str = "") -> str:
    return (f"<html><head><title>{title}</title>{head}</head><body>{body_extra}<article><h1>{title}</h1>"
            f"<p>{_STORY}</p><p>{_STORY}</p></article></body></html>")


#: The SEO keywords antaranews printed on every article page (corpus, 2016), after each story's own.
_ANTARA_EVERY_PAGE = "berita terkini, berita Indonesia, berita harian, berita ekonomi, berita politik, portal Indonesia"


def test_keywords_that_repeat_on_every_page_of_the_site_are_not_its_tags() -> None:
    stories = {
        "551001/jembatan-desa-diperbaiki": ("Jembatan desa diperbaiki", "jembatan desa, banjir sleman"),
        "551002/harga-cabai-turun": ("Harga cabai turun", "harga cabai, pasar induk"),
        "551003/timnas-menang": ("Timnas menang tipis", "timnas, piala aff"),
    }
    for path, (title, own) in stories.items():
        head = f'<meta name="keywords" content="{own}, {_ANTARA_EVERY_PAGE}">'
        article = extract_html(_page(title, head), f"https://www.antaranews.com/berita/{path}")
        assert article.site == "antaranews"
        assert article.tags == own.split(", ")  # its own keywords, in page order, and nothing else


def test_the_sites_own_name_domain_and_tag_box_labels_are_not_tags() -> None:
    head = '<meta property="article:tag" content="Badung, metrobali.com, Metro Bali, Pilkada">'
    article = extract_html(_page("Pilkada Badung damai", head), "https://metrobali.com/2025/03/13/pilkada-badung-damai/")
    assert article.tags == ["Badung", "Pilkada"]
    assert choose_tags([["Timnas", "More Tag", "Hashtag Lainnya..."]]) == ["Timnas"]
    assert choose_tags([["Detik", "detik.com", "Jokowi"]], site_names=("detik", "detik.com")) == ["Jokowi"]


def test_a_keyword_list_that_is_a_sentence_cut_into_words_is_refused_whole() -> None:
    sentence = "Para, tahanan, itu, diperlakukan, dengan, baik, selama, berada, di, rutan, dalam, waktu."
    assert is_cut_sentence([w.strip() for w in sentence.split(",")])
    assert not is_cut_sentence(["Jokowi", "KPK", "Pilkada", "Banjir", "Jakarta", "DPR"])
    # Refused, the next source is read: JSON-LD keywords here.
    head = (f'<meta name="keywords" content="{sentence}"><script type="application/ld+json">'
            '{"@type": "NewsArticle", "headline": "Tahanan diperlakukan baik", "keywords": "rutan, tahanan"}</script>')
    article = extract_html(_page("Tahanan diperlakukan baik", head), "https://www.kabarcontoh.id/hukum/tahanan-baik")
    assert article.tags == ["rutan", "tahanan"]
    alone = extract_html(_page("Tahanan diperlakukan baik", f'<meta name="keywords" content="{sentence}">'),
                         "https://www.kabarcontoh.id/hukum/tahanan-baik")
    assert alone.tags == []


def test_tag_links_win_over_keywords_and_a_topic_label_is_cut() -> None:
    links = '<div class="tags--topics__list"><a href="/tag/bantul">Bantul</a><a href="/tag/padi">Padi</a></div>'
    head = '<meta name="keywords" content="Bantul, Padi, Berita Terkini, Liputan6, Panen">'
    article = extract_html(_page("Warga Bantul panen raya", head, links),
                           "https://www.liputan6.com/regional/read/5512345/warga-bantul-panen-raya")
    assert article.tags == ["Bantul", "Padi"]
    assert choose_tags([["Celebrity: Hot Gossip", "Topic: Indra Birowo"]]) == ["Indra Birowo"]


def _stored(n: int, site: str, tags: list[str]) -> Article:
    return Article(url=f"https://www.{site}.id/berita/{n}", site=site, title=f"Berita {n}", tags=tags,
                   published="2025-03-12T09:00:00+07:00", extractor=f"site:{site}", paragraphs=[f"Isi berita {n}."])


def test_the_rule_learns_only_what_nearly_every_page_of_a_big_enough_site_carries() -> None:
    totals = {"kabar": 25, "kecil": 5}
    counts = {("kabar", "kabar pilihan"): 25, ("kabar", "pilkada"): 19, ("kecil", "kabar kecil"): 5}
    assert learn_sitewide(totals, counts) == {"kabar": {"kabar pilihan"}}  # 19/25 < 0.8; 5 articles say nothing


def test_keywords_on_every_stored_page_of_a_site_are_learned_and_kept_out(store: Store) -> None:
    """The site's SEO phrase is in no list: it is learned from the site's other pages."""
    for n in range(24):
        store.save_article(_stored(n, "kabarcontoh", [f"topik {n}", "Kabar Contoh Pilihan", "pilkada" if n % 3 else
                                                       "banjir"]))
    store.save_article(_stored(99, "warta", ["Kabar Contoh Pilihan"]))  # another site's tag stays
    assert store.learn_sitewide_tags() == {"kabarcontoh": ["kabar contoh pilihan"]}
    rows = store.conn.execute("SELECT site, tags FROM articles ORDER BY id").fetchall()
    assert [json.loads(tags) for site, tags in rows if site == "kabarcontoh"][:3] == [
        ["topik 0", "banjir"], ["topik 1", "pilkada"], ["topik 2", "pilkada"]]
    assert json.loads(rows[-1][1]) == ["Kabar Contoh Pilihan"]
    # Remembered: a new page of the site is stored without it, and nothing new is learned.
    store.save_article(_stored(50, "kabarcontoh", ["Kabar Contoh Pilihan", "gempa"]))
    tags = store.conn.execute("SELECT tags FROM articles WHERE url LIKE '%/50'").fetchone()[0]
    assert json.loads(tags) == ["gempa"]
    assert store.learn_sitewide_tags() == {}
