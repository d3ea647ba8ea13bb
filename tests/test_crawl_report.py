"""The crawl's terminal output: a summary that fits the terminal without losing its note
(SITE FAILED, doctor warnings, backfill caps), and log records printed above the progress
bars, never glued onto a bar's line."""

from __future__ import annotations

import io
import logging
import re
from collections import Counter

from rich.console import Console

from pipelines.crawl import RunReport
from pipelines.crawl_report import COLUMNS, CrawlProgress, print_summary
from pipelines.site_work import SiteReport

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def report() -> RunReport:
    ok = SiteReport("liputan6", discovered=1240, known=1100, outcomes=Counter(new=120, updated=12, unchanged=8),
                    extracted=140, fallback=7)
    failed = SiteReport("kumparan", sources=3, failed_sources=["a", "b", "c"], error=None)
    capped = SiteReport("detik", discovered=88, outcomes=Counter(new=80), extracted=80, unit="days", days=31,
                        days_capped=["2025-03-01", "2025-03-02"], drift=["fallback 40% (was 2%)"])
    return RunReport(run_id=7, sites=[ok, failed, capped], status="partial")


def summary_at(width: int | None) -> str:
    out = io.StringIO()
    print_summary(report(), out, tty=False) if width is None else _print_at(out, width)
    return out.getvalue()


def _print_at(out: io.StringIO, width: int) -> None:
    """print_summary as a terminal of ``width`` columns would get it (rich reads COLUMNS)."""
    import os

    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    try:
        print_summary(report(), out, tty=True)
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved


def header(text: str) -> list[str]:
    line = next(line for line in ANSI.sub("", text).splitlines() if "site" in line and "┃" in line)
    return [cell.strip() for cell in line.strip("┃ ").split("┃")]


def test_at_80_columns_counts_give_way_and_the_note_stays() -> None:
    text = ANSI.sub("", summary_at(80))
    assert max(len(line) for line in text.splitlines()) <= 80
    assert header(text)[0] == "site" and header(text)[-1] == "note"
    assert {"new", "failed", "fallback"} <= set(header(text)) and "known" not in header(text)
    for name in ("liputan6", "kumparan", "detik"):
        assert f"│ {name} " in text  # whole site names, never "liput"
    notes = " ".join(line.rstrip(" │").rsplit("│", 1)[1].strip() for line in text.splitlines() if line.startswith("│"))
    assert "3/3 sources failed; SITE FAILED" in notes
    assert "(see `scraper doctor`)" in notes and "2 days hit the page cap" in notes


def test_a_wide_journal_gets_every_column() -> None:
    text = summary_at(None)
    assert header(text) == list(COLUMNS)


def test_too_narrow_for_a_note_column_prints_the_notes_below() -> None:
    text = ANSI.sub("", summary_at(50))
    assert "note" not in header(text)
    assert "kumparan: 3/3 sources failed; SITE FAILED" in " ".join(text.split())
    assert re.search(r"^detik: worse than its recent runs", text, re.M)


def test_log_records_print_above_the_bars_on_their_own_lines() -> None:
    stream = io.StringIO()
    console = Console(file=stream, force_terminal=True, width=80)
    root = logging.getLogger()
    plain = logging.StreamHandler(stream)
    plain.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(plain)
    try:
        with CrawlProgress(console) as progress:
            progress("detik", "queued", 4)
            progress("detik", "done", None)
            logging.getLogger("scraper.crawl").warning("kumparan: source failed: HTTP 404")
            progress("detik", "done", None)
        assert plain in root.handlers  # put back as it was
    finally:
        root.removeHandler(plain)
    lines = ANSI.sub("", stream.getvalue().replace("\r", "\n")).splitlines()
    warned = [line for line in lines if "source failed" in line]
    assert warned == ["WARNING scraper.crawl: kumparan: source failed: HTTP 404"]
