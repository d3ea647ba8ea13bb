"""jpnn.com: JPNN.com and its regional editions (*.jpnn.com).

One layout seen since about 2019: ``h1.judul``, ``span.date-publish``, the story in
``div[itemprop=articleBody]`` with a ``(xyz/jpnn)`` credit code and a "Yuk, Simak Juga Video
ini!" promo in its last paragraph, then an ``h4`` teaser and ``p.waktu`` "Redaktur & Reporter"
below it (outside the body). Long stories are paged with ``?page=N``.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="jpnn",
    domains=("jpnn.com",),
    site_names=("JPNN.com", "JPNN", "jpnn.com"),
    sitemaps=("https://www.jpnn.com/sitemap.xml",),
    index_pages=("https://www.jpnn.com/indeks",),
    search=(Search("https://www.jpnn.com/tag/{slug}?page={page}", newest_first=True,
                   note="SITE_FACTS #38: tag pages"),),
    article_url=r"jpnn\.com/(?:news|berita)/[a-z0-9-]+",
    not_article_url=r"jpnn\.com/(?:tag|indeks|search|video|foto)(?:[/?]|$)",
    next_page=(".pagination a[rel=next]", "link[rel=next]", ".pagination li.next a"),
    title=("h1.judul", ".page-content h1"),
    published=(
        "meta[property='article:published_time']",
        "span.date-publish[itemprop=datePublished]",
        "span.date-publish",
    ),
    section=(".breadcrumb a",),
    body=("div[itemprop=articleBody]", ".page-content .content-artikel-body"),
    editors=("p.waktu",),  # "Redaktur : X<br>Reporter : Y" (or "Redaktur & Reporter : X")
    drop=(
        "figure", "figcaption", ".caption", "[id^='div-gpt-ad']", ".baca-juga", ".bacajuga", ".pagination", ".shareit",
        ".top-medsos", ".tag", ".tags", "blockquote.twitter-tweet", "blockquote.instagram-media",
    ),
    drop_paragraphs=(r"(?i)^\W{0,3}yuk,?\s+(simak|baca|tonton|saksikan)\b",),
    strip_patterns=(r"\s*\(\s*[a-z]{2,6}(?:\s*/\s*[a-z0-9]{2,6})*/jpnn\s*\)\W*$",),
    # Parts of the page are filled by script (LAYOUTS.md): a page that arrives empty is
    # read from its AMP version.
    amp=True,
    layouts=("2019-2024 div[itemprop=articleBody] with p.waktu credit below",),
)
