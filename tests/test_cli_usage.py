"""Small contract points of the ``scraper`` command, each through a real process.

Usage errors exit 2 (the README's contract), input that is not text is refused, a typo'd
folder is not created, a closed pipe ends the output quietly, and ``--version`` works.
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from scraper.article import Article
from scraper.errors import StoreError
from scraper.store import Store

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


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "articles.db"
    with Store(path) as store:
        store.save_articles(
            Article(url=f"https://www.kabarcontoh.id/berita/{n}", site="kabarcontoh", title=f"Berita {n}",
                    published="2025-03-13T08:00:00+07:00", extractor="generic",
                    paragraphs=[f"Paragraf cerita nomor {n} tentang kota. " * 20])
            for n in range(600)
        )
    return path


@pytest.mark.parametrize("value", ["garbage", "2025-13-01", "yesterday", "2025-03-01T99:00"])
@pytest.mark.parametrize("option", ["--since", "--until"])
def test_export_bad_date_is_a_usage_error(db: Path, option: str, value: str) -> None:
    done = scraper("export", "--db", str(db), option, value)
    assert done.returncode == 2, done.stderr
    assert option in done.stderr and "Traceback" not in done.stderr and done.stdout == ""


def test_export_good_dates_still_work(db: Path) -> None:
    done = scraper("export", "--db", str(db), "--since", "2025-03-13", "--until", "2025-03-13T23:00:00+07:00")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 600


def _user_env() -> dict[str, str]:
    """The environment without PYTHONUNBUFFERED: with it, stdout has no buffer to flush at
    exit, which hides the "Exception ignored ... BrokenPipeError" a user sees."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def test_export_into_a_closed_pipe_ends_quietly(db: Path) -> None:
    """`scraper export | head -n 1`: no BrokenPipe traceback, no "Exception ignored" at exit."""
    export = subprocess.Popen([sys.executable, "-m", "scraper", "export", "--db", str(db)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=_user_env())
    assert export.stdout is not None and export.stderr is not None
    head = subprocess.run(["head", "-n", "1"], stdin=export.stdout, capture_output=True, timeout=120)
    export.stdout.close()  # only head held the read end, as in a shell pipeline
    err = export.stderr.read().decode()
    code = export.wait(timeout=120)
    assert head.stdout.count(b"\n") == 1 and b"Berita 0" in head.stdout
    assert err == "" and code == 0, err


def test_small_export_into_a_pipe_closed_early_ends_quietly(db: Path) -> None:
    """The reader is gone before anything is written and the output fits in stdout's buffer:
    the broken pipe only shows when Python flushes stdout at exit."""
    export = subprocess.Popen([sys.executable, "-m", "scraper", "export", "--db", str(db), "--format", "csv",
                               "--query", "tidakditemukan"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                              env=_user_env())
    assert export.stdout is not None and export.stderr is not None
    export.stdout.close()
    err = export.stderr.read().decode()
    assert export.wait(timeout=120) == 0 and "Exception ignored" not in err and "Broken pipe" not in err, err


@pytest.mark.parametrize(
    ("content", "what"),
    [(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"), (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "PNG"),
     (b"PK\x03\x04\x14\0\0\0", "ZIP"), (b"\x00\x01\x02\x03" * 100, "binary")],
)
def test_clean_refuses_binary_input(tmp_path: Path, content: bytes, what: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    done = subprocess.run([sys.executable, "-m", "scraper", "clean", str(path)], capture_output=True,
                          cwd=ROOT, timeout=60)
    assert done.returncode == 1
    assert what in done.stderr.decode() and b"Traceback" not in done.stderr and done.stdout == b""


def test_clean_still_reads_utf8_text(tmp_path: Path) -> None:
    path = tmp_path / "input.txt"
    path.write_text("Warga menanam pohon di lereng bukit pada pagi hari.\nBaca Juga: lainnya\n", encoding="utf-8")
    done = scraper("clean", str(path))
    assert (done.returncode, done.stdout) == (0, "Warga menanam pohon di lereng bukit pada pagi hari.\n")


def test_db_in_a_missing_folder_is_an_error_not_a_mkdir(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(PAGE, encoding="utf-8")
    missing = tmp_path / "no-such-folder"
    done = scraper("extract", str(page), "--db", str(missing / "a.db"))
    assert done.returncode == 1
    assert f"{missing}" in done.stderr and "does not exist" in done.stderr and "Traceback" not in done.stderr
    assert not missing.exists()
    with pytest.raises(StoreError, match="no-such-folder.*does not exist"):
        Store(missing / "b.db")
    assert not missing.exists()


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://ftp.example.org/a.html", "FILE:///etc/hostname",
                                    "gopher://x.example/1", "javascript://x"])
def test_extract_non_http_url_is_an_unsupported_scheme(target: str) -> None:
    done = scraper("extract", target)
    assert done.returncode == 1
    assert "unsupported URL scheme" in done.stderr and "no such file" not in done.stderr
    assert "root:" not in done.stdout


def test_version_is_the_package_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert importlib.metadata.version("indonews-scraper") == project["version"]
    done = scraper("--version")
    assert (done.returncode, done.stdout) == (0, f"scraper {project['version']}\n")
