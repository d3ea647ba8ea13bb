"""The Datasette plugin behind ``scraper explore``: the store as an analyst wants to read it.

Registered as a ``datasette`` entry point (pyproject.toml), so it ships in the wheel with
its templates, CSS and metadata.json (package data: a non-editable install has no source
tree to look things up in). It only acts on a database with an ``articles`` table.

- A plain full-text search of ``articles`` goes to the canned ``search`` query (titles and
  highlighted snippets).
- ``articles`` opens on the columns a reader scans (title, site, published, authors,
  section, word count, story): ``_col`` arguments are added to a plain request, so every
  link Datasette builds keeps them; "Show all columns" (``_allcols=1``) is one click away.
- Column descriptions fold into a <details> (CSS hides them until the script does).
- The row page of an article is the story: headline, byline, paragraphs; every column below.
- ``story_id`` links to the story's articles; ``title`` in a query with ``id`` links to the
  row; the search snippet's ``<<match>>`` becomes <mark>.
- ``/-/dashboard`` draws pipelines.charts with Vega-Lite, its JavaScript served from the
  vl-convert package (``/-/scraper/vega.js``): the charts render with no network.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from functools import cache
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

import markupsafe
from datasette import hookimpl
from datasette.utils.asgi import Request, Response

from pipelines.charts import CHARTS, Chart, params_for

ARTICLES = "articles"
#: What the articles table shows until a reader asks for more (priority order).
DEFAULT_COLUMNS = ("title", "site", "published", "authors", "section", "word_count", "story_id")
#: The argument that asks for every column (Datasette ignores unknown "_" arguments).
ALL_COLUMNS_ARG = "_allcols"
_COLUMN_ARGS = ("_col", "_nocol", ALL_COLUMNS_ARG)
_TABLE_PATH = re.compile(r"^/(?P<db>[^/]+)/articles$")
_SNIPPET_MARK = re.compile(r"&lt;&lt;(.*?)&gt;&gt;", re.S)
#: The static folder's URL prefix is the distribution's name.
DISTRIBUTION = "indonews-scraper"

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]]


def search_redirect(query_string: str) -> str | None:
    """The canned search's query string when the articles table was asked for a full-text
    search and nothing else (titles with highlighted snippets beat rows of metadata); None
    when the reader combined it with filters or facets, which only the table view keeps."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    if [key for key, _ in pairs] == ["_search"] and pairs[0][1].strip():
        return urlencode({"q": pairs[0][1]})
    return None


def default_columns_query(query_string: str) -> str | None:
    """The query string with the default ``_col`` arguments added, or None to leave it as it
    is (the reader chose columns, or asked for all of them)."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    if any(key in _COLUMN_ARGS for key, _ in pairs):
        return None
    return urlencode([*pairs, *(("_col", column) for column in DEFAULT_COLUMNS)])


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[ASGIApp], ASGIApp]:
    def wrap(app: ASGIApp) -> ASGIApp:
        async def with_default_columns(scope: Scope, receive: Any, send: Any) -> None:
            match = _TABLE_PATH.match(scope.get("path", "")) if scope.get("type") == "http" else None
            if match and await _has_articles(datasette, match["db"]):
                asked = scope.get("query_string", b"").decode("latin-1")
                search = search_redirect(asked)
                if search is not None:
                    target = f"{datasette.urls.database(match['db'])}/search?{search}"
                    await send({"type": "http.response.start", "status": 302,
                                "headers": [(b"location", target.encode("latin-1"))]})
                    await send({"type": "http.response.body", "body": b""})
                    return
                query = default_columns_query(asked)
                if query is not None:
                    scope = dict(scope, query_string=query.encode("latin-1"))
            await app(scope, receive, send)
        return with_default_columns
    return wrap


async def _has_articles(datasette: Any, name: str) -> bool:
    """True when database ``name`` has an articles table holding every default column."""
    if name not in datasette.databases:
        return False
    columns = set(await datasette.get_database(name).table_columns(ARTICLES))
    return set(DEFAULT_COLUMNS) <= columns


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    return [datasette.urls.static_plugins(DISTRIBUTION, "scraper.css")]


@hookimpl
def extra_body_script(table: str | None, view_name: str) -> str:
    """Fold the column descriptions away; on articles, offer the other columns."""
    script = _FOLD_DESCRIPTIONS
    if view_name == "table" and table == ARTICLES:
        script += _COLUMNS_LINK
    return script


_FOLD_DESCRIPTIONS = """
document.querySelectorAll('dl.column-descriptions').forEach(function (dl) {
  var box = document.createElement('details'), label = document.createElement('summary');
  box.className = 'column-descriptions-box'; label.textContent = 'Column descriptions';
  box.appendChild(label); dl.parentNode.insertBefore(box, dl); box.appendChild(dl);
});
"""
_COLUMNS_LINK = f"""
(function () {{
  var url = new URL(location.href), all = url.searchParams.has('{ALL_COLUMNS_ARG}');
  url.searchParams.delete('_col'); url.searchParams.delete('_nocol');
  if (all) {{ url.searchParams.delete('{ALL_COLUMNS_ARG}'); }} else {{ url.searchParams.set('{ALL_COLUMNS_ARG}', '1'); }}
  var p = document.createElement('p'), a = document.createElement('a');
  p.className = 'scraper-columns'; a.href = url.toString();
  a.textContent = all ? 'Show the main columns only' : 'Show all columns (body, url, extractor, times, ids)';
  p.appendChild(a);
  var table = document.querySelector('.table-wrapper');
  if (table) {{ table.parentNode.insertBefore(p, table); }}
}})();
"""


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    """Links between articles and their stories, lists as names, the search snippet's highlights."""
    if value in (None, ""):
        return None
    if column == "story_id" and table in (ARTICLES, "stories", None):
        href = f"{datasette.urls.table(database, ARTICLES)}?story_id={quote(str(value))}&_sort=published"
        return markupsafe.Markup('<a href="{}" title="every article of this story">{}</a>').format(href, value)
    if column in ("authors", "editors", "tags") and table == ARTICLES:
        return ", ".join(json_list(value)) or markupsafe.Markup("&nbsp;")  # "[]" says nothing
    keys = row.keys() if hasattr(row, "keys") else ()
    if column == "title" and table is None and "id" in keys:
        href = datasette.urls.row(database, ARTICLES, quote(str(row["id"])))
        return markupsafe.Markup('<a href="{}">{}</a>').format(href, value)
    if column == "context" and table is None and isinstance(value, str):
        return markupsafe.Markup(_SNIPPET_MARK.sub(r"<mark>\1</mark>", str(markupsafe.escape(value))))
    return None


