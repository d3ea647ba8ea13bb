"""The store's values: how articles, times and pages look in the database, in one place.

Shared by every backend (SQLite, PostgreSQL): the rows they write are the same.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal, TypeVar

from scraper.article import FALLBACK_EXTRACTORS, FALLBACK_SUFFIX, Article
from scraper.extract.dates import to_utc_iso
from scraper.fetch.page import PageRecord, unpack
from scraper.localtime import read_published
from scraper.store.columns import JSON_LISTS

__all__ = [
    "BATCH", "FALLBACK_SQL", "PAGE_COLUMNS", "RUN_COUNTS", "Known",
    "SaveResult", "article_row", "chunks", "content_hash", "date_bound", "decode_lists", "from_utc", "page_from_row",
    "parse_published", "site_of", "to_json", "utc_iso",
]

SaveResult = Literal["new", "updated", "unchanged", "not_article"]
_Item = TypeVar("_Item")
BATCH = 500
#: The rows read without their site's layout (Article.fell_back, in SQL).
FALLBACK_SQL = "(extractor IN ({}) OR extractor LIKE '%{}')".format(
    ", ".join(f"'{e}'" for e in FALLBACK_EXTRACTORS), FALLBACK_SUFFIX)
RUN_COUNTS = ("discovered", "new", "updated", "unchanged", "not_article", "failed", "blocked")
PAGE_COLUMNS = ("p.id, p.url, p.final_url, p.status, p.content_type, p.etag, p.last_modified, p.fetched_at,"
                " p.body, p.body_encoding, p.redirected, p.part_of")


@dataclass(frozen=True)
class Known:
    """A URL the store already has: as an article (``published``) and/or an archived page."""

    url: str
    published: datetime | None
    last_fetched: datetime | None
    is_article: bool


def utc_iso(moment: datetime | None = None) -> str:
    """'YYYY-MM-DDTHH:MM:SSZ' for ``moment`` (naive = UTC) or now (dates.to_utc_iso's form)."""
    moment = moment or datetime.now(UTC)
    return to_utc_iso(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def from_utc(value: str | None) -> datetime | None:
    """The inverse of :func:`utc_iso` for values read back from the database."""
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def parse_published(value: str | None) -> tuple[str | None, str | None]:
    """(UTC 'Z' string, local ISO string with offset) for an extractor's date string.

    A value without an offset is WIB (:func:`scraper.localtime.read_published`, the one rule).
    An unparseable value gives (None, value) so nothing is silently lost.
    """
    moment = read_published(value)
    if moment is None:
        return None, value or None
    return utc_iso(moment), moment.isoformat()


def content_hash(title: str | None, body: str) -> str:
    """sha256 of title + body: equal hashes mean the text analysts read did not change."""
    return hashlib.sha256(f"{title or ''}\n\n{body}".encode()).hexdigest()


def site_of(url: str) -> str | None:
    from scraper.sites import site_name  # lazy: loads every site module

    return site_name(url)


#: One encoder made once: ``json.dumps`` with options builds a new one per call, and three
#: list columns per stored article made that a tenth of a bulk insert's Python time.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def to_json(values: Iterable[str]) -> str:
    return _ENCODE(list(values))


def article_row(article: Article) -> dict[str, Any]:
    published, published_local = parse_published(article.published)
    updated = parse_published(article.updated)[0] if article.updated else None
    body = article.body
    return {
        "site": article.site, "title": article.title, "published": published,
        "published_local": published_local, "published_raw": article.published_raw,
        "updated": updated or article.updated, "authors": to_json(article.authors),
        "editors": to_json(article.editors),
        "tags": to_json(article.tags), "section": article.section, "subsection": article.subsection,
        "description": article.description, "image": article.image,
        "language": article.language, "body": body, "word_count": article.word_count,
        "extractor": article.extractor, "pages": article.pages,
        "content_hash": content_hash(article.title, body),
    }


def date_bound(value: str | date | datetime | None, *, end: bool) -> str | None:
    """A --since/--until value as a UTC text bound; a bare date's --until covers the day."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return utc_iso(value)
    if isinstance(value, date):
        value = value.isoformat()
    if len(value) == 10:  # YYYY-MM-DD
        day = date.fromisoformat(value) + timedelta(days=1 if end else 0)
        return f"{day.isoformat()}T00:00:00Z"
    return utc_iso(datetime.fromisoformat(value))


def page_from_row(row: tuple[Any, ...] | list[Any]) -> PageRecord:
    """A stored page (the :data:`PAGE_COLUMNS` of one row), decompressed."""
    page_id, url, final_url, status, ctype, etag, modified, fetched, body, encoding, redirected, part_of = row
    # Pages archived before redirects were recorded: a different final URL was a redirect
    # or the single-page variant; reading it at final_url is what extraction did then.
    moved = bool(redirected) if redirected is not None else final_url != url
    return PageRecord(
        url=url, final_url=final_url, status=status, content_type=ctype, etag=etag,
        last_modified=modified, fetched_at=datetime.fromisoformat(fetched),
        body=unpack(encoding, bytes(body), f"page {page_id}"), id=page_id, redirected=moved, part_of=part_of,
    )


def chunks(items: list[_Item], size: int = BATCH) -> Iterator[list[_Item]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def decode_lists(row: dict[str, Any]) -> dict[str, Any]:
    """An articles row with its JSON list columns decoded."""
    for key in JSON_LISTS:
        row[key] = json.loads(row[key] or "[]")
    return row
