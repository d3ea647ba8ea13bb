"""Extraction speed: our site-profile path vs trafilatura on the same corpus pages, same run.

For every gold page of ../shared/corpus whose site has a profile, both extractors run
in this process on the same bytes, several rounds, interleaved so machine noise hits both.
Prints per-path medians and the ratio (the issue's target: ours <= 1/10 of trafilatura).

    .venv/bin/python bench/bench_extract.py [--corpus ../shared/corpus] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import trafilatura

from scraper.extract.pipeline import extract_html
from scraper.sites import profile_for_url


def _pages(corpus: Path) -> list[tuple[str, bytes]]:
    pages = []
    for gold_path in sorted(corpus.glob("gold/*/*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if gold.get("page_type") == "not_article" or not profile_for_url(gold.get("url")):
            continue
        pages.append((gold["url"], (corpus / gold["file"]).read_bytes()))
    return pages


def _time(func, *args, **kwargs) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    func(*args, **kwargs)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    pages = _pages(args.corpus)
    ours: dict[str, list[float]] = {url: [] for url, _ in pages}
    theirs: dict[str, list[float]] = {url: [] for url, _ in pages}
    paths: dict[str, str] = {}
    for url, html in pages:  # warm-up: imports, caches
        paths[url] = extract_html(html, url).extractor or "?"
        trafilatura.bare_extraction(html, url=url, with_metadata=True)
    for _ in range(args.rounds):
        for url, html in pages:
            ours[url].append(_time(extract_html, html, url))
            theirs[url].append(_time(trafilatura.bare_extraction, html, url=url, with_metadata=True))
    profile_urls = [u for u in ours if paths[u].startswith("site:")]
    our_med = [statistics.median(ours[u]) * 1000 for u in profile_urls]
    their_med = [statistics.median(theirs[u]) * 1000 for u in profile_urls]
    ratios = [o / t for o, t in zip(our_med, their_med, strict=True)]
    print(f"pages with a profile: {len(pages)}; extracted on the site-profile path: {len(profile_urls)}; "
          f"rounds: {args.rounds}")
    print(f"{'extractor':<28}{'median ms/page':>16}{'p90 ms/page':>14}")
    for name, values in (("ours (site profile)", our_med), ("trafilatura.bare_extraction", their_med)):
        p90 = sorted(values)[int(0.9 * (len(values) - 1))]
        print(f"{name:<28}{statistics.median(values):>16.2f}{p90:>14.2f}")
    print(f"median per-page ratio ours/trafilatura: {statistics.median(ratios):.3f} "
          f"(ratio of medians {statistics.median(our_med) / statistics.median(their_med):.3f}; target <= 0.100)")


if __name__ == "__main__":
    main()
