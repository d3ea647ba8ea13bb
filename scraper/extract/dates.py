"""Dates as Indonesian news pages print them, turned into timezone-aware datetimes.

Why our own parser: sites write "Kamis, 13 Maret 2025 | 02:15 WIB", "13/03/2025, 02.15 WIB"
or "2 jam yang lalu": Indonesian month and day names, regional zone names (WIB/WITA/WIT),
dots as time separators and day-first numbers. Generic parsers guess English and month-first,
so they get these wrong silently. Every name lives in exactly one table below; the regexes
are built from the tables once, at import time.

Nothing here raises on bad input: an unparseable or impossible date (31 Februari) is ``None``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Any, TypeVar

from scraper.localtime import WIB, WIT, WITA

_T = TypeVar("_T")

# --- tables (the only place each name is spelled) ---------------------------------------

#: Month names and abbreviations (Indonesian, old spellings, English), lower case, no dot.
MONTHS: dict[str, int] = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "february": 2, "feb": 2, "peb": 2,
    "maret": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "agust": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}

#: Day names: only used so a date preceded by its day name is matched as one unit.
DAY_NAMES: tuple[str, ...] = (
    "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "jum\u2019at", "sabtu", "minggu", "ahad",
    "sen", "sel", "rab", "kam", "jum", "sab", "min",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
)

#: Zone names printed after a time. GMT/UTC may carry an offset ("GMT+7"), handled apart.
ZONES: dict[str, tzinfo] = {"wib": WIB, "wita": WITA, "wit": WIT, "gmt": UTC, "utc": UTC}

#: Relative units ("2 jam lalu", "3 days ago") -> unit of arithmetic.
RELATIVE_UNITS: dict[str, str] = {
    "detik": "seconds", "dtk": "seconds", "second": "seconds", "seconds": "seconds",
    "sec": "seconds", "secs": "seconds",
    "menit": "minutes", "mnt": "minutes", "minute": "minutes", "minutes": "minutes",
    "min": "minutes", "mins": "minutes",
    "jam": "hours", "hour": "hours", "hours": "hours", "hr": "hours", "hrs": "hours",
    "hari": "days", "day": "days", "days": "days",
    "minggu": "weeks", "pekan": "weeks", "week": "weeks", "weeks": "weeks",
    "bulan": "months", "bln": "months", "month": "months", "months": "months",
    "tahun": "years", "thn": "years", "year": "years", "years": "years",
}

#: Day words -> days back from today; ``None`` means "now" (no day arithmetic).
DAY_WORDS: dict[str, int | None] = {
    "kemarin": -1, "kemaren": -1, "yesterday": -1,
    "hari ini": 0, "today": 0,
    "baru saja": None, "barusan": None, "just now": None,
}

#: Labels saying the date is an update time, not the first publication.
UPDATE_LABELS: tuple[str, ...] = ("diperbarui", "diupdate", "di-update", "updated", "update", "pembaruan")

_YEAR_RANGE = range(1900, 2200)  # keeps arithmetic far from datetime's limits

# --- regexes ---------------------------------------------------------------------------


def _alt(words: Iterable[str]) -> str:
    """Regex alternation of words, longest first so "Maret" wins over "Mar"."""
    items = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


def _time(p: str) -> str:
    """A clock time "14:30", "14.30", "14:30:00.000", "2:15 PM"; groups prefixed with ``p``."""
    return (
        rf"(?P<{p}H>\d{{1,2}})[:.](?P<{p}M>\d{{2}})"
        rf"(?:[:.](?P<{p}S>\d{{2}})(?:[.,](?P<{p}F>\d{{1,9}}))?)?(?!\d)"
        rf"(?:\s*(?P<{p}ampm>[ap])\.?\s?m\.?(?![a-z]))?"
    )


_F = re.IGNORECASE | re.ASCII
_SEP = r"(?:T|\s*(?:[,|/\-\u2013\u2014\u2022@]\s*)*(?:(?:pukul|pkl\.?|jam|at)\s*)?)"
_ZONE = (
    rf"(?:(?P<z>Z)(?![a-z])"
    rf"|\s*\(?(?P<tzn>{_alt(ZONES)})(?![a-z])\s*(?P<tzo>[+-]\s?\d{{1,2}}(?::?\d{{2}})?)?\)?"
    rf"|\s*(?P<tzb>[+-]\d{{2}}:?\d{{2}})(?!\d))?"
)
_MONTH = rf"(?P<{{p}}>{_alt(MONTHS)})\.?(?![a-z])"
_YEAR_END = r"(?!\d)(?![:.]\d)"
_DATE = "|".join((
    r"(?P<iy>\d{4})(?P<isep>[-/.])(?P<im>\d{1,2})(?P=isep)(?P<id>\d{1,2})(?!\d)",
    rf"(?P<nd>\d{{1,2}})(?:st|nd|rd|th)?[\s.\-/]*{_MONTH.format(p='nm')}[\s.,\-/]*"
    rf"(?P<ny>\d{{4}}|\d{{2}}){_YEAR_END}",
    rf"{_MONTH.format(p='mm')}\s*(?P<md>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<my>\d{{4}}){_YEAR_END}",
    rf"(?P<dd>\d{{1,2}})(?P<dsep>[-/.])(?P<dm>\d{{1,2}})(?P=dsep)(?P<dy>\d{{4}}|\d{{2}}){_YEAR_END}",
))
_ABSOLUTE = re.compile(
    rf"(?<![\w./:])"
    rf"(?:{_time('p')}\s*(?:\(?(?P<ptz>{_alt(ZONES)})\)?(?![a-z]))?\s*(?:[,|\-\u2013\u2014\u2022]\s*)+)?"
    rf"(?:(?P<day>{_alt(DAY_NAMES)})(?![a-z])\.?\s*,?\s*)?"
    rf"(?:{_DATE})"
    rf"(?:{_SEP}{_time('t')}{_ZONE})?",
    _F,
)
_RELATIVE = re.compile(
    rf"(?<!\w)(?:(?P<n>\d{{1,9}})\s*|(?P<one>se|satu\s+|an?\s+|one\s+))"
    rf"(?P<unit>{_alt(RELATIVE_UNITS)})(?![a-z])\s*(?:yang\s+|yg\s+)?(?:lalu|silam|ago)(?![a-z])",
    _F,
)
_DAY_WORD = re.compile(
    rf"(?<!\w)(?P<word>{_alt(DAY_WORDS)})(?![a-z])(?:{_SEP}{_time('t')}{_ZONE})?", _F
)
_UPDATE_BEFORE = re.compile(
    rf"(?<![a-z])(?:{_alt(UPDATE_LABELS)})(?:\s+(?:pada|on|at))?\s*[:\-\u2013\u2014|,]?\s*$", _F
)
_UPDATE_AFTER = re.compile(rf"^\s*[(\[,|\-\u2013\u2014]?\s*(?:{_alt(UPDATE_LABELS)})\s*[)\]]?\s*$", _F)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)

# --- public API ------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedDate:
    """A parsed date with the text it came from (kept for ``published_raw``)."""

    value: datetime  # tz-aware
    raw: str  # the input, whitespace-normalised (for find_date_in_text: the matched snippet)
    is_updated: bool  # the text labels it as an update time ("Diperbarui", "Update", ...)
    #: The text states the time of day ("13 Maret 2025 02:15"), not just the day: a date-only
    #: value sits at midnight, and a page that prints the time can complete it.
    has_time: bool = True
    #: Counted back from "now" ("2 jam lalu", "kemarin"), not a calendar date the text states.
    relative: bool = False


def parse_date(
    raw: str | None, *, now: datetime | None = None, default_tz: tzinfo = WIB
) -> ParsedDate | None:
    """Parse one date string; ``None`` when it holds no valid date. Never raises.

    A string without a zone is in ``default_tz``; relative forms ("2 jam lalu", "kemarin")
    count back from ``now`` (default: the current time in ``default_tz``).
    """
    text = _normalise(raw)
    found = _search(text, now, default_tz) if text else None
    if found is None:
        return None
    value, start, end, has_time, relative = found
    return ParsedDate(value, text, _is_updated(text, start, end), has_time, relative)


def find_date_in_text(
    text: str, *, now: datetime | None = None, default_tz: tzinfo = WIB
) -> ParsedDate | None:
    """The first date inside longer text, e.g. a byline "Oleh Budi | Kamis, 13 Maret 2025 02:15 WIB".

    Absolute dates win over relative phrases: "kemarin" in running text is a weaker signal
    than a printed date. ``raw`` is the matched snippet, not the whole text.
    """
    norm = _normalise(text)
    found = _search(norm, now, default_tz) if norm else None
    if found is None:
        return None
    value, start, end, has_time, relative = found
    return ParsedDate(value, norm[start:end].strip(" ,|-"), _is_updated(norm, start, end), has_time, relative)


#: A date line may carry a few other words: a name, a label ("Laban Laisila : 19 Jun 2015 | 13:06").
_DATE_LINE_WORDS = 4
_LETTER_WORD = re.compile(r"[^\W\d_]+")


def date_line(text: str) -> ParsedDate | None:
    """The date of a line that states little else ("Selasa, 23 Februari 2016 | 16:52 WIB"):
    a page's date line. ``None`` for a sentence that merely mentions a date."""
    found = find_date_in_text(text)
    if found is None:
        return None
    rest = _normalise(text).replace(found.raw, " ")
    return found if len(_LETTER_WORD.findall(rest)) <= _DATE_LINE_WORDS else None


