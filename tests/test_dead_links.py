"""A dead link is the URL's failure, not the site's (issue 9.5): a feed item that 404s and a
non-http link used to make the site FAILED and the run exit 1, every run. Now the 404 is
recorded, retried on a back-off across runs and given up; the ftp: link is skipped and
counted; the site and the run are fine."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from devtools.sitegen import build_demo_sites
from pipelines.crawl import RETRY_BACKOFF, CrawlOptions, RunReport, crawl
from pipelines.mirror import MirrorServer
from scraper.fetch.client import FetchConfig
from scraper.fetch.resolve import ResolveMap
from scraper.sites import get_profile
from scraper.store import Store

ROOT = Path(__file__).resolve().parent.parent
DEAD = "https://www.jpnn.com/news/berita-yang-sudah-dihapus"
FTP = "ftp://www.jpnn.com/news/berkas-lama"


@pytest.fixture()
def sites(tmp_path: Path) -> Path:
    root = tmp_path / "sites"
    build_demo_sites(root)
    sitemap = root / "www.jpnn.com" / "sitemap.xml"
    extra = "".join(f"<url><loc>{u}</loc></url>" for u in (DEAD, FTP))
    sitemap.write_text(sitemap.read_text(encoding="utf-8").replace("</urlset>", extra + "</urlset>"), encoding="utf-8")
    return root


def _run(db: Path, port: int) -> RunReport:
    profile = get_profile("jpnn")
    assert profile is not None
    options = CrawlOptions(profiles=[profile], fetch=FetchConfig.fast(max_delay=0, attempts=1),
                           resolve=ResolveMap({"*": ("127.0.0.1", port)}))
    with Store(db) as store:
        return asyncio.run(crawl(store, options))


def _dead_fetches(mirror: MirrorServer) -> int:
    return len(mirror.requests_to("/news/berita-yang-sudah-dihapus"))


def _make_due(db: Path) -> None:
    """Time passes: the back-off of every failed URL is over."""
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE url_failures SET retry_after = '2000-01-01T00:00:00Z' WHERE retry_after IS NOT NULL")


def test_a_dead_link_backs_off_then_is_given_up_and_never_fails_the_site(sites: Path, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with MirrorServer(sites) as mirror:
        first = _run(db, mirror.port)
        site = first.sites[0]
        assert (site.count("new"), site.count("failed"), site.non_http) == (3, 1, 1)
        assert not site.failed and first.status == "ok" and first.ok
        assert _dead_fetches(mirror) == 1

        second = _run(db, mirror.port)  # at once: the dead URL waits for its retry time
        assert second.sites[0].deferred == 1 and _dead_fetches(mirror) == 1 and second.status == "ok"

        for tries in range(2, len(RETRY_BACKOFF) + 2):
            _make_due(db)
            again = _run(db, mirror.port)
            assert again.sites[0].count("failed") == 1 and _dead_fetches(mirror) == tries
        _make_due(db)
        last = _run(db, mirror.port)
        assert last.sites[0].given_up == 1 and _dead_fetches(mirror) == len(RETRY_BACKOFF) + 1
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT failures, error_kind, retry_after FROM url_failures WHERE url = ?", (DEAD,)).fetchone()
        logged = conn.execute("SELECT count(*) FROM fetches WHERE url = ? AND status = 404", (DEAD,)).fetchone()[0]
    assert row == (len(RETRY_BACKOFF) + 1, "http", None) and logged == len(RETRY_BACKOFF) + 1


def test_a_url_that_works_again_leaves_the_failure_list(sites: Path, tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    with MirrorServer(sites) as mirror:
        _run(db, mirror.port)
        page = sites / "www.jpnn.com" / "news" / "berita-yang-sudah-dihapus"
        page.write_bytes((sites / "www.jpnn.com" / "news" / "bus-listrik-uji-coba-di-kota").read_bytes())
        _make_due(db)
        report = _run(db, mirror.port)
    assert report.sites[0].count("failed") == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM url_failures").fetchone()[0] == 0


def test_the_cli_exits_0_when_only_a_dead_link_failed(sites: Path, tmp_path: Path) -> None:
    with MirrorServer(sites) as mirror:
        proc = subprocess.run(
            [sys.executable, "-m", "scraper", "crawl", "--db", str(tmp_path / "c.db"), "--no-delay", "--site", "jpnn",
             "--resolve", f"*=127.0.0.1:{mirror.port}"],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "SITE FAILED" not in proc.stdout
