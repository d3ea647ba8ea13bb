"""bola.com (KLY): football and sport news on the liputan6 read-page template.

Its pages share the KLY read-page template of liputan6 and fimela: the whole story, all
pages included, sits in one ``.article-content-body`` (``__item-page[data-page]`` blocks on
desktop, ``__item`` blocks on mobile) with in-story "Baca Juga" boxes, ad slots and video
blocks; the writer is in the header byline or only in the ``window.kly`` data layer.
Verified on fixtures only: the corpus holds just this site's home/section pages, which
must stay not_article (the homepage rule below).
"""

from scraper.sites._kly import kly_read_page

PROFILE = kly_read_page(
    name="bola",
    domains=('bola.com',),
    site_names=('Bola.com', 'bola.com', 'Bola'),
    feeds=('https://www.bola.com/feed',),
    index_pages=('https://www.bola.com/indeks',),
    article_url=r"bola\.com/(?:[a-z0-9-]+/)*read/\d+/",
)
