"""``scraper report``: one self-contained HTML file (charts drawn from inlined JavaScript, no
other host named in a script or link), a PNG, and a clear message without vl-convert."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_explore_ui import build_db

from pipelines.cli import main


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "news.db"
    build_db(path)
    return path


def test_report_is_one_html_file_with_every_chart_and_no_outside_resource(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, png = tmp_path / "r.html", tmp_path / "r.png"
    assert main(["report", "--db", str(db), "-o", str(out), "--term", "banjir", "--png", str(png)]) == 0
    printed = capsys.readouterr().out
    assert "self-contained" in printed and printed.count("drawn") == 5
    page = out.read_text(encoding="utf-8")
    markup = re.sub(r"(<script>).*?(</script>)", r"\1\2", page, flags=re.S)  # the HTML outside the scripts
    assert markup.count("<script>") == 2  # the inlined bundle and the calls
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", markup)  # nothing loaded from anywhere
    assert "window.vegaEmbed=" in page  # Vega itself is in the file
    calls = re.findall(r'vegaEmbed\("#chart-(\w+)", (.*), \{actions: false\}\);', page)
    assert [name for name, _ in calls] == ["volume", "coverage", "health", "stories", "term"]
    specs = {name: json.loads(spec) for name, spec in calls}
    assert specs["term"]["title"] == "Mentions of “banjir” per site per day"
    assert {v["outlets"] for v in specs["stories"]["data"]["values"]} == {"detik,kabarcontoh"}
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000


def test_without_a_term_the_trend_says_how_to_ask(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert main(["report", "--db", str(db), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "scraper report --term WORD" in page and 'vegaEmbed("#chart-term"' not in page


def test_a_missing_database_is_an_error_that_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.html"
    assert main(["report", "--db", str(tmp_path / "nope.db"), "-o", str(out)]) == 1
    assert "nope.db" in capsys.readouterr().err and not out.exists()


def test_without_vl_convert_the_message_names_the_extra(db: Path, tmp_path: Path) -> None:
    """A real process where ``import vl_convert`` fails, as in an install without the extra."""
    shadow = tmp_path / "shadow" / "vl_convert"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('vl_convert is not installed')\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(shadow.parent), str(Path(__file__).parent.parent)]))
    done = subprocess.run([sys.executable, "-m", "scraper", "report", "--db", str(db), "-o", str(tmp_path / "r.html")],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 1
    assert "pip install 'indonews-scraper[explore]'" in done.stderr and not (tmp_path / "r.html").exists()
