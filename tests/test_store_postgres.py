"""What only the PostgreSQL backend has: its schema beside SQLite's, its versions, its
messages, and real ``scraper`` processes writing into one database at once (the crawl end
to end over the loopback mirror, twice in parallel). Tests that hold for both backends are
in test_store.py and test_store_concurrency.py, parametrised."""

from __future__ import annotations

import multiprocessing as mp
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import services

from devtools.sitegen import build_demo_sites
from pipelines.mirror import MirrorServer
from scraper.article import Article
from scraper.errors import StoreError
from scraper.store import Store, migrations, pg_schema
from scraper.store.columns import ARTICLE_COLUMNS
from scraper.store.target import redact_dsn

ROOT = Path(__file__).resolve().parent.parent


def rows(store: Store, sql: str, *params: object) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in store.backend.execute(sql, params).fetchall()]


# --- no server needed ---------------------------------------------------------------------

def test_every_sqlite_migration_has_a_postgresql_twin() -> None:
    """The guard: a version appended to scraper/store/migrations.py fails here until the same
    step is appended to scraper/store/pg_schema.py MIGRATIONS (same number, same meaning)."""
    missing = set(range(pg_schema.BASE_VERSION + 1, migrations.SCHEMA_VERSION + 1)) - set(pg_schema.MIGRATIONS)
    assert not missing, f"scraper/store/migrations.py has version(s) {sorted(missing)} that pg_schema.MIGRATIONS lacks"
    assert pg_schema.SCHEMA_VERSION == migrations.SCHEMA_VERSION
    assert sorted(pg_schema.MIGRATIONS) == list(range(pg_schema.BASE_VERSION + 1, pg_schema.SCHEMA_VERSION + 1))


@pytest.mark.parametrize(("dsn", "shown"), [
    ("postgresql://scraper:s3cret@db.example:5432/news", "postgresql://scraper:***@db.example:5432/news"),
    ("postgres://scraper@db.example/news", "postgres://scraper@db.example/news"),
    ("postgresql://db.example/news?user=scraper&password=s3cret&sslmode=require",
     "postgresql://db.example/news?user=scraper&password=***&sslmode=require"),
    ("postgresql://u:p%40ss@h/d?options=-csearch_path%3Dt1", "postgresql://u:***@h/d?options=-csearch_path=t1"),
])
def test_the_password_never_shows(dsn: str, shown: str) -> None:
    assert redact_dsn(dsn) == shown


def test_placeholders_become_psycopg_markers() -> None:
    if not _has_psycopg():
        services.missing("PostgreSQL", f"PostgreSQL tests need psycopg, which is not installed ({services.INSTALL_HINT})")
    from scraper.store.postgres import to_psycopg  # noqa: PLC0415

    assert to_psycopg("SELECT * FROM t WHERE a = ? AND b LIKE '50%?' AND c = ?") == (
        "SELECT * FROM t WHERE a = %s AND b LIKE '50%%?' AND c = %s")
    assert to_psycopg("SELECT \"odd?name\", $$ ? $$, 'it''s ?' -- why?\n, ?") == (
        "SELECT \"odd?name\", $$ ? $$, 'it''s ?' -- why?\n, %s")


def _has_psycopg() -> bool:
    try:
        import psycopg  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


# --- the schema ---------------------------------------------------------------------------

def _sqlite_columns(tmp_path: Path) -> dict[str, list[str]]:
    with Store(tmp_path / "twin.db") as store:
        names = [r[0] for r in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'articles_fts%'"
            " AND name NOT LIKE 'sqlite_%'")]
        return {n: [c[1] for c in store.conn.execute(f"PRAGMA table_info({n})")] for n in names}


