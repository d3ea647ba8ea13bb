"""--since/--until forms, in the one module every command reads them with."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from scraper.filters.daterange import RangeError, parse_bound, parse_range

NOW = datetime(2025, 3, 20, 10, 30, 15, tzinfo=UTC)
WIB = timezone(timedelta(hours=7))


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("since", "until", "want"),
    [
        ("2025-03-01", "2025-03-01", (utc(2025, 3, 1), utc(2025, 3, 2))),  # a bare --until date includes the day
        ("2025-03", "2025-03", (utc(2025, 3, 1), utc(2025, 4, 1))),  # the whole month
        ("2024-12", "2024-12", (utc(2024, 12, 1), utc(2025, 1, 1))),  # December rolls the year
        ("2024", None, (utc(2024, 1, 1), None)),
        (None, "2024-02", (None, utc(2024, 3, 1))),  # leap February, ends with the 29th
        ("30d", None, (NOW - timedelta(days=30), None)),  # the last 30 days
        ("12h", "1h", (NOW - timedelta(hours=12), utc(2025, 3, 20, 9, 30, 16))),
        ("2w", None, (NOW - timedelta(weeks=2), None)),
        # An exact time: its own instant is included, to the stored second.
        ("2025-03-13T08:00:00+07:00", "2025-03-13T09:00:00+07:00", (utc(2025, 3, 13, 1), utc(2025, 3, 13, 2, 0, 1))),
        ("2025-03-13T01:00:00Z", None, (utc(2025, 3, 13, 1), None)),
        ("2025-03-13T01:00:00", None, (utc(2025, 3, 13, 1), None)),  # no offset: the range's zone (UTC)
        (None, None, (None, None)),
    ],
)
def test_forms(since: str | None, until: str | None, want: tuple[datetime | None, datetime | None]) -> None:
    assert parse_range(since, until, NOW) == want


def test_calendar_spans_in_another_zone() -> None:
    """The crawl may read days as WIB days: 1 March WIB starts at 17:00 UTC the day before."""
    assert parse_range("2025-03-01", "2025-03-01", NOW, tz=WIB) == (utc(2025, 2, 28, 17), utc(2025, 3, 1, 17))
    assert parse_bound("2025-03-01T08:00:00", NOW, tz=WIB)[0] == utc(2025, 3, 1, 1)


@pytest.mark.parametrize("text", ["2025-13", "2025-02-30", "yesterday", "30", "30x", "2025/03/01", "", "d30"])
def test_bad_values(text: str) -> None:
    with pytest.raises(RangeError):
        parse_range(text, None, NOW)


def test_empty_range_is_an_error() -> None:
    with pytest.raises(RangeError, match="not before"):
        parse_range("2025-03-02", "2025-03-01", NOW)
    assert parse_range("2025-03-01", "2025-03-01", NOW)[0] is not None  # one day is not empty


def test_results_are_utc_and_aware() -> None:
    start, end = parse_range("2025-03-13T08:00:00+07:00", "2025-03", NOW)
    assert start is not None and end is not None
    assert start.utcoffset() == end.utcoffset() == timedelta(0)
