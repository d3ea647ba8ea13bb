"""Tags: only what the page marks as this story's topics, never what the site says everywhere."""

from __future__ import annotations

from scraper.extract import extract_html
from scraper.tags import choose_tags, is_cut_sentence

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
