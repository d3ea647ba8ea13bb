"""tempo.co and en.tempo.co (Tempo English), with their channel subdomains (nasional, bisnis, gaya...).

Layouts: the 2015 Indonesian page (``div.artikel`` holding breadcrumbs, the <h1>, the date
line and the story as one <p> cut by ``<br>``; the reporter's name closes the story in
capitals, which the shared ``boilerplate.pop_closing_bylines`` moves to the authors), the
2015 English page (``div.judul-konten`` headline, ``div.tubuh-berita``; the last line is
the source agency), and the 2018-2023 page (``div#isi`` with
``article:published_time`` and ``meta[name=author]``). The 2024+ site is a Nuxt 3 app whose HTML carries no text (an
empty ``window.__NUXT__={}``): the story is in the ``_payload.json`` the page preloads,
read with a second request (``embedded``; its shape is not known from a saved page, so the
longest story field in it is taken), and the AMP version is the next resort.
"""

from __future__ import annotations

from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(
    name="tempo",
    domains=("tempo.co",),
    site_names=("TEMPO.CO", "Tempo", "Tempo.co", "Tempo English", "Tempo Gaya"),
    feeds=("https://rss.tempo.co/nasional", "https://rss.tempo.co/bisnis", "https://rss.tempo.co/dunia"),
    sitemaps=("https://www.tempo.co/sitemap.xml",),
    index_pages=("https://www.tempo.co/indeks",),
    # 2015: /read/news/YYYY/MM/DD/<id>/slug; 2018+: /read/<id>/slug; 2024+: /<section>/slug-<id>.
    article_url=r"tempo\.co/(?:read/(?:news/\d{4}/\d\d/\d\d/)?\d{5,}|[a-z-]+/[a-z0-9-]+-\d{5,}$)",
    not_article_url=r"tempo\.co/(?:indeks|index|tag|topik|search|engine|foto|video)(?:[/?]|$)",
    title=("h1[itemprop=headline]", "article h1.title", ".artikel h1", "div.judul-konten"),
    title_suffix=r"\s*\|\s*Tempo\s+\w+$",
    published=("meta[property='article:published_time']", ".block-tanggal", "#blok-sitemap + div.tanggal",
               "h4.date"),
    tags=(".mlta li a", ".box-tag a", ".detail-tag a"),
    authors=("meta[name=author]", ".reporter a", "div.title-author a"),
    body=("div#isi", "div.detail-konten", "div.tubuh-berita", "div.artikel"),
    drop=(
        "figure", "h1", ".block-kanal-map", ".block-tanggal", ".block-display", ".deskripsi", ".share-konten",
        ".bacajuga", ".baca-juga", ".zoom-font", ".blok-share", ".foto-desc", ".box-tag", ".tag", ".ads",
        "[class*=ads-]",
    ),
    drop_paragraphs=(r"(?i)^\W{0,3}pilihan editor\s*:",),
    embedded=("payload_json:",),
    amp=True,
    layouts=(
        "2015 id div.artikel (closing CAPS byline)",
        "2015 en div.judul-konten + div.tubuh-berita",
        "2018-2023 div#isi",
        "2024+ Nuxt 3: empty HTML, the story in <page>/_payload.json",
    ),
    notes="2024+ Nuxt pages have no text in the HTML: the story comes from their _payload.json (a second request).",
)
