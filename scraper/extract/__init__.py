"""Extraction: one page (and its later pages) in, one :class:`~scraper.article.Article` out."""
