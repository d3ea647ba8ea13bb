"""Generic-path extraction time per page, beside trafilatura on the same bytes, same run.

Every article page of the given gold corpora (the shared corpus, the English benchmarks)
is extracted with profiles off (the path every unknown site takes) and by trafilatura's
``bare_extraction``, interleaved round by round so machine noise hits both. Prints the
median of the per-page medians (CPU ms of this process) for each, and their ratio: the ratio is what to compare
between two versions of the code (the machine is shared, absolute times drift).

    .venv/bin/python bench/bench_generic.py --corpus ../shared/corpus ../shared/bench/scrapinghub-aeb

To time another checkout of the code on the same pages, put it first on PYTHONPATH.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from scraper.extract.pipeline import extract_html


def _pages(corpus: Path, limit: int | None) -> list[tuple[str, bytes]]:
    pages = []
    for gold_path in sorted(corpus.glob("gold/*/*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if gold.get("page_type") == "not_article":
            continue
        raw = (corpus / gold["file"]).read_bytes()
        pages.append((gold.get("url") or "", gzip.decompress(raw) if gold["file"].endswith(".gz") else raw))
    return pages[:limit] if limit else pages


def _ms(func: Callable[[], object]) -> float:
    """CPU time of this process, not wall time: on a shared machine the other processes'
    load moves wall time several-fold, the CPU an extraction takes much less."""
    start = time.process_time()
    func()
    return (time.process_time() - start) * 1000


def _bench(pages: list[tuple[str, bytes]], rounds: int) -> tuple[float, float]:
    ours: list[list[float]] = [[] for _ in pages]
    theirs: list[list[float]] = [[] for _ in pages]
    for url, html in pages[:5]:  # warm-up: imports, caches
        extract_html(html, url, use_profiles=False)
        trafilatura.bare_extraction(html, url=url, with_metadata=True)
    for _ in range(rounds):
        for i, (url, html) in enumerate(pages):
            ours[i].append(_ms(lambda: extract_html(html, url, use_profiles=False)))  # noqa: B023
            theirs[i].append(_ms(lambda: trafilatura.bare_extraction(html, url=url, with_metadata=True)))  # noqa: B023
    return (statistics.median(statistics.median(t) for t in ours),
            statistics.median(statistics.median(t) for t in theirs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, nargs="+", default=[Path("../shared/corpus")])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, help="first N article pages of each corpus")
    args = parser.parse_args()
    print(f"{'corpus':<28} {'pages':>6} {'generic ms':>11} {'trafilatura ms':>15} {'ratio':>6}")
    for corpus in args.corpus:
        pages = _pages(corpus, args.limit)
        ours, theirs = _bench(pages, args.rounds)
        print(f"{corpus.name:<28} {len(pages):>6} {ours:>11.1f} {theirs:>15.1f} {ours / theirs:>6.2f}")


if __name__ == "__main__":
    main()
