"""``scraper explore``: browse the database in Datasette, read-only.

Why read-only mode and not ``-i`` (immutable) by default: the store runs in WAL mode, and
an immutable open ignores the WAL, so articles written by a running crawl (not yet
checkpointed) would be missing, and a file changing under an "immutable" reader can give
wrong answers. Datasette's default for a file is already ``mode=ro``: it cannot write,
and it sees the crawl's latest commits. ``--immutable`` is there for frozen snapshots
(and for a read-only folder, where SQLite cannot create the WAL's ``-shm`` file).

Nothing here writes to the database: it is checked through a read-only connection, and a
file with an older schema is refused with the command that migrates it, not migrated
behind the user's back. Datasette runs as a child process that this one stops on SIGTERM,
SIGHUP or Ctrl-C, and the rewritten metadata lives in a folder removed on exit.

Anyone who reaches Datasette can run SQL, so one query must not take the machine
(``select randomblob(1000000000)`` once left it at 7.5 GB): the plugin
:mod:`pipelines.explore_limits` caps each value and SQLite's heap on every connection,
and ``max_returned_rows`` caps a response's rows.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from types import FrameType
from urllib.parse import quote

from pipelines.exits import EXIT_ERROR, EXIT_OK, EXIT_USAGE
from pipelines.options import DB_ENV, DEFAULT_DB, db_target
from scraper.errors import StoreError
from scraper.store.migrations import SCHEMA_VERSION, check_version, schema_version
from scraper.store.target import missing_db, redact_dsn

#: Table descriptions and canned queries, keyed on the database name "articles": package data
#: of the Datasette plugin (pipelines/explore_ui), so an installed wheel has it too.
METADATA = Path(__file__).resolve().parents[1] / "explore_ui" / "metadata.json"
#: A long body cell (shown on request) stops after this many characters; the row page has it all.
TRUNCATE_CELLS = 280
#: What ``make demo`` writes; opened when it is the only database there is.
DEMO_DB = DEFAULT_DB.with_name("demo.db")
#: The Datasette plugin bounding each connection (copied into a private plugins folder).
LIMITS_PLUGIN = Path(__file__).resolve().parents[1] / "explore_limits.py"
#: Rows one query or table page may return (Datasette's default is 1000).
MAX_RETURNED_ROWS = 100
#: Seconds Datasette gets to stop after SIGTERM before it is killed (uvicorn waits for the
#: requests in flight, and a query stuck in one SQLite step would hold it for ever).
STOP_GRACE = 10.0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("explore", help="browse the database in Datasette (read-only)")
    parser.add_argument("--db", type=db_target, default=None,
                        help=f"SQLite database (default: ${DB_ENV}, else {DEFAULT_DB}, "
                        f"else {DEMO_DB} when it is the only one); Datasette reads SQLite only")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--immutable", action="store_true", help="open as an immutable snapshot (-i)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    target = args.db or default_database_target()
    if isinstance(target, str):  # a postgresql:// DSN (scraper.store.target.parse_target)
        print(sqlite_only(target), file=sys.stderr)
        return EXIT_USAGE
    try:
        db = target or default_database()
        check_database(db, immutable=args.immutable)
    except StoreError as exc:
        print(f"scraper explore: {exc}", file=sys.stderr)
        return EXIT_ERROR
    with tempfile.TemporaryDirectory(prefix="scraper-explore-") as folder:
        command = datasette_command(db, host=args.host, port=args.port, immutable=args.immutable,
                                    metadata_dir=Path(folder))
        print(f"scraper explore: serving {db} at http://{args.host}:{args.port}/ "
              f"(charts: http://{args.host}:{args.port}/-/dashboard)", file=sys.stderr, flush=True)
        return serve(command)


def sqlite_only(dsn: str) -> str:
    """What to do instead when explore is given PostgreSQL (password never shown)."""
    return (f"scraper explore: {redact_dsn(dsn)} is PostgreSQL; explore browses a SQLite file in Datasette. "
            f"Make a SQLite snapshot first: scraper export --db DSN --format sqlite -o snapshot.db, "
            f"then scraper explore --db snapshot.db")


def default_database_target() -> Path | str | None:
    """``$SCRAPER_DB`` as given (it may be a DSN), or None to pick a file below."""
    return db_target(os.environ[DB_ENV]) if os.environ.get(DB_ENV) else None


def default_database(command: str = "explore") -> Path:
    """``$SCRAPER_DB``, else the newest of data/articles.db and data/demo.db that has articles
    (a failed offline crawl leaves a near-empty articles.db that would hide the demo), else
    the newest that exists; the choice is said on stderr."""
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
    found = [db for db in (DEFAULT_DB, DEMO_DB) if db.exists()]
    if not found:
        raise StoreError(f"{DEFAULT_DB}: no such database; run `make demo` (writes {DEMO_DB}) or "
                         "`scraper crawl` first, or pass --db PATH (make explore DB=PATH)")
    counted = {db: article_count(db) for db in found}
    with_articles = [db for db in found if counted[db]]
    chosen = max(with_articles or found, key=lambda db: db.stat().st_mtime)
    others = ", ".join(f"{db} ({counted[db]} articles)" for db in found if db != chosen)
    print(f"scraper {command}: opening {chosen} ({counted[chosen]} articles)"
          + (f"; also there: {others}" if others else ""), file=sys.stderr)
    return chosen


def article_count(db: Path) -> int:
    """Articles in ``db`` read through a read-only connection; 0 when it has none or no table."""
    try:
        conn = sqlite3.connect(f"file:{quote(str(db.resolve()))}?mode=ro", uri=True)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def check_database(db: Path, *, immutable: bool = False) -> None:
    """Raise StoreError unless ``db`` is a scraper database at the current schema, reading it
    exactly as Datasette will (``mode=ro`` or ``immutable=1``), so it is never written."""
    problem = missing_db(db)
    if problem:
        raise StoreError(problem)
    uri = f"file:{quote(str(db.resolve()))}?{'immutable=1' if immutable else 'mode=ro'}"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            version = schema_version(conn)
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.Error as exc:
        hint = "" if immutable else (
            "; a WAL database opened read-only needs its folder writable (for the -shm file): "
            "use --immutable to browse a snapshot that nothing is writing to"
        )
        raise StoreError(f"{db}: cannot open it read-only: {exc}{hint}") from exc
    check_version(version, str(db))
    if version == 0 and "articles" not in tables:
        raise StoreError(f"{db}: not a scraper database (no articles table)")
    if version < SCHEMA_VERSION:
        raise StoreError(
            f"{db}: database schema version {version} is older than this scraper's ({SCHEMA_VERSION}); "
            f"explore does not write to it: run `scraper migrate --db {db}` once, then explore again"
        )


def serve(command: list[str]) -> int:
    """Run Datasette until it exits; SIGTERM/SIGHUP/Ctrl-C stop it too (0 when we stopped it),
    so no server is left running after ``scraper explore`` has gone."""
    child = subprocess.Popen(command)
    stopped = False

    def forward(signum: int, frame: FrameType | None) -> None:
        nonlocal stopped
        stopped = True
        child.terminate()
        killer = threading.Timer(STOP_GRACE, child.kill)
        killer.daemon = True
        killer.start()

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        while True:
            try:
                code = child.wait()
                break
            except KeyboardInterrupt:  # the child got Ctrl-C's SIGINT too; make sure it goes
                stopped = True
                child.terminate()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if child.poll() is None:
            child.kill()
            child.wait()
    if stopped:
        return EXIT_OK
    return 128 - code if code < 0 else code  # killed by a signal: the shell's convention


def metadata_for(db: Path, folder: Path) -> Path | None:
    """The metadata file, with its database key renamed to ``db``'s name when needed
    (Datasette names a database after its file's stem); a renamed copy goes in ``folder``."""
    if not METADATA.exists():
        return None
    name = Path(db).stem
    if name == "articles":
        return METADATA
    data = json.loads(METADATA.read_text(encoding="utf-8"))
    data["databases"] = {name: data["databases"]["articles"]}
    target = folder / "metadata.json"
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return target


def datasette_command(
    db: Path, *, metadata_dir: Path, host: str = "127.0.0.1", port: int = 8001, immutable: bool = False,
) -> list[str]:
    """The ``datasette serve`` command line for ``db`` (metadata copy, if any, in ``metadata_dir``)."""
    command = [sys.executable, "-m", "datasette", "serve", "--host", host, "--port", str(port)]
    command += ["-i", str(db)] if immutable else [str(db)]
    metadata = metadata_for(Path(db), metadata_dir)
    if metadata:
        command += ["--metadata", str(metadata)]
    plugins = metadata_dir / "plugins"
    plugins.mkdir(exist_ok=True)
    shutil.copy(LIMITS_PLUGIN, plugins / LIMITS_PLUGIN.name)
    return command + ["--plugins-dir", str(plugins), "--setting", "sql_time_limit_ms", "5000",
                      "--setting", "max_returned_rows", str(MAX_RETURNED_ROWS),
                      "--setting", "truncate_cells_html", str(TRUNCATE_CELLS)]
