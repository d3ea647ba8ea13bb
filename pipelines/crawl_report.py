"""How a crawl shows itself: progress bars on a terminal, and the summary table at the end.

On a TTY the operator watches rich progress bars; under cron/systemd (no TTY) the output is
only the summary table and warnings, so the journal stays readable. While the bars run, log
records are printed above them by the bars' console (a plain stderr write would land in the
middle of a bar's line). The summary fits the terminal: the least useful count columns go
first when it is narrow, and the note (SITE FAILED, doctor warnings, backfill caps) is never
cut: when too little width is left for it, each site's note is printed under the table.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from pipelines.crawl import RunReport
from pipelines.site_work import SiteReport

__all__ = ["CrawlProgress", "print_summary", "summary_table"]

COLUMNS = ("site", "discovered", "known", "new", "updated", "unchanged", "not_article", "failed", "blocked",
           "skipped", "fallback", "note")
#: Dropped in this order when the terminal is too narrow for every column (site, new,
#: failed, fallback and the note stay).
DROP_ORDER = ("known", "skipped", "unchanged", "blocked", "not_article", "updated", "discovered")
#: The narrowest note column worth having; below it the notes go under the table.
NOTE_MIN = 24
#: A column's share of the line beyond its text: a border and a space each side.
_EDGES = 3


class _ConsoleLog(logging.Handler):
    """Log records printed through the progress display's console, above the bars."""

    def __init__(self, console: Console, like: logging.Handler) -> None:
        super().__init__(like.level)
        self.console = console
        self.setFormatter(like.formatter or logging.Formatter("%(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.console.print(Text(self.format(record)), soft_wrap=True)
        except Exception:  # a logging failure must not stop the crawl
            self.handleError(record)


class CrawlProgress:
    """One bar per site, created when its discovery is done (``queued``): articles, or the
    archive days of a backfill (hours at a polite pace: the ETA matters)."""

    def __init__(self, console: Console) -> None:
        self.bars = Progress(
            TextColumn("{task.description:<16}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("ETA"), TimeRemainingColumn(),
            console=console, transient=False,
        )
        self.tasks: dict[str, TaskID] = {}
        self._swapped: list[tuple[logging.Handler, logging.Handler]] = []

    def __enter__(self) -> CrawlProgress:
        self.bars.start()
        self._route_logging()
        return self

    def __exit__(self, *exc: object) -> None:
        root = logging.getLogger()
        for original, routed in self._swapped:
            root.removeHandler(routed)
            root.addHandler(original)
        self._swapped = []
        self.bars.stop()

    def _route_logging(self) -> None:
        """Swap the root logger's terminal stream handlers for ones that print above the bars."""
        console = self.bars.console
        terminals = (sys.stderr, sys.stdout, console.file)
        root = logging.getLogger()
        for handler in list(root.handlers):
            if type(handler) is logging.StreamHandler and handler.stream in terminals:
                routed = _ConsoleLog(console, handler)
                root.removeHandler(handler)
                root.addHandler(routed)
                self._swapped.append((handler, routed))

    def __call__(self, site: str, event: str, total: int | None) -> None:
        if event == "queued":
            self.tasks[site] = self.bars.add_task(site, total=total or 0)
        elif site in self.tasks:
            self.bars.advance(self.tasks[site])


def _note(site: SiteReport) -> str:
    notes = []
    if site.error:
        notes.append(f"site error: {site.error}")
    if site.flagged:
        notes.append("layout changed? (mostly generic/empty)")
    if site.drift:
        notes.append("worse than its recent runs: " + "; ".join(site.drift) + " (see `scraper doctor`)")
    if site.failed_sources:
        notes.append(f"{len(site.failed_sources)}/{site.sources} sources failed")
    if site.reasons:
        notes.append("failures: " + ", ".join(f"{k} {v}" for k, v in site.reasons.most_common()))
    if site.deferred or site.given_up:
        notes.append(f"failed before: {site.deferred} waiting to retry, {site.given_up} given up")
    if site.non_http:
        notes.append(f"{site.non_http} non-http links skipped")
    if site.wordpress:
        notes.append("WordPress detected: day archives and REST search")
    if site.route:
        notes.append(_route_note(site))
    if site.unit == "days":
        notes.append(f"backfill: {site.days} archive days walked, {site.days_done_before} done before")
        if site.days_capped:
            notes.append(f"{len(site.days_capped)} days hit the page cap (more articles than read): "
                         + ", ".join(site.days_capped[:3]) + (" ..." if len(site.days_capped) > 3 else ""))
    if site.count("out_of_range"):
        notes.append(f"{site.count('out_of_range')} outside the date range, not stored")
    if site.count("unmatched") or site.matched:
        notes.append(f"--match: {site.matched} matched, {site.count('unmatched')} not")
    if site.adhoc:
        notes.append("no profile (generic path): draft one with `scraper sites new <article URL>...`")
    if site.failed and not site.error:
        notes.append("SITE FAILED")
    return "; ".join(notes)


def _route_note(site: SiteReport) -> str:
    """How the site answered a range or a search, and what that gave."""
    if site.route == "search":
        in_range = site.discovered - site.count("out_of_range")
        capped = f", {len(site.days_capped)} searches hit the page cap" if site.days_capped else ""
        return (f"route: site search ({site.search_pages} result pages{capped}): {site.search_results} results, "
                f"{in_range} in range, "
                f"{site.count('new')} stored, {site.known} stored before")
    if site.route == "archive+headline":
        return "route: no site search: dated archive + headline match"
    if site.route == "latest+headline":
        return "route: no site search, no dated archive: latest sources + headline match"
    return f"route: {site.route}"


def _row(site: SiteReport) -> list[str]:
    share = site.fallback_share
    values = [site.site, site.discovered, site.known, *(site.count(k) for k in COLUMNS[3:10])]
    return [str(v) for v in values] + ["-" if share is None else f"{share:.0%}", _note(site)]


def _rows(report: RunReport) -> list[list[str]]:
    """Every site's row and the TOTAL row, all columns, as text."""
    rows = [_row(site) for site in report.sites]
    totals = report.totals()
    extracted = sum(s.extracted for s in report.sites)
    fallback = sum(s.fallback for s in report.sites)
    rows.append(["TOTAL", *(str(totals[k]) for k in COLUMNS[1:10]),
                 f"{fallback / extracted:.0%}" if extracted else "-", ""])
    return rows


def fit_columns(rows: Sequence[Sequence[str]], width: int | None) -> tuple[list[str], bool]:
    """The columns that fit ``width`` (None: all) and whether the note still fits beside
    them (at least NOTE_MIN wide); dropping follows DROP_ORDER."""
    columns = list(COLUMNS)
    if width is None:
        return columns, True
    text = {name: max([len(name), *(len(row[i]) for row in rows)]) for i, name in enumerate(COLUMNS)}

    def needed(names: Sequence[str]) -> int:
        return sum(text[n] + _EDGES for n in names if n != "note") + 1 + NOTE_MIN + _EDGES

    for name in DROP_ORDER:
        if needed(columns) <= width:
            break
        columns.remove(name)
    return columns, needed(columns) <= width


def summary_table(report: RunReport, width: int | None = None) -> Table:
    """The summary as one table no wider than ``width`` (see fit_columns); without the note
    column when it would not fit (print_summary then prints the notes below)."""
    rows = _rows(report)
    columns, note_inline = fit_columns(rows, width)
    if not note_inline:
        columns.remove("note")
    keep = [COLUMNS.index(name) for name in columns]
    table = Table(title=f"Crawl run {report.run_id}: {report.status}", title_justify="left")
    for name in columns:
        # Numbers and site names never wrap or shrink; only the note column folds.
        table.add_column(name, justify="left" if name in ("site", "note") else "right",
                         overflow="fold", no_wrap=name != "note",
                         min_width=NOTE_MIN if name == "note" else max(len(r[COLUMNS.index(name)]) for r in rows))
    for i, row in enumerate(rows):
        table.add_row(*(row[k] for k in keep), style="bold" if i == len(rows) - 1 else None)
    return table


def print_summary(report: RunReport, out: TextIO, *, tty: bool) -> None:
    console = Console(file=out, width=None if tty else 160, force_terminal=tty, no_color=not tty)
    table = summary_table(report, width=console.width)
    console.print(table)
    if not any(column.header == "note" for column in table.columns):
        for site in report.sites:
            note = _note(site)
            if note:
                console.print(Text(f"{site.site}: {note}"))
