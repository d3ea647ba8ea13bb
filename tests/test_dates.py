"""Date strings as Indonesian news sites print them -> aware datetimes (scraper.extract.dates)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.extract.dates import (
    MONTHS,
    WIB,
    WIT,
    WITA,
    ParsedDate,
    find_date_in_text,
    parse_date,
    to_iso,
    to_utc_iso,
)

#: A fixed "now" for relative forms: Thursday 13 March 2025, 15:00 WIB.
NOW = datetime(2025, 3, 13, 15, 0, tzinfo=WIB)

# (input, expected to_iso of the value). Expected values are in the zone the string states,
# or WIB (the default) when it states none.
CASES: list[tuple[str, str]] = [
    # --- the forms named in the issue -------------------------------------------------
    ("Kamis, 13 Maret 2025 | 02:15 WIB", "2025-03-13T02:15:00+07:00"),
    ("Kamis, 13 Mar 2025 02:15 WIB", "2025-03-13T02:15:00+07:00"),
    ("13/03/2025, 02:15 WIB", "2025-03-13T02:15:00+07:00"),
    ("13-03-2025 02:15", "2025-03-13T02:15:00+07:00"),
    ("Selasa 11 Mar 2025 14:00 WITA", "2025-03-11T14:00:00+08:00"),
    ("Selasa, 11 Maret 2025 - 14:00 WIT", "2025-03-11T14:00:00+09:00"),
    ("2015-06-12 14:30:00", "2015-06-12T14:30:00+07:00"),
    ("2015-06-12T14:30:00+07:00", "2015-06-12T14:30:00+07:00"),
    ("2015-06-12T07:30:00Z", "2015-06-12T07:30:00+00:00"),
    ("2015-06-12T14:30:00.000+0700", "2015-06-12T14:30:00+07:00"),
    ("Jumat, 12 Jun 2015 14:30 WIB", "2015-06-12T14:30:00+07:00"),
    ("12 Juni 2015, 14.30 WIB", "2015-06-12T14:30:00+07:00"),
    ("Senin, 02 Jan 2017 | 10:48 WIB", "2017-01-02T10:48:00+07:00"),
    ("Rabu, 15 Mei 2019 19:03 WIB", "2019-05-15T19:03:00+07:00"),
    ("Sabtu, 13 Juni 2015 | 06:13 WIB", "2015-06-13T06:13:00+07:00"),
    ("5 jam yang lalu", "2025-03-13T10:00:00+07:00"),
    ("Thursday, 13 March 2025 2:15 PM", "2025-03-13T14:15:00+07:00"),
    ("Mar 13, 2025 14:15", "2025-03-13T14:15:00+07:00"),
    ("13 March 2025", "2025-03-13T00:00:00+07:00"),
    ("Diperbarui 13 Maret 2025, 10:00 WIB", "2025-03-13T10:00:00+07:00"),
    ("Dipublikasikan: 13 Maret 2025, 10:00 WIB", "2025-03-13T10:00:00+07:00"),
    ("Diterbitkan Kamis, 13 Maret 2025 10:00 WIB", "2025-03-13T10:00:00+07:00"),
    ("Published: 13 Mar 2025, 10:00 WIB", "2025-03-13T10:00:00+07:00"),
    ("Tayang: Kamis, 13 Mar 2025 10:00 WIB", "2025-03-13T10:00:00+07:00"),
    ("Update: 13 Mar 2025, 10:00 WIB", "2025-03-13T10:00:00+07:00"),
    # --- relative forms (against NOW) ---------------------------------------------------
    ("2 jam lalu", "2025-03-13T13:00:00+07:00"),
    ("2 jam yang lalu", "2025-03-13T13:00:00+07:00"),
    ("30 menit lalu", "2025-03-13T14:30:00+07:00"),
    ("5 detik lalu", "2025-03-13T14:59:55+07:00"),
    ("3 hari lalu", "2025-03-10T15:00:00+07:00"),
    ("1 minggu lalu", "2025-03-06T15:00:00+07:00"),
    ("2 pekan lalu", "2025-02-27T15:00:00+07:00"),
    ("sejam yang lalu", "2025-03-13T14:00:00+07:00"),
    ("sehari lalu", "2025-03-12T15:00:00+07:00"),
    ("1 bulan lalu", "2025-02-13T15:00:00+07:00"),
    ("2 tahun silam", "2023-03-13T15:00:00+07:00"),
    ("kemarin", "2025-03-12T00:00:00+07:00"),
    ("kemarin 14:00", "2025-03-12T14:00:00+07:00"),
    ("Kemarin, pukul 14.00 WIB", "2025-03-12T14:00:00+07:00"),
    ("hari ini 10:00", "2025-03-13T10:00:00+07:00"),
    ("Hari ini, 10:00 WITA", "2025-03-13T10:00:00+08:00"),
    ("baru saja", "2025-03-13T15:00:00+07:00"),
    ("3 hours ago", "2025-03-13T12:00:00+07:00"),
    ("an hour ago", "2025-03-13T14:00:00+07:00"),
    ("yesterday at 9:30 AM", "2025-03-12T09:30:00+07:00"),
    # --- zones --------------------------------------------------------------------------
    ("13 Maret 2025 02:15 GMT+7", "2025-03-13T02:15:00+07:00"),
    ("13 Maret 2025 02:15 GMT+07:00", "2025-03-13T02:15:00+07:00"),
    ("13 Maret 2025 02:15 UTC+7", "2025-03-13T02:15:00+07:00"),
    ("13 Maret 2025 02:15 UTC+8", "2025-03-13T02:15:00+08:00"),
    ("13 Maret 2025 02:15 GMT", "2025-03-13T02:15:00+00:00"),
    ("13 Maret 2025 02:15 (WIB)", "2025-03-13T02:15:00+07:00"),
    ("13 Maret 2025 02:15 wita", "2025-03-13T02:15:00+08:00"),
    ("2015-06-12T14:30:00+09:00", "2015-06-12T14:30:00+09:00"),
    ("2015-06-12T14:30:00-05:00", "2015-06-12T14:30:00-05:00"),
    ("2015-06-12 14:30:00 +0800", "2015-06-12T14:30:00+08:00"),
    ("2015-06-12T14:30:00.123456789Z", "2015-06-12T14:30:00+00:00"),
    # --- month spellings ----------------------------------------------------------------
    ("1 Pebruari 2016", "2016-02-01T00:00:00+07:00"),
    ("1 Peb 2016", "2016-02-01T00:00:00+07:00"),
    ("7 Nopember 2016", "2016-11-07T00:00:00+07:00"),
    ("7 Nop. 2016", "2016-11-07T00:00:00+07:00"),
    ("17 Agu 2020", "2020-08-17T00:00:00+07:00"),
    ("17 Agt 2020", "2020-08-17T00:00:00+07:00"),
    ("17 Ags 2020", "2020-08-17T00:00:00+07:00"),
    ("17 Agustus 2020", "2020-08-17T00:00:00+07:00"),
    ("17 Aug 2020", "2020-08-17T00:00:00+07:00"),
    ("5 Sept 2021", "2021-09-05T00:00:00+07:00"),
    ("5 Sep. 2021", "2021-09-05T00:00:00+07:00"),
    ("28 Okt 2021", "2021-10-28T00:00:00+07:00"),
    ("28 Oct 2021", "2021-10-28T00:00:00+07:00"),
    ("25 Des 2022", "2022-12-25T00:00:00+07:00"),
    ("25 Dec 2022", "2022-12-25T00:00:00+07:00"),
    ("25 DESEMBER 2022", "2022-12-25T00:00:00+07:00"),
    ("1 mei 2023", "2023-05-01T00:00:00+07:00"),
    ("1 May 2023", "2023-05-01T00:00:00+07:00"),
    ("December 25, 2022 8:05 pm", "2022-12-25T20:05:00+07:00"),
    ("Jan. 2, 2017", "2017-01-02T00:00:00+07:00"),
    # --- day names ----------------------------------------------------------------------
    ("Jum'at, 14 Maret 2025 08:00 WIB", "2025-03-14T08:00:00+07:00"),
    ("Jum\u2019at, 14 Maret 2025 08:00 WIB", "2025-03-14T08:00:00+07:00"),
    ("Minggu, 16 Maret 2025 08:00 WIB", "2025-03-16T08:00:00+07:00"),
    ("Ahad, 16 Maret 2025 08:00 WIB", "2025-03-16T08:00:00+07:00"),
    ("SENIN, 17 MARET 2025 08:00 WIB", "2025-03-17T08:00:00+07:00"),
    # --- more real-world layouts ----------------------------------------------------------
    ("13 Mar 2025, 02:15 WIB", "2025-03-13T02:15:00+07:00"),
    ("Kamis 13 Maret 2025 02:15 WIB", "2025-03-13T02:15:00+07:00"),
    ("Kamis, 13 Maret 2025 pukul 02.15 WIB", "2025-03-13T02:15:00+07:00"),
    ("Kamis, 13 Maret 2025, pkl. 02.15 WIB", "2025-03-13T02:15:00+07:00"),
    ("Kamis, 13 Maret 2025 - 02:15:30 WIB", "2025-03-13T02:15:30+07:00"),
    ("Kamis (13/3/2025)", "2025-03-13T00:00:00+07:00"),
    ("13.03.2025 02:15", "2025-03-13T02:15:00+07:00"),
    ("2025/03/13 02:15", "2025-03-13T02:15:00+07:00"),
    ("13 Mar 2025 \u2022 02:15 WIB", "2025-03-13T02:15:00+07:00"),
    ("13 Maret 2025 \u2013 02:15 WIB", "2025-03-13T02:15:00+07:00"),
    ("02:15 WIB, Kamis 13 Maret 2025", "2025-03-13T02:15:00+07:00"),
    ("14:00 WITA - Selasa, 11 Maret 2025", "2025-03-11T14:00:00+08:00"),
    ("13\u00a0Maret\u00a02025\u00a0 02:15\u00a0WIB", "2025-03-13T02:15:00+07:00"),
    ("13-Mar-2025 02:15", "2025-03-13T02:15:00+07:00"),
    ("13th March 2025", "2025-03-13T00:00:00+07:00"),
    ("2025-03-13", "2025-03-13T00:00:00+07:00"),
    ("Thu, 13 Mar 2025 02:15:00 +0700", "2025-03-13T02:15:00+07:00"),
    ("Wed, 12 Mar 2025 19:15:00 GMT", "2025-03-12T19:15:00+00:00"),
    ("12:00 AM, 13 Mar 2025", "2025-03-13T00:00:00+07:00"),
    ("13 Mar 2025 12:30 PM", "2025-03-13T12:30:00+07:00"),
    ("13 Mar 2025 14:15 PM", "2025-03-13T14:15:00+07:00"),
    # --- two-digit years and month-first numbers ------------------------------------------
    ("13/03/25", "2025-03-13T00:00:00+07:00"),
    ("13/03/25 02:15", "2025-03-13T02:15:00+07:00"),
    ("13 Mar 25", "2025-03-13T00:00:00+07:00"),
    ("31/12/99", "1999-12-31T00:00:00+07:00"),
    ("03/13/2025", "2025-03-13T00:00:00+07:00"),
    ("29 Februari 2024", "2024-02-29T00:00:00+07:00"),
]

#: Strings with no valid date: impossible dates, no year, junk.
NO_DATE: list[str | None] = [
    None,
    "",
    "   ",
    "31 Feb 2025",
    "29 Februari 2025",
    "32 Maret 2025",
    "13/13/2025",
    "31/02/2025",
    "13 Maret 2025 25:00",  # an impossible time makes the whole string suspect
    "13 Maret 2025 10:61 WIB",
    "13 Maret 15:00 WIB",  # no year: must not read "15" as the year
    "Maret 2025",
    "versi 1.2.33",
    "Rp 1.500.000",
    "Oleh Budi Santoso",
    "Baca juga: berita lain",
    "99999999999 hari lalu",
    "2015-06-12T14:30:00+25:00",
    "0001-01-01",
]


@pytest.mark.parametrize(("raw", "expected"), CASES, ids=[c[0] for c in CASES])
def test_parse_table(raw: str, expected: str) -> None:
    parsed = parse_date(raw, now=NOW)
    assert parsed is not None, raw
    assert parsed.value.tzinfo is not None
    assert to_iso(parsed.value) == expected


def test_table_is_large_and_unique() -> None:
    assert len({raw for raw, _ in CASES}) == len(CASES) >= 100


@pytest.mark.parametrize("raw", NO_DATE)
def test_no_date(raw: str | None) -> None:
    assert parse_date(raw, now=NOW) is None


@pytest.mark.parametrize("name", sorted(MONTHS))
def test_every_month_name(name: str) -> None:
    for spelled in (name, name.upper(), name.capitalize() + "."):
        parsed = parse_date(f"3 {spelled} 2024", now=NOW)
        assert parsed is not None, spelled
        assert (parsed.value.month, parsed.value.day, parsed.value.year) == (MONTHS[name], 3, 2024)


def test_zone_objects() -> None:
    assert WIB.utcoffset(None) == timedelta(hours=7)
    assert WITA.utcoffset(None) == timedelta(hours=8)
    assert WIT.utcoffset(None) == timedelta(hours=9)
    parsed = parse_date("13 Maret 2025 02:15 WITA")
    assert parsed is not None and parsed.value.tzinfo == WITA


def test_default_tz_applies_only_without_zone() -> None:
    plain = parse_date("13-03-2025 02:15", default_tz=WIT)
    zoned = parse_date("13-03-2025 02:15 WIB", default_tz=WIT)
    assert plain is not None and to_iso(plain.value) == "2025-03-13T02:15:00+09:00"
    assert zoned is not None and to_iso(zoned.value) == "2025-03-13T02:15:00+07:00"


def test_relative_uses_default_now_in_wib() -> None:
    before = datetime.now(WIB)
    parsed = parse_date("baru saja")
    after = datetime.now(WIB)
    assert parsed is not None
    assert before <= parsed.value <= after
    assert parsed.value.utcoffset() == timedelta(hours=7)


def test_kemarin_is_yesterday_in_local_time() -> None:
    # 23:30 UTC on 12 March is already 13 March in WIB: yesterday is 12 March.
    now_utc = datetime(2025, 3, 12, 23, 30, tzinfo=UTC)
    parsed = parse_date("kemarin 08:00", now=now_utc)
    assert parsed is not None and to_iso(parsed.value) == "2025-03-12T08:00:00+07:00"


def test_naive_now_is_read_in_default_tz() -> None:
    parsed = parse_date("1 jam lalu", now=datetime(2025, 3, 13, 15, 0), default_tz=WITA)
    assert parsed is not None and to_iso(parsed.value) == "2025-03-13T14:00:00+08:00"


def test_month_arithmetic_clamps_the_day() -> None:
    parsed = parse_date("1 bulan lalu", now=datetime(2025, 3, 31, 9, 0, tzinfo=WIB))
    assert parsed is not None and to_iso(parsed.value) == "2025-02-28T09:00:00+07:00"


@pytest.mark.parametrize(
    ("raw", "updated"),
    [
        ("Diperbarui 13 Maret 2025, 10:00 WIB", True),
        ("Diperbarui: Kamis, 13 Maret 2025 | 10:00 WIB", True),
        ("Update: 13 Mar 2025, 10:00 WIB", True),
        ("Updated 13 March 2025 10:00", True),
        ("Diupdate 13/03/2025 10:00", True),
        ("Last updated on 13 March 2025", True),
        ("Diperbarui 2 jam lalu", True),
        ("13 Maret 2025 10:00 WIB (diperbarui)", True),
        ("Diterbitkan 13 Maret 2025, 10:00 WIB", False),
        ("Kamis, 13 Maret 2025 | 02:15 WIB", False),
        ("Diterbitkan 12 Mar 2025 10:00 WIB | Diperbarui 13 Mar 2025 12:00 WIB", False),
    ],
)
def test_is_updated(raw: str, updated: bool) -> None:
    parsed = parse_date(raw, now=NOW)
    assert parsed is not None
    assert parsed.is_updated is updated


def test_raw_is_whitespace_normalised_input() -> None:
    parsed = parse_date("  Kamis,\n 13 Maret\t2025 \u00a0| 02:15 WIB ")
    assert parsed == ParsedDate(
        datetime(2025, 3, 13, 2, 15, tzinfo=WIB), "Kamis, 13 Maret 2025 | 02:15 WIB", False
    )


def test_parsed_date_is_frozen() -> None:
    parsed = parse_date("13 Maret 2025")
    assert parsed is not None
    with pytest.raises(AttributeError):
        parsed.raw = "x"  # type: ignore[misc]


def test_to_iso_and_to_utc_iso() -> None:
    value = datetime(2025, 3, 13, 2, 15, 7, 999999, tzinfo=WIB)
    assert to_iso(value) == "2025-03-13T02:15:07+07:00"
    assert to_utc_iso(value) == "2025-03-12T19:15:07Z"
    assert to_utc_iso(datetime(2025, 3, 13, 2, 15, tzinfo=WIT)) == "2025-03-12T17:15:00Z"
    with pytest.raises(ValueError):
        to_iso(datetime(2025, 3, 13))
    with pytest.raises(ValueError):
        to_utc_iso(datetime(2025, 3, 13))


def test_utc_iso_sorts_as_text_across_zones() -> None:
    raws = ["13 Mar 2025 10:00 WIT", "13 Mar 2025 09:30 WIB", "13 Mar 2025 09:00 WITA", "12 Mar 2025 23:00"]
    values = [p.value for r in raws if (p := parse_date(r)) is not None]
    assert len(values) == 4
    assert sorted(values) == [values[i] for i in sorted(range(4), key=lambda i: to_utc_iso(values[i]))]


@pytest.mark.parametrize(
    ("text", "expected", "snippet"),
    [
        (
            "Oleh Budi | Kamis, 13 Maret 2025 02:15 WIB",
            "2025-03-13T02:15:00+07:00",
            "Kamis, 13 Maret 2025 02:15 WIB",
        ),
        (
            "Reporter: Siti Aminah  Editor: Joko\nSelasa, 11 Mar 2025 14:00 WITA\nJAKARTA - Isi berita.",
            "2025-03-11T14:00:00+08:00",
            "Selasa, 11 Mar 2025 14:00 WITA",
        ),
        ("Penulis Andi \u00b7 2 jam yang lalu", "2025-03-13T13:00:00+07:00", "2 jam yang lalu"),
        # A printed date wins over a relative word that comes earlier in running text.
        (
            "Kemarin warga berkumpul. Tayang 10/03/2025 08:00",
            "2025-03-10T08:00:00+07:00",
            "10/03/2025 08:00",
        ),
        # An impossible date is skipped, the next valid one is found.
        ("31/02/2025 lalu 01/03/2025", "2025-03-01T00:00:00+07:00", "01/03/2025"),
    ],
)
def test_find_date_in_text(text: str, expected: str, snippet: str) -> None:
    found = find_date_in_text(text, now=NOW)
    assert found is not None
    assert to_iso(found.value) == expected
    assert found.raw == snippet


def test_find_date_in_text_reports_update_label_next_to_the_date() -> None:
    found = find_date_in_text("Budi | Diperbarui Kamis, 13 Mar 2025 12:00 WIB", now=NOW)
    assert found is not None and found.is_updated
    assert find_date_in_text("Tidak ada tanggal di sini.", now=NOW) is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_never_raises_on_any_text(raw: str) -> None:
    for result in (parse_date(raw, now=NOW), find_date_in_text(raw, now=NOW)):
        assert result is None or (isinstance(result, ParsedDate) and result.value.tzinfo is not None)


@settings(max_examples=300, deadline=None)
@given(
    st.from_regex(
        r"[0-9]{1,3}[ /.\-:]{0,2}[A-Za-z]{0,9}[ /.\-,]{0,2}[0-9]{0,5}[ ,|T]{0,2}"
        r"[0-9]{0,3}[:.]?[0-9]{0,3}[ ]?(WIB|WITA|WIT|Z|GMT\+[0-9]{1,3}|[+-][0-9]{2,4})?",
        fullmatch=True,
    ),
    st.datetimes(timezones=st.just(UTC)) | st.datetimes(),
)
def test_never_raises_on_date_like_text_and_any_now(raw: str, now: datetime) -> None:
    result = parse_date(raw, now=now)
    if result is not None:
        to_iso(result.value)
        to_utc_iso(result.value)


@pytest.mark.parametrize(
    ("raw", "has_time", "relative"),
    [
        ("Jumat, 19 Juni 2015 12:58 WIB", True, False),
        ("Selasa, 23 Februari 2016", False, False),
        ("2015-06-16T14-05-11Z", False, False),  # a malformed time is no time
        ("4 jam lalu", True, True),
        ("2 hari lalu", False, True),
        ("kemarin", False, True),
        ("kemarin 14:00", True, True),
    ],
)
def test_parsed_date_says_whether_it_has_a_time_and_is_relative(raw: str, has_time: bool, relative: bool) -> None:
    parsed = parse_date(raw, now=NOW)
    assert parsed is not None
    assert (parsed.has_time, parsed.relative) == (has_time, relative)


def test_date_line_is_a_line_that_states_little_but_the_date() -> None:
    from scraper.extract.dates import date_line

    assert date_line("Selasa, 23 Februari 2016 | 16:52 WIB") is not None
    assert date_line("Laban Laisila : 19 Jun 2015 | 13:06") is not None
    assert date_line("Rabu, 17 Juni 2015, ribuan warga memadati alun-alun kota untuk menyaksikan pawai.") is None
    assert date_line("Tanpa tanggal sama sekali") is None
