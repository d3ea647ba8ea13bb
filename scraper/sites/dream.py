"""dream.co.id (KLY): lifestyle and Muslim news on the KLY read-page template; slugs end in a yymmdd+letter id.

Its pages share the KLY read-page template of liputan6 and fimela: the whole story, all
pages included, sits in one ``.article-content-body`` (``__item-page[data-page]`` blocks on
desktop, ``__item`` blocks on mobile) with in-story "Baca Juga" boxes, ad slots and video
blocks; the writer is in the header byline or only in the ``window.kly`` data layer.
Verified on fixtures only: the corpus holds just this site's home/section pages, which
must stay not_article (the homepage rule below).
"""

from scraper.sites._kly import kly_read_page

PROFILE = kly_read_page(
    name="dream",
    domains=('dream.co.id',),
    site_names=('Dream.co.id', 'dream.co.id', 'Dream'),
    feeds=('https://www.dream.co.id/feed/',),
    index_pages=('https://www.dream.co.id/indeks/',),
    article_url=r"dream\.co\.id/(?:[a-z0-9_-]+/)+[a-z0-9-]+-\d{6}[0-9a-z]\.html",
)
