"""tvOne News (tvonenews.com): a source-only profile (search is a POST XHR (facts #71): not walked).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(
    name="tvonenews",
    domains=("tvonenews.com",),
    site_names=("tvOne News",),
    index_pages=("https://www.tvonenews.com/",),
    region="",
    extraction="generic",
    article_url=r"tvonenews\.com/(?:ekonomi|nasional|internasional|daerah|sport|lifestyle|opini|investigasi|channel/news)/\d+-",
    notes="search is a POST XHR (facts #71): not walked",
)
