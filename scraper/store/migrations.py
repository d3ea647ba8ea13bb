"""The store's schema as an ordered list of migrations, versioned by ``PRAGMA user_version``.

Why migrations rather than one CREATE script: analysts keep databases for months, and a
crawl must be able to open last year's file and bring it up to date without losing rows.
Each migration is applied once, in its own transaction, and bumps ``user_version``; a
database newer than the code is refused instead of being written with a schema we do not
understand. Never edit a released migration: append a new one.

All times are UTC ISO 8601 text ('YYYY-MM-DDTHH:MM:SSZ') so they sort correctly as text.
"""

from __future__ import annotations

import sqlite3

from scraper.errors import StoreError
from scraper.store.columns import add_columns, create_articles

_V1_TABLES = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    sites TEXT NOT NULL DEFAULT '[]',
    counts TEXT NOT NULL DEFAULT '{}',
    discovered INTEGER, new INTEGER, updated INTEGER, unchanged INTEGER,
    not_article INTEGER, failed INTEGER, blocked INTEGER,
    status TEXT NOT NULL DEFAULT 'running'
);

CREATE TABLE pages (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    final_url TEXT NOT NULL,
    site TEXT,
    status INTEGER NOT NULL,
    content_type TEXT,
    etag TEXT,
    last_modified TEXT,
    fetched_at TEXT NOT NULL,
    body BLOB NOT NULL,
    body_encoding TEXT NOT NULL DEFAULT 'zlib',
    body_size INTEGER NOT NULL,
    body_hash TEXT NOT NULL
);
CREATE INDEX pages_url ON pages(url);
CREATE INDEX pages_site ON pages(site);

""" + create_articles("sqlite", 1) + """CREATE INDEX articles_site_published ON articles(site, published);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_page_id ON articles(page_id);

CREATE TABLE article_versions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    version INTEGER NOT NULL,
    title TEXT,
    body TEXT,
    content_hash TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    replaced_at TEXT NOT NULL,
    page_id INTEGER REFERENCES pages(id) ON DELETE SET NULL,
    UNIQUE (article_id, version)
);

CREATE TABLE fetches (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id),
    fetched_at TEXT NOT NULL,
    status INTEGER,
    error_kind TEXT,
    error TEXT,
    elapsed_ms INTEGER,
    attempt INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX fetches_url ON fetches(url);
CREATE INDEX fetches_run ON fetches(run_id);

-- External-content FTS5: the text lives once, in articles; the index follows it through
-- triggers. The update trigger fires only when title or body change, so refreshing
-- last_seen on an unchanged article costs no index work.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content='articles', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
"""

# Views for analysts: Indonesian local time and one row per author / tag.
_V2_VIEWS = """
CREATE VIEW articles_wib AS
SELECT id, site, url, title,
       strftime('%Y-%m-%dT%H:%M:%S+07:00', published, '+7 hours') AS published_wib,
       date(published, '+7 hours') AS day_wib,
       published, published_local, authors, tags, section, word_count, extractor, version
FROM articles;

CREATE VIEW article_authors AS
SELECT a.id AS article_id, a.site, a.published, j.value AS author
FROM articles AS a, json_each(a.authors) AS j;

CREATE VIEW article_tags AS
SELECT a.id AS article_id, a.site, a.published, j.value AS tag
FROM articles AS a, json_each(a.tags) AS j;

CREATE INDEX fetches_fetched_at ON fetches(fetched_at);
"""

# Multi-page articles keep every page (a later page points at its first page), redirects
# are recorded (re-extraction reads a page at the address the crawl read it), editors are
# kept apart from authors, and URLs that keep failing are retried on a back-off, then
# given up, instead of failing every run.
_V3_PAGES_EDITORS_FAILURES = """
ALTER TABLE pages ADD COLUMN part_of INTEGER REFERENCES pages(id) ON DELETE CASCADE;
ALTER TABLE pages ADD COLUMN part INTEGER;
ALTER TABLE pages ADD COLUMN redirected INTEGER;
CREATE INDEX pages_part_of ON pages(part_of);

""" + add_columns("sqlite", 3) + """
CREATE TABLE url_failures (
    url TEXT PRIMARY KEY,
    site TEXT,
    failures INTEGER NOT NULL,
    error_kind TEXT,
    error TEXT,
    first_failed TEXT NOT NULL,
    last_failed TEXT NOT NULL,
    retry_after TEXT
);
CREATE INDEX url_failures_site ON url_failures(site);

