"""User patterns (``crawl --match``, ``export --match``) run in linear time or are refused.

Issue 20 item 2: with Python's backtracking engine ``(a+)+$`` on 26 ``a`` and a ``!``
took 8.6 s and doubled per character. Patterns now run on RE2; what RE2 cannot do in
linear time is a usage error (exit 2) that names the construct.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from scraper.article import Article
from scraper.filters.textmatch import PatternError, compile_match, compile_pattern
from scraper.store import Store

ROOT = Path(__file__).resolve().parent.parent
#: 10 KB of what the catastrophic patterns backtrack on, ending where they fail.
HOSTILE = "a" * 10_000 + "!"
CATASTROPHIC = ["(a+)+$", "(a|a)+$", "(a*)*b", "(a|aa)+$", "(.*a){12}$"]


def scraper(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scraper", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_a_catastrophic_pattern_on_a_10kb_body_ends_within_a_second(pattern: str) -> None:
    keep = compile_match([pattern])
    assert keep is not None
    started = time.perf_counter()
    kept = keep("judul", HOSTILE)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"{pattern!r} took {elapsed:.2f}s"
    assert kept is False


def test_matching_keeps_the_usual_semantics() -> None:
    keep = compile_match(["banjir", r"gempa\s+bumi", "^Kabar"])
    assert keep is not None
    assert keep("BANJIR di Jakarta", None)  # case-insensitive
    assert keep(None, "terjadi Gempa  Bumi kemarin")
    assert keep("kabar pagi", "")
    assert not keep("Kebakaran", "hutan")
    assert compile_match([]) is None
    assert compile_pattern("(?s)café.x").search("CAFÉ\nx")  # inline flags, Unicode case folding


@pytest.mark.parametrize("pattern", [r"(\w+) \1", r"banjir(?=\s)", r"(?<!tidak )banjir", r"(?>a+)", "a++",
                                     r"(?P<k>a)(?P=k)", "(?x) banjir"])
def test_what_re2_lacks_is_refused_by_name(pattern: str) -> None:
    with pytest.raises(PatternError, match="cannot be matched in linear time.*lookahead"):
        compile_pattern(pattern)


def test_a_syntax_error_is_reported_as_one() -> None:
    with pytest.raises(PatternError, match="bad regular expression '\\(banjir'"):
        compile_pattern("(banjir")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "articles.db"
    with Store(path) as store:
        store.save_articles([
            Article(url="https://www.kabarcontoh.id/berita/1", site="kabarcontoh", title="Deretan huruf",
                    published="2025-03-13T08:00:00+07:00", extractor="generic", paragraphs=[HOSTILE]),
            Article(url="https://www.kabarcontoh.id/berita/2", site="kabarcontoh", title="Banjir",
                    published="2025-03-13T09:00:00+07:00", extractor="generic",
                    paragraphs=["Banjir melanda kota sejak pagi hari, kata warga setempat."]),
        ])
    return path


def test_export_match_with_the_catastrophic_pattern_finishes_within_a_second(db: Path) -> None:
    """The whole export process, less the same export matching a plain word: under 1 s."""
    started = time.perf_counter()
    plain = scraper("export", "--db", str(db), "--match", "banjir")
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    hostile = scraper("export", "--db", str(db), "--match", "(a+)+$")
    elapsed = time.perf_counter() - started
    assert plain.returncode == 0 and plain.stdout.count("\n") == 1, plain.stderr
    assert hostile.returncode == 0, hostile.stderr
    assert hostile.stdout == "" and "exported 0 articles" in hostile.stderr  # ends in "!": no match
    assert elapsed - baseline < 1.0, f"(a+)+$ export {elapsed:.2f}s vs {baseline:.2f}s"


@pytest.mark.parametrize("command", [["export"], ["crawl", "--site", "detik"]])
def test_a_pattern_re2_lacks_is_a_usage_error(db: Path, command: list[str]) -> None:
    done = scraper(*command, "--db", str(db), "--match", r"banjir(?!\s+bandang)")
    assert done.returncode == 2, done.stderr
    assert "cannot be matched in linear time" in done.stderr and "Traceback" not in done.stderr
    assert "re2.cc" not in done.stderr  # no C++ log line beside our message
    assert done.stdout == ""
