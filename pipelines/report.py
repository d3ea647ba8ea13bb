"""``scraper report``'s work: the dashboard's charts as one self-contained HTML file (and a PNG).

For readers who run no server: the file holds the data, the Vega-Lite specs and the Vega
JavaScript itself (from the vl-convert package), so it opens offline, by e-mail, from a
USB stick. The charts are pipelines.charts, the same as ``scraper explore``'s dashboard.
vl-convert is the ``explore`` extra's: imported only here, with a clear message when absent.
"""

from __future__ import annotations

import html
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote

from pipelines.charts import CHARTS, SCHEMA, Chart, Spec, params_for

MISSING = ("scraper report needs vl-convert-python (the explore extra): "
           "pip install 'indonews-scraper[explore]'")


class ReportError(Exception):
    """The report cannot be made (missing library, unreadable database); the message says why."""


@dataclass(frozen=True)
class Drawn:
    """One chart of the report: its spec, or why there is none (no data, no term)."""

    chart: Chart
    spec: Spec | None
    note: str = ""


def load_vl_convert() -> ModuleType:
    """vl_convert, or ReportError saying which extra brings it."""
    try:
        import vl_convert
    except ImportError as exc:
        raise ReportError(MISSING) from exc
    return vl_convert


def draw(db: Path, term: str | None = None) -> list[Drawn]:
    """Run every chart's query on ``db`` (read-only) and build its spec."""
    uri = f"file:{quote(str(db.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise ReportError(f"{db}: cannot open it read-only: {exc}") from exc
    conn.row_factory = sqlite3.Row
    try:
        return [_draw_one(conn, item, term) for item in CHARTS]
    finally:
        conn.close()


def _draw_one(conn: sqlite3.Connection, item: Chart, term: str | None) -> Drawn:
    if item.needs_term and not term:
        return Drawn(item, None, "No term given: scraper report --term WORD draws its mentions over time.")
    try:
        rows = [dict(row) for row in conn.execute(item.sql, params_for(item, term))]
    except sqlite3.Error as exc:
        raise ReportError(f"chart {item.name}: {exc}") from exc
    if not rows:
        return Drawn(item, None, "No data for this chart.")
    spec = item.build(rows)
    if item.needs_term and term:
        spec["title"] = f"Mentions of “{term}” per site per day"
    return Drawn(item, spec)


def summary(db: Path) -> dict[str, Any]:
    """The header's numbers: articles, sites, first and last publication time."""
    conn = sqlite3.connect(f"file:{quote(str(db.resolve()))}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT count(*), count(DISTINCT site), min(published), max(published)"
                           " FROM articles").fetchone()
    finally:
        conn.close()
    return {"articles": row[0], "sites": row[1], "first": row[2], "last": row[3]}


def _script_json(value: Any) -> str:
    """JSON that can sit inside <script> (no "</" to close it early)."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def render_html(db: Path, drawn: Sequence[Drawn], bundle: str, *, term: str | None = None) -> str:
    """The whole report page, JavaScript inlined (``bundle``), nothing fetched when opened."""
    facts = summary(db)
    made = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    sections, calls = [], []
    for item in drawn:
        chart = item.chart
        body = (f'<div class="view" id="chart-{chart.name}"></div>' if item.spec
                else f'<p class="empty">{html.escape(item.note)}</p>')
        title = chart.title + (f": “{term}”" if chart.needs_term and term else "")
        sections.append(f'<section><h2>{html.escape(title)}</h2><p class="about">{html.escape(chart.about)}</p>'
                        f"{body}</section>")
        if item.spec:
            calls.append(f'vegaEmbed("#chart-{chart.name}", {_script_json(item.spec)}, {{actions: false}});')
    toc = " · ".join(f'<a href="#chart-{d.chart.name}">{html.escape(d.chart.title)}</a>' for d in drawn)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>News coverage report: {html.escape(db.name)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5em auto; max-width: 64em; padding: 0 1em; color: #222; }}
h1 {{ margin-bottom: 0.2em; }} .facts, .about {{ color: #555; }} .empty {{ color: #888; font-style: italic; }}
section {{ margin: 2em 0; }}
</style>
<script>{bundle}</script>
</head><body>
<h1>News coverage report</h1>
<p class="facts">{html.escape(str(db))}: {facts['articles']:,} articles from {facts['sites']} sites,
published {html.escape(str(facts['first']))} to {html.escape(str(facts['last']))}. Made {made} by scraper report.</p>
<p>{toc}</p>
{chr(10).join(sections)}
<script>
{chr(10).join(calls)}
</script>
</body></html>
"""


def png_spec(drawn: Sequence[Drawn]) -> Spec:
    """Every drawn chart stacked in one spec, for one picture (the README's)."""
    parts = [{k: v for k, v in d.spec.items() if k != "$schema"} for d in drawn if d.spec]
    return {"$schema": SCHEMA, "vconcat": parts,
            "spacing": 40, "background": "white"}


def write_report(db: Path, out: Path, *, term: str | None = None, png: Path | None = None) -> list[Drawn]:
    """Write the HTML report (and the PNG when asked); return what was drawn."""
    vl_convert = load_vl_convert()
    drawn = draw(db, term)
    bundle = str(vl_convert.javascript_bundle(None))
    out.write_text(render_html(db, drawn, bundle, term=term), encoding="utf-8")
    if png is not None:
        if not any(d.spec for d in drawn):
            raise ReportError("nothing to draw: the database has no articles with a publication time")
        png.write_bytes(vl_convert.vegalite_to_png(png_spec(drawn), scale=1.5))
    return drawn
