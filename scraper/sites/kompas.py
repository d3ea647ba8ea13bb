"""kompas.com: every subdomain (nasional, regional, megapolitan, money, bola, otomotif, tekno...).

Layouts: 2015 ``div.kcm-read-text`` (headline an <h2>; the page <h1> is the channel name),
2016 bola ``.kcm-read-content-text span.kcmread…`` and otomotif ``.content-text div.div-read``
(all three: ``<br><br>`` paragraphs, Penulis/Editor table below the story), and the 2017+
``h1.read__title`` / ``div.read__content`` page with inline "Baca juga" links and a
paging bar. ``?page=all`` serves a paged story whole; the "Halaman Selanjutnya" link
(``a.next``) leads to page 2 otherwise.
"""

from __future__ import annotations

from scraper.sites.base import Archive, SiteProfile

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
    article_url=r"kompas\.com/(?:[a-z0-9-]+/)?read/\d{4}/\d\d/\d\d/\d{6,}/[\w.%-]+",
    not_article_url=r"(?:indeks\.kompas\.com|kompas\.com/(?:tag|search|indeks|index_generator|jeo/?$|video/?$))",
    single_page=(("page", "all"),),
    next_page=(".read__paging__footnote a.next", ".paging__link--next", "link[rel=next]"),
    title=("h1.read__title", ".baca-content h1", ".kcm-breadcrumb ~ h2", "h4.breadcrump ~ h2"),
    published=("meta[name=content_PublishedDate]", ".read__time", "div.kcm-date",
               ".kcm-breadcrumb ~ div.msmall"),
    # The 2015-2016 credit table is read row by row with its labels ("Penulis : X",
    # "Editor : Y", "Sumber : Z"), so the role decides, whichever rows the table has; 2017+
    # pages name the editor in meta content_editor (read for every site). The JSON-LD
    # author is the editor.
    authors=("meta[name=content_author]", ".kcm-read-copy tr", ".penulis-editor tr"),
    #: "Penulis : Kontributor Lhokseumawe, Masriadi": a role and a place before the name.
    author_prefix=r"\bkontributor\s+[^,:]{1,40},\s*",
    jsonld_author="editor",
    body=(".read__content", "div.kcm-read-text", ".kcm-read-content-text span[class^=kcmread]",
          "div.div-read"),
    drop=(
        "figure", ".photo", ".video", ".ads-on-body", "a.inner-link-baca-juga", ".read__paging", ".paging",
        ".read__paging__footnote", ".read__tagging", ".kcm-read-copy", ".penulis-editor", ".kcm-read-bottom-topic",
        ".kcm-read-terkait", ".berita-terkait-content", ".fb-quote", ".liftdown_v2_tanda", ".kompasidRec",
        ".inner-link-tag-baca-juga",
    ),
    layouts=(
        "2015 div.kcm-read-text (h2 headline)",
        "2016 bola .kcm-read-content-text span.kcmread*, otomotif div.div-read",
        "2017+ h1.read__title + div.read__content (?page=all)",
    ),
)