CREATE VIEW article_editors AS
SELECT a.id AS article_id, a.site, a.published, j.value AS editor
FROM articles AS a, json_each(a.editors) AS j;
"""

# Backfills keep a watermark per (site, archive, day): a day whose archive was walked to
# its end and whose articles were all fetched is not walked again.
_V4_ARCHIVE_DAYS = """
CREATE TABLE archive_days (
    site TEXT NOT NULL,
    archive TEXT NOT NULL,
    day TEXT NOT NULL,
    pages INTEGER NOT NULL,
    links INTEGER NOT NULL,
    capped INTEGER NOT NULL DEFAULT 0,
    completed_at TEXT NOT NULL,
    PRIMARY KEY (site, archive, day)
);
"""

# The layout-drift canary: per run and site, how complete the extracted articles were.
_V5_RUN_SITES = """
CREATE TABLE run_sites (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    site TEXT NOT NULL,
    articles INTEGER NOT NULL,
    title_fill REAL NOT NULL,
    published_fill REAL NOT NULL,
    authors_fill REAL NOT NULL,
    words_mean REAL NOT NULL,
    fallback_share REAL NOT NULL,
    empty_share REAL NOT NULL,
    PRIMARY KEY (run_id, site)
);
CREATE INDEX run_sites_site ON run_sites(site, run_id);
"""

#: The stories view: plain SQL both dialects speak (scraper/store/pg_schema.py uses it too).
STORIES_VIEW = """
CREATE VIEW stories AS
SELECT r.id AS story_id, r.site, r.url, r.title, r.published,
       m.articles, m.sites, m.last_published
FROM (SELECT story_id, count(*) AS articles, count(DISTINCT site) AS sites, max(published) AS last_published
      FROM articles WHERE story_id IS NOT NULL GROUP BY story_id) AS m
JOIN articles AS r ON r.id = m.story_id;
"""

# Syndicated copies (scraper.dedupe.stories): each article joins a story whose id is its earliest
# published member; copies point at it with duplicate_of. article_bands indexes the MinHash
# band keys (scraper.dedupe.neardup) so a new article finds its candidates with a few index probes;
# dedupe_queue lists the articles whose text is new or changed since the last pass (filled
# by triggers, so every writer feeds it; existing articles are queued once, here).
_V6_STORIES = "\n" + add_columns("sqlite", 6) + """CREATE INDEX articles_story ON articles(story_id, published);

CREATE TABLE article_bands (
    band_key INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band_key, article_id)
) WITHOUT ROWID;
CREATE INDEX article_bands_article ON article_bands(article_id);

CREATE TABLE dedupe_queue (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE
);
CREATE TRIGGER articles_dedupe_ai AFTER INSERT ON articles BEGIN
    INSERT INTO dedupe_queue (article_id) VALUES (new.id) ON CONFLICT (article_id) DO NOTHING;
END;
CREATE TRIGGER articles_dedupe_au AFTER UPDATE OF content_hash ON articles
WHEN old.content_hash IS NOT new.content_hash BEGIN
    INSERT INTO dedupe_queue (article_id) VALUES (new.id) ON CONFLICT (article_id) DO NOTHING;
END;
INSERT INTO dedupe_queue (article_id) SELECT id FROM articles;

