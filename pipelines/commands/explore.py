"""``scraper explore``: browse the database in Datasette, read-only.

Why read-only mode and not ``-i`` (immutable) by default: the store runs in WAL mode, and
an immutable open ignores the WAL, so articles written by a running crawl (not yet
checkpointed) would be missing, and a file changing under an "immutable" reader can give
wrong answers. Datasette's default for a file is already ``mode=ro``: it cannot write,
and it sees the crawl's latest commits. ``--immutable`` is there for frozen snapshots.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from pipelines.exits import EXIT_ERROR
from pipelines.options import add_db
from scraper.errors import StoreError
from scraper.store import Store

#: Table descriptions and canned queries, keyed on the database name "articles".
METADATA = Path(__file__).resolve().parents[2] / "datasette" / "metadata.json"


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("explore", help="browse the database in Datasette (read-only)")
    add_db(parser)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--immutable", action="store_true", help="open as an immutable snapshot (-i)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        with Store(args.db):  # create or migrate first, so the views analysts use exist
            pass
    except StoreError as exc:
        print(f"scraper explore: {exc}", file=sys.stderr)
        return EXIT_ERROR
    command = datasette_command(args.db, host=args.host, port=args.port, immutable=args.immutable)
    return subprocess.call(command)


def metadata_for(db: Path, folder: Path | None = None) -> Path | None:
    """The metadata file, with its database key renamed to ``db``'s name when needed
    (Datasette names a database after its file's stem)."""
    if not METADATA.exists():
        return None
    name = Path(db).stem
    if name == "articles":
        return METADATA
    data = json.loads(METADATA.read_text(encoding="utf-8"))
    data["databases"] = {name: data["databases"]["articles"]}
    target = Path(folder or tempfile.mkdtemp(prefix="scraper-explore-")) / "metadata.json"
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return target


def datasette_command(
    db: Path, *, host: str = "127.0.0.1", port: int = 8001, immutable: bool = False,
    metadata_dir: Path | None = None,
) -> list[str]:
    """The ``datasette serve`` command line for ``db``."""
    command = [sys.executable, "-m", "datasette", "serve", "--host", host, "--port", str(port)]
    command += ["-i", str(db)] if immutable else [str(db)]
    metadata = metadata_for(Path(db), metadata_dir)
    if metadata:
        command += ["--metadata", str(metadata)]
    return command + ["--setting", "sql_time_limit_ms", "5000"]
