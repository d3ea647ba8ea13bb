"""``scraper explore`` from a built wheel (a non-editable install): the Datasette plugin, its
templates, CSS and metadata.json travel as package data, and nothing is looked up in the
source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import httpx
import pytest
from test_datasette import free_port
from test_explore_ui import build_db, wait_for

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def test_a_wheel_carries_the_plugin_and_explore_serves_from_it(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True, timeout=240)
    wheel = next(wheels.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for data in ("metadata.json", "templates/row.html", "templates/scraper_dashboard.html", "static/scraper.css"):
        assert f"pipelines/explore_ui/{data}" in names
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, timeout=240)
    db = tmp_path / "news.db"
    build_db(db)
    port = free_port()
    elsewhere = tmp_path / "cwd"  # not the checkout: no datasette/ or fixtures/ folder beside it
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(site))
    proc = subprocess.Popen([sys.executable, "-m", "scraper", "explore", "--db", str(db), "--port", str(port)],
                            cwd=elsewhere, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base, proc)
        plugins = httpx.get(f"{base}/-/plugins.json", timeout=10).json()
        # the package's plugin, and the connection limits explore adds from the wheel's copy
        assert sorted((p["name"], p["templates"], p["static"]) for p in plugins) == [
            ("explore_limits.py", False, False), ("indonews-scraper", True, True)]
        assert "One row per canonical article URL" in httpx.get(f"{base}/news/articles", timeout=10).text
        assert '<article class="scraper-story">' in httpx.get(f"{base}/news/articles/2", timeout=10).text
        where = subprocess.run([sys.executable, "-c", "import pipelines; print(pipelines.__file__)"], env=env,
                               cwd=elsewhere, capture_output=True, text=True, check=True).stdout
        assert where.startswith(str(site))  # the wheel's copy ran, not the checkout's
    finally:
        proc.terminate()
        proc.wait(10)
