"""One Datasette query cannot take the machine (issue 20 item 8).

``select randomblob(1000000000)`` once ran 56 s and left the server at 7.5 GB. Here the
real ``scraper explore`` process starts the real Datasette, the hostile queries go over
HTTP, and the Datasette process's own memory is read from /proc: its peak resident size
(VmHWM) must stay under 500 MB, and it must still answer afterwards.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import httpx
import pytest
from test_explore import explore, make_db, port, stop, wait_until_serving  # noqa: F401 - port is a fixture

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

LIMIT_MB = 500
HOSTILE = [
    "select randomblob(1000000000)",
    "select zeroblob(1000000000)",
    "select length(randomblob(1000000000))",
    # Many rows of the longest value allowed: bounded by max_returned_rows.
    "with recursive n(i) as (select 1 union all select i + 1 from n limit 100000) "
    "select randomblob(262144) from n",
    # A sort of 3000 x 200 KB: past SQLite's heap limit (temporary storage in memory).
    "with recursive n(i) as (select 1 union all select i + 1 from n limit 3000) "
    "select randomblob(200000) as b from n order by b",
]


def _child(parent: int) -> int:
    """The Datasette process that ``scraper explore`` (pid ``parent``) started."""
    children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    assert len(children) == 1, children
    return int(children[0])


def _memory_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no {field} for {pid}")


def test_hostile_queries_leave_datasette_under_500_mb(tmp_path: Path, port: int) -> None:  # noqa: F811
    db = make_db(tmp_path / "articles.db")
    log = (tmp_path / "explore.log").open("w")  # not a pipe: nobody reads it while queries run
    proc = explore(tmp_path, port, "--db", str(db), output=log)
    try:
        wait_until_serving(proc, port)
        datasette = _child(proc.pid)
        base = f"http://127.0.0.1:{port}/articles.json"
        answers = []
        for sql in HOSTILE:
            started = time.monotonic()
            reply = httpx.get(base, params={"sql": sql, "_shape": "array"}, timeout=120)
            said = reply.text[:60] if reply.status_code == 200 else reply.json().get("error")
            answers.append((sql[:40], reply.status_code, round(time.monotonic() - started, 1),
                            round(_memory_mb(datasette, "VmRSS")), said))
        peak = _memory_mb(datasette, "VmHWM")
        still = httpx.get(base, params={"sql": "select count(*) as n from articles", "_shape": "array"}, timeout=30)
    finally:
        code, serving = stop(proc, port)
        log.close()
    print(f"Datasette peak RSS {peak:.0f} MB; per query (sql, status, seconds, RSS MB, answer):")
    for answer in answers:
        print("  ", answer)
    assert peak < LIMIT_MB, answers
    for refused in answers[:3]:  # refused before a byte is allocated
        assert refused[1] == 400 and "too big" in refused[4] and refused[2] < 5, refused
    assert still.json() == [{"n": 1}]  # the server survived and still answers
    assert (code, serving) == (0, False)
