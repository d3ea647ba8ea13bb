"""A Datasette plugin that ``scraper explore`` loads: one query cannot take the machine.

Datasette lets anyone who can reach it run SQL. ``select randomblob(1000000000)`` ran for
56 s and left the server at 7.5 GB (issue 20 item 8). Every connection Datasette opens
gets, before its first query (the ``prepare_connection`` hook):

- ``SQLITE_LIMIT_LENGTH`` = :data:`MAX_VALUE_BYTES`: no string or blob a query makes or
  reads may be longer ("string or blob too big", refused before it is allocated). An
  article's text is a few kilobytes; only the compressed raw pages may be longer, and they
  are not for reading in a browser;
- ``PRAGMA hard_heap_limit`` = :data:`HEAP_LIMIT_BYTES`: SQLite's own memory fails the
  query with "out of memory" past it. Big sorts still spill to temporary files (the
  default): with the heap limit on them too (``temp_store = MEMORY``) Datasette stopped
  answering after such a failure.

With Datasette's ``max_returned_rows`` (set by :func:`pipelines.commands.explore.datasette_command`)
a response holds at most rows x columns x :data:`MAX_VALUE_BYTES` (one column of 100 rows at
the limit peaks at ~240 MB). Not bounded: many columns of values at the limit in every row
(~20 such columns pass 500 MB); an address-space cap on the process stopped that but left
Datasette hanging after the MemoryError, so it is not used.

This file is copied into a private plugins folder at run time (``--plugins-dir``), so it
must import nothing from the project.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from datasette.hookspecs import hookimpl

#: The longest string or blob one query may make or read: JSON output holds a value
#: base64-encoded and copied several times, ~8x its size at the peak.
MAX_VALUE_BYTES = 256 * 1024
#: SQLite's heap in the Datasette process (the pragma is process-wide).
HEAP_LIMIT_BYTES = 128 * 1024 * 1024


@hookimpl
def prepare_connection(conn: sqlite3.Connection, database: str, datasette: Any) -> None:
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.execute(f"PRAGMA hard_heap_limit = {HEAP_LIMIT_BYTES}")
