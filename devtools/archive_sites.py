"""Synthetic sites with dated archives, for backfill tests and demos (our own text).

Two sites, each with ``per_day`` stories a day over ``days`` days:
- detik: ``news.detik.com/indeks?page=N&date=MM/DD/YYYY``, the story list in
  ``article.list-content__item h3.media__title a`` (as on the real index page), a
  "terpopuler" sidebar linking other days' stories outside that list;
- liputan6: ``www.liputan6.com/indeks/YYYY/MM/DD?page=N``, the list in
  ``article.articles--rows--item h4 a``.
Each day's list also carries one story published 20 days earlier (an updated old story,
as real archives show), and every list ends with an empty page.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from devtools.sitegen import Story, _Writer, detik_page, liputan6_page, story_text
from scraper.localtime import WIB

__all__ = ["ArchiveSites", "build_archive_sites"]

OLD_DAYS = 20


@dataclass
class ArchiveSites:
    """What was written: every story per site, by its WIB publication day."""

    stories: dict[str, dict[date, list[Story]]]

    def published_in(self, site: str, first: date, last: date) -> list[Story]:
        return [s for day, items in self.stories[site].items() if first <= day <= last for s in items]


def _days(first: date, count: int) -> Iterator[date]:
    return (first + timedelta(days=n) for n in range(count))


def _stories(site: str, host: str, path: str, first: date, days: int, per_day: int) -> dict[date, list[Story]]:
    out: dict[date, list[Story]] = {}
    for n, day in enumerate(_days(first, days)):
        out[day] = []
        for i in range(per_day):
            seed = 10_000 + n * 100 + i + (0 if site == "detik" else 50)
            title = f"Kabar {site} hari {n} nomor {i}"
            stamp = datetime.combine(day, time(7 + i), WIB)
            url = f"https://{host}{path.format(id=9_000_000 + n * 100 + i)}-kabar-{site}-hari-{n}-nomor-{i}"
            out[day].append(Story(url, title, stamp, "Penulis Arsip", story_text(seed)))
    return out


def _detik_index(links: list[Story], sidebar: list[Story]) -> str:
    items = "".join(
        '<article class="list-content__item"><div class="media"><div class="media__text">'
        f'<h3 class="media__title"><a href="{s.url}" class="media__link">{html.escape(s.title)}</a></h3>'
        "</div></div></article>" for s in links
    )
    side = "".join(f'<li><a href="{s.url}">{html.escape(s.title)}</a></li>' for s in sidebar)
    return ('<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Indeks Berita</title></head>'
            f'<body><div class="grid-row list-content">{items}</div>'
            f'<div class="box cb-mostpop"><ul>{side}</ul></div></body></html>')


def _liputan6_index(links: list[Story], sidebar: list[Story]) -> str:
    items = "".join(
        '<article class="articles--rows--item"><header class="articles--rows--item__header">'
        f'<h4 class="articles--rows--item__title"><a href="{s.url}">{html.escape(s.title)}</a></h4>'
        "</header></article>" for s in links
    )
    side = "".join(f'<a href="{s.url}">{html.escape(s.title)}</a>' for s in sidebar)
    return ('<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Indeks</title></head>'
            f'<body><section class="box"><div class="articles--list">{items}</div></section>'
            f'<aside class="popular">{side}</aside></body></html>')


def build_archive_sites(root: object, first: date, days: int, *, per_day: int = 6, page_size: int = 4
                        ) -> ArchiveSites:
    """Write both sites under ``root`` (see the module docstring)."""
    from pathlib import Path  # noqa: PLC0415

    w = _Writer(Path(str(root)))
    detik = _stories("detik", "news.detik.com", "/berita/d-{id}/kabar", first, days, per_day)
    lip = _stories("liputan6", "www.liputan6.com", "/news/read/{id}/kabar", first, days, per_day)
    for stories, host, page, index in (
        (detik, "news.detik.com", detik_page, _detik_index), (lip, "www.liputan6.com", liputan6_page, _liputan6_index),
    ):
        w.put(host, "/robots.txt", "User-agent: *\nAllow: /\n")
        for day, items in stories.items():
            for story in items:
                w.put(host, story.path, page(story))
            old = stories.get(day - timedelta(days=OLD_DAYS), [])[:1]
            listed = items + old
            sidebar = stories.get(day - timedelta(days=3), [])[:2]
            chunks = [listed[i:i + page_size] for i in range(0, len(listed), page_size)] + [[]]
            for number, chunk in enumerate(chunks, start=1):
                w.put(host, _index_path(host, day, number), index(chunk, sidebar))
    for channel in ("finance", "inet", "sport", "hot", "health", "travel", "food", "oto"):
        host = f"{channel}.detik.com"  # the profile walks every channel: quiet ones list nothing
        w.put(host, "/robots.txt", "User-agent: *\nAllow: /\n")
        for day in _days(first, days):
            w.put(host, _index_path("news.detik.com", day, 1), _detik_index([], []))
    return ArchiveSites({"detik": detik, "liputan6": lip})


def _index_path(host: str, day: date, page: int) -> str:
    if host == "news.detik.com":  # the query as the mirror files it: "/" written as %2F
        return f"/indeks?page={page}&date={day:%m}%2F{day:%d}%2F{day:%Y}"
    return f"/indeks/{day:%Y/%m/%d}?page={page}"
