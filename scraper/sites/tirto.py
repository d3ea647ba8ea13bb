"""tirto.id: Tirto.

Story URLs end in a short id: ``tirto.id/<slug>-<id>`` (4-6 characters). The story is the
``<p>``s of ``div.content-text-editor`` inside the ``article`` (older pages:
``[itemprop=articleBody]``), with inline "Baca juga" links and a "Penulis/Editor" credit
block after it. Dates come from JSON-LD, the writer from ``meta[name=author]``. No paging.
Built from public scraper notes: verified on fixtures only.
"""

from __future__ import annotations

from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(
    name="tirto",
    domains=("tirto.id",),
    site_names=("Tirto", "tirto.id", "Tirto.ID"),
    sitemaps=("https://tirto.id/sitemap.xml",),
    index_pages=("https://tirto.id/indeks",),
    article_url=r"tirto\.id/[a-z][a-z0-9-]+-[a-zA-Z0-9]{4,6}/?(?:[?#]|$)",
    not_article_url=r"tirto\.id/(?:search|q|indeks|insider|kueri|visual-tirto|diajeng|bisnis-tirto)(?:[/?]|$)",
    title=("article h1", "h1.news-detail-title", "h1"),
    authors=("meta[name='author']",),
    editors=(".author-box",),  # "Penulis: X / Editor: Y" under the story
    body=("article div.content-text-editor", "div.content-text-editor", "[itemprop='articleBody']"),
    drop=(
        "figure",
        "figcaption",
        ".baca-juga",
        ".baca-holder",
        ".tags",
        ".author-box",
        "[id^='div-gpt-ad']",
        ".ads",
        "blockquote.twitter-tweet",
        "blockquote.instagram-media",
    ),
    layouts=("2020s article div.content-text-editor", "older [itemprop=articleBody]"),
)
