"""Store benchmark: bulk insert rate, crawl-path insert rate, FTS latency, page compression,
on SQLite, PostgreSQL or both in one run (the same generated articles and queries).

Run: .venv/bin/python bench/bench_store.py [--articles 50000] [--backend sqlite|postgresql|both]
     make bench-store BENCH_STORE_ARGS="--backend both"
PostgreSQL: a scratch database is created on the server of --pg-admin (default
$SCRAPER_TEST_PG, else postgres@127.0.0.1:5432/postgres) and dropped at the end; it needs
the distributed extra (make install EXTRAS=dev,distributed).
Targets (2 cores): >= 2,000 articles/s bulk, FTS median < 50 ms.
Generated text only (syllable words with a Zipf-like frequency), no third-party text.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from scraper.article import Article
from scraper.fetch.page import BROTLI_QUALITY, pack, unpack
from scraper.store import PageRecord, Store

SYLLABLES = tuple(a + b for a in "bdklmnprstjgh" for b in "aeiu") + ("ng", "ny", "an", "in", "un", "ar")
SITES = ("detik", "kompas", "tempo", "antaranews", "cnnindonesia", "liputan6", "tribunnews", "okezone")


def vocabulary(rng: random.Random, size: int = 4000) -> tuple[list[str], list[float]]:
    words = sorted({"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(size * 2)})[:size]
    rng.shuffle(words)
    weights = [1.0 / (rank + 1) for rank in range(len(words))]
    return words, weights


class TextMaker:
    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.words, self.weights = vocabulary(self.rng)

    def sentence(self) -> str:
        words = self.rng.choices(self.words, self.weights, k=self.rng.randint(8, 20))
        return " ".join(words).capitalize() + "."

    def paragraphs(self, n: int) -> list[str]:
        return [" ".join(self.sentence() for _ in range(self.rng.randint(2, 4))) for _ in range(n)]


def articles(maker: TextMaker, count: int, start: datetime) -> Iterator[Article]:
    for n in range(count):
        site = SITES[n % len(SITES)]
        when = start + timedelta(minutes=7 * n)
        yield Article(
            url=f"https://www.{site}.example/berita/{n}", site=site, title=maker.sentence()[:90],
            published=when.astimezone(tz=None).isoformat(), authors=[f"Penulis {n % 97}"],
            tags=[maker.rng.choice(maker.words) for _ in range(3)], section="Nasional",
            paragraphs=maker.paragraphs(maker.rng.randint(6, 12)), extractor="site:" + site, language="id",
        )


def realistic_page(maker: TextMaker, target: int = 100_000) -> bytes:
    """A news page shape: head with scripts/JSON-LD, nav, article, related blocks, footer."""
    head = ("<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'><title>Judul</title>"
            + "".join(f"<meta property='og:x{n}' content='{maker.sentence()}'>" for n in range(20))
            + "<script>window.dataLayer=[];function ga(){dataLayer.push(arguments)}</script>"
            + "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"headline\":\"x\"}</script>"
            + "<style>" + "".join(f".c{n}{{margin:{n}px;padding:0 {n}px}}" for n in range(300))
            + "</style></head>")
    links = "".join(f"<li><a href='/kanal/{w}'>{w}</a></li>" for w in maker.words[:80])
    nav = f"<nav><ul>{links}</ul></nav>"
    body = "<article class='detail__body-text'>" + "".join(
        f"<p>{p}</p>" for p in maker.paragraphs(12)) + "</article>"
    parts = [head, "<body>", nav, body]
    while sum(map(len, parts)) < target:
        link, image = maker.rng.randint(1, 10**6), maker.rng.randint(1, 10**6)
        parts.append(f"<div class='box-related'><a class='media__link' href='/berita/{link}'>"
                     f"<img src='/i/{image}.jpg' alt='{maker.sentence()}'>"
                     f"<h3 class='media__title'>{maker.sentence()}</h3></a></div>")
    parts.append("<footer>Hak cipta</footer></body></html>")
    return "".join(parts).encode()[:target]


def measure(target: Path | str, maker: TextMaker, batch: list[Article], args: argparse.Namespace,
            start: datetime) -> dict[str, str]:
    """Every measure on one fresh database: ``target`` a SQLite path or a PostgreSQL DSN."""
    rows: dict[str, str] = {}
    with Store(target) as store:
        began = time.perf_counter()
        counts = store.save_articles(batch)
        elapsed = time.perf_counter() - began
        assert counts["new"] == len(batch), counts
        rows["bulk insert (save_articles, 500/tx)"] = f"{len(batch) / elapsed:,.0f} articles/s"

        html = realistic_page(maker)
        crawl = list(articles(TextMaker(seed=11), args.crawl_articles, start + timedelta(days=400)))
        began = time.perf_counter()
        for n, article in enumerate(crawl):
            url = f"https://www.crawl.example/berita/{n}"
            article.url = url
            page = PageRecord(url, url, 200, "text/html", f'"{n}"', None, datetime.now(UTC),
                              html[:-20] + str(n).encode())
            store.save_article(article, page=page)
        elapsed = time.perf_counter() - began
        rows["crawl path (page ~100 KB + article, 1 tx each)"] = f"{args.crawl_articles / elapsed:,.0f} articles/s"

        rng = random.Random(3)
        terms = [rng.choice(maker.words[:2000]) for _ in range(args.queries)]
        latencies = []
        for n, term in enumerate(terms):
            query = term if n % 3 else f"{term} {rng.choice(maker.words[:200])}"
            began = time.perf_counter()
            store.search(query, limit=20)
            latencies.append((time.perf_counter() - began) * 1000)
        rows[f"FTS search median ({args.queries} queries, limit 20)"] = f"{statistics.median(latencies):.1f} ms"
        rows["FTS search p90"] = f"{statistics.quantiles(latencies, n=10)[-1]:.1f} ms"

        stored = store.backend.execute("SELECT avg(length(body)), avg(body_size) FROM pages").fetchone()
        rows["raw page size (generated news page)"] = f"{stored[1]:,.0f} bytes"
        rows[f"stored bytes per page (brotli q{BROTLI_QUALITY})"] = f"{stored[0]:,.0f} bytes"
        rows["compression ratio"] = f"{stored[1] / stored[0]:.1f}x"
        if isinstance(target, Path):
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            size = target.stat().st_size
        else:
            size = store.backend.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    rows["database size"] = f"{size / 1e6:,.1f} MB"
    return rows


@contextmanager
def scratch_postgres(admin: str) -> Iterator[str]:
    """A new database on ``admin``'s server for one run, dropped afterwards."""
    import psycopg  # noqa: PLC0415 - the distributed extra

    name = f"scraper_bench_{os.getpid()}_{random.randrange(16**6):06x}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(admin)
    try:
        yield urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--crawl-articles", type=int, default=2_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--db", type=Path, help="SQLite database file (default: a temp dir)")
    parser.add_argument("--pg-admin", default=os.environ.get("SCRAPER_TEST_PG")
                        or "postgresql://postgres@127.0.0.1:5432/postgres",
                        help="PostgreSQL DSN of a database on the server where a scratch database is created")
    args = parser.parse_args()
    maker = TextMaker()
    start = datetime(2025, 1, 1, tzinfo=UTC)
    batch = list(articles(maker, args.articles, start))  # generated up front: time the store only
    columns: dict[str, dict[str, str]] = {}
    if args.backend in ("sqlite", "both"):
        path = args.db or Path(tempfile.mkdtemp(prefix="bench-store-")) / "bench.db"
        columns["SQLite"] = measure(path, maker, batch, args, start)
    if args.backend in ("postgresql", "both"):
        with scratch_postgres(args.pg_admin) as dsn:
            columns["PostgreSQL"] = measure(dsn, maker, batch, args, start)

    began = time.perf_counter()
    html = realistic_page(maker)
    for _ in range(100):
        packed = pack(html)
        unpack(packed.encoding, packed.blob)
    once = f"{(time.perf_counter() - began) * 10:.2f} ms"

    names = list(next(iter(columns.values())))
    width = max(len(name) for name in [*names, "compress+decompress one page (any backend)"])
    header = "  ".join(f"{backend:>18}" for backend in columns)
    print(f"{args.articles:,} articles bulk, {args.crawl_articles:,} crawl-path saves, {os.cpu_count()} cores")
    print(f"{'measure':<{width}}  {header}")
    print(f"{'-' * width}  {'  '.join('-' * 18 for _ in columns)}")
    for name in names:
        print(f"{name:<{width}}  " + "  ".join(f"{values[name]:>18}" for values in columns.values()))
    print(f"{'compress+decompress one page (any backend)':<{width}}  {once:>18}")


if __name__ == "__main__":
    main()
