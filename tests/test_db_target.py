"""A ``--db`` value, read in one place (scraper.store.target): a file is SQLite, a
``postgresql://`` string is PostgreSQL, a missing file is refused where a command needs an
existing store, and a password never shows. Real files and a real server."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.cli import main
from pipelines.distributed.settings import WorkerSettings
from pipelines.options import db_target
from scraper.errors import StoreError
from scraper.store import Store
from scraper.store.target import absolute, is_dsn, missing_db, open_backend, parse_target, redact_dsn


def test_a_sqlite_file_is_a_path_and_opens_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "postgresql.db"  # a file may be named like the scheme: only the prefix counts
    assert parse_target(str(path)) == path and db_target(str(path)) == path
    assert not is_dsn(path)
    assert missing_db(path) == f"{path}: no such database (check --db; `scraper crawl --db {path}` creates one)"
    with Store(parse_target(str(path))) as store:
        assert store.backend.name == "sqlite" and store.where == str(path)
    assert missing_db(path) is None and missing_db(str(path)) is None  # now it exists
    backend = open_backend(path, readonly=True)
    try:
        assert backend.name == "sqlite" and backend.readonly
    finally:
        backend.close()


def test_a_missing_file_is_refused_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "typo.db"
    for command in (["stats"], ["export"], ["migrate"], ["reextract"], ["dedupe"]):
        assert main([*command, "--db", str(path)]) == 1, command
        err = capsys.readouterr().err
        assert f"{path}: no such database" in err, (command, err)
    assert not path.exists()
    assert missing_db(tmp_path) == f"{tmp_path}: not a database file"
    with pytest.raises(StoreError, match="no such database"):
        open_backend(path, readonly=True)


def test_a_postgresql_dsn_stays_text_and_opens_postgresql(pg_dsn: str) -> None:
    assert parse_target(pg_dsn) == pg_dsn and isinstance(parse_target(pg_dsn), str)
    assert is_dsn(pg_dsn) and is_dsn("postgres://u@h/d")
    assert missing_db(pg_dsn) is None  # the server, not the file system, says whether it exists
    assert absolute(pg_dsn) == pg_dsn
    with Store(parse_target(pg_dsn)) as store:
        assert store.backend.name == "postgresql"
        assert store.where == redact_dsn(pg_dsn)


def test_a_password_is_redacted_wherever_the_dsn_is_shown() -> None:
    dsn = "postgresql://scraper:s3cret@127.0.0.1:9/news?password=other&sslmode=require"
    assert redact_dsn(dsn) == "postgresql://scraper:***@127.0.0.1:9/news?password=***&sslmode=require"
    with pytest.raises(StoreError) as caught:  # nothing listens on the discard port
        Store(parse_target(dsn))
    assert str(caught.value).startswith("postgresql://scraper:***@127.0.0.1:9/news?password=***&sslmode=require: ")
    assert "s3cret" not in str(caught.value) and "other" not in str(caught.value)


def test_the_worker_reads_a_path_absolute_and_a_dsn_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    env = {"SCRAPER_REDIS": "redis://127.0.0.1:6379/0"}
    assert WorkerSettings.from_env({**env, "SCRAPER_DB": "data/x.db"}).db == str(tmp_path / "data" / "x.db")
    dsn = "postgresql://scraper:pw@db.example/news"
    assert WorkerSettings.from_env({**env, "SCRAPER_DB": dsn}).db == dsn
