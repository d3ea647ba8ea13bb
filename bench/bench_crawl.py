"""Crawl throughput, memory and CPU use: the real `scraper crawl` command against a loopback mirror.

Two kinds of pages:
- synthetic: N detik-shaped 8 KB pages (devtools.sitegen), as before;
- real: N copies of the corpus's real detik article pages (60-180 KB, read from
  ../shared/corpus at bench time; nothing third-party is committed), each copy with its own
  URL and canonical link, listed in www.detik.com/sitemap.xml.

The mirror is nginx when installed (so the server takes little CPU from the crawl), else
`scraper mirror serve`. The crawl is the command users run, politeness off:
`scraper crawl --site detik --no-delay --per-host-concurrency P --workers W`. Measured on
the crawl's whole process tree (bench/procstat.py): wall time, pages/s (articles stored /
wall, discovery included), peak memory (summed PSS), CPU utilisation (user+sys / wall: 2.0
= both cores busy).

    .venv/bin/python bench/bench_crawl.py [--mode real|synthetic|both] [--sizes 1000 5000]
        [--workers 2] [--per-host-concurrency 8] [--repeat 1] [--baseline GIT_REF]

``--baseline REF`` also crawls every site with the code of another commit (a temporary git
worktree, run with this venv), given only the flags that code knows, and prints the ratio of
pages/s: shared machines vary from day to day, a same-run ratio does not.
"""

from __future__ import annotations

import argparse
import csv
import functools
import os
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from procstat import measure  # noqa: E402

from devtools.sitegen import build_bulk_site  # noqa: E402

SCRAPER = [sys.executable, "-m", "scraper"]


def real_site(root: Path, count: int, corpus: Path) -> None:
    """``count`` copies of the corpus's detik article pages, each with its own URL."""
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t")
                if r["site"] == "detik.com" and r["page_type"] == "article"]
    pages = [((corpus / r["file"]).read_text(encoding="utf-8", errors="replace"), r["original_url"]) for r in rows]
    urls = []
    for i in range(count):
        html, original = pages[i % len(pages)]
        url = f"https://news.detik.com/berita/d-{8_000_000 + i}/salinan-berita-{i}"
        path = root / "news.detik.com" / "berita" / f"d-{8_000_000 + i}" / f"salinan-berita-{i}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html.replace(original, url), encoding="utf-8")
        urls.append(url)
    listing = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    (root / "www.detik.com").mkdir(parents=True, exist_ok=True)
    (root / "www.detik.com" / "sitemap.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{listing}'
        "</urlset>", encoding="utf-8")
    for host in ("news.detik.com", "www.detik.com"):
        (root / host / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")


def synthetic_site(root: Path, count: int) -> None:
    build_bulk_site(root, count)
    (root / "www.detik.com").mkdir(parents=True, exist_ok=True)
    (root / "www.detik.com" / "sitemap.xml").write_bytes((root / "news.detik.com" / "sitemap-news.xml").read_bytes())


class Mirror:
    """nginx over ``root`` (Host header -> folder) when installed, else our own mirror."""

    def __init__(self, root: Path, work: Path, access_log: Path | None = None) -> None:
        self.root, self.work, self.access_log = root, work, access_log
        self.kind = "nginx" if shutil.which("nginx") else "scraper mirror"
        self.proc: subprocess.Popen[str] | None = None
        self.port = 0

    def __enter__(self) -> Mirror:
        if self.kind == "nginx":
            self._nginx()
        else:
            self.proc = subprocess.Popen([*SCRAPER, "mirror", "serve", str(self.root)], cwd=ROOT,
                                         stdout=subprocess.PIPE, text=True)
            assert self.proc.stdout is not None
            self.port = int(re.search(r"port (\d+)", self.proc.stdout.readline())[1])  # type: ignore[index]
        return self

    def _nginx(self) -> None:
        import socket  # noqa: PLC0415

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        conf = self.work / "nginx.conf"
        conf.write_text(
            f"worker_processes 1; pid {self.work}/nginx.pid; error_log {self.work}/error.log; daemon off;\n"
            "events { worker_connections 1024; }\n"
            "http { log_format timed '$msec $request_time $host $status';\n"
            f"  access_log {f'{self.access_log} timed' if self.access_log else 'off'};\n"
            "  default_type text/html; charset utf-8; keepalive_requests 100000;\n"
            "  types { application/xml xml; text/plain txt; }\n"
            f"  server {{ listen 127.0.0.1:{self.port}; root {self.root}/$host;\n"
            "    location / { try_files $uri $uri/index.html =404; } } }\n", encoding="utf-8")
        self.proc = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(self.work)], text=True)
        time.sleep(0.5)

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.send_signal(signal.SIGTERM if self.kind != "nginx" else signal.SIGQUIT)
            self.proc.wait(timeout=20)


