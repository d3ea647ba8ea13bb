"""``scraper doctor --live`` against a loopback mirror (issue 22): every capability a site
declares is asked once; a capability that worked and then breaks is a regression (exit 1);
the answers land in the store and ``scraper sites`` shows the verification date."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from devtools.mirror_faults import FaultyMirror, parse_fault
from devtools.probe_sites import WORD, build_probe_sites
from scraper.localtime import WIB

ROOT = Path(__file__).resolve().parent.parent
SITES = ("detik", "liputan6", "fajar", "mongabay")


def _doctor(db: Path, port: int, *extra: str) -> subprocess.CompletedProcess[str]:
    sites = [arg for name in SITES for arg in ("--site", name)]
    return subprocess.run(
        [sys.executable, "-m", "scraper", "doctor", "--live", "--db", str(db), "--no-delay", "--word", WORD,
         "--resolve", f"*=127.0.0.1:{port}", *sites, *extra],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=120)


def test_doctor_live_reports_each_capability_and_fails_when_one_stops_working(tmp_path: Path) -> None:
    root, db = tmp_path / "mirror", tmp_path / "p.db"
    build_probe_sites(root, datetime.now(WIB).date())
    with FaultyMirror(root) as mirror:
        first = _doctor(db, mirror.port, "--format", "json")
    assert first.returncode == 0, first.stdout + first.stderr
    probes = {(p["site"], p["capability"]): p for p in json.loads(first.stdout)["probes"]}
    declared = {k: p["status"] for k, p in probes.items() if p["status"] != "none"}
    assert set(declared.values()) == {"ok"}, declared
    assert set(declared) == {("detik", "feed"), ("detik", "sitemap"), ("detik", "archive"), ("detik", "article"),
                             ("liputan6", "feed"), ("liputan6", "archive"), ("liputan6", "article"),
                             ("fajar", "archive"), ("fajar", "search"), ("fajar", "article"),
                             ("mongabay", "archive"), ("mongabay", "search"), ("mongabay", "article")}
    assert probes[("detik", "article")]["detail"].startswith("extractor site:detik")  # the profile path read it
    assert probes[("mongabay", "search")]["links"] == 2 and probes[("detik", "search")]["status"] == "none"

    # fajar's search breaks (500 on /?s=): the table says so and the exit status is 1
    with FaultyMirror(root, [parse_fault("500,path=/")]) as mirror:
        second = _doctor(db, mirror.port)
    assert second.returncode == 1, second.stdout + second.stderr
    table = "".join(second.stdout.replace("│", "").split())
    assert "REGRESSED" in second.stdout and "1capabilitystoppedworkingsincethelastprobe:fajarsearch" in table

    sites = json.loads(subprocess.run([sys.executable, "-m", "scraper", "sites", "--format", "json", "--db", str(db)],
                                      cwd=ROOT, capture_output=True, text=True, timeout=60, check=True).stdout)
    rows = {row["name"]: row for row in sites}
    today = datetime.now(WIB).date().isoformat()
    assert rows["mongabay"]["verified"]["search"] == f"ok {today}"
    assert rows["fajar"]["verified"]["search"] == f"FAILED {today} (last ok {today})"
    assert rows["kompas"]["verified"]["search"] == "facts" and rows["detik"]["verified"]["search"] == "-"
