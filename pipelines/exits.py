"""Exit statuses of the ``scraper`` command (contract): 0 ok, 1 error, 2 usage, 3 not an article;
``crawl`` also: 4 another crawl is running on the store, 130 stopped by Ctrl-C (SIGINT)."""

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_NOT_ARTICLE = 0, 1, 2, 3
#: ``scraper crawl`` did not start: another crawl holds the store (pipelines/crawl_lock.py).
EXIT_BUSY = 4
#: ``scraper crawl`` stopped by SIGINT (Ctrl-C): 128 + 2, as shells report it. SIGTERM, the
#: service manager's way to stop the job, still ends with the run's own status.
EXIT_INTERRUPTED = 130