def test_same_tables_views_and_columns_as_sqlite(pg_dsn: str, tmp_path: Path) -> None:
    expected = _sqlite_columns(tmp_path)
    with Store(pg_dsn) as store:
        got: dict[str, list[str]] = {}
        for table, column in rows(store, "SELECT table_name, column_name FROM information_schema.columns"
                                         " WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"):
            got.setdefault(table, []).append(column)
        indexes = {r[0] for r in rows(store, "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")}
    assert got.pop("schema_version") == ["version", "migrated_at"]
    got["articles"].remove("fts")  # the tsvector, PostgreSQL's articles_fts (a generated column)
    assert got == expected
    with Store(tmp_path / "twin.db") as store:
        sqlite_indexes = {r[0] for r in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")}
    assert sqlite_indexes <= indexes and "articles_fts" in indexes


def test_fresh_database_is_created_at_the_current_version_in_one_step(pg_dsn: str) -> None:
    with Store(pg_dsn, readonly=False) as store:
        assert store.backend.found_version == 0
        assert rows(store, "SELECT version FROM schema_version") == [(migrations.SCHEMA_VERSION,)]
    with Store(pg_dsn) as store:
        assert store.backend.found_version == migrations.SCHEMA_VERSION


def test_readonly_open_of_an_empty_database_says_how_to_create_the_tables(pg_dsn: str) -> None:
    with pytest.raises(StoreError, match=r"no scraper tables in this database yet; `scraper migrate --db"):
        Store(pg_dsn, readonly=True)
    with pytest.raises(StoreError, match=r"no scraper tables"):  # and it created nothing
        Store(pg_dsn, readonly=True)


def test_someone_elses_articles_table_is_refused(pg_dsn: str, pg_session: services.PostgresSession) -> None:
    schema = pg_dsn.rsplit("search_path%3D", 1)[1]
    with pg_session.connect() as conn:
        conn.execute(f"CREATE TABLE {schema}.articles (id int)")
    with pytest.raises(StoreError, match="not a scraper database"):
        Store(pg_dsn)


def _open(dsn: str, go: Any, out: Any) -> None:
    go.wait(30)
    try:
        with Store(dsn) as store:
            out.put(store.backend.found_version)
    except StoreError as exc:
        out.put(str(exc))


def test_processes_opening_a_fresh_database_at_once_create_it_once(pg_dsn: str) -> None:
    ctx = mp.get_context("spawn")
    go, out = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_open, args=(pg_dsn, go, out)) for _ in range(4)]
    for proc in procs:
        proc.start()
    go.set()
    found = sorted(out.get(timeout=60) for _ in procs)
    for proc in procs:
        proc.join(30)
    assert found == [0] + [migrations.SCHEMA_VERSION] * 3  # one created it, the others found it made


def test_exports_never_see_the_tsvector(pg_dsn: str) -> None:
    with Store(pg_dsn) as store:
        store.save_article(Article(url="https://x.id/1", site="x", title="Banjir", paragraphs=["Air naik."]))
        assert list(next(store.iter_articles())) == list(ARTICLE_COLUMNS)


# --- messages -----------------------------------------------------------------------------

def test_connection_problems_are_one_line_without_the_password(pg_session: services.PostgresSession) -> None:
    refused = "postgresql://scraper:s3cret@127.0.0.1:9/news"  # nothing listens on the discard port
    with pytest.raises(StoreError) as caught:
        Store(refused)
    message = str(caught.value)
    assert message.startswith("postgresql://scraper:***@127.0.0.1:9/news: cannot connect:")
    assert "Connection refused (is PostgreSQL running there" in message
    assert "s3cret" not in message and "\n" not in message
    with pytest.raises(StoreError) as caught:  # the driver quotes the bad token: the password itself
        Store("postgresql://scraper:p%zzs3cret@127.0.0.1:9/news")
    assert "not a valid PostgreSQL connection string" in str(caught.value) and "s3cret" not in str(caught.value)
    missing = services.with_database(pg_session.admin_dsn, "scraper_no_such_db")
    with pytest.raises(StoreError, match=r'database "scraper_no_such_db" does not exist \(create it first'):
        Store(missing)


