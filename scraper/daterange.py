"""Date ranges in the user's terms, for ``crawl --since/--until`` and ``export``.

``2025-03-01`` is that WIB day, ``2025-03`` that WIB month, ``30d`` (or ``12h``) the last
30 days (12 hours) before now, and an ISO 8601 time is that instant (WIB when it has no
offset). A range is half-open, [start, end): ``--until 2025-03-31`` includes the whole of
the 31st, ``--until 2025-03`` the whole of March. Indonesian archives file stories by local
date, so a bare day means the WIB day.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta

from scraper.dates import WIB

__all__ = ["parse_moment", "parse_range"]

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_AGO = re.compile(r"^(\d+)\s*([dh])$", re.IGNORECASE)


def parse_moment(text: str, *, end: bool, now: datetime) -> datetime:
    """One bound: the start of what ``text`` names, or (``end``) the moment after it.
    Raises ValueError with a message for the user."""
    value = text.strip()
    if match := _AGO.match(value):
        amount = int(match[1])
        return now - (timedelta(days=amount) if match[2].lower() == "d" else timedelta(hours=amount))
    if match := _MONTH.match(value):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise ValueError(f"bad month in {text!r}")
        first = date(year, month, 1)
        day = first + timedelta(days=calendar.monthrange(year, month)[1]) if end else first
        return datetime.combine(day, time(), WIB)
    if len(value) == 10:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{text!r} is not a date (YYYY-MM-DD)") from None
        return datetime.combine(day + timedelta(days=1) if end else day, time(), WIB)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a date: use 2025-03-01, 2025-03, 30d or an ISO time (2025-03-01T08:00+07:00)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=WIB)


def parse_range(since: str | None, until: str | None, now: datetime) -> tuple[datetime | None, datetime | None]:
    """[start, end) from the two options (either may be missing). Raises ValueError when a
    value is not understood or the range is empty."""
    start = parse_moment(since, end=False, now=now) if since else None
    end = parse_moment(until, end=True, now=now) if until else None
    if start is not None and end is not None and end <= start:
        raise ValueError(f"--until ({until}) is not after --since ({since})")
    return start, end
