"""Script-built pages end to end: ``scraper extract URL`` against a loopback mirror fetches
the second document a near-empty page names (its ``_payload.json``, its AMP version)
through the one whole-article fetch loop, reads the story from it, and archives both."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from pipelines.mirror import MirrorServer

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "fixtures" / "pages"


def _mirror(root: Path, files: dict[str, Path]) -> None:
    """Serve each URL's file; a page with documents below its path (``/slug`` and
    ``/slug/amp``) becomes ``slug/index.html``. Queries are left to the mirror's fallback."""
    paths = {url: urlsplit(url).path for url in files}
    for url, source in files.items():
        path = paths[url]
        below = any(other.startswith(path.rstrip("/") + "/") for other in paths.values() if other != path)
        target = root / urlsplit(url).hostname / (path.strip("/") + ("/index.html" if below else ""))  # type: ignore[operator]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)


def _case(site: str, slug: str, *, with_alternate: bool = True) -> tuple[dict, dict[str, Path]]:
    spec = json.loads((PAGES / site / f"{slug}.json").read_text(encoding="utf-8"))
    files = {spec["url"]: PAGES / site / f"{slug}.html"}
    if with_alternate:
        files.update({url: PAGES / site / name for url, name in spec["pages"].items()})
    return spec, files


def _extract(url: str, port: int, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scraper", "extract", url, "--resolve", f"*=127.0.0.1:{port}", *extra],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.mark.parametrize(("site", "slug"), [("tempo", "nuxt-2025"), ("cnnindonesia", "script-2025-amp-only")])
def test_the_second_document_is_fetched_read_and_archived(site: str, slug: str, tmp_path: Path) -> None:
    spec, files = _case(site, slug)
    _mirror(tmp_path / "mirror", files)
    db = tmp_path / "one.db"
    with MirrorServer(tmp_path / "mirror") as server:
        proc = _extract(spec["url"], server.port, "--db", str(db))
        asked = [urlsplit(r["path"]).path for r in server.requests]
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    for key in ("status", "title", "published", "authors", "extractor"):
        assert data[key] == spec["expect"][key], key
    assert data["body"].split("\n\n") == spec["expect"]["body"]
    (alternate,) = spec["pages"]
    assert asked == [urlsplit(spec["url"]).path, urlsplit(alternate).path]  # one page, one second request
    with sqlite3.connect(db) as conn:
        stored = conn.execute("select url, part from pages order by id").fetchall()
    assert stored == [(spec["url"], None), (alternate, 2)]
    again = subprocess.run([sys.executable, "-m", "scraper", "reextract", "--db", str(db), "--workers", "1"],
                           capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "unchanged=1" in again.stdout  # read again from both archived documents, same article


@pytest.mark.parametrize(("site", "slug"), [("generic", "nextjs-data-2025"), ("generic", "rsc-flight-2025"),
                                           ("jawapos", "nextdata-2025")])
def test_a_story_embedded_in_the_page_needs_no_second_request(site: str, slug: str, tmp_path: Path) -> None:
    spec, files = _case(site, slug, with_alternate=False)
    _mirror(tmp_path / "mirror", files)
    with MirrorServer(tmp_path / "mirror") as server:
        proc = _extract(spec["url"], server.port)
        asked = len(server.requests)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["body"].split("\n\n") == spec["expect"]["body"] and data["title"] == spec["expect"]["title"]
    assert asked == 1


def test_a_missing_second_document_keeps_the_page_and_fails_nothing(tmp_path: Path) -> None:
    spec, files = _case("cnnindonesia", "script-2025-amp-only", with_alternate=False)
    _mirror(tmp_path / "mirror", files)
    with MirrorServer(tmp_path / "mirror") as server:
        proc = _extract(spec["url"], server.port)
        asked = len(server.requests)
    assert proc.returncode == 3, proc.stderr  # not an article: the page alone holds no story
    assert "Traceback" not in proc.stderr and json.loads(proc.stdout)["status"] == "not_article"
    assert asked == 2  # the page, then its AMP version (404): no retry loop


def test_a_page_with_its_story_asks_for_nothing_else(tmp_path: Path) -> None:
    spec, files = _case("cnnindonesia", "article-2025", with_alternate=False)
    _mirror(tmp_path / "mirror", files)
    with MirrorServer(tmp_path / "mirror") as server:
        proc = _extract(spec["url"], server.port)
        asked = len(server.requests)
    assert proc.returncode == 0, proc.stderr
    assert asked == 1
