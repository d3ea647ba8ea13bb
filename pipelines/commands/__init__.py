"""One module per ``scraper`` subcommand; see :mod:`pipelines.cli`.

``scraper --help`` lists every command without importing them (a command module imports
what it runs: the crawl, trafilatura, Datasette...), so each command's one-line help is
also written here. A module missing from SUMMARIES still works: ``--help`` then imports it
to read its help (slower); tests/test_cli_fast.py checks the two texts agree.
"""

SUMMARIES = {
    "clean": "keep only the story paragraphs of plain text",
    "crawl": "discover, fetch, extract and store new articles (scheduled job)",
    "dedupe": "group syndicated copies of one story (near-duplicate text)",
    "doctor": "flag sites whose extraction got worse than their recent runs",
    "explore": "browse the database in Datasette (read-only)",
    "export": "export articles as JSON Lines, CSV, Parquet or a SQLite file",
    "extract": "extract the article of URLs or saved HTML files",
    "migrate": "upgrade an existing database's schema (the only change it makes)",
    "mirror": "serve a local mirror of news sites (for tests and demos)",
    "reextract": "re-run extraction over stored raw pages",
    "report": "charts of coverage, volume, health and stories as one HTML file",
    "search": "full-text search over titles and bodies",
    "sites": "list supported sites and their capabilities; `sites new` drafts one",
    "stats": "articles per site and day, fallback share, failures, runs",
    "worker": "run a Celery worker for distributed crawls (pip install '.[distributed]')",
}
