"""``scraper stats``: useful per-day numbers on an old database, rich tables on a real terminal
(a pseudo-terminal, 80 columns), tab-separated text when piped or with ``--plain``."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pipelines.cli import main
from scraper.article import Article
from scraper.store import Store

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def article(n: int, published: str, site: str = "kabarcontoh") -> Article:
    return Article(url=f"https://www.{site}.id/berita/{n}", site=site, title=f"Berita {n}", published=published,
                   authors=["Siti Rahma"], extractor="site:kabarcontoh", paragraphs=[f"Isi berita nomor {n} di kota."])


@pytest.fixture
def old_db(tmp_path: Path) -> Path:
    """Like the demo: every article published long before today."""
    path = tmp_path / "old.db"
    with Store(path) as store:
        for n, day in enumerate(["2025-03-10", "2025-03-12", "2025-03-12", "2025-03-13"] + [f"2025-02-{d:02d}"
                                                                                         for d in range(1, 20)]):
            store.save_article(article(n, f"{day}T09:00:00+07:00", site="warta" if n == 2 else "kabarcontoh"))
        run = store.start_run(["kabarcontoh"])
        store.record_fetch("https://www.warta.id/9", run_id=run, error_kind="timeout", error="slow")
        store.finish_run(run, {"new": 23, "failed": 1}, "ok")
    return path


def test_old_articles_show_the_latest_days_that_have_articles(
    old_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "--db", str(old_db), "--days", "3"]) == 0
    out = capsys.readouterr().out
    section = out.split("# ")[3]
    assert section.startswith("No articles published in the last 3 days; the latest 3 days with articles (WIB)")
    assert section.splitlines()[1:5] == ["day\tsite\tarticles", "2025-03-13\tkabarcontoh\t1",
                                         "2025-03-12\tkabarcontoh\t1", "2025-03-12\twarta\t1"]
    assert "2025-03-10\tkabarcontoh\t1" in section and "2025-02-19" not in section
    assert main(["stats", "--db", str(old_db), "--days", "3", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["per_day"] == [] and [d["day"] for d in stats["latest_days"]][:2] == ["2025-03-13", "2025-03-12"]


def test_recent_articles_are_counted_per_day(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "new.db"
    yesterday = datetime.now(UTC) - timedelta(days=1)
    with Store(db) as store:
        store.save_article(article(1, yesterday.isoformat()))
    assert main(["stats", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    day = (yesterday + timedelta(hours=7)).date().isoformat()
    assert f"# Articles per day (WIB), last 14 days\nday\tsite\tarticles\n{day}\tkabarcontoh\t1\n" in out
    assert "No articles published" not in out


def on_a_terminal(*args: str, columns: int = 80) -> str:
    """Run ``scraper`` with stdout on a pseudo-terminal of ``columns`` columns; its text, ANSI removed."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 60, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    proc = subprocess.Popen([sys.executable, "-m", "scraper", *args], stdout=slave, stderr=subprocess.PIPE,
                            cwd=ROOT, env={**env, "TERM": "xterm-256color"})
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal's other side is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.wait(timeout=60) == 0, proc.stderr.read() if proc.stderr else ""
    return ANSI.sub("", b"".join(chunks).decode("utf-8", "replace")).replace("\r\n", "\n")


def test_terminal_gets_rich_tables_that_fit_80_columns(old_db: Path) -> None:
    text = on_a_terminal("stats", "--db", str(old_db), "--days", "3")
    assert "━" in text and "\t" not in text  # rich tables, not tab text
    assert "…" not in text, text  # nothing cut off at 80 columns
    assert max(len(line) for line in text.splitlines()) <= 80
    for needle in ("Articles per site", "kabarcontoh", "2025-03-13", "timeout", "Last runs", "not art.", "blocked"):
        assert needle in text, needle


def test_plain_flag_gives_tab_text_on_a_terminal(old_db: Path) -> None:
    text = on_a_terminal("stats", "--db", str(old_db), "--plain")
    assert text.startswith("# Totals\narticles\tpages\tfetches\tversions\n23\t")
    assert "━" not in text


def test_articles_per_section_per_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "rubric.db"
    rubrics = [("kabarcontoh", "Nasional", None), ("kabarcontoh", "Nasional", None), ("kabarcontoh", "Sport", "Sepakbola"),
               ("warta", "Ekonomi", None), ("warta", None, None)]
    with Store(path) as store:
        for n, (site, section, subsection) in enumerate(rubrics):
            item = article(n, "2025-03-12T09:00:00+07:00", site=site)
            item.section, item.subsection = section, subsection
            store.save_article(item)
    assert main(["stats", "--db", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sections"] == [
        {"site": "kabarcontoh", "section": "Nasional", "subsection": None, "articles": 2},
        {"site": "kabarcontoh", "section": "Sport", "subsection": "Sepakbola", "articles": 1},
        {"site": "warta", "section": None, "subsection": None, "articles": 1},
        {"site": "warta", "section": "Ekonomi", "subsection": None, "articles": 1},
    ]
    assert main(["stats", "--db", str(path), "--plain"]) == 0
    table = capsys.readouterr().out.split("# Articles per section per site\n")[1]
    assert table.splitlines()[:3] == ["site\tsection\tsubsection\tarticles", "kabarcontoh\tNasional\t\t2",
                                      "kabarcontoh\tSport\tSepakbola\t1"]
