"""Datasette as the browsing UI: a real server process on loopback, read over real HTTP."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from pipelines.commands.explore import datasette_command
from scraper.article import Article
from scraper.store import Store


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def article(n: int, title: str, text: str, section: str = "Nasional", tags: tuple[str, ...] = ()) -> Article:
    return Article(url=f"https://www.kabarcontoh.id/berita/{n}", site="kabarcontoh", title=title,
                   published="2025-03-13T02:15:00+07:00", authors=["Siti Rahma"], extractor="site:kabarcontoh",
                   section=section, tags=list(tags), paragraphs=[text])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("datasette")
    db = folder / "crawl.db"  # not "articles": the metadata's database key must follow the file
    with Store(db) as store:
        store.save_article(article(1, "Banjir rendam Kemang", "Air setinggi lutut merendam Kemang.",
                                   tags=("banjir", "Jakarta")))
        store.save_article(article(2, "Harga cabai turun", "Pasar induk melaporkan harga cabai turun.",
                                   section="Ekonomi", tags=("cabai", "Jakarta")))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(datasette_command(db, port=port, metadata_dir=folder),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/-/versions.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                output = proc.stdout.read().decode() if proc.stdout else ""
                pytest.fail(f"datasette did not start:\n{output}")
            time.sleep(0.2)
        yield base, db
    finally:
        proc.terminate()
        proc.wait(10)


def test_table_page_shows_articles_and_descriptions(server: tuple[str, Path]) -> None:
    base, _ = server
    page = httpx.get(f"{base}/crawl/articles", timeout=10)
    assert page.status_code == 200
    assert "Banjir rendam Kemang" in page.text and "Harga cabai turun" in page.text
    assert "One row per canonical article URL" in page.text  # table description from metadata


def test_json_api_and_canned_search(server: tuple[str, Path]) -> None:
    base, _ = server
    params = {"_shape": "array", "_sort": "id"}
    rows = httpx.get(f"{base}/crawl/articles.json", params=params, timeout=10).json()
    assert [r["title"] for r in rows] == ["Banjir rendam Kemang", "Harga cabai turun"]
    assert rows[0]["published"] == "2025-03-12T19:15:00Z"
    hits = httpx.get(f"{base}/crawl/search.json", params={"q": "cabai", "_shape": "array"}, timeout=10).json()
    assert [h["title"] for h in hits] == ["Harga cabai turun"]
    assert "<<cabai>>" in hits[0]["context"]


def test_views_are_browsable(server: tuple[str, Path]) -> None:
    base, _ = server
    rows = httpx.get(f"{base}/crawl/articles_wib.json", params={"_shape": "array"}, timeout=10).json()
    assert {r["published_wib"] for r in rows} == {"2025-03-13T02:15:00+07:00"}


def test_reads_see_a_running_crawl_but_cannot_write(server: tuple[str, Path]) -> None:
    """Read-only (not immutable) mode: the crawl's new WAL commits are visible at once."""
    base, db = server
    with Store(db) as store:
        store.save_article(article(3, "Gempa di Palu", "Gempa mengguncang Palu pagi ini."))
    hits = httpx.get(f"{base}/crawl/search.json", params={"q": "gempa", "_shape": "array"}, timeout=10).json()
    assert [h["title"] for h in hits] == ["Gempa di Palu"]
    write = httpx.get(f"{base}/crawl.json", timeout=10,
                      params={"sql": "DELETE FROM articles", "_shape": "array"})
    assert write.status_code == 400 and "SELECT" in write.text
    with Store(db, readonly=True) as store:
        assert store.db["articles"].count == 3


def test_section_and_tags_are_facets(server: tuple[str, Path]) -> None:
    base, _ = server
    facets = httpx.get(f"{base}/crawl/articles.json", timeout=10).json()["facet_results"]
    by_value = {name: {r["value"]: r["count"] for r in facet["results"]} for name, facet in facets.items()}
    assert by_value["section"]["Ekonomi"] == 1 and set(by_value["section"]) == {"Nasional", "Ekonomi"}
    assert by_value["tags"] == {"Jakarta": 2, "banjir": 1, "cabai": 1}  # an array facet: one count per tag
