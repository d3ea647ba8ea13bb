"""IDX Channel (idxchannel.com): a source-only profile (news sitemaps (~48 h, facts #28): latest
only).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(
    name="idxchannel",
    domains=("idxchannel.com",),
    site_names=("IDX Channel",),
    index_pages=("https://www.idxchannel.com/",),
    region="",
    extraction="generic",
    article_url=r"idxchannel\.com/[a-z][a-z0-9-]+/[a-z0-9][a-z0-9-]*/?$",
    notes="news sitemaps (~48 h, facts #28): latest only",
)
