"""Discovery: which article URLs a site offers (sitemaps, feeds, archives, its own search, WordPress)."""
