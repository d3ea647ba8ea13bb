"""Serambi Indonesia (serambinews.com): a source-only profile (Aceh (Tribun network): news sitemap,
latest only; dates in the URL).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(
    name="serambinews",
    domains=("serambinews.com", "aceh.tribunnews.com"),
    site_names=("Serambi Indonesia",),
    index_pages=("https://aceh.tribunnews.com/",),
    region="Aceh",
    extraction="generic",
    article_url=r"(?:serambinews\.com|aceh\.tribunnews\.com)/\d{4}/\d\d/\d\d/[a-z0-9-]+",
    notes="Aceh (Tribun network): news sitemap, latest only; dates in the URL",
)
