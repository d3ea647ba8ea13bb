"""A site profile's byline rules (scraper.extract.byline): each strips or finds what it must and
leaves a genuine Indonesian name or byline alone."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from scraper.extract.byline import page_people, profile_authors
from scraper.extract.metadata import PageMeta, clean_authors
from scraper.sites.base import Credit, SiteProfile

_SITE = SiteProfile(name="contoh", domains=("contoh.id",), site_names=("Contoh.id", "Contoh"), body=("div.isi",))


def _profile(**rules: object) -> SiteProfile:
    return SiteProfile(name="contoh", domains=("contoh.id",), site_names=("Contoh.id", "Contoh"),
                       body=("div.isi",), **rules)  # type: ignore[arg-type]


def _tree(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(f"<html><body>{html}</body></html>")


def _authors(html: str, byline: list[str], **rules: object) -> list[str]:
    profile = _profile(**rules)
    names = profile.site_names + profile.domains
    return profile_authors(_tree(html), byline, profile, clean_authors(byline, names))


# --- author_label -------------------------------------------------------------------------

def test_desk_label_is_cut_and_a_label_only_name_goes() -> None:
    got = _authors("", ["Rina Amelia - detikNews", "Fotografer: Agus Salim", "detikcom"], author_label=r"detik\w*")
    assert got == ["Rina Amelia", "Agus Salim"]


def test_desk_label_leaves_a_hyphenated_name_and_a_name_that_contains_the_word() -> None:
    got = _authors("", ["Siti Nur-Azizah", "Dewi Detikawati"], author_label=r"detik\w*")
    assert got == ["Siti Nur-Azizah", "Dewi Detikawati"]


# --- author_prefix ------------------------------------------------------------------------

def test_contributor_place_prefix_is_cut_before_the_byline_is_split() -> None:
    got = _authors("", [": Kontributor Lhokseumawe, Masriadi"], author_prefix=r"^\W*kontributor\s+[^,]{1,40},\s*")
    assert got == ["Masriadi"]


def test_contributor_prefix_leaves_two_writers_named_with_a_comma() -> None:
    got = _authors("", ["Masriadi, Andi Saputra"], author_prefix=r"^\W*kontributor\s+[^,]{1,40},\s*")
    assert got == ["Masriadi", "Andi Saputra"]


# --- data_layer ---------------------------------------------------------------------------

_KLY = '<script>window.kly = {"editors": "Fadila Adelin", "reporters": "Ibrahim Hasan"};</script>'


def test_data_layer_names_the_writer_when_the_byline_names_only_the_site() -> None:
    assert _authors(_KLY, ["Contoh.id"], data_layer=(("reporters", "writer"),)) == ["Ibrahim Hasan"]


def test_data_layer_never_overrides_a_byline_name() -> None:
    assert _authors(_KLY, ["Rina Amelia"], data_layer=(("reporters", "writer"),)) == ["Rina Amelia"]


def test_data_layer_key_is_a_whole_key_not_the_end_of_another() -> None:
    html = '<script>var x = {"content_reporters": "Bukan Penulis"};</script>'
    assert _authors(html, [], data_layer=(("reporters", "writer"),)) == []


# --- credits ------------------------------------------------------------------------------

_ANTARA = ('<div class="post-content"><p>Isi berita.</p><p class="text-muted">Pewarta: Desca Lidya Natalia<br>'
           'Editor: B Kunto Wibisono<br>COPYRIGHT © ANTARA 2017</p></div>')
_PEWARTA = Credit(".post-content p.text-muted", r"(?i)Pewarta\s*:\s*(.+?)\s*(?:\n|Editor\s*:|COPYRIGHT|$)")


def test_credit_block_writer_wins_over_structured_data_naming_the_editor() -> None:
    assert _authors(_ANTARA, ["B Kunto Wibisono"], credits=(_PEWARTA,)) == ["Desca Lidya Natalia"]


def test_credit_pattern_does_not_read_a_story_sentence_about_a_pewarta() -> None:
    html = ('<div class="post-content"><p class="text-muted">Para pewarta foto meliput upacara di Istana '
            'pada Senin pagi.</p></div>')
    assert _authors(html, ["Andi Saputra"], credits=(_PEWARTA,)) == ["Andi Saputra"]


_REPORTER = Credit(".isi strong", r"(?i)^\s*Reporter\s*:\s*(.{3,60}?)\s*$", fallback=True)


def test_fallback_credit_fills_only_an_empty_byline() -> None:
    html = '<div class="isi"><p>Isi berita.</p><p><strong>Reporter: Afifah Cinthia Pasha</strong></p></div>'
    assert _authors(html, ["Contoh.id"], credits=(_REPORTER,)) == ["Afifah Cinthia Pasha"]
    assert _authors(html, ["Rina Amelia"], credits=(_REPORTER,)) == ["Rina Amelia"]


def test_fallback_credit_ignores_a_bold_story_sentence() -> None:
    html = '<div class="isi"><p><strong>Reporter senior itu mengaku tidak pernah diperiksa polisi.</strong></p></div>'
    assert _authors(html, [], credits=(_REPORTER,)) == []


def test_no_rules_keep_the_cleaned_byline() -> None:
    assert _authors("", ["Oleh: Rina Amelia"]) == ["Rina Amelia"]
    assert _SITE.author_label_re is None and _SITE.author_prefix_re is None


def test_closing_capitals_byline_credits_the_writer_not_the_agency() -> None:
    from scraper.extract.byline import credited_names

    assert credited_names(["DINI TEJA"]) == ["Dini Teja"]
    assert credited_names(["ANTARA"]) == []


# --- writers and editors of a page (page_people) ------------------------------------------

def _people(html: str, meta: PageMeta, **rules: object) -> tuple[list[str], list[str]]:
    people = page_people(_tree(html), meta, _profile(**rules) if rules else None)
    return people.writers, people.editors


def test_editor_only_byline_names_no_writer() -> None:
    assert _people("", PageMeta(authors=["Redaktur : Agus Yulianto"])) == ([], ["Agus Yulianto"])


def test_editor_glued_to_the_reporter_is_split_off() -> None:
    meta = PageMeta(authors=["Reporter : Ahmad Fauzi Redaktur : Siti Rahma"])
    assert _people("", meta) == (["Ahmad Fauzi"], ["Siti Rahma"])


def test_jsonld_author_that_is_the_editor_is_never_the_writer() -> None:
    html = "<script>dataLayer = [{'author': 'Yuni Astuti', 'editor': 'Hendra Kusuma'}];</script>"
    meta = PageMeta(authors=["Hendra Kusuma"], origins={"authors": "jsonld"})
    rules = {"jsonld_author": "editor", "data_layer": (("author", "writer"),)}
    assert _people(html, meta, **rules) == (["Yuni Astuti"], ["Hendra Kusuma"])


def test_jsonld_author_on_a_site_where_it_is_the_writer_stays_the_writer() -> None:
    meta = PageMeta(authors=["Rina Hapsari"], origins={"authors": "jsonld"})
    assert _people("", meta, data_layer=(("editor", "editor"),)) == (["Rina Hapsari"], [])


def test_a_byline_writer_is_kept_when_the_jsonld_names_the_editor() -> None:
    meta = PageMeta(authors=["Isna Rifka"], editors=["Yoga Sukmana"], origins={"authors": "site"})
    assert _people("", meta, jsonld_author="editor") == (["Isna Rifka"], ["Yoga Sukmana"])


def test_editor_selector_and_data_layer_name_the_editor_not_a_writer() -> None:
    html = '<div class="ed">Editor : <a>Reni Kartika</a></div><script>var d = {"editor": "Lain Orang"};</script>'
    rules = {"editors": (".ed",), "data_layer": (("editor", "editor"),)}
    assert _people(html, PageMeta(authors=["Putri Anindya"]), **rules) == (["Putri Anindya"], ["Reni Kartika"])
    assert _people(html, PageMeta(authors=["Putri Anindya"]), data_layer=(("editor", "editor"),)) == (
        ["Putri Anindya"], ["Lain Orang"])


# --- dates from the page text (with_page_text) ---------------------------------------------

def _with_page_text(body: str, **meta: object) -> PageMeta:
    from scraper.extract.byline import with_page_text

    return with_page_text(_tree(body), PageMeta(title="Festival Layang-layang Digelar di Pantai", **meta), None)  # type: ignore[arg-type]


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
