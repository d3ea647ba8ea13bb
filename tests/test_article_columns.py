"""An article's columns are declared once (scraper/store/columns.py) and the rest follows:
the tables both backends build, the store's column order, export's columns. Released
migrations are history: their text is pinned here, so a change of the declaration that
would rewrite what an old step did fails instead of silently changing old databases."""

from __future__ import annotations

import hashlib
from pathlib import Path

from scraper.article import Article
from scraper.store import Store, migrations, pg_schema
from scraper.store.columns import ARTICLE, ARTICLE_COLUMNS, EXPORTED, JSON_LISTS, TYPES, add_columns
from scraper.store.values import article_row

#: sha256 of every released migration's text. A new version is appended here with its step;
#: a changed hash means a released step changed: add a new step instead.
RELEASED_SQLITE = {
    1: "7b8615eacd5fa578b2926e26c88839566b0ce7dc48cd226f6f3f85e9a85b3ec1",
    2: "89ddb43571c2ca394000113f4a265c1fae2a378ea41e7e26b8fa213f8b9ff519",
    3: "46e5753eb8b8366aef0eff4f9d7280e5d9861c530ff858435a4be9ed7313a945",
    4: "897fb0dc3b2c1882c8c3d7821c623e5041f73613feefee50199858386aaf2071",
    5: "d40adbcfef7f1ce39d9e2a5fd56af6ad9a96cc4afeab96abdcdbf26cb99c2e15",
    6: "6b73414b43aad27b539b8e5b0cc33de47d372de4a2b3e8ab3f4c7ea872e9f249",
    7: "2147b934f95a4282424223c92e70525ba469c983bb5434ab4e98ab7bca9af87d",
}
RELEASED_POSTGRESQL = {
    4: "16c23247bcf5785dcc020d9997b296b7c50a55194cbb789d5d0fd10f5d0105af",  # BASE_SCHEMA
    5: "1fd455523c7dbd351e99720bc1249e39bada9a48f57c951219a67aaf52fe8bdc",
    6: "63a5246c116ed6ac9c2ddb728dd524afb79e7ae6bae3ff97eef07e0a16d80824",
    7: "07abba73101e5fe92afdbf1fcc80e6999f2b7f18c7be8d9eac60df19de9a14b4",
}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_released_migrations_are_unchanged() -> None:
    sqlite_steps = {n: _sha(script) for n, script in enumerate(migrations.MIGRATIONS, 1)}
    assert {n: sqlite_steps[n] for n in RELEASED_SQLITE} == RELEASED_SQLITE
    pg_steps = {pg_schema.BASE_VERSION: _sha(pg_schema.BASE_SCHEMA)} | {
        n: _sha(script) for n, script in pg_schema.MIGRATIONS.items()}
    assert {n: pg_steps[n] for n in RELEASED_POSTGRESQL} == RELEASED_POSTGRESQL


def test_the_declaration_is_whole_and_ordered() -> None:
    names = [column.name for column in ARTICLE]
    assert len(names) == len(set(names)) and set(names) == set(ARTICLE_COLUMNS)
    assert all(column.type in TYPES for column in ARTICLE)
    assert all(1 <= column.since <= migrations.SCHEMA_VERSION for column in ARTICLE)
    # the table's order is the order of addition: every later version's columns come after
    assert [c.since for c in sorted(ARTICLE, key=lambda c: ARTICLE_COLUMNS.index(c.name))] == sorted(
        c.since for c in ARTICLE)
    assert JSON_LISTS == ("authors", "editors", "tags")
    assert set(EXPORTED) < set(ARTICLE_COLUMNS)  # export's columns are this declaration itself
    assert "version_since" not in EXPORTED and EXPORTED.index("editors") == EXPORTED.index("authors") + 1


def test_every_version_that_added_columns_says_so_in_both_dialects() -> None:
    for version in {column.since for column in ARTICLE} - {1}:
        assert add_columns("sqlite", version) in migrations.MIGRATIONS[version - 1], version
        if version > pg_schema.BASE_VERSION:
            assert add_columns("postgresql", version) in pg_schema.MIGRATIONS[version], version
    for column in ARTICLE:  # PostgreSQL's first table has what SQLite had by then
        assert (f"    {column.sql('postgresql')},\n" in pg_schema.BASE_SCHEMA) == (column.since <= pg_schema.BASE_VERSION)


def test_an_articles_row_fills_only_declared_columns() -> None:
    row = article_row(Article(url="https://example.id/a", title="T", paragraphs=["Satu dua."]))
    assert set(row) <= set(ARTICLE_COLUMNS)
    assert set(ARTICLE_COLUMNS) - set(row) == {
        "id", "url", "first_seen", "last_seen", "version", "version_since", "page_id",  # the store's own
        "story_id", "duplicate_of", "story_similarity"}  # the dedupe pass's


def test_a_fresh_database_has_the_declared_columns(db_target: Path | str) -> None:
    with Store(db_target) as store:
        if store.backend.name == "sqlite":
            info = store.conn.execute("PRAGMA table_info(articles)").fetchall()
            found = [(name, kind, bool(notnull)) for _, name, kind, notnull, _, _ in info]
        else:
            info = store.conn.execute(
                "SELECT column_name, upper(data_type), is_nullable = 'NO', collation_name FROM information_schema.columns"
                " WHERE table_name = 'articles' AND table_schema = current_schema() ORDER BY ordinal_position").fetchall()
            found = [(name, kind + (' COLLATE "C"' if collation == "C" else ""), notnull)
                     for name, kind, notnull, collation in info if name != "fts"]
    declared = {c.name: c for c in ARTICLE}
    want = []
    for name in ARTICLE_COLUMNS:
        column = declared[name]
        kind = TYPES[column.type][store.backend.name].replace(" GENERATED BY DEFAULT AS IDENTITY", "")
        kind = kind.replace(" PRIMARY KEY", "")
        notnull = "NOT NULL" in column.rest or (column.type == "key" and store.backend.name == "postgresql")
        want.append((name, kind, notnull))
    assert found == want