def json_list(value: Any) -> list[str]:
    """A JSON list column (authors, tags) as its items; anything else as no items."""
    try:
        items = json.loads(value) if isinstance(value, str) else []
    except ValueError:
        return []
    return [str(item) for item in items] if isinstance(items, list) else []


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    env.filters["scraper_json_list"] = json_list


@hookimpl
def menu_links(datasette: Any) -> list[dict[str, str]]:
    return [{"href": datasette.urls.path("/-/dashboard"), "label": "Charts dashboard"}]


@hookimpl
def register_routes() -> list[tuple[str, Callable[..., Awaitable[Response]]]]:
    return [(r"^/-/dashboard$", dashboard), (r"^/-/scraper/vega\.js$", vega_script)]


@cache
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (window.vegaEmbed), from the vl-convert
    package: BSD-3-Clause code that travels with the Python package, so no CDN is asked."""
    import vl_convert

    return str(vl_convert.javascript_bundle(None))  # type: ignore[arg-type]  # the stub says str; None = whole bundle


async def vega_script() -> Response:
    try:
        body = vega_bundle()
    except ImportError:
        return Response.text(MISSING_VL_CONVERT, status=404)
    return Response(body, content_type="application/javascript; charset=utf-8",
                    headers={"Cache-Control": "max-age=86400"})


MISSING_VL_CONVERT = ("charts need vl-convert-python: pip install 'indonews-scraper[explore]'")


async def dashboard(datasette: Any, request: Request) -> Response:
    """Every chart of pipelines.charts over one database (``?db=``, else the first with
    articles); ``?term=`` draws the term's trend."""
    names = [name for name in datasette.databases if name != "_internal" and await _has_articles(datasette, name)]
    name = request.args.get("db") or (names[0] if names else None)
    term = (request.args.get("term") or "").strip()
    charts = [await _drawn(datasette, name, item, term) for item in CHARTS] if name and name in names else []
    missing = "" if importlib.util.find_spec("vl_convert") else MISSING_VL_CONVERT
    return Response.html(await datasette.render_template("scraper_dashboard.html", {
        "database": name, "databases": names, "term": term, "charts": charts, "missing": missing,
    }, request=request))


async def _drawn(datasette: Any, name: str, item: Chart, term: str) -> dict[str, Any]:
    """One chart for the template: its spec as a <script>-safe JSON string, or why not."""
    entry: dict[str, Any] = {"chart": item, "id": f"chart-{item.name}", "spec": None, "error": None,
                             "sql_url": datasette.urls.database(name) + "?" + urlencode({"sql": item.sql})}
    if item.needs_term and not term:
        entry["error"] = "Type a term above to draw its mentions over time."
        return entry
    params = params_for(item, term)
    try:
        results = await datasette.get_database(name).execute(item.sql, params)
    except Exception as exc:  # a bad term, a time limit: the page still shows the other charts
        entry["error"] = f"query failed: {exc}"
        return entry
    rows = [dict(zip(results.columns, row, strict=True)) for row in results.rows]
    if item.needs_term:
        entry["sql_url"] += "&" + urlencode(params)
    if not rows:
        entry["error"] = "No data for this chart yet."
        return entry
    entry["spec"] = markupsafe.Markup(json.dumps(item.build(rows), ensure_ascii=False).replace("</", "<\\/"))
    return entry
