"""A multi-page article fetched whole: how many HTML parses and how long its extraction takes.

A synthetic detik story of N pages (markup we wrote, each page linking the next with
``<link rel=next>``) is served by ``scraper mirror``'s server on loopback and fetched with
:func:`scraper.extract.article_documents.fetch_whole_article`, extracting inline. Counted:
every ``LexborHTMLParser`` built by a ``scraper`` module (the parses), the time spent
extracting (the extract calls, plus the fetch loop's reading of each later page as it
arrives: the page chain) and the whole call (loopback fetching included), medians of
the runs, for each N. ``chain ms`` is the page chain's share, spent in the fetch loop's
process (the extract calls may run in worker processes).

``--baseline REF`` measures another commit's code the same way in the same run (a
temporary git worktree, imported by this script with this venv): shared machines vary
from run to run, a same-run comparison does not.

    .venv/bin/python bench/bench_multipage.py [--pages 1 5 20] [--runs 5] [--kb 0] [--baseline main]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

HOST = "news.detik.com"
PATH = "/berita/d-7300001/bench-artikel-berhalaman"
PARSES = {"n": 0}
SPENT = {"extract": 0.0, "chain": 0.0}


def _furniture(kb: int) -> str:
    """About ``kb`` KB of what surrounds a real story (menus of links, a script): real
    detik pages are 60-180 KB, the story a few of them."""
    if not kb:
        return ""
    links = "".join(f'<li><a href="https://{HOST}/berita/d-{7000000 + k}/judul-berita-lain-{k}">Judul berita lain '
                    f"nomor {k} yang ditautkan dari menu</a></li>" for k in range(kb * 5))
    return f'<nav class="menu"><ul>{links}</ul></nav><script>var data = "{"x" * (kb * 300)}";</script>'


def _page(number: int, pages: int, kb: int = 0) -> str:
    nxt = f'<link rel="next" href="https://{HOST}{PATH}/{number + 1}" />' if number < pages else ""
    paras = "".join(f"<p>Halaman {number} paragraf {k}: warga kota membersihkan saluran air sebelum musim hujan "
                    f"tiba, dibantu petugas kelurahan dan relawan dari kampung sekitar.</p>" for k in range(8))
    return (f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Bench Artikel</title>'
            f'<link rel="canonical" href="https://{HOST}{PATH}" />{nxt}'
            '<meta property="article:published_time" content="2025-03-01T08:00:00+07:00"></head><body>'
            f'{_furniture(kb)}<article class="detail"><h1 class="detail__title">Warga Membersihkan Saluran Air</h1>'
            f'<div class="detail__author">Rina Wulandari - detikNews</div><div class="detail__body-text itp_bodycontent">'
            f"{paras}</div></article></body></html>")


def _site(root: Path, pages: int, kb: int) -> None:
    base = root / HOST / PATH.lstrip("/")
    base.mkdir(parents=True)
    (base / "index.html").write_text(_page(1, pages, kb), encoding="utf-8")
    for number in range(2, pages + 1):
        (base / str(number)).mkdir()
        (base / str(number) / "index.html").write_text(_page(number, pages, kb), encoding="utf-8")


def _counting_parser() -> None:
    """Count every parse, wherever the extractor builds its tree (this code or the baseline's)."""
    import selectolax.lexbor  # noqa: PLC0415

    original = selectolax.lexbor.LexborHTMLParser

    class Counted(original):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            PARSES["n"] += 1
            super().__init__(*args, **kwargs)

    for name, module in list(sys.modules.items()):
        if name.startswith("scraper") and getattr(module, "LexborHTMLParser", None) is original:
            module.LexborHTMLParser = Counted  # type: ignore[attr-defined]


def _timed(function: Callable[..., Any], *also: str) -> Callable[..., Any]:
    """``function``, its time added to SPENT["extract"] and to each of ``also``."""

    def run(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            for key in ("extract", *also):
                SPENT[key] += time.perf_counter() - started

    return run


def _time_the_chain() -> None:
    """The fetch loop's page chain reads each later page (``read``; ``after`` in older code):
    extraction work done outside the extract calls, timed with them."""
    from scraper.extract import body  # noqa: PLC0415

    chain = getattr(body, "PageChain", None)
    for method in ("read", "after"):
        if chain is not None and hasattr(chain, method):
            setattr(chain, method, _timed(getattr(chain, method), "chain"))


async def _one(server: Any, pages: int) -> dict[str, float]:
    from scraper.extract.article_documents import fetch_whole_article  # noqa: PLC0415
    from scraper.extract.pipeline import extract_pages  # noqa: PLC0415
    from scraper.fetch.client import FetchConfig, Fetcher  # noqa: PLC0415
    from scraper.fetch.resolve import ResolveMap  # noqa: PLC0415

    timed_extract = _timed(extract_pages)

    async def extract(got: list[Any]) -> Any:
        return timed_extract(got)

    PARSES["n"], SPENT["extract"], SPENT["chain"] = 0, 0.0, 0.0
    config = FetchConfig.fast(obey_robots=False)
    async with Fetcher(config, resolve=ResolveMap({"*": (server.host, server.port)})) as fetcher:
        started = time.perf_counter()
        whole = await fetch_whole_article(fetcher, f"https://{HOST}{PATH}", extract=extract)
        total = time.perf_counter() - started
    assert whole.article is not None and whole.article.pages == pages, (whole.article, pages)
    assert len(whole.pages) == pages
    return {"parses": PARSES["n"], "extract_ms": SPENT["extract"] * 1000, "chain_ms": SPENT["chain"] * 1000,
            "whole_ms": total * 1000}


def measure(sizes: list[int], runs: int, kb: int) -> dict[int, dict[str, float]]:
    """For each number of pages: parses, extraction ms and whole-article ms (medians)."""
    import scraper.extract.pipeline  # noqa: F401, PLC0415 - every extraction module loaded, then counted
    from pipelines.mirror import MirrorServer  # noqa: PLC0415

    _counting_parser()
    _time_the_chain()
    out = {}
    for pages in sizes:
        with tempfile.TemporaryDirectory() as tmp, MirrorServer(tmp) as server:
            _site(Path(tmp), pages, kb)
            results = [asyncio.run(_one(server, pages)) for _ in range(runs)]
        out[pages] = {key: statistics.median(r[key] for r in results) for key in results[0]}
    return out


def _baseline(ref: str, sizes: list[int], runs: int, kb: int) -> dict[int, dict[str, float]]:
    """The same measurement of ``ref``'s code: this script, importing from a worktree of it."""
    with tempfile.TemporaryDirectory() as tmp:
        code = Path(tmp) / "code"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(code), ref], cwd=ROOT, check=True)
        try:
            command = [sys.executable, __file__, "--code", str(code), "--json", "--runs", str(runs), "--kb", str(kb),
                       "--pages", *map(str, sizes)]
            done = subprocess.run(command, check=True, capture_output=True, text=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(code)], cwd=ROOT, check=True)
    return {int(k): v for k, v in json.loads(done.stdout).items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[1, 5, 20])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--kb", type=int, default=0, help="pad each page with about this many KB of menus and script")
    parser.add_argument("--baseline", metavar="REF", help="also measure this commit's code, same run")
    parser.add_argument("--code", type=Path, default=ROOT, help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(args.code))
    results = measure(args.pages, args.runs, args.kb)
    if args.json:
        print(json.dumps(results))
        return 0
    before = _baseline(args.baseline, args.pages, args.runs, args.kb) if args.baseline else {}
    print(f"pages of ~{len(_page(1, 2, args.kb)) // 1024} KB, medians of {args.runs} runs; "
          "extract ms = extract calls + the fetch loop's page chain; whole = fetch_whole_article on loopback")
    print(f"{'pages':>5} {'code':<12} {'parses':>6} {'extract ms':>10} {'chain ms':>8} {'whole ms':>9}")
    for pages in args.pages:
        rows = ([(args.baseline, before[pages])] if before else []) + [("this", results[pages])]
        for name, row in rows:
            print(f"{pages:>5} {name[:12]:<12} {row['parses']:>6.0f} {row['extract_ms']:>10.1f} {row['chain_ms']:>8.1f} "
                  f"{row['whole_ms']:>9.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
