"""mediaindonesia.com: Media Indonesia online.

Layout seen 2024-2026: ``.post-header`` holds the ``h1``, the byline ``div.author-2`` and the
``span.datetime`` line; the story is the ``<p>``s of ``div.article``, with ``p.related-news``
"Baca juga" links, an in-paragraph "flying carpet" ad, a Google News/WhatsApp promo and the
"Editor :" credit at its end. Stories close with a desk code such as "(E-2)" or "(Ant/P-5)".
The JSON-LD author is the editor, so the byline node is read instead.
"""

from __future__ import annotations

from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(
    name="mediaindonesia",
    domains=("mediaindonesia.com",),
    site_names=("Media Indonesia", "mediaindonesia.com", "MI"),
    sitemaps=("https://mediaindonesia.com/sitemap.xml",),
    index_pages=("https://mediaindonesia.com/indeks",),
    article_url=r"mediaindonesia\.com/[a-z0-9-]+(?:/[a-z0-9-]+)?/\d{3,}/[a-z0-9-]+",
    not_article_url=r"mediaindonesia\.com/(?:tag|indeks|author|search|galleries|video)(?:[/?]|$)",
    title=(".post-header h1", "section.detail h1"),
    published=(),  # JSON-LD datePublished is exact to the second; the date line rounds
    authors=(".post-header .info .author-2", ".post-header .author"),
    # "Editor : X" under the story, the data layer's "editor"; the JSON-LD author is the editor.
    editors=(".info-author a", ".info-author"),
    data_layer=(("editor", "editor"),),
    jsonld_author="editor",
    body=("section.detail div.article", "div.article"),
    drop=(
        "figure", "figcaption", ".flying-carpet", ".dfp-ad", "p.related-news", ".ext-channel", ".info-author",
        "._ap_apex_ad", ".share-group", ".related-tags", "blockquote.twitter-tweet", "blockquote.instagram-media",
    ),
    strip_patterns=(r"\s*\((?:[A-Za-z]{2,6}/)?[A-Z]{1,3}-\d{1,3}\)\W*$",),
    layouts=("2024-2026 section.detail div.article with .post-header byline",),
)
