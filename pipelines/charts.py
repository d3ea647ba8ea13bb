"""The analysts' pictures: each chart's SQL and its Vega-Lite spec, in one place.

The Datasette dashboard (pipelines/explore_ui) and ``scraper report`` draw the same charts
from the same queries: a chart is a SQL query over the SQLite store plus a function that
turns its rows into a Vega-Lite spec with the rows inlined. Plain dicts, no plotting
library: Vega-Lite is the plotting library, and vl-convert (the ``explore`` extra) renders
it to PNG or ships its JavaScript for offline pages.

Days are WIB days (``+7 hours``), as in data/README.md and ``scraper stats``; a "fallback"
is the same rule as everywhere else (scraper.store.values.FALLBACK_SQL), an "empty" body
the crawl's own (pipelines.crawl.EMPTY_WORDS).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pipelines.site_work import EMPTY_WORDS
from scraper.store.values import FALLBACK_SQL

#: Days drawn back from the newest article (a chart of years would be unreadable).
WINDOW_DAYS = 90
#: Stories shown in the "largest stories" chart.
TOP_STORIES = 15
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
WIDTH = 720

Rows = Sequence[Mapping[str, Any]]
Spec = dict[str, Any]

_DAY = "date(published, '+7 hours')"
_RECENT = f"published >= (SELECT datetime(max(published), '-{WINDOW_DAYS} days') FROM articles)"


@dataclass(frozen=True)
class Chart:
    """One picture: what it shows (``title``, ``about``), its query, and how rows become a spec."""

    name: str
    title: str
    about: str
    sql: str
    build: Callable[[Rows], Spec]
    #: True when the query takes ``:term`` (drawn only when a term is given).
    needs_term: bool = False


def fts_phrase(term: str) -> str:
    """``term`` as one FTS5 phrase, so analysts' words never parse as query syntax."""
    return '"' + term.replace('"', '""') + '"'


def _base(title: str, rows: Rows) -> Spec:
    return {"$schema": SCHEMA, "title": title, "width": WIDTH, "data": {"values": [dict(r) for r in rows]}}


def _day_axis() -> Spec:
    return {"field": "day", "type": "temporal", "timeUnit": "yearmonthdate", "title": "day (WIB)"}


def _day_bands() -> Spec:
    """Days as bands (bars and cells sit on their day, labelled once)."""
    return {**_day_axis(), "type": "ordinal", "axis": {"labelAngle": -45}}


#: Counts have whole ticks.
_WHOLE = {"tickMinStep": 1}


def volume_spec(rows: Rows) -> Spec:
    spec = _base("Articles per site per day", rows)
    spec.update(mark={"type": "bar", "tooltip": True}, height=260, encoding={
        "x": _day_bands(),
        "y": {"field": "articles", "type": "quantitative", "aggregate": "sum", "title": "articles", "axis": _WHOLE},
        "color": {"field": "site", "type": "nominal"},
    })
    return spec


def coverage_spec(rows: Rows) -> Spec:
    spec = _base("Coverage: articles per site and day (red = none that day)", rows)
    spec.update(mark={"type": "rect", "tooltip": True}, encoding={
        "x": _day_bands(),
        "y": {"field": "site", "type": "nominal"},
        "color": {"condition": {"test": "datum.articles === 0", "value": "#d62728"},
                  "field": "articles", "type": "quantitative", "scale": {"scheme": "blues"}},
    })
    return spec


def health_spec(rows: Rows) -> Spec:
    spec = _base("Layout-change signal: fallback and empty share per site per day", rows)
    spec.update(mark={"type": "line", "point": True, "tooltip": True}, height=140,
                transform=[{"fold": ["fallback_pct", "empty_pct"], "as": ["column", "percent"]},
                           {"calculate": "datum.column === 'fallback_pct' ? 'read by a fallback' : 'empty body'",
                            "as": "measure"}],
                encoding={
                    "x": _day_axis(),
                    "y": {"field": "percent", "type": "quantitative", "scale": {"domain": [0, 100]},
                          "title": "% of the day's articles"},
                    "color": {"field": "site", "type": "nominal"},
                    "row": {"field": "measure", "type": "nominal", "title": None},
                })
    return spec


def term_spec(rows: Rows) -> Spec:
    spec = _base("Mentions of the term per site per day", rows)
    spec.update(mark={"type": "bar", "tooltip": True}, height=260, encoding={
        "x": _day_bands(),
        "xOffset": {"field": "site", "type": "nominal"},
        "y": {"field": "mentions", "type": "quantitative", "title": "articles mentioning it", "axis": _WHOLE},
        "color": {"field": "site", "type": "nominal"},
    })
    return spec


