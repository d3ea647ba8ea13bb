"""otosia.com (KLY): automotive news on the KLY read-page template.

Its pages share the KLY read-page template of liputan6 and fimela: the whole story, all
pages included, sits in one ``.article-content-body`` (``__item-page[data-page]`` blocks on
desktop, ``__item`` blocks on mobile) with in-story "Baca Juga" boxes, ad slots and video
blocks; the writer is in the header byline or only in the ``window.kly`` data layer.
Verified on fixtures only: the corpus holds just this site's home/section pages, which
must stay not_article (the homepage rule below).
"""

from scraper.sites._kly import kly_read_page

PROFILE = kly_read_page(
    name="otosia",
    domains=('otosia.com',),
    site_names=('Otosia.com', 'otosia.com', 'Otosia'),
    feeds=('https://www.otosia.com/feed/',),
    index_pages=('https://www.otosia.com/berita/',),
    article_url=r"otosia\.com/(?:berita|tips|review|[a-z0-9-]+)/[a-z0-9-]{10,}\.html",
)
