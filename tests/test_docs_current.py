"""The numbers and lists the docs state are generated from the code (cog, devtools/docfacts.py):
this fails when a generated section is stale (run ``make docs``), and when the hand-written
meaning table of ``articles`` in data/README.md misses a column or names one that is gone."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from cogapp import Cog

from devtools.docfacts import DOCS, table_columns

ROOT = Path(__file__).resolve().parent.parent


def _cog_check(paths: list[Path]) -> int:
    return Cog().main(["cog", "--check", "--diff", *map(str, paths)])


def test_generated_doc_sections_are_current() -> None:
    assert _cog_check([ROOT / doc for doc in DOCS]) == 0, "stale generated docs: run `make docs`"


def test_a_stale_number_is_caught(tmp_path: Path) -> None:
    """The check is not vacuous: a schema version typed by hand into the block fails it."""
    copy = tmp_path / "README.md"
    shutil.copy(ROOT / "data" / "README.md", copy)
    text = copy.read_text(encoding="utf-8")
    stale = re.sub(r"\(currently \d+\)", "(currently 4)", text, count=1)
    assert stale != text
    copy.write_text(stale, encoding="utf-8")
    assert _cog_check([copy]) != 0


def test_every_articles_column_has_its_meaning_in_data_readme() -> None:
    doc = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    section = doc.split("### `articles`:", 1)[1].split("\n### ", 1)[0]
    documented = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE)
    columns = re.findall(r"`([a-z_]+)`", table_columns("articles"))
    assert sorted(documented) == sorted(columns)


def test_the_datasette_metadata_describes_the_columns_that_exist() -> None:
    """pipelines/explore_ui/metadata.json is static JSON: every articles column (but the key)
    has a description, and no table describes a column the schema does not have."""
    metadata = json.loads((ROOT / "pipelines" / "explore_ui" / "metadata.json").read_text(encoding="utf-8"))
    tables = metadata["databases"]["articles"]["tables"]
    articles = set(re.findall(r"`([a-z_]+)`", table_columns("articles")))
    assert set(tables["articles"]["columns"]) == articles - {"id"}
    for name, table in tables.items():
        described = set(table.get("columns", {}))
        assert described <= set(re.findall(r"`([a-z_]+)`", table_columns(name))), name