def stories_spec(rows: Rows) -> Spec:
    spec = _base("Largest stories across outlets", rows)
    spec.update(mark={"type": "bar", "tooltip": True}, encoding={
        "y": {"field": "title", "type": "nominal", "sort": "-x", "title": None, "axis": {"labelLimit": 420}},
        "x": {"field": "articles", "type": "quantitative", "title": "articles (copies on other sites included)",
              "axis": _WHOLE},
        "color": {"field": "sites", "type": "ordinal", "title": "outlets"},
        "tooltip": [{"field": "title"}, {"field": "outlets"}, {"field": "articles"}, {"field": "story_id"}],
    })
    return spec


CHARTS: tuple[Chart, ...] = (
    Chart("volume", "Volume", "Articles stored per site per WIB day (the last "
          f"{WINDOW_DAYS} days of data).",
          f"SELECT {_DAY} AS day, site, count(*) AS articles FROM articles WHERE {_RECENT} "
          "GROUP BY day, site ORDER BY day, site", volume_spec),
    Chart("coverage", "Coverage gaps", "Every day since each site's first article: a red cell is a day the "
          "site yielded nothing (a feed that broke, a block, a crawl that did not run).",
          "WITH RECURSIVE last AS (SELECT date(max(published), '+7 hours') AS day FROM articles),"
          f" days(day) AS (SELECT date(day, '-{WINDOW_DAYS - 1} days') FROM last WHERE day IS NOT NULL"
          " UNION ALL SELECT date(days.day, '+1 day') FROM days, last WHERE days.day < last.day),"
          f" firsts AS (SELECT site, min({_DAY}) AS first FROM articles WHERE published IS NOT NULL GROUP BY site),"
          f" counts AS (SELECT {_DAY} AS day, site, count(*) AS n FROM articles WHERE published IS NOT NULL"
          " GROUP BY day, site)"
          " SELECT days.day, firsts.site, coalesce(counts.n, 0) AS articles FROM days JOIN firsts"
          " ON days.day >= firsts.first LEFT JOIN counts ON counts.day = days.day AND counts.site = firsts.site"
          " ORDER BY firsts.site, days.day", coverage_spec),
    Chart("health", "Extraction health", "Share of each day's articles read by a fallback path (the site's "
          f"layout was not found: {FALLBACK_SQL}) and share with an empty body (under {EMPTY_WORDS} words). "
          "A rising line means the site changed its layout.",
          f"SELECT {_DAY} AS day, site, count(*) AS articles,"
          f" round(100.0 * sum(CASE WHEN {FALLBACK_SQL} THEN 1 ELSE 0 END) / count(*), 1) AS fallback_pct,"
          f" round(100.0 * sum(CASE WHEN coalesce(word_count, 0) < {EMPTY_WORDS} THEN 1 ELSE 0 END) / count(*), 1)"
          f" AS empty_pct FROM articles WHERE {_RECENT} GROUP BY day, site ORDER BY day, site", health_spec),
    Chart("stories", "Top stories", f"The {TOP_STORIES} stories carried by the most articles (syndicated or "
          "near-identical copies grouped by the dedupe pass), widest across outlets first.",
          "SELECT s.story_id, s.title, s.articles, s.sites, group_concat(DISTINCT a.site) AS outlets"
          " FROM stories AS s JOIN articles AS a ON a.story_id = s.story_id WHERE s.articles > 1"
          f" GROUP BY s.story_id ORDER BY s.sites DESC, s.articles DESC, s.last_published DESC LIMIT {TOP_STORIES}",
          stories_spec),
    Chart("term", "A term's trend", "Articles whose title or body mention the term, per site per WIB day.",
          "SELECT date(a.published, '+7 hours') AS day, a.site, count(*) AS mentions FROM articles_fts"
          " JOIN articles AS a ON a.id = articles_fts.rowid WHERE articles_fts MATCH :term"
          " AND a.published IS NOT NULL GROUP BY day, a.site ORDER BY day, a.site", term_spec, needs_term=True),
)


def chart(name: str) -> Chart:
    """The chart called ``name`` (KeyError names the ones there are)."""
    for item in CHARTS:
        if item.name == name:
            return item
    raise KeyError(f"no chart {name!r}; charts: {', '.join(c.name for c in CHARTS)}")


def params_for(item: Chart, term: str | None) -> dict[str, str]:
    """The query's parameters: the term as one FTS phrase for the term chart, none otherwise."""
    return {"term": fts_phrase(term)} if item.needs_term and term else {}
