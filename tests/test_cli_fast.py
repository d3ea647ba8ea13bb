"""The CLI imports only the command it runs: ``--version`` and ``--help`` import no command,
``extract FILE`` of a page its site profile reads imports neither trafilatura, the crawl,
Datasette nor Celery. Checked in fresh processes by what got imported (a timing would
depend on the machine's load); the medians measured are in the issue's closing note."""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import subprocess
import sys
from pathlib import Path

from pipelines import commands
from pipelines.cli import build_parser, command_names, package_version

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("trafilatura", "datasette", "celery", "pipelines.crawl", "vl_convert", "httpx", "asyncio")


def imported_after(argv: list[str]) -> tuple[int, set[str]]:
    """Run ``main(argv)`` in a fresh interpreter; its exit status and the modules it loaded."""
    code = "\n".join([
        "import sys, json", "from pipelines.cli import main", "try:", f"    status = main({argv!r})",
        "except SystemExit as e:", "    status = e.code",
        "sys.stderr.write('\\nMODULES' + json.dumps(sorted(sys.modules)))", "sys.exit(status)",
    ])
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    return done.returncode, set(json.loads(done.stderr.rsplit("MODULES", 1)[1]))


def commands_loaded(modules: set[str]) -> set[str]:
    return {m.rsplit(".", 1)[1] for m in modules if m.startswith("pipelines.commands.")}


def test_version_and_help_import_no_command() -> None:
    for argv in (["--version"], ["--help"]):
        _, modules = imported_after(argv)
        assert commands_loaded(modules) == set(), argv
        assert not {m for m in modules for heavy in HEAVY if m == heavy or m.startswith(heavy + ".")}, argv


def test_extract_of_a_profile_page_imports_only_what_it_needs() -> None:
    page = ROOT / "fixtures" / "pages" / "detik" / "news-2023-detail.html"
    _, modules = imported_after(["extract", str(page), "--url", "https://news.detik.com/berita/d-7000001/x",
                                 "--format", "text"])
    assert commands_loaded(modules) == {"extract"}
    assert "scraper.extract.pipeline" in modules
    assert not {m for m in modules for heavy in HEAVY if m == heavy or m.startswith(heavy + ".")}


def test_the_help_listing_matches_each_commands_own_help() -> None:
    """SUMMARIES (what --help shows without importing) says what each module registers."""
    full = build_parser()
    sub = next(a for a in full._actions if isinstance(a, argparse._SubParsersAction))
    registered = {choice.dest: choice.help for choice in sub._choices_actions}
    assert registered == commands.SUMMARIES
    assert sorted(commands.SUMMARIES) == command_names()


def test_version_is_the_installed_distributions() -> None:
    assert package_version() == importlib.metadata.version("indonews-scraper")
    done = subprocess.run([sys.executable, "-m", "scraper", "--version"], capture_output=True, text=True, cwd=ROOT,
                          timeout=60)
    assert done.returncode == 0 and done.stdout == f"scraper {package_version()}\n"


def test_a_command_still_gets_its_full_parser() -> None:
    code, _ = imported_after(["extract", "--no-such-option", "x"])
    assert code == 2
    done = subprocess.run([sys.executable, "-m", "scraper", "stats", "--help"], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert done.returncode == 0 and "--days" in done.stdout
    done = subprocess.run([sys.executable, "-m", "scraper", "bogus"], capture_output=True, text=True, cwd=ROOT,
                          timeout=60)
    assert done.returncode == 2 and "invalid choice: 'bogus'" in done.stderr
