"""The Datasette plugin (pipelines/explore_ui) on a real server over loopback: what an analyst
sees on the articles table, a row page, the search, the canned queries and the dashboard.

The database holds the detik fixture whose story container was renamed (read as
"site:detik+fallback"), so the fallback-share canned query is checked against ``scraper stats``.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from test_datasette import free_port

from pipelines.commands.explore import datasette_command
from scraper.article import Article
from scraper.dedupe.stories import dedupe
from scraper.extract.pipeline import extract_html
from scraper.store import Store

ROOT = Path(__file__).resolve().parent.parent
RENAMED = ROOT / "fixtures" / "pages" / "detik" / "health-2025-renamed"
STORY = ("Banjir merendam ratusan rumah di tepi sungai setelah hujan deras mengguyur kota semalaman. "
         "Warga mengungsi ke balai desa dan petugas membagikan makanan serta selimut kepada para pengungsi.")


def article(n: int, site: str, day: str, title: str, paragraphs: list[str], extractor: str = "") -> Article:
    return Article(url=f"https://www.{site}.id/berita/{n}", site=site, title=title, published=f"{day}T09:00:00+07:00",
                   authors=["Siti Rahma", "Budi Santoso"], section="Nasional", extractor=extractor or f"site:{site}",
                   paragraphs=paragraphs)


def build_db(path: Path) -> None:
    """Two detik articles (one through the renamed-container fallback), a syndicated copy on
    kabarcontoh, and distinct kabarcontoh stories on two days with a gap between them."""
    page = json.loads(RENAMED.with_suffix(".json").read_text(encoding="utf-8"))
    renamed = extract_html(RENAMED.with_suffix(".html").read_text(encoding="utf-8"), page["url"])
    assert renamed.extractor == "site:detik+fallback"
    with Store(path) as store:
        store.save_article(renamed)
        store.save_article(article(1, "detik", "2025-06-08", "Banjir rendam kampung", [STORY, "Air mulai surut sore."]))
        store.save_article(article(2, "kabarcontoh", "2025-06-08", "Banjir rendam kampung di tepi sungai",
                                   [STORY, "Air mulai surut sore."]))
        store.save_article(article(3, "kabarcontoh", "2025-06-05", "Harga cabai turun",
                                   ["Pasar induk melaporkan harga cabai turun tajam pekan ini karena panen raya."]))
        store.save_article(article(4, "kabarcontoh", "2025-06-10", "Jalur sepeda baru",
                                   ["Pemerintah kota meresmikan jalur sepeda sepanjang lima kilometer."]))
        dedupe(store)


def wait_for(base: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{base}/-/versions.json", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            output = proc.stdout.read().decode() if proc.stdout else ""
            pytest.fail(f"datasette did not start:\n{output}")
        time.sleep(0.2)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("explore-ui")
    db = folder / "news.db"
    build_db(db)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(datasette_command(db, port=port, metadata_dir=folder),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_for(base, proc)
        yield base, db
    finally:
        proc.terminate()
        proc.wait(10)


def header_columns(page: str) -> list[str]:
    return re.findall(r'<th [^>]*class="col-([a-z_]+)', page)


def test_articles_open_on_the_main_columns_and_all_columns_are_one_click_away(server: tuple[str, Path]) -> None:
    base, _ = server
    page = httpx.get(f"{base}/news/articles", timeout=10).text
    assert header_columns(page) == ["id", "title", "site", "published", "authors", "section", "word_count",
                                    "story_id"]
    assert "Siti Rahma, Budi Santoso" in page  # the JSON list read as names
    assert "_allcols" in page and 'class="column-descriptions"' in page  # the link's script; folded descriptions
    everything = httpx.get(f"{base}/news/articles", params={"_allcols": "1"}, timeout=10).text
    assert {"body", "url", "extractor", "first_seen"} <= set(header_columns(everything))
    chosen = httpx.get(f"{base}/news/articles", params={"_col": "title"}, timeout=10).text
    assert header_columns(chosen) == ["id", "title"]  # the reader's own choice is kept


def test_the_column_descriptions_fold_away(server: tuple[str, Path]) -> None:
    base, _ = server
    css = httpx.get(f"{base}/-/static-plugins/indonews-scraper/scraper.css", timeout=10)
    assert css.status_code == 200 and "dl.column-descriptions { display: none; }" in css.text
    assert "/-/static-plugins/indonews-scraper/scraper.css" in httpx.get(f"{base}/news/articles", timeout=10).text


def test_story_id_links_to_every_article_of_the_story(server: tuple[str, Path]) -> None:
    base, db = server
    with Store(db, readonly=True) as store:
        story = store.db.execute("SELECT story_id FROM articles WHERE url = 'https://www.kabarcontoh.id/berita/2'"
                                 ).fetchone()[0]
    page = httpx.get(f"{base}/news/articles", timeout=10).text
    link = f'href="/news/articles?story_id={story}&amp;_sort=published"'
    assert link in page
    members = httpx.get(f"{base}/news/articles.json", params={"story_id": story, "_shape": "array"}, timeout=10).json()
    assert sorted(m["site"] for m in members) == ["detik", "kabarcontoh"]


def test_the_row_page_is_the_story_in_paragraphs(server: tuple[str, Path]) -> None:
    base, db = server
    with Store(db, readonly=True) as store:
        row_id = store.db.execute("SELECT id FROM articles WHERE url = 'https://www.detik.id/berita/1'").fetchone()[0]
    page = httpx.get(f"{base}/news/articles/{row_id}", timeout=10).text
    story = page.split('<article class="scraper-story">')[1].split("</article>")[0]
    assert "<h1>Banjir rendam kampung</h1>" in story
    assert f"<p>{STORY}</p>" in story and "<p>Air mulai surut sore.</p>" in story
    assert "Siti Rahma, Budi Santoso" in story and "Every article of this story" in story
    assert "<summary>Every column of this row</summary>" in page  # the record, one click away


def test_search_results_are_titles_with_a_highlighted_snippet(server: tuple[str, Path]) -> None:
    base, _ = server
    page = httpx.get(f"{base}/news/search", params={"q": "cabai"}, timeout=10).text
    results = page.split('<table class="rows-and-columns">')[1].split("</table>")[0]
    assert re.search(r'<a href="/news/articles/\d+">Harga cabai turun</a>', results)
    assert "<mark>cabai</mark>" in results and "&lt;&lt;" not in results


def test_fallback_share_query_equals_scraper_stats_with_a_renamed_container(server: tuple[str, Path]) -> None:
    """The renamed detik container reads as site:detik+fallback: 1 of detik's 2 articles."""
    base, db = server
    rows = httpx.get(f"{base}/news/fallback_share.json", params={"_shape": "array"}, timeout=10).json()
    with Store(db, readonly=True) as store:
        stats = {s["site"]: s for s in store.stats()["sites"]}
    assert {r["site"]: (r["articles"], r["fallback"]) for r in rows} == {
        site: (s["articles"], s["fallback"]) for site, s in stats.items()}
    assert {r["site"]: r["fallback_pct"] for r in rows} == {
        site: round(100 * s["fallback_share"], 1) for site, s in stats.items()}
    assert {r["site"]: r["fallback_pct"] for r in rows}["detik"] == 50.0


