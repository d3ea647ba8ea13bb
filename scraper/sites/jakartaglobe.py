"""jakartaglobe.id (English-language, BeritaSatu group), formerly thejakartaglobe.beritasatu.com.

The old host is a subdomain of beritasatu.com; listing it as a domain here makes this
profile the longer (more specific) match, so old URLs do not fall to the beritasatu profile.
The 2015 WordPress layout keeps the story in ``article .entry-content`` with a photo
``.wp-caption`` and an "ADVERTISING" in-read slot; the header holds a standfirst paragraph
(not body) and a "By <author link> on <time>" line, often naming only the site.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="jakartaglobe",
    domains=("jakartaglobe.id", "thejakartaglobe.beritasatu.com", "thejakartaglobe.com"),
    site_names=("Jakarta Globe", "JakartaGlobe", "The Jakarta Globe", "JG"),
    sitemaps=("https://jakartaglobe.id/sitemap.xml",),
    search=(Search("https://jakartaglobe.id/search/{query}/page/{page}", first_url="https://jakartaglobe.id/search/{query}",
                   note="SITE_FACTS #34"),),
    article_url=r"jakartaglobe\.(?:id|beritasatu\.com|com)/(?:[a-z0-9-]+/)+[a-z0-9-]{8,}/?$",
    not_article_url=r"/(?:tag|author|category|search|page)/",
    title=("h1.entry-title", "article h1"),
    title_suffix=r"\s*[|\-]\s*(?:The\s+)?Jakarta\s*Globe\s*$",
    published=("meta[property='article:published_time']",),
    updated=("meta[property='article:modified_time']",),
    authors=(".entry-header .options a[href*='/author/']",),
    body=("article .entry-content", ".entry-content"),
    drop=(
        ".wp-caption", ".tt-wrapper", ".inread", "figure", ".widget", ".addthis_toolbox", "[id^='div-gpt-ad']",
    ),
    drop_paragraphs=(r"^ADVERTISING$",),
    stop_paragraphs=(r"^(?:Related Articles|Share This)\s*:?$",),
    layouts=("2015 WordPress article .entry-content (thejakartaglobe.beritasatu.com)",),
)
