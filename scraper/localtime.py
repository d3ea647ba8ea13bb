"""Indonesian local time: the zones, and the one rule for a time printed without an offset.

The rule: most Indonesian sites print Western Indonesia Time (WIB, UTC+7) without saying
so, so a time without an offset is WIB; the store keeps it as UTC text
(:func:`scraper.extract.dates.to_utc_iso`) and ``published_local`` with the offset. Every
stage that reads such a time (extraction, the crawl's --since/--until window, site search,
archive days, the store) asks here, so the rule cannot differ between them.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

__all__ = ["WIB", "WIT", "WITA", "assume_wib", "read_published"]

WIB = timezone(timedelta(hours=7), "WIB")
WITA = timezone(timedelta(hours=8), "WITA")
WIT = timezone(timedelta(hours=9), "WIT")


def assume_wib(moment: datetime) -> datetime:
    """``moment`` itself when it names its zone, else the same wall time in WIB."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=WIB)


def read_published(value: str | None) -> datetime | None:
    """An article's ``published`` text (ISO 8601) as an aware time, WIB when it has no
    offset; None when there is none or it is not ISO 8601 (nothing is guessed)."""
    if not value:
        return None
    try:
        return assume_wib(datetime.fromisoformat(value.strip()))
    except ValueError:
        return None
