"""Good News From Indonesia (goodnewsfromindonesia.id): a source-only profile (site search (facts);
dates in the URL).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="gnfi",
    domains=("goodnewsfromindonesia.id",),
    site_names=("Good News From Indonesia",),
    index_pages=("https://www.goodnewsfromindonesia.id/",),
    search=(
        Search(
            "https://www.goodnewsfromindonesia.id/search?keyword={query}&page={page}",
            max_pages=5,
            note="SITE_FACTS #21 (5 pages)",
        ),
    ),
    region="",
    extraction="generic",
    article_url=r"goodnewsfromindonesia\.id/\d{4}/\d\d/\d\d/[a-z0-9][a-z0-9-]*$",
    notes="site search (facts); dates in the URL",
)
