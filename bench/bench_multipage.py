"""A multi-page article fetched whole: how many HTML parses and how long its extraction takes.

A synthetic detik story of N pages (markup we wrote, each page linking the next with
``<link rel=next>``) is served by ``scraper mirror``'s server on loopback and fetched with
:func:`scraper.extract.article_documents.fetch_whole_article`, extracting inline. Counted:
every ``LexborHTMLParser`` built (the parses) and the time spent in extraction calls
(fetching excluded) and the whole call (loopback fetching included), medians of the runs.

    .venv/bin/python bench/bench_multipage.py [--pages 20] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import selectolax.lexbor  # noqa: E402

from pipelines.mirror import MirrorServer  # noqa: E402
from scraper.article import Article  # noqa: E402
from scraper.extract.article_documents import fetch_whole_article  # noqa: E402
from scraper.extract.pipeline import extract_pages  # noqa: E402
from scraper.fetch.client import FetchConfig, Fetcher  # noqa: E402
from scraper.fetch.page import PageRecord  # noqa: E402
from scraper.fetch.resolve import ResolveMap  # noqa: E402

HOST = "news.detik.com"
PATH = "/berita/d-7300001/bench-artikel-berhalaman"
PARSES = {"n": 0}


def _page(number: int, pages: int) -> str:
    nxt = f'<link rel="next" href="https://{HOST}{PATH}/{number + 1}" />' if number < pages else ""
    paras = "".join(f"<p>Halaman {number} paragraf {k}: warga kota membersihkan saluran air sebelum musim hujan "
                    f"tiba, dibantu petugas kelurahan dan relawan dari kampung sekitar.</p>" for k in range(8))
    return (f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Bench Artikel</title>'
            f'<link rel="canonical" href="https://{HOST}{PATH}" />{nxt}'
            '<meta property="article:published_time" content="2025-03-01T08:00:00+07:00"></head><body>'
            '<article class="detail"><h1 class="detail__title">Warga Membersihkan Saluran Air</h1>'
            f'<div class="detail__author">Rina Wulandari - detikNews</div><div class="detail__body-text itp_bodycontent">'
            f"{paras}</div></article></body></html>")


def _site(root: Path, pages: int) -> None:
    base = root / HOST / PATH.lstrip("/")
    base.mkdir(parents=True)
    (base / "index.html").write_text(_page(1, pages), encoding="utf-8")
    for number in range(2, pages + 1):
        (base / str(number)).mkdir()
        (base / str(number) / "index.html").write_text(_page(number, pages), encoding="utf-8")


def _counting_parser() -> None:
    """Count every parse, wherever the extractor builds its tree."""
    original = selectolax.lexbor.LexborHTMLParser

    class Counted(original):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            PARSES["n"] += 1
            super().__init__(*args, **kwargs)

    for name, module in list(sys.modules.items()):
        if name.startswith("scraper") and getattr(module, "LexborHTMLParser", None) is original:
            module.LexborHTMLParser = Counted  # type: ignore[attr-defined]


async def _one(server: MirrorServer) -> tuple[Article | None, int, float, int, float]:
    spent = [0.0]

    async def extract(pages: list[PageRecord]) -> Article:
        started = time.perf_counter()
        article = extract_pages(pages)
        spent[0] += time.perf_counter() - started
        return article

    PARSES["n"] = 0
    config = FetchConfig.fast(obey_robots=False)
    async with Fetcher(config, resolve=ResolveMap({"*": (server.host, server.port)})) as fetcher:
        started = time.perf_counter()
        whole = await fetch_whole_article(fetcher, f"https://{HOST}{PATH}", extract=extract)
        total = time.perf_counter() - started
    return whole.article, PARSES["n"], spent[0], len(whole.pages), total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    _counting_parser()
    with tempfile.TemporaryDirectory() as tmp, MirrorServer(tmp) as server:
        _site(Path(tmp), args.pages)
        results = [asyncio.run(_one(server)) for _ in range(args.runs)]
    article, parses, _, fetched, _ = results[-1]
    assert article is not None and article.pages == args.pages, (article and article.pages, args.pages)
    ms = statistics.median(r[2] for r in results) * 1000
    whole_ms = statistics.median(r[4] for r in results) * 1000
    print(f"pages {args.pages}  fetched {fetched}  article.pages {article.pages}  parses {parses}  "
          f"in extract calls {ms:.1f} ms  whole article (fetch on loopback included) {whole_ms:.1f} ms "
          f"(medians of {args.runs})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
