"""The Conversation Indonesia (theconversation.com): a source-only profile (site search (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="conversationid",
    domains=("theconversation.com",),
    site_names=("The Conversation Indonesia",),
    index_pages=("https://theconversation.com/",),
    search=(
        Search(
            "https://theconversation.com/id/search?date=all&date_from=&date_to=&language=id&page={page}&q={query}&sort=recency",
            newest_first=True,
            note="SITE_FACTS #13 (sorted by recency)",
        ),
    ),
    region="",
    extraction="generic",
    article_url=r"theconversation\.com/[a-z][a-z0-9-]+-\d+$",
    notes="site search (facts)",
)
