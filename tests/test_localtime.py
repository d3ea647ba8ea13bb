"""The local-time rule has one home (scraper/localtime.py): a time without an offset is WIB.
The store's columns and the crawl's --since/--until window read ``published`` through it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from scraper.localtime import WIB, WITA, assume_wib, read_published
from scraper.store.values import parse_published


def test_a_time_without_an_offset_is_wib_and_one_with_an_offset_keeps_it() -> None:
    assert assume_wib(datetime(2025, 3, 13, 9, 15)) == datetime(2025, 3, 13, 2, 15, tzinfo=UTC)
    own = datetime(2025, 3, 13, 9, 15, tzinfo=WITA)
    assert assume_wib(own) is own
    assert read_published("2025-03-13T09:15:00+09:00").utcoffset() == timedelta(hours=9)  # type: ignore[union-attr]


def test_nothing_is_guessed_from_text_that_is_not_iso() -> None:
    assert read_published(None) is None and read_published("") is None
    assert read_published("Kamis, 13 Maret 2025") is None


def test_the_store_and_the_crawl_window_read_a_naive_time_alike() -> None:
    utc, local = parse_published("2025-03-13T09:15:00")
    assert (utc, local) == ("2025-03-13T02:15:00Z", "2025-03-13T09:15:00+07:00")
    assert read_published("2025-03-13T09:15:00") == datetime(2025, 3, 13, 2, 15, tzinfo=UTC)
    assert parse_published("13 Maret 2025") == (None, "13 Maret 2025")  # kept as printed, not lost
    assert read_published(local) == datetime(2025, 3, 13, 9, 15, tzinfo=WIB)
