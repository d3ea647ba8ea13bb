"""okezone.com: every channel (news, nasional, economy, celebrity, lifestyle, sports, bola, techno...).

Layouts: 2015 desktop (``time.tgl`` date line, ``.titles h1``, story in ``div#contentx.dtlnews``,
"Jurnalis" box ``.nmreporter``), 2017 ``.title-detail`` header with the story in
``div.ctn-desc``, and the 2018+ page (``.hd-title h1``, ``.namerep`` byline, story in
``div[itemprop=articleBody]`` with "BACA JUGA:" boxes and a ``?page=N`` paging bar).
Pages 2+ carry the canonical link of page 1, so they are reached by the paging bar's next
link, never by the canonical URL; ``?page=all`` asks for the whole story.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="okezone",
    domains=("okezone.com",),
    site_names=("Okezone", "Okezone.com", "MNC Portal", "MNC Portal Indonesia"),
    sitemaps=("https://www.okezone.com/sitemap.xml",),
    index_pages=("https://index.okezone.com/",),
    search=(Search("https://www.okezone.com/tag/{slug}/{page}", first_url="https://www.okezone.com/tag/{slug}",
                   newest_first=True, note="SITE_FACTS #54: tag pages"),),
    article_url=r"okezone\.com/read/\d{4}/\d\d/\d\d/\d+/\d{5,}/[a-z0-9-]+",
    not_article_url=r"(?:index\.okezone\.com|okezone\.com/(?:tag|topic|search|indeks)(?:[/?]|$))",
    single_page=(("page", "all"),),
    next_page=(".pagingxm .halmob.next a", ".newpaging a.next", "link[rel=next]"),
    title=(".hd-title h1", ".title-detail h1", ".titles h1"),
    published=("meta[property='article:published_time']", ".namerep b", "time.tgl", ".title-detail > span"),
    authors=(".namerep a", ".nmreporter div", ".title-detail > span b"),
    section=("ul.breadcrumb li",),
    body=("div[itemprop=articleBody]", "div#contentx", "div.ctn-desc"),
    drop=(
        "figure", "#bacajuga", ".description-baca-juga", "#rctiplus", ".box-gnews", ".ads-recdetail", ".vicon",
        ".pagingxm", ".newpaging", ".detail-tag", ".center-paralax", ".iframe-widget-client", "#lastread",
        "[class*=ScriptRoot]", ".caption-img-ab", ".detailcaption", ".ads-disclaimer", "#AdAsia", ".video-wrap",
        ".tbkomentar", ".dtl_banner",
    ),
    author_label=r"okezone(?:\.com)?|MNC Portal",
    data_layer=(("editor", "editor"),),  # the 2023 page's data layer names the editor
    layouts=(
        "2015 desktop .titles h1 + div#contentx.dtlnews",
        "2017 .title-detail + div.ctn-desc",
        "2018+ .hd-title + div[itemprop=articleBody] (paged ?page=N)",
    ),
)
