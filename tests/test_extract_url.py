"""`scraper extract URL` over real HTTP: a loopback mirror, --resolve, multi-page stitching, --db."""

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
CASE = ROOT / "fixtures" / "pages" / "viva" / "multipage-p1.json"


def _mirror_file(root: Path, url: str) -> Path:
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + (f"__{parts.query}" if parts.query else "")
    path = root / parts.hostname / name  # type: ignore[operator]
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture()
def site(tmp_path: Path):  # type: ignore[no-untyped-def]
    spec = json.loads(CASE.read_text(encoding="utf-8"))
    root = tmp_path / "mirror"
    shutil.copy(CASE.with_suffix(".html"), _mirror_file(root, spec["url"]))
    for url, name in spec["pages"].items():
        shutil.copy(CASE.parent / name, _mirror_file(root, url))
    with MirrorServer(root) as server:
        yield spec, server


def _scraper(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scraper", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_multi_page_url_is_stitched_and_stored(site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec, server = site
    db = tmp_path / "one.db"
    proc = _scraper("extract", spec["url"], "--resolve", f"*=127.0.0.1:{server.port}", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["pages"] == 2
    assert data["body"].split("\n\n") == spec["expect"]["body"]
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select title, pages from articles").fetchall()
        pages = conn.execute("select id, url, part_of, part from pages order by id").fetchall()
    assert rows == [(spec["expect"]["title"], 2)]
    # both pages archived, page 2 filed under page 1, so reextract can read the whole story
    (first, url, none, _), (_, url2, part_of, part) = pages
    assert url == spec["url"] and none is None
    assert url2.endswith("?page=2") and (part_of, part) == (first, 2)


def test_private_address_refused_without_allow(site) -> None:  # type: ignore[no-untyped-def]
    _, server = site
    proc = _scraper("extract", f"http://127.0.0.1:{server.port}/x")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["status"] == "error"


def test_unreachable_url_is_a_clear_error() -> None:
    proc = _scraper("extract", "http://127.0.0.1:9/nothing", "--allow-private")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and proc.stderr.strip()
