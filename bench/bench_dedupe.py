"""Dedupe benchmark: the cost of filing new articles under stories as the store grows.

Run: .venv/bin/python bench/bench_dedupe.py [--sizes 10000 50000 200000] [--batch 2000]

The store grows to each size (distinct generated texts, a fifth of them syndicated copies
of an earlier one: new dateline, a trailer, a paragraph dropped), the pass files them,
then ``--batch`` more articles arrive and the incremental pass is timed: with the band
index, the time per new article should not grow with the store.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path

from bench_store import vocabulary

from scraper.article import Article
from scraper.dedupe.stories import dedupe
from scraper.store import Store


class Texts:
    """Zipf-distributed generated words, fast (cumulative weights computed once)."""

    def __init__(self, seed: int = 5) -> None:
        self.rng = random.Random(seed)
        self.words, weights = vocabulary(self.rng)
        self.cumulative = list(accumulate(weights))

    def paragraph(self) -> str:
        sentences = []
        for _ in range(self.rng.randint(2, 4)):
            words = self.rng.choices(self.words, cum_weights=self.cumulative, k=self.rng.randint(8, 20))
            sentences.append(" ".join(words).capitalize() + ".")
        return " ".join(sentences)


def articles(texts: Texts, start: int, count: int, earlier: list[list[str]]) -> Iterator[Article]:
    rng = texts.rng
    base = datetime(2025, 1, 1, tzinfo=UTC)
    for n in range(start, start + count):
        if earlier and rng.random() < 0.2:  # a syndicated copy
            body = list(rng.choice(earlier))
            body[0] = "TRIBUNJOGJA.COM - " + body[0]
            if len(body) > 4:
                del body[rng.randrange(1, len(body))]
            body.append("Artikel ini telah tayang di Tribunnews.com.")
        else:
            body = [texts.paragraph() for _ in range(rng.randint(4, 8))]
            earlier.append(body)
        yield Article(url=f"https://site{n % 7}.example/berita/{n}", site=f"site{n % 7}", title=f"Berita {n}",
                      published=(base + timedelta(minutes=n)).isoformat(), paragraphs=body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 200_000])
    parser.add_argument("--batch", type=int, default=2000)
    args = parser.parse_args()
    texts, earlier = Texts(), []
    print(f"{'stored':>8} {'filed/s (bulk)':>15} {'new batch':>9} {'ms per new article':>19} {'band rows':>10}")
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "dedupe.db") as store:
        have = 0
        for size in sorted(args.sizes):
            store.save_articles(articles(texts, have, size - have, earlier), batch=2000)
            started = time.perf_counter()
            bulk = dedupe(store)["checked"]
            bulk_rate = bulk / (time.perf_counter() - started)
            store.save_articles(articles(texts, size, args.batch, earlier), batch=2000)
            started = time.perf_counter()
            counts = dedupe(store)
            per_article = (time.perf_counter() - started) * 1000 / counts["checked"]
            bands = store.db.execute("SELECT count(*) FROM article_bands").fetchone()[0]
            have = size + args.batch
            print(f"{have:>8,} {bulk_rate:>15,.0f} {counts['checked']:>9,} {per_article:>19.2f} {bands:>10,}",
                  flush=True)


if __name__ == "__main__":
    main()
