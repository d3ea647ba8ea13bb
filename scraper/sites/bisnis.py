"""bisnis.com: Bisnis Indonesia (Bisnis.com and its desk subdomains).

Story URLs: ``<desk>.bisnis.com/read/20250313/9/1234567/slug``. The story is
``article.detailsContent`` with ``baca-juga-box`` blocks between paragraphs; the title is
``h1.detailsTitleCaption``, the date line ``.detailsAttributeDates``, the writer
``.authorName`` ("Name - Bisnis.com" on some pages). Foto/video/infografis/epaper
subdomains use other templates and are not articles here. Verified on fixtures only.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="bisnis",
    domains=("bisnis.com",),
    site_names=("Bisnis.com", "Bisnis", "Bisnis Indonesia", "bisnis.com"),
    sitemaps=("https://www.bisnis.com/sitemap-news.xml",),
    index_pages=("https://indeks.bisnis.com/",),
    search=(Search("https://search.bisnis.com/?q={query}&page={page}", links=("a.artLink",),
                   note="SITE_FACTS #8 (a Chrome-like client may be needed)"),),
    article_url=r"bisnis\.com/read/\d{8}/\d+/\d+/[a-z0-9-]+",
    not_article_url=r"(?://(?:epaper|foto|video|infografis)\.bisnis\.com)|bisnis\.com/(?:tag|topic|search)(?:[/?]|$)",
    title=("h1.detailsTitleCaption", "h1"),
    published=(".detailsAttributeDates", ".authorTime"),
    authors=(".authorName", ".authorNames"),
    body=("article.detailsContent", ".detailsContent"),
    drop=(
        "figure",
        "figcaption",
        "[class^='baca-juga-box']",
        ".baca-juga-box",
        "[id^='div-gpt-ad']",
        ".ads",
        ".detailsCoverCaption",
        ".detailsTags",
        "blockquote.twitter-tweet",
        "blockquote.instagram-media",
    ),
    strip_patterns=(r"\s+-\s+Bisnis\.com$",),
    author_label=r"Bisnis\.com",  # the byline reads "Name - Bisnis.com"
    layouts=("2022+ article.detailsContent",),
)
