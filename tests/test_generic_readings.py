"""The generic path weighs several readings (trafilatura, the traced container, the densest
block) on pages of unknown sites: a long story without news markup is an article, a page
that prints its story twice keeps one copy, list items and sub-headings inside a story stay.

Every page here is synthetic HTML written for the test."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from scraper.extract.density import coherent, densest_block
from scraper.extract.generic import tidy_paragraphs
from scraper.extract.pipeline import extract_html

_SENTENCES = (
    "Hujan turun sejak pagi ketika rombongan kecil itu berangkat dari tepi danau menuju bukit kapur, "
    "membawa bekal nasi jagung, dua termos teh, dan peta lama yang sudah sobek di beberapa lipatannya",
    "Di tengah jalan, jembatan bambu yang biasa mereka lewati ternyata hanyut, sehingga mereka harus "
    "memutar lewat kebun kopi milik keluarga Pak Darto yang luasnya hampir dua hektare",
    "Anak bungsu mereka, yang baru berumur sembilan tahun, terus bertanya mengapa burung-burung pipit "
    "terbang rendah sekali, dan kakaknya menjawab bahwa angin dari selatan sedang membawa badai",
    "Menjelang sore, mereka berteduh di sebuah dangau, menyalakan api kecil dari ranting kering, lalu "
    "mendengarkan kakek bercerita tentang banjir besar yang dulu menenggelamkan separuh kampung",
)


def _story(paragraphs: int) -> list[str]:
    return [f"{_SENTENCES[i % len(_SENTENCES)]}, bagian {i + 1}." for i in range(paragraphs)]


def _menu(links: int) -> str:
    items = "".join(f'<li><a href="/bab/{i}">Bab {i} kisah panjang tentang kampung di tepi danau</a></li>'
                    for i in range(links))
    return f"<ul>{items}</ul>"


def _page(inner: str, head: str = "") -> str:
    return f"<html><head><title>Catatan</title>{head}</head><body>{inner}</body></html>"


def test_a_long_story_among_hundreds_of_links_is_an_article() -> None:
    """A fiction chapter on a URL of a section's shape, inside a menu of 300 links: the
    page's link density and its URL say listing, its long run of prose says story."""
    story = _story(16)
    html = _page(f"<div>{_menu(300)}</div><div>{''.join(f'<p>{p}</p>' for p in story)}</div>")
    article = extract_html(html, "https://fiksiku.example/ceritaku", use_profiles=False)
    assert article.status == "ok"
    assert article.paragraphs[0] == story[0] and article.paragraphs[-1] == story[-1]
    assert not any("Bab 3 kisah" in p for p in article.paragraphs)


def test_a_listing_of_teasers_stays_not_an_article() -> None:
    """A front page: many short linked teasers, no long run of prose."""
    teasers = "".join(f'<div class="item"><h2><a href="/berita/{i}">Judul berita nomor {i} hari ini</a></h2>'
                      f"<p>Ringkasan singkat berita {i}.</p></div>" for i in range(40))
    html = _page(f"<div>{_menu(30)}</div><div>{teasers}</div>")
    assert extract_html(html, "https://kabarku.example/", use_profiles=False).status == "not_article"
    assert not coherent(densest_block(LexborHTMLParser(html)))


def test_a_story_printed_three_times_with_a_metadata_line_keeps_one_copy() -> None:
    """The story, a line of raw metadata values, the story again, twice."""
    story = _story(6)
    copy = "".join(f"<p>{p}</p>" for p in story)
    raw = ("<p>danau, banjir, kampung, 2024-03-14T08:30:00+07:00, "
           "https://img.kabarku.example/2024/03/danau.jpg, Kabarku Media</p>")
    html = _page(f"<article><h1>Catatan</h1>{copy}{raw}{copy}{raw}{copy}</article>")
    article = extract_html(html, "https://kabarku.example/2024/03/14/catatan-danau", use_profiles=False)
    assert article.paragraphs == story