@functools.cache
def known_flags(code: Path) -> str:
    """The crawl's --help of the code at ``code``: which knobs that version has (asked once
    per code: every crawl of the bench needs it)."""
    return subprocess.run([*SCRAPER, "crawl", "--help"], cwd=code, env={**os.environ, "PYTHONPATH": str(code)},
                          capture_output=True, text=True, check=True).stdout


def crawl_once(site: Path, size: int, work: Path, workers: int, per_host: int, dedupe: bool, code: Path = ROOT
               ) -> tuple[float, int, float, float]:
    db = work / f"crawl-{size}-{time.monotonic_ns()}.db"
    flags = known_flags(code)
    knobs = [*(["--per-host-concurrency", str(per_host)] if "--per-host-concurrency" in flags else []),
             *(["--workers", str(workers)] if "--workers" in flags else []),
             *(["--no-dedupe"] if not dedupe and "--no-dedupe" in flags else [])]
    with Mirror(site, work) as mirror:
        result = measure([*SCRAPER, "crawl", "--site", "detik", "--db", str(db), "--no-delay", *knobs,
                          "--max-articles", str(size), "--resolve", f"*=127.0.0.1:{mirror.port}"],
                         cwd=code, env={**os.environ, "PYTHONPATH": str(code)})
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    return result.wall, stored, result.peak_mb, result.utilisation


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mode", choices=("real", "synthetic", "both"), default="both")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--per-host-concurrency", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--dedupe", choices=("on", "off", "both"), default="both",
                        help="the syndicated-copy pass at the end of the run (copies of 3 pages: its worst case)")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--baseline", metavar="GIT_REF", help="also crawl with this commit's code, same run")
    args = parser.parse_args()
    modes = ["synthetic", "real"] if args.mode == "both" else [args.mode]
    if "real" in modes and not (args.corpus / "MANIFEST.tsv").exists():
        sys.exit(f"real-size mode reads the corpus: {args.corpus}/MANIFEST.tsv is missing (pass --corpus DIR)")
    print(f"cpus: {os.cpu_count()}  python: {sys.version.split()[0]}  workers: {args.workers}  "
          f"per-host concurrency: {args.per_host_concurrency}  mirror: {Mirror(Path(), Path()).kind}")
    print(f"{'code':<10} {'mode':<10} {'dedupe':>6} {'pages':>6} {'stored':>7} {'median s':>9} {'pages/s':>8}"
          f" {'peak MB':>8} {'cpu/wall':>9}")
    dedupes = {"on": [True], "off": [False], "both": [False, True]}[args.dedupe]
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)  # nginx's workers drop to an unprivileged user: they must read it
        codes = {"this": ROOT}
        if args.baseline:
            codes[args.baseline[:10]] = Path(tmp) / "baseline"
            subprocess.run(["git", "worktree", "add", "--detach", "-q", str(codes[args.baseline[:10]]),
                            args.baseline], cwd=ROOT, check=True)
        try:
            for mode in modes:
                for size in args.sizes:
                    bench_size(mode, size, Path(tmp), codes, dedupes, args)
        finally:
            if args.baseline:
                subprocess.run(["git", "worktree", "remove", "--force", str(codes[args.baseline[:10]])], cwd=ROOT)


def bench_size(mode: str, size: int, tmp: Path, codes: dict[str, Path], dedupes: list[bool],
               args: argparse.Namespace) -> None:
    """One mirror of ``size`` pages, crawled by each code in turn (same mirror, same run)."""
    site = tmp / f"{mode}-{size}"
    if mode == "real":
        real_site(site, size, args.corpus)
    else:
        synthetic_site(site, size)
    rates: dict[tuple[str, bool], float] = {}
    for dedupe in dedupes:
        for name, code in codes.items():
            if name != "this" and dedupe and "--no-dedupe" not in known_flags(code):
                continue  # that code has no dedupe pass: its one row is the "off" row
            runs = [crawl_once(site, size, tmp, args.workers, args.per_host_concurrency, dedupe, code)
                    for _ in range(args.repeat)]
            wall = statistics.median(r[0] for r in runs)
            stored, peak = runs[-1][1], max(r[2] for r in runs)
            util = statistics.median(r[3] for r in runs)
            rates[name, dedupe] = stored / wall
            print(f"{name:<10} {mode:<10} {'on' if dedupe else 'off':>6} {size:>6} {stored:>7} {wall:>9.2f}"
                  f" {stored / wall:>8.0f} {peak:>8.0f} {util:>9.2f}", flush=True)
    for name in codes:
        if name != "this" and (name, False) in rates:
            for dedupe in dedupes:
                print(f"  ratio this/{name}, dedupe {'on' if dedupe else 'off'}, {size} pages: "
                      f"{rates['this', dedupe] / rates[name, False]:.2f}x")


if __name__ == "__main__":
    main()
