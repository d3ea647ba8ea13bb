"""Re-extraction throughput: `scraper reextract` over an archive of real-size pages, by workers.

The archive is N copies of the corpus's real article pages of sites with a profile (read
from ../shared/corpus at bench time), each under its own URL, stored as the crawl stores
them (compressed, one page row each). Then the command users run,
`scraper reextract --workers W` (or `--distributed` with `scraper worker`s on a broker),
is timed on its whole process tree for each W: pages/s, peak memory, CPU use.

    .venv/bin/python bench/bench_reextract.py [--pages 20000] [--workers 1 2] [--db PATH|DSN]
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from procstat import measure  # noqa: E402

from scraper.fetch.page import PageRecord, pack  # noqa: E402
from scraper.sites import profile_for_url  # noqa: E402
from scraper.store import Store  # noqa: E402


def corpus_pages(corpus: Path) -> list[tuple[bytes, str]]:
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["page_type"] == "article"
                and r["file"].startswith("html/") and profile_for_url(r["original_url"])]
    return [((corpus / r["file"]).read_bytes(), r["original_url"]) for r in rows]


def build_archive(db: str, count: int, corpus: Path) -> None:
    """``count`` copies under their own URLs; each distinct page is compressed once (the
    bench times re-extraction, not building its input)."""
    pages = corpus_pages(corpus)
    packed = [pack(body) for body, _ in pages]
    now = datetime.now(UTC)
    with Store(db) as store:
        batch: list[PageRecord] = []
        for i in range(count):
            body, url = pages[i % len(pages)]
            copy = f"{url.rstrip('/')}-salinan-{i}"
            batch.append(PageRecord(copy, copy, 200, "text/html", None, None, now, body,
                                    packed=packed[i % len(pages)]))
            if len(batch) == 500:
                store.apply([lambda p=p: store.save_page(p) for p in batch])
                batch = []
        store.apply([lambda p=p: store.save_page(p) for p in batch])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pages", type=int, default=20_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--db", help="a PostgreSQL DSN or SQLite path (default: a fresh temporary SQLite file)")
    parser.add_argument("--distributed", action="store_true",
                        help="enqueue with --distributed --wait (start `scraper worker`s yourself)")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    if not (args.corpus / "MANIFEST.tsv").exists():
        sys.exit(f"this bench reads the corpus: {args.corpus}/MANIFEST.tsv is missing (pass --corpus DIR)")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "archive.db")
        build_archive(db, args.pages, args.corpus)
        print(f"archive: {args.pages} real-size pages in {db.split('@')[-1]}; cpus: {os.cpu_count()}")
        print(f"{'workers':>8} {'seconds':>8} {'pages/s':>8} {'peak MB':>8} {'cpu/wall':>9}")
        for workers in ([0] if args.distributed else args.workers):
            cmd = [sys.executable, "-m", "scraper", "reextract", "--db", db]
            cmd += ["--distributed", "--wait"] if args.distributed else ["--workers", str(workers)]
            result = measure(cmd, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
            label = "cluster" if args.distributed else str(workers)
            print(f"{label:>8} {result.wall:>8.1f} {args.pages / result.wall:>8.0f} {result.peak_mb:>8.0f}"
                  f" {result.utilisation:>9.2f}")


if __name__ == "__main__":
    main()
