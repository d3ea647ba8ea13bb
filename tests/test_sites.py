"""Every site file is a valid profile: unique domains, parsable selectors, compiling patterns, fixtures."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from scraper.discover.archive_days import archive_url
from scraper.discover.site_search import search_url
from scraper.extract.paragraphs import SKIP_TAGS
from scraper.sites import all_profiles, profile_for_url
from scraper.sites.base import SiteProfile

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
PROFILES = all_profiles()
_PROBE = LexborHTMLParser("<html><body><div class='x'><p>t</p></div></body></html>")
SELECTOR_FIELDS = ("title", "published", "updated", "authors", "section", "tags", "body", "drop",
                   "next_page", "not_article_markers")
PATTERN_FIELDS = ("article_url", "not_article_url", "title_suffix", "author_label", "author_prefix")
PATTERN_TUPLES = ("drop_paragraphs", "stop_paragraphs", "strip_patterns")


def test_there_are_profiles() -> None:
    assert len(PROFILES) >= 5


def test_names_and_domains_unique() -> None:
    names = [p.name for p in PROFILES]
    domains = [d for p in PROFILES for d in p.domains]
    assert len(names) == len(set(names))
    assert len(domains) == len(set(domains)), sorted(d for d in domains if domains.count(d) > 1)


@pytest.mark.parametrize("profile", PROFILES, ids=[p.name for p in PROFILES])
def test_profile_is_valid(profile: SiteProfile) -> None:
    check_profile(profile)


def check_profile(profile: SiteProfile, *, registered: bool = True) -> None:
    """The validity rules every site file meets; ``registered=False`` for a profile loaded
    from outside the package (a draft), whose sources must map to its own domains."""
    assert re.fullmatch(r"[a-z0-9_]+", profile.name)
    assert profile.domains and all(d == d.lower() and "/" not in d for d in profile.domains)
    # A profile with layout versions reads every page through one of them.
    readers = [version for _, version in profile.versions] or [profile]
    for reader in readers:
        # a source-only profile's pages go through the generic path: it has no body selector
        assert bool(reader.body) == (profile.extraction == "profile"), "a profile (or each of its layouts) " \
            "must know where the body is; a generic one must not pretend to"
        for field in SELECTOR_FIELDS:
            for selector in getattr(reader, field):
                _PROBE.css(selector)  # raises on an invalid selector
    for field in PATTERN_FIELDS:
        if getattr(profile, field):
            re.compile(getattr(profile, field))
    for field in PATTERN_TUPLES:
        for pattern in getattr(profile, field):
            re.compile(pattern)
    for credit in profile.credits:
        _PROBE.css(credit.selector)
        assert credit.regex.groups >= 1 and credit.role in ("writer", "editor")
    assert all(role in ("writer", "editor") and key for key, role in profile.data_layer)
    for search in profile.search:  # every template fills in, on the site's own hosts
        for page in (1, 2):
            url = search_url(search, "banjir bandang", page, date(2025, 3, 1), date(2025, 3, 31))
            assert profile.matches_host(urlsplit(url).hostname or ""), url
            assert "{" not in url and " " not in url, url
        for selector in search.links:
            _PROBE.css(selector)
        assert search.kind == "html" or not search.links
    for archive in profile.archives:
        assert profile.matches_host(urlsplit(archive_url(archive, date(2025, 3, 1), 2)).hostname or "")
        for selector in (*archive.links, *archive.next_page):
            _PROBE.css(selector)
    for url in (*profile.feeds, *profile.sitemaps, *profile.index_pages):
        assert url.startswith(("http://", "https://")), url
        if registered:
            assert profile_for_url(url) is profile, f"{url} does not map back to {profile.name}"
        else:
            assert profile.matches_host(urlsplit(url).hostname or ""), f"{url} is not on {profile.domains}"


@pytest.mark.parametrize("profile", PROFILES, ids=[p.name for p in PROFILES])
def test_drop_lists_no_tag_the_paragraph_walk_skips(profile: SiteProfile) -> None:
    """script, style, iframe... are never read (blocks.SKIP_TAGS): listing them is dead weight."""
    for reader in [profile, *(version for _, version in profile.versions)]:
        assert not [sel for sel in reader.drop if sel in SKIP_TAGS]


@pytest.mark.parametrize("profile", PROFILES, ids=[p.name for p in PROFILES])
def test_profile_has_fixtures(profile: SiteProfile) -> None:
    """Selectors need fixtures: the profile's own, or its template's (a network edition)."""
    if profile.extraction == "generic":
        assert not profile.template
        return
    assert list((FIXTURES / (profile.template or profile.name)).glob("*.json")), f"no fixtures for {profile.name}"


@pytest.mark.parametrize(
    ("url", "want"),
    [
        ("https://nasional.kompas.com/read/2016/02/16/1/judul", "https://nasional.kompas.com/read/2016/02/16/1/judul?page=all"),
        ("https://news.detik.com/berita/d-1/judul", "https://news.detik.com/berita/d-1/judul?single=1"),
        ("https://www.inews.id/news/nasional/judul-berita", "https://www.inews.id/news/nasional/judul-berita/all"),
        ("https://www.inews.id/news/nasional/judul-berita/all", "https://www.inews.id/news/nasional/judul-berita/all"),
        ("https://www.contoh.id/read/1/x", "https://www.contoh.id/read/1/x"),
    ],
)
def test_whole_article_url(url: str, want: str) -> None:
    from scraper.extract.profile_fields import whole_article_url

    assert whole_article_url(url) == want
