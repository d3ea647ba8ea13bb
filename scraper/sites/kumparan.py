"""kumparan.com: kumparan (React, server-rendered story pages).

Story URLs are ``/<publisher>/<slug>-<id>`` where the publisher is a kumparan desk
(``kumparannews``, ``kumparanbisnis``...) or a user, and the id is an 8+ character
base62 string. The story text is the ``<p>``s of ``main[class*=StoryRenderer]`` (older pages:
``div[data-qa-id=article-body]``). Title, date and author come from the ``h1`` and the
page's meta/JSON-LD. Built from public scraper notes: verified on fixtures only.
"""

from __future__ import annotations

from scraper.sites.base import Archive, SiteProfile

PROFILE = SiteProfile(
    name="kumparan",
    domains=("kumparan.com",),
    site_names=("kumparan", "kumparanNEWS", "kumparanBISNIS", "kumparan.com"),
    sitemaps=("https://kumparan.com/sitemap.xml",),
    index_pages=("https://kumparan.com/kumparannews", "https://kumparan.com/kumparanbisnis"),
    # The sitemap index: children (and their URLs) kept by date (SITE_FACTS section 2).
    archives=(Archive("https://kumparan.com/sitemap.xml", kind="sitemap", per="month"),),
    article_url=r"kumparan\.com/[a-z0-9-]+/[a-z0-9-]+-[A-Za-z0-9]{8,}/?(?:[?#]|$)",
    not_article_url=r"kumparan\.com/(?:topic|channel|search|trending)(?:[/?]|$)",
    title=("h1[data-qa-id='story-title']", "h1"),
    published=("meta[property='article:published_time']",),
    authors=("meta[name='author']",),
    body=("main[class*='StoryRenderer']", "div[data-qa-id='article-body']", "div.article-content"),
    drop=(
        "figure",
        "figcaption",
        "[class*='Caption']",
        "[class*='RelatedStory']",
        "[data-qa-id='related-story']",
        "[class*='AdsWrapper']",
        "[id^='div-gpt-ad']",
        "blockquote.twitter-tweet",
        "blockquote.instagram-media",
        "blockquote.tiktok-embed",
    ),
    layouts=("2020s main[class*=StoryRenderer]", "older div[data-qa-id=article-body]"),
)