def test_the_stories_query_lists_the_syndicated_story(server: tuple[str, Path]) -> None:
    base, _ = server
    rows = httpx.get(f"{base}/news/stories.json", params={"_shape": "array"}, timeout=10).json()
    assert [(r["articles"], r["sites"], r["outlets"].split(",")) for r in rows] == [(2, 2, ["detik", "kabarcontoh"])]


def test_the_dashboard_draws_its_charts_with_local_javascript_only(server: tuple[str, Path]) -> None:
    base, _ = server
    page = httpx.get(f"{base}/-/dashboard", params={"term": "banjir"}, timeout=60)
    assert page.status_code == 200
    drawn = re.findall(r"vegaEmbed\('#chart-(\w+)-view', (.*), \{actions: false", page.text)
    assert [name for name, _ in drawn] == ["volume", "coverage", "health", "stories", "term"]
    specs = {name: json.loads(spec) for name, spec in drawn}
    coverage = {(v["site"], v["day"]): v["articles"] for v in specs["coverage"]["data"]["values"]}
    assert coverage[("kabarcontoh", "2025-06-06")] == 0 and coverage[("kabarcontoh", "2025-06-08")] == 1
    health = {(v["site"], v["day"]): v["fallback_pct"] for v in specs["health"]["data"]["values"]}
    assert health[("detik", "2025-06-10")] == 100.0 and health[("detik", "2025-06-08")] == 0.0
    assert {(v["site"], v["mentions"]) for v in specs["term"]["data"]["values"]} == {("detik", 1), ("kabarcontoh", 1)}
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page.text)
    assert scripts and all(src.startswith("/") for src in scripts)  # nothing from another host
    bundle = httpx.get(f"{base}/-/scraper/vega.js", timeout=120)
    assert bundle.status_code == 200 and "window.vegaEmbed=" in bundle.text


def test_the_dashboard_without_a_term_asks_for_one(server: tuple[str, Path]) -> None:
    base, _ = server
    page = httpx.get(f"{base}/-/dashboard", timeout=60).text
    assert "Type a term above" in page and "vegaEmbed('#chart-term-view'" not in page


def test_the_table_search_box_leads_to_titles_with_snippets(server: tuple[str, Path]) -> None:
    base, _ = server
    plain = httpx.get(f"{base}/news/articles", params={"_search": "cabai"}, timeout=10)
    assert plain.status_code == 302 and plain.headers["location"] == "/news/search?q=cabai"
    narrowed = httpx.get(f"{base}/news/articles", params={"_search": "cabai", "site": "kabarcontoh"}, timeout=10)
    assert narrowed.status_code == 200 and "Harga cabai turun" in narrowed.text  # filters keep the table view


def test_the_canned_fallback_query_uses_the_stores_one_rule() -> None:
    """metadata.json is static JSON: its SQL spells FALLBACK_SQL out, and must keep doing so."""
    from pipelines.commands.explore import METADATA
    from scraper.store.values import FALLBACK_SQL

    queries = json.loads(METADATA.read_text(encoding="utf-8"))["databases"]["articles"]["queries"]
    assert queries["fallback_share"]["sql"].count(FALLBACK_SQL) == 2
