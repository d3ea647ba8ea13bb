"""The crawl end to end: real FaultyMirror on loopback, real SQLite in tmp_path, the real
``scraper crawl`` subprocess. Politeness delays are off (FetchConfig.fast, max_delay=0)."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from devtools.mirror_faults import Fault, FaultyMirror
from devtools.sitegen import Story, build_demo_sites, detik_page, sitemap, story_text
from pipelines.crawl import CrawlOptions, RunReport, crawl
from scraper.fetch.client import FetchConfig
from scraper.fetch.resolve import ResolveMap
from scraper.sites import get_profile
from scraper.store import Store

SITES = ("detik", "liputan6", "jpnn")
ROOT = Path(__file__).resolve().parent.parent


def _options(port: int, sites=SITES, **kw) -> CrawlOptions:
    profiles = [get_profile(s) for s in sites]
    resolve = kw.pop("resolve", None) or ResolveMap({"*": ("127.0.0.1", port)})
    return CrawlOptions(
        profiles=profiles,
        fetch=FetchConfig.fast(max_delay=0, attempts=3),  # type: ignore[arg-type]
        resolve=resolve,
        **kw,
    )


def _crawl(db: Path, options: CrawlOptions) -> RunReport:
    with Store(db) as store:
        return asyncio.run(crawl(store, options))


def _site(report: RunReport, name: str):
    return next(s for s in report.sites if s.site == name)


def _article_requests(mirror: FaultyMirror) -> list[str]:
    return [
        r["path"]
        for r in mirror.requests
        if "/berita/" in r["path"] or "/read/" in r["path"] or "/news/" in r["path"]
    ]


@pytest.fixture()
def sites(tmp_path: Path) -> Path:
    root = tmp_path / "sites"
    build_demo_sites(root)
    return root


def test_everything_lands_robots_respected_and_second_run_fetches_nothing(
    sites: Path, tmp_path: Path
) -> None:
    db = tmp_path / "a.db"
    with FaultyMirror(sites) as mirror:
        first = _crawl(db, _options(mirror.port))
        fetched_first = _article_requests(mirror)
        second = _crawl(db, _options(mirror.port))
        fetched_second = _article_requests(mirror)[len(fetched_first) :]
    detik = _site(first, "detik")
    assert (detik.count("new"), detik.count("not_article"), detik.count("skipped")) == (5, 1, 1)
    assert _site(first, "liputan6").count("new") == 7 and _site(first, "jpnn").count("new") == 3
    assert first.status == "ok" and first.totals()["failed"] == 0
    # robots.txt Disallow: never requested; tag pages never fetched (not article URLs)
    assert not any(p.startswith("/internal/") for r in mirror.requests for p in [r["path"]])
    assert not any("/tag/" in r["path"] for r in mirror.requests)
    # incremental: the second run fetched no article page at all
    assert fetched_second == []
    assert {k: second.totals()[k] for k in ("new", "updated", "unchanged", "not_article")} == dict.fromkeys(
        ("new", "updated", "unchanged", "not_article"), 0
    )
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 15
        multi = conn.execute("SELECT pages, body FROM articles WHERE url LIKE '%tips-menabung%'").fetchone()
        assert multi[0] == 3 and len(multi[1].split("\n\n")) == 6  # the later pages fetched by the whole-article loop
        whole = conn.execute("SELECT word_count FROM articles WHERE url LIKE '%banjir-surut%'").fetchone()[0]
        assert whole > 150  # the ?single=1 variant: all 8 paragraphs
        assert conn.execute("SELECT count(*) FROM pages WHERE url LIKE '%video-suasana%'").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM fetches WHERE error_kind = 'robots'").fetchone()[0] == 2
        runs = conn.execute("SELECT status, new, not_article FROM runs ORDER BY id").fetchall()
        assert runs == [("ok", 15, 1), ("ok", 0, 0)]
        assert conn.execute("SELECT count(*) FROM fetches WHERE status = 304").fetchone()[0] > 0


def test_429_and_503_recover_and_captcha_is_blocked(sites: Path, tmp_path: Path) -> None:
    faults = [
        Fault("429", path="/news/read/5500001/*", times=1, params={"seconds": "0"}),
        Fault("503", path="/news/read/5500002/*", times=2),
        Fault("captcha", path="/news/read/5500003/*"),
    ]
    db = tmp_path / "b.db"
    with FaultyMirror(sites, faults) as mirror:
        report = _crawl(db, _options(mirror.port, sites=("liputan6",)))
    site = _site(report, "liputan6")
    assert (site.count("new"), site.count("blocked"), site.count("failed")) == (6, 1, 0)
    with sqlite3.connect(db) as conn:
        statuses = dict(
            conn.execute(
                "SELECT url, group_concat(coalesce(status, 0) || ':' || coalesce(error_kind, ''), ' ')"
                " FROM fetches WHERE url LIKE '%/read/55000%' GROUP BY url"
            ).fetchall()
        )
        urls = {u.split("/")[5]: v for u, v in statuses.items()}
        assert urls["5500001"] == "429:http 200:" and urls["5500002"] == "503:http 503:http 200:"
        assert "blocked" in urls["5500003"]
        assert conn.execute("SELECT count(*) FROM articles WHERE url LIKE '%5500003%'").fetchone()[0] == 0


def test_a_failing_site_does_not_stop_the_others(sites: Path, tmp_path: Path) -> None:
    with FaultyMirror(sites) as mirror:
        resolve = ResolveMap({"*": ("127.0.0.1", mirror.port), "www.liputan6.com": ("127.0.0.1", 9)})
        report = _crawl(tmp_path / "c.db", _options(mirror.port, resolve=resolve))
    assert _site(report, "liputan6").failed and not _site(report, "detik").failed
    assert _site(report, "jpnn").count("new") == 3 and report.ok and report.status == "partial"


def test_recent_articles_are_rechecked_so_edits_become_versions(tmp_path: Path) -> None:
    root, host = tmp_path / "sites", "news.detik.com"
    story = Story(
        f"https://{host}/berita/d-7400001/kabar-terbaru",
        "Kabar Terbaru",
        datetime.now(UTC) - timedelta(hours=2),
        "Rina",
        story_text(5),
    )
    page = root / host / "berita" / "d-7400001" / "kabar-terbaru"
    page.parent.mkdir(parents=True)
    page.write_text(detik_page(story), encoding="utf-8")
    (root / host / "sitemap-news.xml").write_text(sitemap([story]), encoding="utf-8")
    (root / host / "robots.txt").write_text(f"User-agent: *\nSitemap: https://{host}/sitemap-news.xml\n")
    db = tmp_path / "d.db"
    with FaultyMirror(root) as mirror:
        opts = _options(mirror.port, sites=("detik",), recheck_after=timedelta(0))
        assert _site(_crawl(db, opts), "detik").count("new") == 1
        assert _site(_crawl(db, opts), "detik").count("unchanged") == 1  # 304 on the conditional GET
        story.paragraphs[0] = "Koreksi: " + story.paragraphs[0]
        page.write_text(detik_page(story), encoding="utf-8")
        assert _site(_crawl(db, opts), "detik").count("updated") == 1
        lazy = _options(mirror.port, sites=("detik",))  # default: not re-checked within the hour
        assert _crawl(db, lazy).totals()["known"] == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version FROM articles").fetchone()[0] == 2
        assert conn.execute("SELECT count(*) FROM article_versions").fetchone()[0] == 1


def _cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "scraper", "crawl", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
        check=False,
    )


def test_cli_crawl_exit_statuses(sites: Path, tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    with FaultyMirror(sites) as mirror:
        ok = _cli(
            "--db",
            str(db),
            "--no-delay",
            "--site",
            "jpnn",
            "--site",
            "liputan6",
            "--max-articles",
            "2",
            "--resolve",
            f"*=127.0.0.1:{mirror.port}",
        )
    assert ok.returncode == 0, ok.stderr
    assert "jpnn" in ok.stdout and "TOTAL" in ok.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT site, count(*) FROM articles GROUP BY site ORDER BY site").fetchall() == [
            ("jpnn", 2),
            ("liputan6", 2),
        ]
    dead = _cli("--db", str(tmp_path / "f.db"), "--no-delay", "--site", "jpnn", "--resolve", "*=127.0.0.1:9")
    assert dead.returncode == 1 and "SITE FAILED" in dead.stdout
    assert _cli("--site", "no-such-site", "--db", str(db)).returncode == 2
    assert _cli("--every", "soon", "--db", str(db)).returncode == 2
    not_a_dir = tmp_path / "plain-file"
    not_a_dir.write_text("x")  # the database cannot be created under a file (even as root)
    unwritable = _cli(
        "--db", str(not_a_dir / "x.db"), "--no-delay", "--site", "jpnn", "--resolve", "*=127.0.0.1:9"
    )
    assert unwritable.returncode == 1 and "cannot open database" in unwritable.stderr


def test_every_repeats_and_stops_on_sigterm(sites: Path, tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    with FaultyMirror(sites) as mirror:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "scraper",
                "crawl",
                "--db",
                str(db),
                "--no-delay",
                "--site",
                "jpnn",
                "--every",
                "0.2s",
                "--resolve",
                f"*=127.0.0.1:{mirror.port}",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 30
        runs = 0
        while time.monotonic() < deadline and runs < 2:
            time.sleep(0.2)
            try:
                with sqlite3.connect(db) as conn:
                    runs = conn.execute("SELECT count(*) FROM runs WHERE status != 'running'").fetchone()[0]
            except sqlite3.OperationalError:  # not created/migrated yet
                continue
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
    assert runs >= 2, err
    assert proc.returncode == 0, err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM runs WHERE status = 'running'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3


def test_parse_duration() -> None:
    from pipelines.commands.crawl import parse_duration

    assert parse_duration("30m") == timedelta(minutes=30)
    assert parse_duration("1h30m") == timedelta(minutes=90)
    assert parse_duration("45") == timedelta(seconds=45)
    for bad in ("", "m", "3x", "1h-2m"):
        with pytest.raises(ValueError):
            parse_duration(bad)


def test_work_that_finishes_despite_the_stop_is_counted_not_dropped() -> None:
    """A stop's cancellation can be swallowed on its way in (Python 3.11's wait_for returns
    a result that arrived with it): the work then completes, an article may already be
    queued for the store, and ``unless_stopped`` must hand its outcome back (issue 20,
    item 12: ``new 1176`` for 1,178 stored after Ctrl-C)."""
    from pipelines.crawl import Run
    from pipelines.site_work import Stopped

    async def main() -> tuple[str, bool]:
        run = Run.__new__(Run)
        run.stop = asyncio.Event()
        started = asyncio.Event()

        async def stubborn() -> str:
            started.set()
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                return "queued for the store"  # as wait_for does when the result is there
            return "late"

        async def honest() -> str:
            started.set()
            await asyncio.sleep(5)
            return "late"

        waiting = asyncio.ensure_future(run.unless_stopped(stubborn()))
        await started.wait()
        run.stop.set()
        done = await waiting
        started.clear()
        run.stop.clear()
        waiting = asyncio.ensure_future(run.unless_stopped(honest()))
        await started.wait()
        run.stop.set()
        try:
            await waiting
        except Stopped:
            return done, True
        return done, False

    assert asyncio.run(main()) == ("queued for the store", True)
