"""republika.co.id: every channel (nasional, bola, ekonomi, internasional, khazanah, ihram/jurnal-haji,
inpicture photo stories).

Layouts: 2015-2017 desktop (``.date-detail`` date line, headline in ``.jdl-detail`` h1/h2 or
ihram's ``div.h5``, story in ``div.content-detail`` or ihram's ``div.teaser`` — often one <p>
cut by ``<br><br>``; byline ``div.red`` "Rep: X/ Red: Y"), the In Picture photo page
(``.jdl-pic``, ``.date-pic``, story in ``.teaser-pic``; photo captions live only in img
attributes), and the 2020s page (``div.article-content``, metadata in meta tags/JSON-LD).
Only the reporter ("Rep:") is an author; "Red:"/"Redaktur" is the editor: the byline box is
read by the role-aware byline reader (scraper.extract.people.read_people), which also splits a
"Reporter : X Redaktur : Y" table read as one line.
"""

from __future__ import annotations

from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(
    name="republika",
    domains=("republika.co.id", "ihram.co.id"),
    site_names=("Republika", "Republika Online", "REPUBLIKA.CO.ID", "ihram.co.id", "IHRAM.CO.ID"),
    feeds=("https://www.republika.co.id/rss",),
    sitemaps=("https://www.republika.co.id/sitemap.xml",),
    index_pages=("https://www.republika.co.id/indeks",),
    # 2015-2017: /berita/<kanal>/<sub>/YY/MM/DD/<code>-slug; 2020s: /berita/<code>/slug.
    article_url=r"(?:republika\.co\.id|ihram\.co\.id)/berita/(?:[a-z0-9-]+/){0,2}(?:\d\d/\d\d/\d\d/)?[a-z0-9]{6,12}[-/]",
    not_article_url=r"republika\.co\.id/(?:indeks|kanal|tag|search|page)(?:[/?]|$)",
    title=(".jdl-detail h1", ".jdl-detail h2", ".jdl-pic", "div.h5.global-detail", ".max-card__title h1"),
    title_suffix=r"\s*[|\-]\s*(?:Republika Online|ihram\.co\.id|republika\.co\.id)\s*$",
    published=("meta[property='article:published_time']", ".date-detail", ".date-pic"),
    authors=("div.red", "meta[name=author]"),
    body=("div.content-detail", "div.teaser.global-detail", "div.teaser-pic", "div.article-content"),
    drop=(
        "figure", ".cap-foto", ".caption", ".ads-160", ".ads", ".baca-juga", ".picked-article", ".terkait", ".tagging",
    ),
    drop_paragraphs=(r"(?i)^\W{0,3}sumber\s*:",),
    # Parts of the page are filled by script (LAYOUTS.md): a page that arrives empty is
    # read from its AMP version.
    amp=True,
    layouts=(
        "2015-2017 .jdl-detail + div.content-detail",
        "2017 ihram div.h5 + div.teaser",
        "In Picture .jdl-pic + .teaser-pic (photo story)",
        "2020s div.article-content",
    ),
)
