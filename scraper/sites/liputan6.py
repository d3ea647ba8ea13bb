"""liputan6.com (KLY): news, showbiz, bola, citizen6, hot, photo and "Today" pages.

A multi-page story is served whole: every page sits in the same document as a block
(``.article-content-body__item`` in 2019-2022, ``.article-content-body__item-page[data-page]``
since 2023) inside one ``.article-content-body`` container, so the container is the story
and no page needs fetching. Photo pages carry their text either in a short description
(2021 mobile ``.article-short-desc``) or in the photo descriptions of a 2016 gallery.
"""

from __future__ import annotations

from scraper.sites._kly import DATA_LAYER
from scraper.sites.base import Archive, Credit, SiteProfile

_SITE_NAMES = ("Liputan6.com", "Liputan6", "Liputan 6", "Today Liputan6.com", "liputan6.com")

PROFILE = SiteProfile(
    name="liputan6",
    domains=("liputan6.com",),
    site_names=_SITE_NAMES,
    feeds=("https://www.liputan6.com/rss",),
    index_pages=("https://www.liputan6.com/indeks",),
    # The dated index /indeks/YYYY/MM/DD, paged with ?page=N (corpus: indeks-2016).
    archives=(Archive("https://www.liputan6.com/indeks/{date:%Y/%m/%d}?page={page}",
                      links=("article.articles--rows--item h4.articles--rows--item__title a",),
                      max_pages=30, since="2000-01-01"),),
    article_url=r"liputan6\.com/(?:[a-z0-9-]+/)*read/\d+/|photo\.liputan6\.com/[a-z0-9-]+/[a-z0-9-]+-\d{6,}$"
    r"|today\.liputan6\.com/\d+",
    not_article_url=r"liputan6\.com/(?:tag|indeks|search|me|videos?)(?:/|$|\?)",
    title=(
        "h1.article-header__title", "h1.read-page--header__title", ".detail-headline h2", "h1.entry-title",
    ),
    title_suffix=r"\s*[|\-]\s*(?:Today\s+)?Liputan6\.com\s*$",
    published=(
        "meta[property='article:published_time']",
        ".article-header__datetime",
        "time.read-page--header__datetime",
        "p.datetime",
        ".detail-headline .time",
    ),
    updated=("meta[property='og:updated_time']",),
    authors=(
        ".article-header__authors .article-header__author-link",
        ".read-page--header__author .fn",
        ".by-author .fn",
    ),
    tags=(".tags--topics__list a", ".read-page--tags__link", ".tag-links li a"),
    # KLY's article:section is "News" on every page; section2/3 and the breadcrumb name the rubric.
    section=("meta[property='article:section2'], meta[property='article:section3']",
             "ul.breadcrumb li.breadcrumb--item", ".read-page--breadcrumb--item"),
    body=(
        ".article-content-body",
        ".detail .infinite:has(p)",
        ".read-page__content-body:has(p)",
        ".read-page--photo-gallery",
        ".article-short-desc",
        ".text-detail:has(p)",
    ),
    drop=(
        ".baca-juga", ".article-content-body__break", ".article-content-body__load-more",
        ".article-content-body__item-overlay", ".article-photo-gallery--item", ".article-ad",
        ".seamless-ads", "[data-info='ad']", ".advertisement-text", "[id^='div-gpt-ad']",
        "blockquote.twitter-tweet", "blockquote.instagram-media", "blockquote.tiktok-embed",
        ".read-page--photo-gallery--item__content", ".promo-video", ".article-video",
        ".detail-paging:not(:has(p))", "figure img", "img",
    ),
    drop_paragraphs=(
        r"^Infografis\b[^.!?]{0,120}$",  # the image-only last page of a story
        r"^Reporter\s*:\s*\S[^.!?]{0,60}$",
    ),
    strip_patterns=(
        r"\s*\((?:REUTERS|AP|AFP|Antara|ANTARA|Liputan6\.com)[^()]{0,40}\)\s*$",  # photo credits
    ),
    # The KLY data layer is the only credit on "Today" pages; Citizen6 stories whose byline
    # names only the site credit the reporter in a bold last line "Reporter: Name".
    data_layer=DATA_LAYER,
    editors=("#credits_editor + li .name",),  # the 2015 credits box
    credits=(
        Credit(".article-content-body strong, .article-content-body b", r"(?i)^\s*Reporter\s*:\s*(.{3,60}?)\s*$",
               fallback=True),
    ),
    layouts=(
        "2015 desktop .text-detail with <br><br> paragraphs",
        "2016 desktop .read-page__content-body / .read-page--photo-gallery captions",
        "2019-2022 mobile .article-content-body > .article-content-body__item",
        "2023 .article-content-body__item-page[data-page] (all pages in one document)",
        "2021 photo .article-short-desc",
        "Today Liputan6 .detail .infinite",
    ),
)
