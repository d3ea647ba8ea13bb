"""The facts the docs state, computed from the code: what cog writes into README.md and
data/README.md between ``[[[cog`` and ``[[[end]]]`` markers.

Why: numbers and lists typed into prose drift (the schema version, the command list, how
many sites do what, a table's columns). Each is generated here instead, ``make docs``
rewrites them, and tests/test_docs_current.py fails when a generated section is stale.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from pipelines import commands, formats
from pipelines.cli import command_names
from pipelines.commands.sites import capabilities, summary
from scraper.errors import FailureKind
from scraper.sites import all_profiles
from scraper.store.migrations import SCHEMA_VERSION, migrate

#: The files whose generated sections tests/test_docs_current.py checks and ``make docs`` rewrites.
DOCS = ("README.md", "data/README.md")


def command_table() -> str:
    """Every ``scraper`` subcommand with the one-line help ``scraper --help`` shows."""
    lines = ["| command | what it does |", "|---|---|"]
    lines += [f"| `scraper {name}` | {commands.SUMMARIES[name]} |" for name in command_names()]
    return "\n".join(lines) + "\n"


def format_table() -> str:
    """Every output format (pipelines/formats), the commands that write it and what it is."""
    lines = ["| `--format` | " + " | ".join(f"`{c}`" for c in formats.COMMANDS.values()) + " | what it is |",
             "|---|" + "---|" * len(formats.COMMANDS) + "---|"]
    for fmt in formats.all_formats().values():
        marks = " | ".join("yes" if fmt.writes(kind) else "" for kind in formats.COMMANDS)
        lines.append(f"| `{fmt.name}` | {marks} | {fmt.about} |")
    return "\n".join(lines) + "\n"


def site_counts() -> str:
    """How many sites have a profile and what they can do (the line docs/SITES.md opens with)."""
    rows = [capabilities(profile) for profile in all_profiles()]
    return f"{len(rows)} sites: {summary(rows).removesuffix(', 0 verified live')} (docs/SITES.md).\n"


def schema_version() -> str:
    """The schema version this code writes, and what happens to a file of another version."""
    return (f"- **Schema version** is `PRAGMA user_version` (currently {SCHEMA_VERSION}). Any `scraper` command that\n"
            "  writes migrates an older file in place (`scraper migrate` does only that); a file newer\n"
            "  than the code is refused.\n")


def table_columns(table: str) -> str:
    """A table's columns in schema order, read from a database the migrations just built."""
    conn = sqlite3.connect(":memory:")
    try:
        migrate(conn, ":memory:")
        names = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()
    if not names:
        raise ValueError(f"no table {table!r} in the schema")
    return f"Columns in schema order: {', '.join(f'`{name}`' for name in names)}.\n"


def failure_kinds() -> str:
    """Every failure kind (``error_kind``), what it means and how the crawl treats it,
    read from :class:`scraper.errors.FailureKind`."""
    lines = ["| kind | meaning | retried in the fetch | the site's fault | crawl outcome |", "|---|---|---|---|---|"]
    for kind in FailureKind:
        retried, site = _when(kind, kind.retried), _when(kind, kind.site_level)
        lines.append(f"| `{kind}` | {kind.meaning} | {retried} | {site} | {kind.outcome} |")
    return "\n".join(lines) + "\n"


def _when(kind: FailureKind, rule: Callable[[int | None], bool]) -> str:
    """"yes", "" or, for a kind the HTTP status decides, the statuses (5xx for all of them)."""
    if rule(None):
        return "yes"
    statuses = [status for status in range(400, 600) if rule(status)]
    if not statuses:
        return ""
    all_5xx = set(range(500, 600)) <= set(statuses)
    shown = [str(s) for s in statuses if not (all_5xx and s >= 500)] + (["5xx"] if all_5xx else [])
    return "HTTP " + ", ".join(shown)
