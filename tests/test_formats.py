"""The registry of output formats (pipelines/formats): each command offers exactly the formats
that can write for it, and every registered format writes what a reader parses back (real
stores, real files; the byte-for-byte outputs are checked per command in test_export.py,
test_cli_extract.py and test_store_commands.py)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pipelines import formats
from pipelines.cli import build_parser
from pipelines.formats import COMMANDS, Format, Kind, Target
from scraper.article import Article
from scraper.store import Store
from scraper.store.columns import EXPORTED

ROOT = Path(__file__).resolve().parent.parent
TITLES = ["Banjir rendam Kemang", "Harga cabai “turun”, kata pedagang"]
BODIES = ["Air setinggi lutut merendam rumah warga; banjir surut sore hari.",
          "Pedagang pasar induk melaporkan harga cabai turun, banjir tak disebut. Café tutup."]


def sample(n: int) -> Article:
    return Article(url=f"https://warta.example.id/{n}", site="warta", title=TITLES[n],
                   published=f"2025-03-1{n + 3}T09:00:00+07:00", authors=["Siti Rahma", "Budi"], tags=["berita"],
                   extractor="site:warta", paragraphs=[BODIES[n]])


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "articles.db"
    with Store(path) as writer:
        for n in range(len(TITLES)):
            writer.save_article(sample(n))
    with Store(path, readonly=True) as reader:
        yield reader


def format_option(command: str) -> argparse.Action:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return next(a for a in sub.choices[command]._actions if "--format" in a.option_strings)


@pytest.mark.parametrize("kind", list(COMMANDS))
def test_each_commands_format_choices_are_the_registrys(kind: Kind) -> None:
    option = format_option(COMMANDS[kind])
    assert tuple(option.choices or ()) == formats.names(kind)
    assert option.default in formats.names(kind)
    assert option.help == formats.help_text(kind, option.default)
    for name in formats.names(kind):
        assert re.search(rf"(^|, | or ){name}( \(|,| or |$)", option.help), (name, option.help)


def test_the_registry_holds_every_format_module_and_each_writes_something() -> None:
    modules = sorted(p.stem for p in (ROOT / "pipelines" / "formats").glob("*.py") if not p.stem.startswith("_"))
    assert sorted(formats.all_formats()) == modules
    for fmt in formats.all_formats().values():
        assert any(fmt.writes(kind) for kind in COMMANDS), fmt.name
    assert formats.names("stored") == ("csv", "jsonl", "parquet", "sqlite")
    assert formats.names("extracted") == ("json", "jsonl", "markdown", "text")
    assert formats.names("hits") == ("jsonl", "text")
    assert formats.help_text("stored", "jsonl") == (
        "jsonl (default), csv, parquet (needs the [parquet] extra) or sqlite (-o a new file)")
    assert [f.name for f in formats.all_formats().values() if f.to_file] == ["parquet", "sqlite"]


def test_search_json_is_the_jsonl_format() -> None:
    parser = build_parser()
    assert parser.parse_args(["search", "banjir", "--json"]).format == "jsonl"
    assert parser.parse_args(["search", "banjir"]).format == "text"


# --- every format, every kind it writes: written, then read back -----------------------------

def _json_lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def _csv_rows(out: str) -> list[dict]:
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"), newline="")))
    assert rows and list(rows[0]) == list(EXPORTED)
    return [{**row, "authors": json.loads(row["authors"])} for row in rows]


def _parquet_rows(path: Path) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


def _snapshot_rows(path: Path) -> list[dict]:
    with Store(path, readonly=True) as snapshot:
        assert [hit["title"] for hit in snapshot.search("banjir")]  # its full-text index came along
        return list(snapshot.select_articles())


def _json(out: str) -> list[dict]:
    value = json.loads(out)
    return value if isinstance(value, list) else [value]


def _text_articles(out: str) -> list[dict]:
    """title, byline, body: one paragraph each, a blank line between (one-paragraph bodies)."""
    found = re.findall(r"^(.+)\n\n(.+)\n\n(.+)$", out, re.MULTILINE)
    return [{"title": t, "authors": b.split(" | ")[0].split(", "), "body": body} for t, b, body in found]


def _markdown_articles(out: str) -> list[dict]:
    found = re.findall(r"^# (.+)\n\n\*(.+)\*\n\n<(.+)>\n\n(.+)$", out, re.MULTILINE)
    return [{"title": t, "authors": b.split(" | ")[0].split(", "), "url": u, "body": body} for t, b, u, body in found]


def _text_hits(out: str) -> list[dict]:
    lines = out.splitlines()
    assert len(lines) % 2 == 0 and all(line.startswith("    ") and "**banjir**" in line for line in lines[1::2])
    return [dict(zip(("published", "site", "title", "url"), line.split("\t"), strict=True)) for line in lines[::2]]


#: How each (format, kind) is read back; a new format brings its reader here.
STREAM_READERS: dict[tuple[str, Kind], Callable[[str], list[dict]]] = {
    ("jsonl", "stored"): _json_lines, ("csv", "stored"): _csv_rows,
    ("json", "extracted"): _json, ("jsonl", "extracted"): _json_lines,
    ("text", "extracted"): _text_articles, ("markdown", "extracted"): _markdown_articles,
    ("jsonl", "hits"): _json_lines, ("text", "hits"): _text_hits,
}
FILE_READERS: dict[tuple[str, Kind], Callable[[Path], list[dict]]] = {
    ("parquet", "stored"): _parquet_rows, ("sqlite", "stored"): _snapshot_rows,
}


def written() -> list[tuple[str, Kind]]:
    return [(fmt.name, kind) for fmt in formats.all_formats().values() for kind in COMMANDS if fmt.writes(kind)]


def test_every_format_and_kind_has_a_reader() -> None:
    assert sorted(written()) == sorted([*STREAM_READERS, *FILE_READERS])


def _write(fmt: Format, kind: Kind, store: Store, tmp_path: Path) -> list[dict]:
    out = io.StringIO()
    if kind == "stored" and fmt.to_file:
        path = tmp_path / f"out.{fmt.name}"
        assert fmt.write_stored(store.select_articles(), Target(store, path=path)) == len(TITLES)
        return FILE_READERS[fmt.name, kind](path)
    if kind == "stored":
        assert fmt.write_stored(store.select_articles(), Target(store, stream=out, bom=fmt.bom)) == len(TITLES)
    elif kind == "extracted":
        fmt.write_extracted([sample(n) for n in range(len(TITLES))], out)
    else:
        fmt.write_hits(store.search("banjir", highlight=formats.HIGHLIGHT), out)
    return STREAM_READERS[fmt.name, kind](out.getvalue())


@pytest.mark.parametrize(("name", "kind"), written())
def test_every_format_writes_what_a_reader_parses_back(name: str, kind: Kind, store: Store, tmp_path: Path) -> None:
    fmt = formats.get(name)
    if why := fmt.missing():
        pytest.skip(why)
    records = _write(fmt, kind, store, tmp_path)
    titles = [r["title"] for r in records]
    if kind == "hits":  # best match first
        titles.sort()
    assert titles == TITLES
    for record in records:
        n = TITLES.index(record["title"])
        assert record.get("url", sample(n).url) == sample(n).url
        assert record.get("body", BODIES[n]) == BODIES[n]
        assert record.get("authors", ["Siti Rahma", "Budi"]) == ["Siti Rahma", "Budi"]


def test_an_extracted_non_article_is_one_status_line_in_the_text_formats() -> None:
    gone = Article(url="https://warta.example.id/indeks", status="not_article")
    for name in ("text", "markdown"):
        out = io.StringIO()
        formats.get(name).write_extracted([gone], out)
        assert out.getvalue() == "[not_article] https://warta.example.id/indeks\n"


def test_a_file_format_without_a_path_and_a_stream_format_without_a_stream_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="-o FILE"):
        formats.get("parquet").write_stored(iter(()), Target(store))
    with pytest.raises(ValueError, match="no stream"):
        formats.get("csv").write_stored(iter(()), Target(store))
    with pytest.raises(ValueError, match="does not write search hits"):
        formats.get("csv").write_hits([], io.StringIO())


def test_loading_the_registry_imports_no_heavy_library() -> None:
    """Every `scraper extract` loads all formats: their libraries wait inside the writers."""
    code = ("import sys, json; from pipelines.formats import all_formats; all_formats(); "
            "print(json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    modules = set(json.loads(done.stdout))
    heavy = ("pyarrow", "rich", "scraper.store", "pipelines.export", "re2", "sqlite3")
    assert not {m for m in modules for h in heavy if m == h or m.startswith(h + ".")}
