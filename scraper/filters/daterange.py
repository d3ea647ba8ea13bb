"""``--since`` / ``--until`` values -> a half-open UTC interval ``[start, end)``.

One rule for every command that takes a date range (export, crawl backfill): analysts write
``2025-03-01``, ``2025-03`` or ``30d`` far more often than ISO times, and each form must mean
the same thing everywhere.

- ``2025``, ``2025-03``, ``2025-03-01``: the whole year, month or day. As ``--since`` it starts
  at the beginning of that span, as ``--until`` it ends after the span (``--until 2025-03``
  includes 31 March). Calendar spans are read in ``tz`` (UTC unless the caller says WIB).
- ``30d``, ``12h``, ``2w``: that long before ``now`` (``--since 30d`` = the last 30 days).
- An ISO 8601 time (``2025-03-13T08:00:00+07:00``; no offset = ``tz``): that instant. As
  ``--until`` the instant itself is included: stored times have whole seconds, so the end
  is the next whole second.

Bad input raises :class:`RangeError` (a ValueError) with a message fit for a usage error.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, tzinfo

__all__ = ["FORMS", "RangeError", "parse_bound", "parse_range"]

#: Shown in usage messages.
FORMS = "YYYY, YYYY-MM, YYYY-MM-DD, an ISO time, or a duration back from now like 30d, 12h, 2w"

_SPAN = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?")
_AGO = re.compile(r"(?P<n>\d{1,6})\s*(?P<unit>[hdw])", re.IGNORECASE)
_UNITS = {"h": "hours", "d": "days", "w": "weeks"}
_SECOND = timedelta(seconds=1)


class RangeError(ValueError):
    """A --since/--until value that is not a date, month, year, ISO time or duration."""


def parse_bound(text: str, now: datetime | None = None, tz: tzinfo = UTC) -> tuple[datetime, datetime]:
    """The span ``text`` names, as aware UTC datetimes ``(first instant, end)``; ``end`` is
    exclusive (an instant's span is that whole second)."""
    value = text.strip()
    if match := _SPAN.fullmatch(value):
        return _calendar_span(match, tz, text)
    if match := _AGO.fullmatch(value):
        moment = _now(now) - timedelta(**{_UNITS[match["unit"].lower()]: int(match["n"])})
        return moment, _next_second(moment)
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise RangeError(f"{text!r} is not a date range bound ({FORMS})") from None
    moment = (moment if moment.tzinfo else moment.replace(tzinfo=tz)).astimezone(UTC)
    return moment, _next_second(moment)


def parse_range(
    since: str | None, until: str | None, now: datetime | None = None, tz: tzinfo = UTC
) -> tuple[datetime | None, datetime | None]:
    """``(start, end)`` in UTC for ``--since``/``--until`` (None where not given): select
    ``start <= t < end``. Raises RangeError on a bad value or an empty range."""
    now = _now(now)
    start = parse_bound(since, now, tz)[0] if since is not None else None
    end = parse_bound(until, now, tz)[1] if until is not None else None
    if start is not None and end is not None and start >= end:
        raise RangeError(f"--since {since} is not before --until {until}: the range is empty")
    return start, end


def _calendar_span(match: re.Match[str], tz: tzinfo, text: str) -> tuple[datetime, datetime]:
    year, month, day = int(match["y"]), match["m"], match["d"]
    try:
        if day is not None:
            first = date(year, int(month), int(day))
            after = first + timedelta(days=1)
        elif month is not None:
            first = date(year, int(month), 1)
            after = date(year + 1, 1, 1) if first.month == 12 else date(year, first.month + 1, 1)
        else:
            first, after = date(year, 1, 1), date(year + 1, 1, 1)
    except ValueError as exc:
        raise RangeError(f"{text!r}: {exc}") from None
    return _midnight(first, tz), _midnight(after, tz)


def _midnight(day: date, tz: tzinfo) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=tz).astimezone(UTC)


def _next_second(moment: datetime) -> datetime:
    return moment.replace(microsecond=0) + _SECOND


def _now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(UTC)
