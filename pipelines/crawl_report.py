"""How a crawl shows itself: progress bars on a terminal, and the summary table at the end.

On a TTY the operator watches rich progress bars; under cron/systemd (no TTY) the output is
only the summary table and warnings, so the journal stays readable.
"""

from __future__ import annotations

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

from pipelines.crawl import RunReport, SiteReport

__all__ = ["CrawlProgress", "print_summary", "summary_table"]

COLUMNS = ("site", "discovered", "known", "new", "updated", "unchanged", "not_article", "failed", "blocked",
           "skipped", "fallback", "note")


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

    def __enter__(self) -> CrawlProgress:
        self.bars.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bars.stop()

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


def summary_table(report: RunReport) -> Table:
    title = f"Crawl run {report.run_id}: {report.status}"
    table = Table(title=title, title_justify="left")
    for name in COLUMNS:
        # Numbers never wrap; on a narrow terminal only the note column folds.
        table.add_column(name, justify="left" if name in ("site", "note") else "right",
                         overflow="fold", no_wrap=name != "note",
                         min_width=len(name) if name != "note" else 10)
    for site in report.sites:
        table.add_row(*_row(site))
    totals = report.totals()
    extracted = sum(s.extracted for s in report.sites)
    fallback = sum(s.fallback for s in report.sites)
    table.add_row("TOTAL", *(str(totals[k]) for k in COLUMNS[1:10]),
                  f"{fallback / extracted:.0%}" if extracted else "-", "", style="bold")
    return table


def print_summary(report: RunReport, out: TextIO, *, tty: bool) -> None:
    console = Console(file=out, width=None if tty else 160, force_terminal=tty, no_color=not tty)
    console.print(summary_table(report))
