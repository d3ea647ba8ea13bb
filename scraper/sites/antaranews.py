"""antaranews.com (ANTARA news agency), including otomotif., megapolitan. and other subdomains.

The byline names the writer ("Pewarta: X" or "Oleh X"); the editor is credited separately
("Editor: Y" under the body) and the JSON-LD of 2017 pages even lists the editor as
``author`` (the writer is its ``creator``), so the byline node is read first and the
structured data is never trusted for authors. A long story is paged; ``?page=all`` serves it whole.
"""

from __future__ import annotations

from scraper.sites.base import Credit, Search, SiteProfile

_SITE_NAMES = ("ANTARA", "ANTARA News", "Antaranews", "antaranews.com", "Antara")
#: The 2019+ credit block under the body: "Pewarta: X<br>Editor: Y<br>COPYRIGHT © ANTARA 2024".
#: 2019+ pages have no byline node above the story, and their structured data may name the
#: editor instead, so the block's writer wins.
_CREDIT_BLOCK = ".post-content p.text-muted, .wrap__article-detail-content p.text-muted"


PROFILE = SiteProfile(
    name="antaranews",
    domains=("antaranews.com",),
    site_names=_SITE_NAMES,
    feeds=("https://www.antaranews.com/rss/terkini.xml",),
    index_pages=("https://www.antaranews.com/terkini",),
    search=(Search("https://www.antaranews.com/search?q={query}&page={page}",
                   links=(".card__post.card__post-list.card__post__transition.mt-30 a", ".card__post a"),
                   note="SITE_FACTS #2"),),
    article_url=r"antaranews\.com/berita/\d+/[a-z0-9-]+",
    not_article_url=r"antaranews\.com/(?:tag|search|foto|video|infografis|terkini)(?:/|$|\?)",
    single_page=(("page", "all"),),
    next_page=("ul.pagination a[aria-label='Next']", ".pagination a[rel='next']"),
    title=("h1.post-title", "h1.title[itemprop='headline']", ".bjbrt h1.title"),
    title_suffix=r"\s*[|\-]\s*ANTARA(?: News)?(?:\s+\w+)?\s*$",
    published=(
        "meta[property='article:published_time']",
        "time[itemprop='datePublished']",
        "meta[itemprop='datePublished']",
        ".bjbrt .date",
    ),
    authors=(
        ".byline [itemprop='author']",
        ".byline",
    ),
    tags=(".tags-wrapper a", ".tag a"),
    # 2016 desktop: the menu's active channel and its active sub-channel.
    section=("#topnav > li.active > a, #topnav > li.active .menu_bg a.active",),
    site_keywords=("berita harian", "berita ekonomi", "berita bisnis", "berita olahraga", "berita politik",
                   "berita online", "portal Indonesia"),
    body=("div.post-content", "#content_news"),
    drop=(
        "p.mt10", "p.date", ".baca-juga", ".quote_old", "span.baca-juga", ".tags-wrapper", "blockquote.twitter-tweet",
        "blockquote.instagram-media", ".ads", ".adsbygoogle", "#image_news", "figure",
    ),
    drop_paragraphs=(
        r"^(?:Pewarta|Editor|Penerjemah|Pewarta foto)\s*:\s*\S[^.!?]{0,80}$",
        r"^COPYRIGHT\s*©",
        # page links inside the body: kept in the tree (the pipeline reads the next-page
        # link after the drop rules ran), so their labels are dropped as paragraphs.
        r"^(?:\d{1,2}|[«»‹›]|Selanjutnya|Sebelumnya)$",
    ),
    stop_paragraphs=(r"^Berita Lainnya$",),
    # The editor: itemprop=editor (2015-2017), the credit block (2019+), an "Editor:" line
    # under the story. (The 2017 JSON-LD names the editor as author, but those pages have
    # a byline, which wins; the 2023 JSON-LD names the writer.)
    editors=("[itemprop='editor']",),
    credits=(
        Credit(_CREDIT_BLOCK, r"(?i)Pewarta\s*:\s*(.+?)\s*(?:\n|Editor\s*:|Penerjemah\s*:|COPYRIGHT|$)"),
        Credit(_CREDIT_BLOCK, r"(?i)Editor\s*:\s*(.+?)\s*(?:\n|Pewarta\s*:|Penerjemah\s*:|COPYRIGHT|$)", role="editor"),
        Credit("#content_news", r"(?im)^\s*Editor\s*:\s*(.+?)\s*$", role="editor"),
    ),
    layouts=(
        "2015-2017 desktop .bjbrt: h1.title, .byline, #content_news with <br> paragraphs",
        "2019+ .wrap__article-detail-content div.post-content, byline in p.text-muted",
    ),
)
