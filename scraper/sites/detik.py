"""detik.com: every channel (news, finance, inet, sport, hot, health, food, travel, oto, 20.detik).

Layouts (versioned: each page is read with its own era's selectors): the 2015 desktop
pages (``.jdl`` header, story in ``div.detail_text`` as one run of ``<br><br>`` text; inet
used ``div.text_detail``), the readfoto photo pages (story text in ``div.text_gal`` under
``.detail_profil``), and the 2019+ ``article.detail`` page (``h1.detail__title``,
``div.detail__body-text.itp_bodycontent``). Long stories are paged; ``?single=1`` serves
them whole. ``meta[name=pubdate]`` is often malformed (local time labelled Z, dashes in
the time), so the visible date line comes first.
"""

from __future__ import annotations

from scraper.sites.base import Archive, Layout, SiteProfile

#: Dropped on every layout: pictures, inline related-link boxes, embeds, banners.
_DROP = ("figure", "table.linksisip", ".lihatjg", ".skybanner", "a.embed", ".sisip_embed_sosmed", ".sisip_video_ds",
         ".nav")

PROFILE = SiteProfile(
    name="detik",
    domains=("detik.com",),
    site_names=("detikcom", "detik.com", "detikNews", "detikFinance", "detikInet", "detikSport", "detikHot",
                "detikHealth", "detikFood", "detikTravel", "detikOto", "20detik", "detikEdu", "detikJateng"),
    feeds=("https://news.detik.com/rss", "https://finance.detik.com/rss", "https://inet.detik.com/rss",
           "https://sport.detik.com/rss", "https://hot.detik.com/rss", "https://health.detik.com/rss"),
    sitemaps=("https://www.detik.com/sitemap.xml",),
    index_pages=("https://news.detik.com/indeks", "https://finance.detik.com/indeks",
                 "https://inet.detik.com/indeks", "https://sport.detik.com/indeks"),
    # Every channel's dated index (LAYOUTS.md); a few dozen pages a day at most.
    archives=tuple(
        Archive(f"https://{channel}.detik.com/indeks?page={{page}}&date={{date:%m/%d/%Y}}",
                links=("article.list-content__item h3.media__title a", "article.list-content__item a.media__link"),
                max_pages=30, since="2010-01-01")
        for channel in ("news", "finance", "inet", "sport", "hot", "health", "travel", "food", "oto")
    ),
    # New: /<section>/d-1234567/slug; 2015: /read/YYYY/MM/DD/hhmmss/id/kanal/slug and /berita/1234567/slug.
    article_url=(r"detik\.com/(?:[a-z0-9-]+/)*(?:d-\d{6,}/[a-z0-9-]+"
                 r"|(?:read|readfoto|readvideo)/\d{4}/\d\d/\d\d/\d{6}/\d+/|berita/\d{6,}/)"),
    not_article_url=r"detik\.com/(?:indeks|tag|search|kanal|terpopuler|foto|video)(?:[/?]|$)",
    single_page=(("single", "1"),),
    next_page=("link[rel=next]",),
    drop_paragraphs=(
        r"^\[Gambas:",                         # embed placeholders: [Gambas:Video 20detik]
        r"(?i)^\W{0,3}simak\s+(juga\s+)?video\b",  # 'Simak Video "..."' before the embed
    ),
    author_label=r"detik\w*",
    layouts=(
        Layout(
            "desktop .jdl + div.detail_text (inet: div.text_detail)", until=2018,
            title=(".jdl h1", "h1.l_blue2_detik"),
            published=(".jdl .date", "h1.l_blue2_detik ~ div.date"),
            authors=(".jdl .author", "h1.l_blue2_detik ~ div.author"),
            body=("div.detail_text", "div.text_detail"),
            drop=(*_DROP, ".pic_artikel", ".newstag"),
        ),
        Layout(
            "readfoto .detail_profil + div.text_gal (photo story)", until=2018,
            title=(".detail_profil h1",),
            published=(".detail_profil .date",),
            authors=(".detail_profil strong.l_blue2_detik",),
            body=("div.text_gal",),
            drop=_DROP,
        ),
        Layout(
            "article.detail h1.detail__title + div.detail__body-text", since=2019,
            title=("h1.detail__title",),
            published=(".detail__date",),
            authors=(".detail__author",),
            body=(".detail__body-text",),
            drop=(*_DROP, ".para_caption", ".parallaxindetail", ".detail__body-tag", ".detail__newstag", ".video20detik",
                  ".detail__long-nav", ".detail__multiple", ".staticdetail_container", ".ads-scrollpage-container"),
            next_page=("link[rel=next]", ".detail__long-nav a.detail__anchor-next"),
        ),
    ),
)