def test_a_user_without_rights_is_told_so(pg_session: services.PostgresSession, pg_dsn: str) -> None:
    role = pg_session.name + "_nobody"
    with pg_session.connect() as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN")
    try:
        parts = pg_dsn.split("://", 1)[1].split("@", 1)[-1]
        dsn = f"postgresql://{role}:pw@{parts}"
        with pytest.raises(StoreError, match=r"no schema has been selected to create in \(no schema on the search_path"):
            Store(dsn)  # the schema is not even visible to this user
        schema = pg_dsn.rsplit("search_path%3D", 1)[1]
        with pg_session.connect() as conn:
            conn.execute(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
        with pytest.raises(StoreError) as caught:
            Store(dsn)  # visible, but it may not create tables there
        assert (f"cannot set up the database: permission denied for schema {schema}"
                " (the database user needs the rights") in str(caught.value)
        assert ":pw@" not in str(caught.value) and ":***@" in str(caught.value)
    finally:
        with pg_session.connect() as conn:
            conn.execute(f"DROP OWNED BY {role}")
            conn.execute(f"DROP ROLE {role}")


def test_scraper_db_may_hold_a_dsn(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from pipelines.cli import main  # noqa: PLC0415

    monkeypatch.setenv("SCRAPER_DB", "postgresql://scraper:s3cret@127.0.0.1:9/news")
    assert main(["stats"]) == 1
    err = capsys.readouterr().err  # cannot connect (or, without the extra: it is needed)
    assert err.startswith("scraper stats: postgresql://scraper:***@127.0.0.1:9/news: ") and "s3cret" not in err
    assert main(["explore"]) == 2
    assert "is PostgreSQL; explore browses a SQLite file" in capsys.readouterr().err


def test_cli_messages_never_show_the_password(capsys: pytest.CaptureFixture[str]) -> None:
    from pipelines.cli import main  # noqa: PLC0415

    dsn = "postgresql://scraper:s3cret@127.0.0.1:9/news"
    for command in (["stats"], ["search", "banjir"], ["export"], ["migrate"], ["reextract"], ["crawl", "--site", "jpnn"]):
        assert main([*command, "--db", dsn]) in (1, 2), command
        err = capsys.readouterr().err
        assert "s3cret" not in err and "***" in err, (command, err)
    assert main(["explore", "--db", dsn]) == 2
    err = capsys.readouterr().err
    assert "s3cret" not in err and "is PostgreSQL; explore browses a SQLite file" in err
    assert "scraper export --db DSN --format sqlite -o snapshot.db" in err


# --- real processes: the crawl end to end, twice at once ----------------------------------

def _crawl(dsn: str, port: int) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "scraper", "crawl", "--db", dsn, "--no-delay", "--workers", "1",
               "--site", "detik", "--site", "liputan6", "--site", "jpnn", "--resolve", f"*=127.0.0.1:{port}"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_two_crawls_at_once_into_one_database_then_a_third_fetches_nothing(pg_dsn: str, tmp_path: Path) -> None:
    sites = tmp_path / "sites"
    build_demo_sites(sites)
    with Store(pg_dsn):  # the schema first, so both crawls start on the same footing
        pass
    with MirrorServer(sites) as mirror:
        both = [_crawl(pg_dsn, mirror.port) for _ in range(2)]
        outputs = [proc.communicate(timeout=240) for proc in both]
        # one crawl per store (issue 20): the later one exits 4 while the other runs (or
        # finds the work done, should the first have finished before it started)
        codes = sorted(proc.returncode for proc in both)
        assert codes in ([0, 0], [0, 4]), outputs
        assert codes == [0, 0] or "one crawl per store at a time" in "".join(err for _, err in outputs)
        articles = [r["path"] for r in mirror.requests if any(k in r["path"] for k in ("/berita/", "/read/", "/news/"))]
        assert len(articles) == len(set(articles))  # no article page fetched by both
        seen = len(mirror.requests)
        third = _crawl(pg_dsn, mirror.port)
        out, err = third.communicate(timeout=240)
        assert third.returncode == 0, err
        fetched = [r["path"] for r in mirror.requests[seen:]
                   if any(k in r["path"] for k in ("/berita/", "/read/", "/news/"))]
    assert fetched == []  # everything was known: not one article page fetched again
    with Store(pg_dsn, readonly=True) as store:
        assert rows(store, "SELECT count(*), count(DISTINCT url) FROM articles") == [(15, 15)]
        assert rows(store, "SELECT url FROM pages GROUP BY url, body_hash HAVING count(*) > 1") == []
        assert rows(store, "SELECT max(version) FROM articles") == [(1,)]
        assert rows(store, "SELECT count(*) FROM article_versions") == [(0,)]
        multi = rows(store, "SELECT pages FROM articles WHERE url LIKE ?", "%tips-menabung%")
        assert multi == [(3,)]
        assert [r[0] for r in rows(store, "SELECT status FROM runs ORDER BY id")] == ["ok"] * (len(codes) + 1
                                                                                          - codes.count(4))
        new = sum(r[0] for r in rows(store, "SELECT new FROM runs"))
        assert new == 15  # each article counted new by exactly one crawl
        assert rows(store, "SELECT count(*) FROM fetches WHERE error_kind = 'robots'")[0][0] >= 2