def test_tidy_keeps_repeated_short_lines_and_recipe_lines() -> None:
    """Schedules and recipes repeat their lines; only repeated sentences of prose are copies."""
    long_line = "Salad (1 cup lettuce, " + ", ".join(f"{i} oz. item{i}" for i in range(14)) + ")"
    lines = ["Makan pagi pukul tujuh.", long_line, "Makan pagi pukul tujuh.", long_line]
    assert tidy_paragraphs(lines) == lines
    prose = _story(1)[0]
    assert tidy_paragraphs([prose, "Lalu.", prose]) == [prose, "Lalu."]


def test_list_items_and_subheadings_inside_the_story_are_kept() -> None:
    """trafilatura may drop a story's list and its sub-headings; the traced container puts
    back what lies between read paragraphs, but not a photo's caption line."""
    story = _story(8)
    items = ["Beras lima kilogram", "Minyak goreng dua liter", "Gula pasir satu kilogram"]
    body = (
        "".join(f"<p>{p}</p>" for p in story[:3])
        + "<h2>Harga bahan pokok</h2>"
        + "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
        + "".join(f"<p>{p}</p>" for p in story[3:6])
        + '<div class="pic">Warga antre di pasar pagi</div>'
        + "".join(f"<p>{p}</p>" for p in story[6:])
    )
    html = _page(f"<div class='wrap'><article><div class='isi'>{body}</div></article></div>")
    article = extract_html(html, "https://kabarku.example/2024/03/14/harga-pokok", use_profiles=False)
    for expected in (*items, "Harga bahan pokok", *story):
        assert expected in article.paragraphs
    assert "Warga antre di pasar pagi" not in article.paragraphs
    assert article.paragraphs.index("Harga bahan pokok") == 3


def test_the_densest_block_is_the_story_not_the_menu() -> None:
    story = _story(10)
    html = _page(f"<nav>{_menu(50)}</nav><main><div>{''.join(f'<p>{p}</p>' for p in story)}</div></main>")
    reading = densest_block(LexborHTMLParser(html))
    assert reading is not None and reading.paragraphs == story
    assert coherent(reading) and reading.link_share == 0.0


def test_related_teasers_under_a_short_story_stay_out() -> None:
    """A 130-word message with six "more stories" headline links under it: trafilatura
    reads the teasers as story when the story is short."""
    story = _story(4)
    teasers = "".join(f'<p class="para"><a href="/cerita/{i}">Kisah lain nomor {i} tentang warga di tepi danau</a></p>'
                      for i in range(6))
    html = _page(f"<article><h1>Catatan</h1><div class='isi'>{''.join(f'<p class=para>{p}</p>' for p in story)}"
                 f"{teasers}</div></article>")
    article = extract_html(html, "https://kabarku.example/2024/03/14/catatan-pendek", use_profiles=False)
    assert article.paragraphs == story


def test_a_story_ending_in_one_link_keeps_it() -> None:
    story = [*_story(4), "Baca laporan lengkap tentang banjir danau di situs pemerintah daerah"]
    html = _page(f"<article>{''.join(f'<p>{p}</p>' for p in story[:-1])}"
                 f'<p><a href="/laporan">{story[-1]}</a></p></article>')
    article = extract_html(html, "https://kabarku.example/2024/03/14/catatan-tautan", use_profiles=False)
    assert article.paragraphs[-1] == story[-1]


def test_an_open_letter_in_a_blockquote_keeps_the_story_around_it() -> None:
    """Most of the text is a quoted letter: the traced container is the quote, the story
    holding it is the container (its introduction stays)."""
    story = _story(9)
    html = _page(f"<div class='post'><p>{story[0]}</p><blockquote>{''.join(f'<p>{p}</p>' for p in story[1:])}"
                 "</blockquote></div><div class='side'><p>Berlangganan buletin.</p></div>")
    article = extract_html(html, "https://kabarku.example/2024/03/14/surat-terbuka", use_profiles=False)
    assert article.paragraphs == story
