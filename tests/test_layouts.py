"""Versioned layouts: each page is read with the selectors of its own era.

The container on the page decides; the published year breaks a tie between layouts whose
containers are both there, and picks the layout when none is (a redesign renamed it).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from scraper.extract.layouts import choose_layout, page_year
from scraper.extract.page_meta import PageMeta
from scraper.extract.pipeline import extract_html
from scraper.sites import get_profile
from scraper.sites.base import Layout, SiteProfile

ROOT = Path(__file__).resolve().parent.parent
OLD = Layout("lama: div.teks", until=2018, title=("h2.judul",), body=("div.teks",), drop=(".kotak-lama",))
NEW = Layout("baru: div.isi-berita", since=2019, title=("h1.judul",), body=("div.isi-berita",),
             drop=(".kotak-baru",))
PROFILE = SiteProfile(name="contoh", domains=("contoh.id",), layouts=(OLD, NEW))
URL = "https://www.contoh.id/berita/123/judul"
STORY = ("Warga kampung nelayan itu menanam bakau di sepanjang pantai agar abrasi tidak lagi menggerus "
         "rumah mereka setiap musim angin barat tiba.")


def _page(*, date: str | None = None, old: bool = False, new: bool = False) -> str:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    old_part = (f'<h2 class="judul">Judul lama</h2><div class="teks"><p>{STORY}</p>'
                '<p class="kotak-baru">Catatan redaksi yang ditulis dalam kotak di halaman lama.</p></div>')
    new_part = (f'<h1 class="judul">Judul baru</h1><div class="isi-berita"><p>{STORY}</p>'
                '<p class="kotak-lama">Catatan redaksi yang ditulis dalam kotak di halaman baru.</p></div>')
    return (f"<html><head>{meta}</head><body>{old_part if old else ''}{new_part if new else ''}"
            f"<div class='lain'><p>{STORY}</p></div></body></html>")


def _chosen(html: str, year: int | None) -> Layout:
    profile = choose_layout(PROFILE, LexborHTMLParser(html), year)
    return next(layout for layout, version in PROFILE.versions if version is profile)


def test_the_container_on_the_page_picks_the_layout() -> None:
    assert _chosen(_page(old=True), None) is OLD
    assert _chosen(_page(new=True), None) is NEW


def test_a_date_never_overrides_the_only_container_present() -> None:
    # A 2016 story republished in the new template is read with the new selectors.
    assert _chosen(_page(new=True), 2016) is NEW
    assert _chosen(_page(old=True), 2024) is OLD


def test_the_date_breaks_a_tie_between_containers() -> None:
    both = _page(old=True, new=True)
    assert _chosen(both, 2016) is OLD
    assert _chosen(both, 2025) is NEW
    assert _chosen(both, None) is OLD  # undated: the first declared layout that matches


def test_no_container_the_date_picks_else_the_newest() -> None:
    assert _chosen(_page(), 2015) is OLD
    assert _chosen(_page(), None) is NEW
    assert _chosen(_page(), 2031) is NEW


def test_each_layout_applies_only_its_own_rules() -> None:
    """The old layout's drop rule (.kotak-lama) is not applied to a new page's paragraph of
    that class, and the reverse: a rule only ever touches the era it was written for."""
    old = extract_html(_page(date="2016-02-01T10:00:00+07:00", old=True), URL, profile=PROFILE)
    new = extract_html(_page(date="2025-02-01T10:00:00+07:00", new=True), URL, profile=PROFILE)
    assert old.title == "Judul lama" and new.title == "Judul baru"
    assert old.paragraphs == [STORY, "Catatan redaksi yang ditulis dalam kotak di halaman lama."]
    assert new.paragraphs == [STORY, "Catatan redaksi yang ditulis dalam kotak di halaman baru."]


def test_page_year_from_metadata_then_url() -> None:
    assert page_year("https://x.id/read/2016/02/23/1/a", PageMeta(published="2019-05-01T10:00:00+07:00")) == 2019
    assert page_year("https://x.id/read/2016/02/23/1/a", PageMeta()) == 2016
    assert page_year("https://x.id/berita/2016-ini/a", PageMeta()) is None  # no /YYYY/MM/DD/ in it


def test_detik_and_kompas_declare_dated_layouts() -> None:
    for name, old_year, new_year in (("detik", 2015, 2023), ("kompas", 2015, 2023)):
        profile = get_profile(name)
        assert profile is not None and profile.versions
        assert any(layout.covers(old_year) for layout, _ in profile.versions)
        assert any(layout.covers(new_year) for layout, _ in profile.versions)
        assert not any(layout.covers(old_year) and layout.covers(new_year) for layout, _ in profile.versions)


def test_scraper_sites_shows_the_layouts_with_their_years() -> None:
    proc = subprocess.run([sys.executable, "-m", "scraper", "sites", "--format", "json"], capture_output=True,
                          text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    rows = {row["name"]: row for row in json.loads(proc.stdout)}
    assert any(text.startswith("until 2018: desktop .jdl") for text in rows["detik"]["layouts"])
    assert any(text.startswith("2017+: h1.read__title") for text in rows["kompas"]["layouts"])
    assert rows["tempo"]["layouts"]  # free-text notes still shown


def test_real_site_fixtures_pick_their_era() -> None:
    cases = {"detik/news-2015-detail-text": "desktop", "detik/news-2023-detail": "article.detail",
             "kompas/bola-2016-kcmread": "kcm-read", "kompas/money-2023-p1": "h1.read__title"}
    for case, note in cases.items():
        spec = json.loads((ROOT / "fixtures" / "pages" / f"{case}.json").read_text(encoding="utf-8"))
        html = (ROOT / "fixtures" / "pages" / f"{case}.html").read_text(encoding="utf-8")
        tree = LexborHTMLParser(html)
        profile = get_profile(case.split("/")[0])
        assert profile is not None
        chosen = choose_layout(profile, tree, page_year(spec["url"]))
        layout = next(layout for layout, version in profile.versions if version is chosen)
        assert layout.note.startswith(note), (case, str(layout))
