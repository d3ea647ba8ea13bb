"""``make demo``: crawl the synthetic mirror sites end to end and show what landed.

Starts :class:`pipelines.mirror.MirrorServer` on a free loopback port over
``fixtures/sites``, runs the real ``scraper crawl`` (a subprocess, exactly as cron would)
with ``--resolve '*=127.0.0.1:PORT'`` into ``data/demo.db``, runs it a second time to show
that nothing is fetched again, prints a few SQL answers, and stops the mirror.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
from pathlib import Path

from pipelines.mirror import MirrorServer

ROOT = Path(__file__).resolve().parent.parent
QUERIES = (
    ("Articles per site", "SELECT site, count(*) AS articles, sum(extractor LIKE 'site:%') AS by_profile,"
     " sum(pages > 1) AS multipage FROM articles GROUP BY site ORDER BY site"),
    ("Latest titles", "SELECT site, published, title FROM articles ORDER BY published DESC, id LIMIT 6"),
    ("URLs that are not articles (archived pages)", "SELECT url FROM pages WHERE url NOT IN"
     " (SELECT url FROM articles) AND url NOT LIKE '%rss' AND url NOT LIKE '%.xml%'"
     " AND url NOT LIKE '%indeks' ORDER BY url"),
    ("Fetch attempts by outcome", "SELECT coalesce(error_kind, 'HTTP ' || status) AS outcome, count(*) AS n"
     " FROM fetches GROUP BY outcome ORDER BY n DESC"),
    ("Runs", "SELECT id, status, discovered, new, updated, unchanged, not_article, failed FROM runs"),
    ("Stories told by more than one outlet (syndicated copies grouped by the dedupe pass)",
     "SELECT s.story_id, s.sites, s.articles, group_concat(a.site || ': ' || a.title, ' | ') AS copies"
     " FROM stories AS s JOIN articles AS a ON a.story_id = s.story_id WHERE s.sites > 1"
     " GROUP BY s.story_id ORDER BY s.story_id"),
)


def next_steps(db: Path) -> str:
    """The three commands worth running next, with the database just written."""
    shown = db.relative_to(ROOT) if db.is_relative_to(ROOT) else db
    steps = [
        ("make explore", f"browse {shown} in Datasette; charts at /-/dashboard"),
        (f".venv/bin/scraper report --db {shown} --term banjir", "the charts as one offline HTML file"),
        (f".venv/bin/scraper search --db {shown} bus", "full-text search from the terminal"),
    ]
    width = max(len(command) for command, _ in steps)
    return "\n".join(["\nNext, try:", *(f"  {command.ljust(width)}  # {why}" for command, why in steps)])


def _print_query(conn: sqlite3.Connection, title: str, sql: str) -> None:
    cursor = conn.execute(sql)
    names = [c[0] for c in cursor.description]
    rows = cursor.fetchall()
    print(f"\n-- {title}\n{sql}")
    widths = [max(len(str(x)) for x in [n, *(r[i] for r in rows)]) for i, n in enumerate(names)]
    print("  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)))
    for row in rows:
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sites", type=Path, default=ROOT / "fixtures" / "sites")
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "demo.db")
    args = parser.parse_args(argv)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    with MirrorServer(args.sites) as mirror:
        print(f"mirror of {args.sites} on 127.0.0.1:{mirror.port}")
        command = [sys.executable, "-m", "scraper", "crawl", "--db", str(args.db), "--no-delay",
                   "--site", "detik", "--site", "liputan6", "--site", "jpnn",
                   "--resolve", f"*=127.0.0.1:{mirror.port}"]
        print("$", " ".join(command[2:]))
        first = subprocess.run(command, check=False).returncode
        print("\nsecond run, right after (nothing new should be fetched):")
        second = subprocess.run(command, check=False).returncode
    with sqlite3.connect(args.db) as conn:
        for title, sql in QUERIES:
            _print_query(conn, title, sql)
    print(f"\nexit statuses: first run {first}, second run {second}; database: {args.db}")
    print(next_steps(args.db))
    return first or second


if __name__ == "__main__":
    sys.exit(main())