def to_iso(value: datetime) -> str:
    """ISO 8601 with the original offset, seconds precision: "2025-03-13T02:15:00+07:00".

    Keeps the local (WIB/WITA/WIT) time readable. Naive datetimes are refused (ValueError):
    guessing their zone is exactly the bug this module exists to avoid.
    """
    _require_aware(value)
    return value.isoformat(timespec="seconds")


def to_utc_iso(value: datetime) -> str:
    """UTC ISO 8601 with "Z": "2025-03-12T19:15:00Z". Sorts correctly as text (the store's key)."""
    _require_aware(value)
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


# --- internals -------------------------------------------------------------------------


def _require_aware(value: datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime has no zone: {value!r}")


def _normalise(raw: object) -> str:
    """Collapse whitespace (incl. NBSP) and drop zero-width characters."""
    if not isinstance(raw, str):
        return ""
    return " ".join(raw.translate(_INVISIBLE).split())


_CLOCK_UNITS = frozenset({"seconds", "minutes", "hours"})


def _search(text: str, now: datetime | None, tz: tzinfo) -> tuple[datetime, int, int, bool, bool] | None:
    """First valid absolute date; else the earliest valid relative phrase. The flags say
    whether the text gave the time of day and whether the date was relative."""
    for m in _ABSOLUTE.finditer(text):
        value = _guard(_absolute, m, tz)
        if value is not None:
            return value, m.start(), m.end(), bool(m["tH"] or m["pH"]), False
    base = _guard(_now, now, tz)
    if base is None:
        return None
    best: tuple[datetime, int, int, bool, bool] | None = None
    for pattern, build in ((_RELATIVE, _relative), (_DAY_WORD, _day_word)):
        for m in pattern.finditer(text):
            if best is not None and m.start() >= best[1]:
                break
            value = _guard(build, m, base, tz)
            if value is not None:
                if pattern is _RELATIVE:
                    has_time = RELATIVE_UNITS[m["unit"].lower()] in _CLOCK_UNITS
                else:
                    has_time = bool(m["tH"]) or DAY_WORDS[" ".join(m["word"].lower().split())] is None
                best = (value, m.start(), m.end(), has_time, True)
                break
    return best


def _guard(func: Callable[..., _T], *args: Any) -> _T | None:
    """Call a builder; invalid dates and overflows become None (the never-raise promise)."""
    try:
        value = func(*args)
    except (ValueError, OverflowError, KeyError):
        return None
    if isinstance(value, datetime) and value.year not in _YEAR_RANGE:
        return None
    return value


def _now(now: datetime | None, tz: tzinfo) -> datetime:
    if now is None:
        return datetime.now(tz)
    if now.tzinfo is None or now.utcoffset() is None:
        return now.replace(tzinfo=tz)
    return now.astimezone(tz)


def _absolute(m: re.Match[str], default_tz: tzinfo) -> datetime:
    g = m.groupdict()
    day = _ymd(g)
    clock = _clock(g, "t") or _clock(g, "p") or time()
    zone = _zone(g) or (ZONES[g["ptz"].lower()] if g["ptz"] else default_tz)
    return datetime.combine(day, clock, tzinfo=zone)


def _ymd(g: dict[str, str | None]) -> date:
    """The calendar day from whichever date alternative matched."""
    y: str | None
    mo: str | None
    d: str | None
    if g["iy"]:
        y, mo, d = g["iy"], g["im"], g["id"]
    elif g["nd"]:
        y, mo, d = g["ny"], str(_month(g["nm"])), g["nd"]
    elif g["md"]:
        y, mo, d = g["my"], str(_month(g["mm"])), g["md"]
    else:
        y, mo, d = g["dy"], g["dm"], g["dd"]
        if g["dsep"] == "." and len(y or "") == 2:
            raise ValueError("dd.mm.yy is too ambiguous (versions, amounts)")
        if int(mo or 0) > 12 >= int(d or 0):  # unambiguous month-first (US style)
            mo, d = d, mo
    year = int(y or 0)
    if len(y or "") == 2:
        year += 2000 if year < 70 else 1900
    if year not in _YEAR_RANGE:
        raise ValueError("year out of range")
    return date(year, int(mo or 0), int(d or 0))


def _month(name: str | None) -> int:
    return MONTHS[(name or "").lower().rstrip(".")]


def _clock(g: dict[str, str | None], p: str) -> time | None:
    if not g.get(p + "H"):
        return None
    hour, minute = int(g[p + "H"] or 0), int(g[p + "M"] or 0)
    second = int(g[p + "S"] or 0)
    micro = int(((g[p + "F"] or "") + "000000")[:6])
    ampm = (g[p + "ampm"] or "").lower()
    if ampm and not 1 <= hour <= 12:
        if hour != 0 and hour < 24 and ampm == "p":
            ampm = ""  # "14:15 PM": the 24-hour clock already says it
        elif hour == 0 or hour >= 24:
            raise ValueError("bad 12-hour clock")
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    return time(hour, minute, second, micro)


def _zone(g: dict[str, str | None]) -> tzinfo | None:
    if g.get("z"):
        return UTC
    offset = g.get("tzo") or g.get("tzb")
    if offset:
        return _offset(offset)
    name = g.get("tzn")
    return ZONES[name.lower()] if name else None


def _offset(text: str) -> tzinfo:
    """"+7", "+07:00", "+0700", "- 5" -> a fixed zone (WIB/WITA/WIT objects when they match)."""
    compact = text.replace(" ", "").replace(":", "")
    sign, digits = (-1 if compact[0] == "-" else 1), compact[1:]
    hours, minutes = (int(digits), 0) if len(digits) <= 2 else (int(digits[:-2]), int(digits[-2:]))
    if hours > 14 or minutes > 59:
        raise ValueError("offset out of range")
    delta = sign * timedelta(hours=hours, minutes=minutes)
    for zone in (WIB, WITA, WIT, UTC):
        if zone.utcoffset(None) == delta:
            return zone
    return timezone(delta)


def _relative(m: re.Match[str], base: datetime, tz: tzinfo) -> datetime:
    count = int(m["n"]) if m["n"] else 1
    unit = RELATIVE_UNITS[m["unit"].lower()]
    if unit == "months":
        return _minus_months(base, count)
    if unit == "years":
        return _minus_months(base, 12 * count)
    return base - timedelta(**{unit: count})


def _minus_months(value: datetime, months: int) -> datetime:
    """Calendar months back, clamping the day (31 Mar - 1 month = 28/29 Feb)."""
    year, month0 = divmod(value.year * 12 + value.month - 1 - months, 12)
    if year not in _YEAR_RANGE:
        raise ValueError("year out of range")
    day = min(value.day, calendar.monthrange(year, month0 + 1)[1])
    return value.replace(year=year, month=month0 + 1, day=day)


def _day_word(m: re.Match[str], base: datetime, tz: tzinfo) -> datetime:
    """"kemarin 14:00", "hari ini", "baru saja": a day word, with its time when printed.

    Without a time the day's midnight is used, the same rule as a date-only string.
    """
    back = DAY_WORDS[" ".join(m["word"].lower().split())]
    if back is None:
        return base
    g = m.groupdict()
    zone = _zone(g) or tz
    local_day = base.astimezone(zone).date() + timedelta(days=back)
    return datetime.combine(local_day, _clock(g, "t") or time(), tzinfo=zone)


def _is_updated(text: str, start: int, end: int) -> bool:
    """True when an update label sits right before (or right after) the matched date."""
    return bool(_UPDATE_BEFORE.search(text[max(0, start - 40):start]) or _UPDATE_AFTER.match(text[end:]))
