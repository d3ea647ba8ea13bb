"""IDN Financials (idnfinancials.com): a source-only profile (site search (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="idnfinancials",
    domains=("idnfinancials.com",),
    site_names=("IDN Financials",),
    index_pages=("https://www.idnfinancials.com/",),
    search=(
        Search(
            "https://www.idnfinancials.com/id/search?q={query}&per_page={page}",
            links=(".widget.side-news ul.list > li.item > a",),
            title_filter=True,
            note="SITE_FACTS #26 (sidebar leaks: title filter)",
        ),
    ),
    region="",
    extraction="generic",
    article_url=r"idnfinancials\.com/id/news/\d+/",
    notes="site search (facts)",
)
