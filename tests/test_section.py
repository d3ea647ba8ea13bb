"""The rubric (section + subsection): one short facet-ready name per level, read from the
source the site trusts most, never a schema type, a domain or a list."""

from __future__ import annotations

import pytest

from scraper.extract.pipeline import extract_html
from scraper.extract.section import rubric_from_url, rubric_name
from scraper.sites import profile_for_url


@pytest.mark.parametrize(("raw", "name"), [
    ("BERITA NASIONAL", "Nasional"),
    ("Berita Jurnal Haji", "Jurnal Haji"),
    ("liga-inggris", "Liga Inggris"),
    ("ShowBiz", "Showbiz"),
    ("showbiz", "Showbiz"),
    ("Article", None), ("NewsArticle", None), ("WebPage", None),
    ("lifestyle.okezone.com", None), ("https://www.contoh.id/news", None),
    ("Home", None), ("Top News", None), ("Image", None),
    ("Kamrussamad: PPKM Darurat Dihentikan", None),
])
def test_rubric_names_are_normalised_and_non_rubrics_refused(raw: str, name: str | None) -> None:
    assert rubric_name(raw) == name


def test_a_site_name_glued_to_a_rubric_is_cut_and_the_site_name_alone_is_no_rubric() -> None:
    words = ("detik", "detikcom")
    assert rubric_name("detikHealth", words) == "Health"
    assert rubric_name("berita-detikhealth", words) == "Health"
    assert rubric_name("detikcom", words) is None


@pytest.mark.parametrize(("url", "rubric"), [
    ("https://news.detik.com/berita/d-7123456/warga-bangun-jembatan", ("News", None)),
    ("https://sport.detik.com/sepakbola/d-7123457/persib-menang", ("Sport", "Sepakbola")),
    ("https://health.detik.com/berita-detikhealth/d-7811223/lima-kebiasaan", ("Health", None)),
    ("https://internasional.kompas.com/read/2024/02/12/101500126/pemilu-di-eropa", ("Internasional", None)),
    ("https://solo.tribunnews.com/2023/08/14/festival-kuliner-malam", ("Regional", "Solo")),
    ("https://www.tribunnews.com/metropolitan/2015/07/02/dishub-uji-coba", ("Metropolitan", None)),
    ("https://bola.republika.co.id/berita/sepakbola/liga-inggris/15/11/18/nxzqjd348-city", ("Bola", "Sepakbola")),
    ("https://dunia.news.viva.co.id/news/read/640310-thailand-butuh-empat-hari", ("News", "Dunia")),
    # beritasatu puts the writer first in the path: its URL rule skips it.
    ("https://www.beritasatu.com/faisal-maliki/nasional/685621/pendemo-di-medan", ("Nasional", None)),
    # a site with no profile: the first path segment, when it is a rubric and not the slug
    ("https://www.kabarcontoh.id/daerah/2019/07/18/festival-layang-layang", ("Daerah", None)),
    ("https://www.kabarcontoh.id/festival-layang-layang-ramai", None),
    ("https://tirto.id/perpustakaan-daerah-perpanjang-jam-layanan-gA7b", None),
])
def test_the_url_names_the_channel_and_rubric_never_the_slug(url: str, rubric: tuple[str, str | None] | None) -> None:
    assert rubric_from_url(url, profile_for_url(url)) == rubric


def _page(head: str = "", body_extra: str = "") -> str:
    story = " ".join(["Warga desa bergotong royong membangun jembatan baru di tepi sungai."] * 12)
    return (f"<html><head><title>Warga bangun jembatan</title>{head}</head><body>{body_extra}"
            f"<article><h1>Warga bangun jembatan</h1><p>{story}</p><p>{story}</p></article></body></html>")


def test_a_schema_type_is_never_a_section_the_url_rubric_is_read_instead() -> None:
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Warga bangun jembatan",' \
         ' "articleSection": "Article"}</script><meta property="article:section" content="NewsArticle">'
    article = extract_html(_page(ld), "https://www.kabarcontoh.id/peristiwa/warga-bangun-jembatan")
    assert (article.section, article.subsection) == ("Peristiwa", None)


def test_a_list_of_categories_gives_one_rubric_never_the_list() -> None:
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Warga bangun jembatan",' \
         ' "articleSection": ["Top News", "Politik", "Badung", "Image"]}</script>'
    article = extract_html(_page(ld), "https://www.kabarcontoh.id/2025/03/13/warga-bangun-jembatan")
    assert article.section == "Politik" and article.subsection is None
    meta = '<meta property="article:section" content="Badung, Politik, Top News, Image">'
    assert extract_html(_page(meta), "https://www.kabarcontoh.id/2025/03/13/warga-bangun-jembatan").section == "Badung"


def test_a_breadcrumb_gives_section_and_subsection_without_home_link_or_headline() -> None:
    crumbs = ('<script type="application/ld+json">{"@type": "BreadcrumbList", "itemListElement": ['
              '{"@type": "ListItem", "position": 1, "name": "Kabar Contoh"},'
              '{"@type": "ListItem", "position": 2, "name": "BERITA DAERAH"},'
              '{"@type": "ListItem", "position": 3, "name": "Jawa Barat"},'
              '{"@type": "ListItem", "position": 4, "name": "Warga bangun jembatan"}]}</script>')
    article = extract_html(_page(crumbs), "https://www.kabarcontoh.id/2025/03/13/warga-bangun-jembatan")
    assert (article.section, article.subsection) == ("Daerah", "Jawa Barat")


def test_the_profile_selector_outranks_the_structured_data() -> None:
    # KLY pages say article:section "News" everywhere; section2/3 name the rubric.
    head = ('<meta property="article:section" content="News"><meta property="article:section2" content="Tekno">'
            '<meta property="article:section3" content="Internet">')
    article = extract_html(_page(head), "https://www.liputan6.com/tekno/read/4804339/warga-bangun-jembatan")
    assert article.site == "liputan6" and (article.section, article.subsection) == ("Tekno", "Internet")


#: Profiles whose fixtures name no rubric anywhere: tirto.id URLs are one slug, otosia's
#: "/berita/" is the URL scheme's word; their expectations say section null.
NO_RUBRIC_IN_FIXTURES = {"otosia", "tirto"}


def test_every_profile_fixture_declares_its_section() -> None:
    """Each site profile with fixtures of its own (fixtures/pages/NAME) has at least one
    whose expectation names a section (source-only profiles and network editions have none)."""
    import json
    from pathlib import Path

    from scraper.sites import all_profiles

    declared = set()
    for path in Path(__file__).parent.parent.joinpath("fixtures", "pages").glob("*/*.json"):
        expect = json.loads(path.read_text(encoding="utf-8"))["expect"]
        if expect.get("section"):
            declared.add(expect.get("site") or path.parent.name)
    pages = Path(__file__).parent.parent.joinpath("fixtures", "pages")
    owned = [p.name for p in all_profiles() if (pages / p.name).is_dir()]
    assert len(owned) >= 30
    missing = [name for name in owned if name not in declared | NO_RUBRIC_IN_FIXTURES]
    assert missing == []
