"""Pathological pages bound the work per page (issue 9.3): a page nested 200,000 levels
deep used to stall a worker for minutes (the parser's time grows with depth squared) and
the crawl ignored SIGTERM meanwhile. Now it is refused unparsed and recorded as a failure
with error_kind "too_deep", and SIGTERM ends a crawl whatever is in flight."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from devtools.mirror_faults import Fault, FaultyMirror
from devtools.sitegen import build_demo_sites
from scraper.errors import InputError
from scraper.extract.htmlinput import MAX_DEPTH, decode_page, nesting_depth
from scraper.extract.pipeline import extract_html

ROOT = Path(__file__).resolve().parent.parent
DEEP = 200_000


def deep_page(levels: int) -> str:
    return ("<html><head><title>x</title></head><body>" + "<div>" * levels
            + "<p>Isi berita yang terkubur sangat dalam.</p>" + "</div>" * levels + "</body></html>")


@pytest.mark.timeout(60)
def test_a_deep_page_is_refused_unparsed_with_its_kind() -> None:
    with pytest.raises(InputError) as info:
        decode_page(deep_page(DEEP))
    assert info.value.kind == "too_deep"
    article = extract_html(deep_page(DEEP), "https://www.contoh.id/berita/1")
    assert (article.status, article.error_kind) == ("error", "too_deep")


def test_depth_reading_ignores_void_and_implicitly_closed_and_raw_text() -> None:
    html = ("<div><p>a<p>b<br><img src=x><li>c<li>d</div>"
            "<script>" + "<div>" * 50 + "</script><div><section><b>x</b></section></div>")
    assert nesting_depth(html) == 3
    # a page just under the limit still extracts
    ok = extract_html(deep_page(MAX_DEPTH - 10), "https://www.contoh.id/berita/1")
    assert ok.error_kind is None


def _crawl_cmd(db: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "scraper", "crawl", "--db", str(db), "--no-delay", "--site", "jpnn",
            "--resolve", f"*=127.0.0.1:{port}"]


@pytest.mark.timeout(120)
def test_a_crawl_records_a_deep_page_as_failed_and_goes_on(tmp_path: Path) -> None:
    root, db = tmp_path / "sites", tmp_path / "a.db"
    build_demo_sites(root)
    (root / "www.jpnn.com" / "news" / "bus-listrik-uji-coba-di-kota").write_text(deep_page(DEEP), encoding="utf-8")
    with FaultyMirror(root) as mirror:
        proc = subprocess.run(_crawl_cmd(db, mirror.port), cwd=ROOT, capture_output=True, text=True, timeout=100)
    assert proc.returncode == 0, proc.stderr
    with sqlite3.connect(db) as conn:
        kinds = conn.execute("SELECT error_kind FROM fetches WHERE url LIKE '%bus-listrik%' AND error_kind IS NOT NULL"
                             ).fetchall()
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert kinds == [("too_deep",)] and stored == 2


def _article_requests(mirror: FaultyMirror) -> list[str]:
    with mirror.lock:
        return [r["path"] for r in mirror.requests if r["path"].startswith("/news/")]


def test_sigterm_ends_a_crawl_whose_fetches_hang(tmp_path: Path) -> None:
    """Every article drips in slowly: each attempt runs into the total timeout and is retried
    (~15 s per URL). SIGTERM must end the run at once, recorded as interrupted."""
    root, db = tmp_path / "sites", tmp_path / "b.db"
    build_demo_sites(root)
    with FaultyMirror(root, [Fault("drip", path="/news/*", params={"seconds": "1", "chunk": "16"})]) as mirror:
        proc = subprocess.Popen(_crawl_cmd(db, mirror.port), cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not _article_requests(mirror):
            time.sleep(0.1)
        assert _article_requests(mirror), "the crawl reached the articles"
        time.sleep(0.5)
        signalled = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=30)
        took = time.monotonic() - signalled
    assert proc.returncode == 0 and took < 5, took
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]
