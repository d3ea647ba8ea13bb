"""Backfill by date range (issue 10) on a loopback mirror of two sites with 45 days of
dated archives: exactly the in-range articles are stored, a second run fetches no
article, a run killed half-way resumes without duplicates or refetches, capped days are
reported."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

import pytest

from devtools.archive_sites import OLD_DAYS, ArchiveSites, build_archive_sites
from pipelines.crawl import CrawlOptions, RunReport, crawl
from pipelines.mirror import MirrorServer
from scraper.fetch.client import FetchConfig
from scraper.fetch.resolve import ResolveMap
from scraper.localtime import WIB
from scraper.sites import get_profile
from scraper.store import Store

ROOT = Path(__file__).resolve().parent.parent
FIRST, DAYS = date(2025, 1, 1), 45
SINCE, UNTIL = date(2025, 1, 21), date(2025, 1, 30)  # 10 days


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ArchiveSites]:
    root = tmp_path_factory.mktemp("archive-sites")
    return root, build_archive_sites(root, FIRST, DAYS)


def _options(port: int, **changes: object) -> CrawlOptions:
    profiles = [get_profile("detik"), get_profile("liputan6")]
    base = CrawlOptions(profiles=profiles, fetch=FetchConfig.fast(max_delay=0), workers=1,  # type: ignore[arg-type]
                        resolve=ResolveMap({"*": ("127.0.0.1", port)}),
                        since=datetime.combine(SINCE, dtime(), WIB),
                        until=datetime.combine(date(2025, 1, 31), dtime(), WIB))
    return replace(base, **changes)  # type: ignore[arg-type]


def _run(db: Path, options: CrawlOptions) -> RunReport:
    with Store(db) as store:
        return asyncio.run(crawl(store, options))


def _stored(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT url FROM articles ORDER BY url")]


def _article_paths(mirror: MirrorServer) -> list[str]:
    with mirror.lock:
        return [r["path"] for r in mirror.requests if "/berita/" in r["path"] or "/read/" in r["path"]]


def test_a_range_stores_exactly_its_articles_and_a_second_run_fetches_none(
        sites: tuple[Path, ArchiveSites], tmp_path: Path) -> None:
    root, written = sites
    expected = sorted(s.url for site in ("detik", "liputan6") for s in written.published_in(site, SINCE, UNTIL))
    db = tmp_path / "a.db"
    with MirrorServer(root) as mirror:
        first = _run(db, _options(mirror.port))
        fetched, requests = len(_article_paths(mirror)), len(mirror.requests)
        second = _run(db, _options(mirror.port))
        again = _article_paths(mirror)[fetched:]
        archive_requests = [r["path"] for r in mirror.requests[requests:] if "indeks" in r["path"]]
    assert len(expected) == 120 and _stored(db) == expected  # nothing outside the range
    totals = first.totals()
    assert totals["new"] == 120 and totals["out_of_range"] == 2 * 10  # the old story each day lists
    assert all(s.days == (10 if s.site == "liputan6" else 90) for s in first.sites)
    assert again == [] and second.totals()["new"] == 0
    assert archive_requests == []  # every day has its watermark: not even the archive is read again
    assert second.sites[0].days_done_before == 90 and first.status == "ok"


def test_a_day_that_hits_the_page_cap_is_reported(sites: tuple[Path, ArchiveSites], tmp_path: Path) -> None:
    root, _ = sites
    liputan6 = get_profile("liputan6")
    assert liputan6 is not None
    capped = replace(liputan6, archives=(replace(liputan6.archives[0], max_pages=1),))
    with MirrorServer(root) as mirror:
        report = _run(tmp_path / "b.db", _options(mirror.port, profiles=[capped],
                                                  until=datetime.combine(date(2025, 1, 22), dtime(), WIB)))
    (site,) = report.sites
    assert len(site.days_capped) == 1 and site.days_capped[0].endswith("2025-01-21")
    assert site.count("new") == 4  # the first page's four stories, no more


@pytest.mark.slow
def test_killed_half_way_resumes_without_duplicates_or_refetches(
        sites: tuple[Path, ArchiveSites], tmp_path: Path) -> None:
    root, written = sites
    db = tmp_path / "c.db"
    cmd = [sys.executable, "-m", "scraper", "crawl", "--db", str(db), "--no-delay", "--site", "detik",
           "--site", "liputan6", "--since", SINCE.isoformat(), "--until", UNTIL.isoformat(), "--workers", "1"]
    with MirrorServer(root) as mirror:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.Popen([*cmd, "--resolve", f"*=127.0.0.1:{mirror.port}"], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(_stored_safely(db)) < 40:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        before = set(_stored_safely(db))
        assert 0 < len(before) < 120, len(before)
        fetched_before = len(_article_paths(mirror))
        rerun = subprocess.run([*cmd, "--resolve", f"*=127.0.0.1:{mirror.port}"], cwd=ROOT, env=env,
                               capture_output=True, text=True, timeout=120)
        refetched = {p for p in _article_paths(mirror)[fetched_before:]}
    assert rerun.returncode == 0, rerun.stderr
    stored = _stored(db)
    assert len(stored) == len(set(stored)) == 120
    assert not {u.split("/", 3)[3] for u in before} & {p.lstrip("/") for p in refetched}
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert OLD_DAYS == 20 and written


def _stored_safely(db: Path) -> list[str]:
    try:
        return _stored(db)
    except sqlite3.OperationalError:  # not created or migrated yet
        return []


def test_a_match_backfill_settles_the_day_for_its_filter_only_and_reextract_keeps_its_exclusions(
        sites: tuple[Path, ArchiveSites], tmp_path: Path) -> None:
    """Issue 20, item 6: ``--match`` stored 1 of a day's 4 articles and marked the day done,
    so the same range without ``--match`` walked nothing. The day's listing here gives no
    titles, so every story is fetched and judged on its text (the path that archives the
    left-out pages)."""
    import re
    import shutil

    from pipelines.reextract import reextract_archive

    root, written = sites
    day = date(2025, 1, 10)
    stories = written.stories["liputan6"][day]
    copy = tmp_path / "sites"
    shutil.copytree(root / "www.liputan6.com", copy / "www.liputan6.com")
    for index in (copy / "www.liputan6.com").glob(f"indeks/{day:%Y/%m/%d}*"):
        text = index.read_text(encoding="utf-8")
        for story in stories:  # the day's own links lose their titles; the old story keeps its own
            text = re.sub(f'(<a href="{re.escape(story.url)}">)[^<]*(</a>)', r"\1\2", text)
        index.write_text(text, encoding="utf-8")
    wanted = stories[0]
    token = wanted.paragraphs[0].rsplit("Kegiatan nomor ", 1)[1].split("-")[0]  # this story's own number
    db = tmp_path / "m.db"
    one_day = {"profiles": [get_profile("liputan6")], "since": datetime.combine(day, dtime(), WIB),
               "until": datetime.combine(day + timedelta(days=1), dtime(), WIB)}
    matching = (re.compile(rf"Kegiatan nomor {token}-", re.IGNORECASE),)
    with MirrorServer(copy) as mirror:
        filtered = _run(db, _options(mirror.port, match=matching, **one_day))
        after_filtered = len(_article_paths(mirror))
        again = _run(db, _options(mirror.port, match=matching, **one_day))
        after_again = len(_article_paths(mirror))
        with Store(db) as store:
            redone = reextract_archive(store, workers=1)
        assert _stored(db) == [wanted.url]  # reextract did not add back what --match left out
        full = _run(db, _options(mirror.port, **one_day))
        refetched = _article_paths(mirror)[after_again:]
    (site,) = filtered.sites
    assert (site.count("new"), site.count("unmatched"), site.days) == (1, len(stories) - 1, 1)
    assert after_filtered == len(stories) and after_again == after_filtered  # the same filter fetches none again
    assert again.sites[0].days_done_before == 1  # the same filter skips the day it settled
    assert redone["new"] == 0
    assert full.sites[0].days_done_before == 0 and full.totals()["new"] == len(stories) - 1
    assert sorted(refetched) == sorted(s.path for s in stories[1:])  # the left-out ones, once each
    assert _stored(db) == sorted(s.url for s in stories)
    with sqlite3.connect(db) as conn:  # each run settled the day under its own filter's watermark
        rows = conn.execute("SELECT archive, day FROM archive_days ORDER BY archive").fetchall()
    url = get_profile("liputan6").archives[0].url
    assert rows == [(url, day.isoformat()), (f"{url} match={matching[0].pattern}", day.isoformat())]
