"""A careless user's mistakes get a clear answer (issue 20 items 9 and 12), each through a
real ``scraper`` process on a real SQLite store.

- a search query of thousands of OR'd prefix terms (it ran past 120 s) is refused, exit 2;
- an invalid FTS query is still searched as plain words, and stderr says so;
- ``export --site detk`` (a typo) is a usage error naming the near miss, as in ``crawl``;
- ``extract news.detik.com/...`` (no scheme) suggests https://;
- ``stats`` (or ``migrate``, or a crawl) on a foreign SQLite file says it is not a scraper
  store, instead of suggesting ``migrate``, which then refused; the file is not touched.
"""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scraper.article import Article
from scraper.filters.searchquery import MAX_PREFIX_TERMS
from scraper.store import Store

ROOT = Path(__file__).resolve().parent.parent


def scraper(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scraper", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "articles.db"
    with Store(path) as store:
        store.save_articles([
            Article(url=f"https://news.detik.com/berita/{n}", site="detik", title=f"Banjir hari {n}",
                    published="2025-03-13T08:00:00+07:00", extractor="generic",
                    paragraphs=[f"Banjir merendam kota nomor {n}, kata warga {n}. " * 5])
            for n in range(5)
        ] + [Article(url="https://kabar.example/berita/1", site="kabar.example", title="Kabar banjir",
                     published="2025-03-13T09:00:00+07:00", extractor="generic",
                     paragraphs=["Banjir juga terjadi di kota lain menurut kabar warga setempat. " * 3])])
    return path


def _words(n: int) -> list[str]:
    """``n`` distinct prefixes (aa*, ab*, ...)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return [letters[i // 676 % 26] + letters[i // 26 % 26] + letters[i % 26] + "*" for i in range(n)]


@pytest.mark.parametrize("command", [["search"], ["export", "--query"]])
def test_a_query_of_8000_ored_prefix_terms_is_refused_at_once(db: Path, command: list[str]) -> None:
    query = " OR ".join(_words(8000))
    started = time.monotonic()
    done = scraper(*command, query, "--db", str(db))
    elapsed = time.monotonic() - started
    assert done.returncode == 2, done.stderr
    assert "search query too long" in done.stderr and "Traceback" not in done.stderr
    assert elapsed < 10  # a process start, not a 120 s search
    assert done.stdout == ""


def test_many_prefix_terms_in_a_short_query_are_refused_too(db: Path) -> None:
    done = scraper("search", " OR ".join(_words(MAX_PREFIX_TERMS + 1)), "--db", str(db))
    assert done.returncode == 2
    assert f"{MAX_PREFIX_TERMS + 1} prefix terms" in done.stderr


def test_a_query_within_the_limits_still_searches(db: Path) -> None:
    done = scraper("search", " OR ".join(["banj*", *_words(MAX_PREFIX_TERMS - 1)]), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("news.detik.com") == 5


def test_an_invalid_fts_query_is_searched_as_words_and_says_so(db: Path) -> None:
    done = scraper("search", '"banjir kota', "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") >= 10  # the five detik hits (a line and a snippet each)
    assert "not valid search syntax" in done.stderr and '"banjir" "kota"' in done.stderr
    fine = scraper("search", "banjir kota", "--db", str(db))
    assert fine.returncode == 0 and fine.stderr == ""  # a valid query: nothing to say


def test_export_of_an_unknown_site_is_a_usage_error(db: Path) -> None:
    done = scraper("export", "--site", "detk", "--db", str(db))
    assert done.returncode == 2
    assert "unknown site 'detk'" in done.stderr and "did you mean detik" in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize(("site", "count"), [("detik", 5), ("kabar.example", 1)])
def test_export_of_a_profile_or_a_stored_site_still_works(db: Path, site: str, count: int) -> None:
    done = scraper("export", "--site", site, "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == count


def test_extract_of_a_url_without_its_scheme_suggests_https(tmp_path: Path) -> None:
    done = scraper("extract", "news.detik.com/berita/d-1/banjir")
    assert done.returncode == 1
    assert "no such file: news.detik.com/berita/d-1/banjir" in done.stderr
    assert "https://news.detik.com/berita/d-1/banjir" in done.stderr
    plain = scraper("extract", str(tmp_path / "missing.html"))
    assert plain.returncode == 1 and "https://" not in plain.stderr  # a real file name: no hint


@pytest.mark.parametrize("command", [["stats"], ["migrate"], ["search", "banjir"], ["export"]])
def test_a_foreign_sqlite_file_is_not_a_scraper_store(tmp_path: Path, command: list[str]) -> None:
    foreign = tmp_path / "notes.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        conn.execute("INSERT INTO notes (text) VALUES ('milik orang lain')")
    before = hashlib.sha256(foreign.read_bytes()).hexdigest()
    done = scraper(*command, "--db", str(foreign))
    assert done.returncode == 1
    assert "not a scraper database" in done.stderr and "notes" in done.stderr
    assert "run `scraper migrate" not in done.stderr  # no advice that would then be refused
    assert hashlib.sha256(foreign.read_bytes()).hexdigest() == before
