"""kompas.com: every subdomain (nasional, regional, megapolitan, money, bola, otomotif, tekno...).

Layouts (versioned: each page is read with its own era's selectors): 2015-2016
``div.kcm-read-text`` (headline an <h2>; the page <h1> is the channel name), 2016 bola
``.kcm-read-content-text span.kcmread…`` and otomotif ``.content-text div.div-read`` (all
three: ``<br><br>`` paragraphs, Penulis/Editor table below the story), and the 2017+
``h1.read__title`` / ``div.read__content`` page with inline "Baca juga" links and a
paging bar. ``?page=all`` serves a paged story whole; the "Halaman Selanjutnya" link
(``a.next``) leads to page 2 otherwise.
"""

from __future__ import annotations

from scraper.sites.base import Archive, Layout, Search, SiteProfile

#: Dropped on every layout: photos and videos inside the story.
_DROP = ("figure", ".photo", ".video")

PROFILE = SiteProfile(
    name="kompas",
    domains=("kompas.com",),
    site_names=("KOMPAS.com", "Kompas.com", "Kompas", "KompasOtomotif", "KompasBola"),
    sitemaps=("https://www.kompas.com/sitemap.xml",),
    index_pages=("https://indeks.kompas.com/",),
    # indeks.kompas.com by site, date and page (LAYOUTS.md): walk by day, not by query.
    # (no corpus copy of today's indeks page: every article link on it is read).
    archives=(Archive("https://indeks.kompas.com/?site=all&date={date:%Y-%m-%d}&page={page}",
                      max_pages=40, since="2008-01-01"),),
    # search.kompas.com filters by date itself; it stops at about page 38 (SITE_FACTS #42).
    search=(Search("https://search.kompas.com/search?q={query}&sort=latest&start_date={since:%Y-%m-%d}"
                   "&end_date={until:%Y-%m-%d}&page={page}", links=(".article-link",), max_pages=38,
                   newest_first=True, note="SITE_FACTS #42: date window"),),
    article_url=r"kompas\.com/(?:[a-z0-9-]+/)?read/\d{4}/\d\d/\d\d/\d{6,}/[\w.%-]+",
    not_article_url=r"(?:indeks\.kompas\.com|kompas\.com/(?:tag|search|indeks|index_generator|jeo/?$|video/?$))",
    single_page=(("page", "all"),),
    next_page=("link[rel=next]",),
    #: "Penulis : Kontributor Lhokseumawe, Masriadi": a role and a place before the name.
    author_prefix=r"\bkontributor\s+[^,:]{1,40},\s*",
    # The JSON-LD author is the editor. The 2015-2016 credit table is read row by row with
    # its labels ("Penulis : X", "Editor : Y", "Sumber : Z"), so the role decides, whichever
    # rows the table has; 2017+ pages name the editor in meta content_editor (read for
    # every site).
    jsonld_author="editor",
    layouts=(
        Layout(
            "kcm-read: div.kcm-read-text (h2 headline), bola .kcm-read-content-text span.kcmread*", until=2016,
            title=(".kcm-breadcrumb ~ h2", "h4.breadcrump ~ h2"),
            published=("div.kcm-date", ".kcm-breadcrumb ~ div.msmall"),
            authors=(".kcm-read-copy tr",),
            body=("div.kcm-read-text", ".kcm-read-content-text span[class^=kcmread]"),
            drop=(*_DROP, ".kcm-read-copy", ".kcm-read-bottom-topic", ".kcm-read-terkait"),
        ),
        Layout(
            "otomotif .baca-content h1 + div.div-read", until=2016,
            title=(".baca-content h1",),
            published=("div.kcm-date",),
            authors=(".penulis-editor tr",),
            body=("div.div-read",),
            drop=(*_DROP, ".penulis-editor", ".berita-terkait-content"),
        ),
        Layout(
            "h1.read__title + div.read__content (?page=all)", since=2017,
            title=("h1.read__title",),
            published=("meta[name=content_PublishedDate]", ".read__time"),
            authors=("meta[name=content_author]",),
            body=(".read__content",),
            # The whole "Baca juga: <a>" paragraph, not just its link: a bare label left
            # behind makes the boilerplate filter skip the next line as a related
            # headline, and that line is often the story's next sub-heading.
            drop=(*_DROP, ".ads-on-body", "p:has(a.inner-link-baca-juga)", "a.inner-link-baca-juga", ".read__paging",
                  ".paging", ".read__paging__footnote", ".read__tagging", ".fb-quote", ".liftdown_v2_tanda",
                  ".kompasidRec", ".inner-link-tag-baca-juga"),
            next_page=(".read__paging__footnote a.next", ".paging__link--next", "link[rel=next]"),
        ),
    ),
)
