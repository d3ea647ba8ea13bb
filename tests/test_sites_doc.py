"""docs/SITES.md is generated from the profiles: it fails here when a profile changed and
the table was not regenerated (``scraper sites --format markdown > docs/SITES.md``)."""

from __future__ import annotations

from pathlib import Path

from pipelines.commands.sites import capabilities, markdown
from scraper.sites import all_profiles

DOC = Path(__file__).resolve().parent.parent / "docs" / "SITES.md"


def test_sites_doc_is_generated_from_the_profiles_and_current() -> None:
    want = markdown([capabilities(p) for p in all_profiles()])
    assert DOC.read_text(encoding="utf-8") == want, "stale: run `scraper sites --format markdown > docs/SITES.md`"
    assert all(f"| {p.name} |" in want for p in all_profiles())