""" + STORIES_VIEW

# URLs whose article a crawl's --match filter left out: their page is archived, so a crawl
# with the same filter does not fetch them again; but they are not "known" to a crawl
# without it (or with another), which fetches and stores them, and reextract never turns
# them into articles the filter excluded. ``filter`` is the patterns, one per line, sorted.
LEFT_OUT_TABLE = """
CREATE TABLE left_out (
    url TEXT PRIMARY KEY,
    site TEXT,
    filter TEXT NOT NULL,
    left_at TEXT NOT NULL
);
"""

# `scraper doctor --live`: the last answer of each site's capability (feed, sitemap,
# archive, search, article), and when it last worked, so a capability that stops
# working is told apart from one that never did.
_V7_PROBES = """
CREATE TABLE probes (
    site TEXT NOT NULL,
    capability TEXT NOT NULL,
    url TEXT NOT NULL,
    checked_at TEXT NOT NULL,
    ok INTEGER NOT NULL,
    links INTEGER NOT NULL DEFAULT 0,
    elapsed_ms REAL NOT NULL DEFAULT 0,
    detail TEXT NOT NULL DEFAULT '',
    last_ok_at TEXT,
    PRIMARY KEY (site, capability)
);
"""

#: The rubric's second level (scraper.extract.section): "Sepakbola" under section "Sport". Articles
#: stored before keep NULL until ``scraper reextract`` reads their pages again. The index
#: serves the per-site rubric counts (``scraper stats``, Datasette facets).
RUBRIC_INDEX = "CREATE INDEX articles_site_section ON articles(site, section, subsection);\n"

# The sub-rubric (above) and the keywords learned to be on nearly every page of a site
# (scraper.extract.tags.learn_sitewide): kept out of that site's tags from then on.
_V7_RUBRIC_SITE_KEYWORDS = "\n" + add_columns("sqlite", 7) + RUBRIC_INDEX + """
CREATE TABLE site_keywords (
    site TEXT NOT NULL,
    keyword TEXT NOT NULL,
    articles INTEGER NOT NULL,
    share REAL NOT NULL,
    learned_at TEXT NOT NULL,
    PRIMARY KEY (site, keyword)
);
"""

# A distributed run's report, part by part: each task's site report (JSON) once per task
# id, so a redelivered task never counts twice; the run's report is their merge.
RUN_PARTS_TABLE = """
CREATE TABLE run_parts (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    task TEXT NOT NULL,
    site TEXT NOT NULL,
    report TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (run_id, task)
);
"""

#: Site templates learned from a host's own pages (scraper.extract.template): the template as JSON,
#: the pages it was learned from, its version, and how often it was used or fell back.
_V7_SITE_TEMPLATES = """
CREATE TABLE site_templates (
    host TEXT PRIMARY KEY,
    template TEXT NOT NULL,
    pages TEXT NOT NULL DEFAULT '[]',
    version INTEGER NOT NULL,
    learned_at TEXT NOT NULL,
    used INTEGER NOT NULL DEFAULT 0,
    fallbacks INTEGER NOT NULL DEFAULT 0,
    misses INTEGER NOT NULL DEFAULT 0
);
"""

#: Migration N (1-based) brings a database from user_version N-1 to N.
MIGRATIONS: tuple[str, ...] = (
    _V1_TABLES, _V2_VIEWS, _V3_PAGES_EDITORS_FAILURES, _V4_ARCHIVE_DAYS, _V5_RUN_SITES, _V6_STORIES,
    # v7: --match exclusions, doctor --live probes, the sub-rubric and learned site-wide keywords,
    # learned site templates, a distributed run's parts
    LEFT_OUT_TABLE + _V7_PROBES + _V7_RUBRIC_SITE_KEYWORDS + _V7_SITE_TEMPLATES + RUN_PARTS_TABLE,
)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_ours(conn: sqlite3.Connection, path: str) -> int:
    """The schema version of a database this scraper may use; StoreError for a foreign SQLite
    file (no schema version, tables, none of them ``articles``): it is neither read as a
    store nor "migrated" into one, which would write our tables into someone else's file."""
    version = schema_version(conn)
    if version == 0:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "articles" not in tables:
            raise StoreError(
                f"{path}: not a scraper database (it has tables, {', '.join(sorted(tables)[:5])}, but no articles "
                "table and no schema version); give --db a store made by `scraper crawl` or `scraper extract --db`"
            )
    return version


def check_version(version: int, path: str) -> None:
    """Refuse a database written by newer code: we could corrupt what we don't know."""
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: database schema version {version} is newer than this scraper supports "
            f"({SCHEMA_VERSION}); upgrade the scraper to open it"
        )


def migrate(conn: sqlite3.Connection, path: str = "database", target: int = SCHEMA_VERSION) -> int:
    """Apply the missing migrations up to ``target``; returns the resulting version.

    ``conn`` must be in autocommit mode (isolation_level=None): each step runs in its own
    BEGIN IMMEDIATE transaction together with its user_version bump, so a crash between
    steps leaves a database at a well-defined version.
    """
    current = schema_version(conn)
    check_version(current, path)
    while current < target:
        script = MIGRATIONS[current]
        statements = [s for s in _split(script)]
        conn.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(conn) != current:  # another process migrated meanwhile
                conn.execute("ROLLBACK")
                current = schema_version(conn)
                check_version(current, path)
                continue
            for statement in statements:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {current + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        current += 1
    return current


def _split(script: str) -> list[str]:
    """Split a script into complete statements (triggers contain ';' inside BEGIN..END)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
