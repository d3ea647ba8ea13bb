"""People (scraper.extract.people): the structured data's person values, bylines split into
writers and editors, a site profile's
byline rules (each strips or finds what it must and leaves a genuine Indonesian name or byline
alone), and the writer-vs-editor decision of a page."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from scraper.extract.metadata import from_meta
from scraper.extract.page_meta import PageMeta
from scraper.extract.people import (
    clean_authors,
    credited_names,
    page_people,
    profile_authors,
    read_people,
    split_names,
    story_object_people,
)
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


# --- structured data: the values that name people -----------------------------------------

def test_structured_values_split_where_they_list_people_only() -> None:
    assert split_names(["Andi Saputra, Budi dan Citra", None, "Dewi; Eko & Fajar"]) == [
        "Andi Saputra", "Budi", "Citra", "Dewi", "Eko", "Fajar"]
    # a role label stays for read_people to judge; "Danu" is a name, not the word "dan"
    assert split_names(["Editor: Danu Wijaya"]) == ["Editor: Danu Wijaya"]


def test_a_meta_author_that_is_a_profile_url_names_nobody() -> None:
    def tags(author: str) -> LexborHTMLParser:
        return LexborHTMLParser(f'<html><head><meta name="author" content="{author}"></head></html>')

    assert from_meta(tags("https://www.facebook.com/rina.amelia")).authors == []
    assert from_meta(tags("Rina Amelia, Budi")).authors == ["Rina Amelia", "Budi"]


def test_story_object_names_its_people_by_the_first_filled_key() -> None:
    obj = {"author": "", "reporters": [{"name": " Rina  Amelia "}, "Budi", 7], "editor": "Sari", "editors": []}
    assert story_object_people(obj) == (["Rina Amelia", "Budi"], ["Sari"])
    assert story_object_people({"title": "Tanpa nama"}) == ([], [])


# --- bylines: role words, names (read_people) ----------------------------------------------

@pytest.mark.parametrize(
    ("raw", "names", "want"),
    [
        (["Reporter: Budi Santoso"], (), ["Budi Santoso"]),
        (["Penulis : Dewi", "Editor: Rina"], (), ["Dewi"]),
        (["Oleh Andi dan Sari"], (), ["Andi", "Sari"]),
        (["Liputan6.com"], ("Liputan6.com",), []),
        (["detikcom", "Tim Redaksi"], ("detikcom",), []),
        (["Budi", "budi"], (), ["Budi"]),
        (["https://facebook.com/someone"], (), []),
    ],
)
def test_clean_authors(raw: list[str], names: tuple[str, ...], want: list[str]) -> None:
    assert clean_authors(raw, names) == want


@pytest.mark.parametrize(
    ("raw", "writers", "editors"),
    [
        (["Rep: C31/ Red: Israr Itah"], ["C31"], ["Israr Itah"]),
        (["Reporter : Ahmad Fauzi Redaktur : Siti Rahma"], ["Ahmad Fauzi"], ["Siti Rahma"]),  # glued
        (["Redaktur : Agus Yulianto Sumber : kemenag.go.id"], [], ["Agus Yulianto"]),
        (["Red: Yudha Manggala P Putra"], [], ["Yudha Manggala P Putra"]),
        (["Penulis: Dewi Lestari | Editor: Rina Wati, Budi Santoso"], ["Dewi Lestari"], ["Rina Wati", "Budi Santoso"]),
        (["Reporter: Nina Marlina | Editor: Handoyo"], ["Nina Marlina"], ["Handoyo"]),
        (["Redaktur & Reporter : Boy"], ["Boy"], ["Boy"]),
        (["Laporan Wartawan Tribunnews.com, Glery Lazuardi"], ["Glery Lazuardi"], []),
        (["Kontributor: Masriadi", "Editor foto: Agus Salim"], ["Masriadi"], ["Agus Salim"]),
        (["Oleh: Andi dan Sari"], ["Andi", "Sari"], []),
        (["Editor Rina Wati"], [], ["Rina Wati"]),
        # names that only look like role words stay writers
        (["Redi Santoso", "Editha Sari", "Repi Hartono", "Sumber Rejeki"],
         ["Redi Santoso", "Editha Sari", "Repi Hartono", "Sumber Rejeki"], []),
    ],
)
def test_read_people_splits_writers_from_editors(raw: list[str], writers: list[str], editors: list[str]) -> None:
    people = read_people(raw, ("Tribunnews.com",))
    assert (people.writers, people.editors) == (writers, editors)


def test_unlabelled_names_take_the_source_default_role() -> None:
    assert read_people(["Reni Kartika"], default="editor").editors == ["Reni Kartika"]
    assert read_people(["Penulis: Dewi", "Reni Kartika"], default="editor").writers == ["Dewi"]


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
