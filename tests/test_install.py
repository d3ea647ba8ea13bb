"""The wheel installs and works with the pip a fresh ``python3 -m venv`` ships (issue 20,
item 11). pip 23.2 did not install lxml's ``html_clean`` extra, which trafilatura asks
for, so every command failed on import; the project now depends on ``lxml_html_clean``
itself. Real build, real venv, the stock pip (never upgraded), the configured indexes
and the local pip cache; then the console script extracts a fixture page."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
FIXTURE = sorted((ROOT / "fixtures" / "pages" / "detik").glob("*.html"))[0]


def _run(*args: str | Path, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"{args}: {done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    return done


def test_the_wheel_installs_and_runs_with_the_stock_pip_of_a_new_venv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, ROOT)
    wheel = next(dist.glob("indonews_scraper-*.whl"))
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv)  # the pip it ships, as a user gets it
    pip_version = _run(venv / "bin" / "pip", "--version").stdout.split()[1]
    print(f"\nstock pip {pip_version}")
    _run(venv / "bin" / "pip", "install", "-q", f"{wheel}[distributed]")

    version = _run(venv / "bin" / "scraper", "--version")
    assert version.stdout.startswith("scraper ")
    expected = json.loads(FIXTURE.with_suffix(".json").read_text(encoding="utf-8"))
    # run outside the source tree, so the installed package is the one imported
    got = subprocess.run([venv / "bin" / "scraper", "extract", FIXTURE, "--url", expected["url"], "--format", "json"],
                         capture_output=True, text=True, timeout=120, cwd=tmp_path, check=False)
    assert got.returncode == 0, got.stderr
    article = json.loads(got.stdout)
    assert article["status"] == "ok" and article["title"] == expected["expect"]["title"]
    assert article["extractor"] == "site:detik"
