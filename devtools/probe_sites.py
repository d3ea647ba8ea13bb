"""Synthetic sites answering every capability ``scraper doctor --live`` probes (our own text).

- detik: feed (news.detik.com/rss), sitemap (www.detik.com/sitemap.xml), today's dated index
  (``/indeks?page=1&date=MM/DD/YYYY``) and articles in detik's 2019+ markup (read on the
  profile path); no search;
- liputan6: feed and today's ``/indeks/YYYY/MM/DD`` in its own markup; no search;
- fajar: WordPress: today's day archive ``/YYYY/MM/DD/page/1/`` and ``/?s=WORD``;
- mongabay: WordPress: today's day archive and the REST API search (JSON).

Today is the caller's (the probe asks for today's archive page): the tree is written for
that day. A test breaks one capability on purpose with a mirror fault.
"""

from __future__ import annotations

import html
import json
from datetime import date, datetime, time
from pathlib import Path

from devtools.search_sites import _page
from devtools.sitegen import Story, _Writer, detik_page, liputan6_page, rss, sitemap, story_text
from scraper.discover.site_search import search_url
from scraper.localtime import WIB
from scraper.sites import get_profile

__all__ = ["WORD", "build_probe_sites"]

WORD = "indonesia"
ROBOTS = "User-agent: *\nAllow: /\n"


def _story(url: str, today: date, seed: int) -> Story:
    return Story(url, f"Kabar Indonesia nomor {seed}", datetime.combine(today, time(8), WIB), "Penulis Uji",
                 story_text(seed))


def _cards(stories: list[Story], card: str) -> str:
    body = "".join(card.format(url=s.url, title=html.escape(s.title)) for s in stories)
    head = '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Indeks</title></head>'
    return f"{head}<body>{body}</body></html>"


def build_probe_sites(root: Path, today: date) -> None:
    """Write the four sites under ``root`` for ``today`` (see the module docstring)."""
    w = _Writer(root)
    detik = [_story(f"https://news.detik.com/berita/d-80000{i}/kabar-{i}", today, 70_000 + i) for i in range(2)]
    for s in detik:
        w.put(s.host, s.path, detik_page(s))
    w.put("news.detik.com", "/rss", rss("detikNews", "https://news.detik.com", detik))
    w.put("www.detik.com", "/sitemap.xml", sitemap(detik))
    w.put("news.detik.com", f"/indeks?page=1&date={today:%m}%2F{today:%d}%2F{today:%Y}", _cards(
        detik, '<article class="list-content__item"><h3 class="media__title"><a href="{url}">{title}</a></h3></article>'))
    lip = [_story(f"https://www.liputan6.com/news/read/60000{i}/kabar-{i}", today, 71_000 + i) for i in range(2)]
    for s in lip:
        w.put(s.host, s.path, liputan6_page(s))
    w.put("www.liputan6.com", "/rss", rss("Liputan6", "https://www.liputan6.com", lip))
    w.put("www.liputan6.com", f"/indeks/{today:%Y/%m/%d}?page=1", _cards(
        lip, '<article class="articles--rows--item"><h4 class="articles--rows--item__title">'
             '<a href="{url}">{title}</a></h4></article>'))
    _wordpress(w, "fajar.co.id", today, "fajar", 72_000)
    _wordpress(w, "mongabay.co.id", today, "mongabay", 73_000)
    for host in ("news.detik.com", "www.detik.com", "www.liputan6.com", "fajar.co.id", "mongabay.co.id"):
        w.put(host, "/robots.txt", ROBOTS)


def _wordpress(w: _Writer, host: str, today: date, name: str, seed: int) -> None:
    stories = [_story(f"https://{host}/{today:%Y/%m/%d}/kabar-{i}/", today, seed + i) for i in range(2)]
    for s in stories:
        w.put(host, s.path, _page(s))
    card = '<article><h2 class="entry-title"><a href="{url}">{title}</a></h2></article>'
    w.put(host, f"/{today:%Y/%m/%d}/page/1/index.html", _cards(stories, card))
    profile = get_profile(name)
    assert profile is not None and profile.search
    target = search_url(profile.search[0], WORD, 1).split(host, 1)[1]
    if profile.search[0].kind == "json":
        w.put(host, target, json.dumps([{"link": s.url, "date": s.published.replace(tzinfo=None).isoformat(),
                                         "title": {"rendered": s.title}} for s in stories]))
    else:
        w.put(host, target, _cards(stories, card))
