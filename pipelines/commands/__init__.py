"""One module per ``scraper`` subcommand; see :mod:`pipelines.cli`."""
