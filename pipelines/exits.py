"""Exit statuses of the ``scraper`` command (contract): 0 ok, 1 error, 2 usage, 3 not an article."""

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_NOT_ARTICLE = 0, 1, 2, 3
