"""Synthetic sites with their own keyword search, for ``crawl --search`` tests and demos.

Each site answers the search in the URL shape of its profile (our own text, real shapes):

- antaranews: HTML result pages ``/search?q=WORD&page=N``, undated, unsorted, a result
  outside the range and one that does not hold the word (a leaky search);
- kompas: HTML, the range in the URL (``start_date``/``end_date``), newest first;
- mongabay: the WordPress REST API (JSON, ``after``/``before``/``search``/``page``);
- okezone: tag pages ``/tag/SLUG`` then ``/tag/SLUG/N``, newest first, dates in the URLs:
  the walk must stop at the first page older than the range (a later page exists);
- kontan: offset paging ``per_page=0, 20``, undated results;
- fajar: WordPress HTML search ``/?s=WORD`` then ``/page/N/?s=WORD``, dates in the URLs;
- liputan6: no search at all: its dated index ``/indeks/YYYY/MM/DD`` lists matching and
  non-matching headlines (the fallback route matches headlines before fetching).

:func:`build_search_sites` writes them for :class:`pipelines.mirror.MirrorServer` and
returns every story with whether a search for ``WORD`` in ``[FIRST, LAST]`` must store it.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from devtools.sitegen import Story, _head, _ps, _Writer, story_text
from scraper.localtime import WIB

__all__ = ["FIRST", "LAST", "WORD", "SearchSites", "build_search_sites"]

WORD = "banjir"
FIRST, LAST = date(2025, 3, 1), date(2025, 3, 31)
ROBOTS = "User-agent: *\nAllow: /\n"


@dataclass
class SearchSites:
    """Every story written, by site, and which of them the search must store."""

    stories: dict[str, list[Story]]

    def expected(self, site: str | None = None) -> list[str]:
        """The URLs a search for WORD over [FIRST, LAST] stores (of one site, or all)."""
        return sorted(s.url for name, items in self.stories.items() if site in (None, name)
                      for s in items if _holds(s) and FIRST <= s.published.date() <= LAST)


def _holds(story: Story) -> bool:
    return any(WORD in text.lower() for text in (story.title, *story.paragraphs))


class _Maker:
    """Stories with distinct text: ``on`` says whether the word is in title, body or nowhere."""

    def __init__(self) -> None:
        self.seed = 50_000

    def story(self, url: str, day: date, on: str, hour: int = 9) -> Story:
        self.seed += 1
        paragraphs = story_text(self.seed)
        title = f"Kabar kampung nomor {self.seed}"
        if on == "title":
            title = f"Banjir merendam kampung nomor {self.seed}"
        elif on == "body":
            paragraphs[2] += f" Warga khawatir {WORD} datang lagi tahun ini."
        return Story(url, title, datetime.combine(day, time(hour), WIB), "Penulis Uji", paragraphs)


def _page(story: Story) -> str:
    """A plain article page (the generic path reads it wherever the profile's selectors miss)."""
    return (_head(story, "Berita") + f'<body><main><article><h1>{html.escape(story.title)}</h1>'
            f'<div class="byline">{html.escape(story.author)}</div>{_ps(story.paragraphs)}</article></main>'
            "</body></html>")


def _list(items: list[Story], card: str) -> str:
    """A result page: each story as ``card`` (a format with {url} and {title})."""
    body = "".join(card.format(url=s.url, title=html.escape(s.title)) for s in items)
    head = '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Hasil</title></head>'
    return f"{head}<body>{body}</body></html>"


def build_search_sites(root: Path) -> SearchSites:
    """Write every site under ``root`` (see the module docstring)."""
    w, make = _Writer(root), _Maker()
    out = {name: build(w, make) for name, build in (
        ("antaranews", _antaranews), ("kompas", _kompas), ("mongabay", _mongabay), ("okezone", _okezone),
        ("kontan", _kontan), ("fajar", _fajar), ("liputan6", _liputan6))}
    for items in out.values():
        for story in items:
            w.put(story.host, story.path, _page(story))
            w.put(story.host, "/robots.txt", ROBOTS)
    return SearchSites(out)


def _antaranews(w: _Writer, make: _Maker) -> list[Story]:
    d = date(2025, 3, 1)
    url = "https://www.antaranews.com/berita/{}/kabar-{}"
    stories = [make.story(url.format(4_700_000 + i, i), day, on) for i, (day, on) in enumerate([
        (d + timedelta(days=2), "title"), (d + timedelta(days=9), "body"), (date(2025, 1, 10), "title"),
        (d + timedelta(days=12), "none"), (d + timedelta(days=20), "title")])]
    card = '<div class="card__post card__post-list card__post__transition mt-30"><h2><a href="{url}">{title}</a></h2></div>'
    for n, chunk in enumerate((stories[:3], stories[3:]), start=1):
        w.put("www.antaranews.com", f"/search?q={WORD}&page={n}", _list(chunk, card))
    w.put("www.antaranews.com", "/robots.txt", ROBOTS)
    return stories


def _kompas(w: _Writer, make: _Maker) -> list[Story]:
    url = "https://nasional.kompas.com/read/2025/03/{:02d}/1200{:04d}/kabar-{}"
    stories = [make.story(url.format(day, i, i), date(2025, 3, day), on)
               for i, (day, on) in enumerate([(28, "title"), (21, "title"), (14, "body"), (7, "title")])]
    card = '<div class="articleItem"><a class="article-link" href="{url}"><h2>{title}</h2></a></div>'
    for n, chunk in enumerate((stories[:2], stories[2:]), start=1):
        w.put("search.kompas.com", f"/search?q={WORD}&sort=latest&start_date={FIRST}&end_date={LAST}&page={n}",
              _list(chunk, card))
    w.put("search.kompas.com", "/robots.txt", ROBOTS)
    return stories


def _mongabay(w: _Writer, make: _Maker) -> list[Story]:
    url = "https://mongabay.co.id/2025/03/{:02d}/kabar-hutan-{}/"
    stories = [make.story(url.format(day, day), date(2025, 3, day), on) for day, on in ((25, "title"), (11, "body"))]
    posts = [{"link": s.url, "date": s.published.replace(tzinfo=None).isoformat(), "title": {"rendered": s.title}}
             for s in stories]
    query = (f"search={WORD}&after={FIRST}T00:00:00&before={LAST}T23:59:59&per_page=50&page=1"
             "&_fields=link,date,title")
    w.put("mongabay.co.id", f"/wp-json/wp/v2/posts?{query}", json.dumps(posts))
    return stories


def _okezone(w: _Writer, make: _Maker) -> list[Story]:
    url = "https://news.okezone.com/read/{d:%Y/%m/%d}/337/31{i:05d}/kabar-{i}"
    pages = [[(date(2025, 3, 20), "title"), (date(2025, 3, 15), "title"), (date(2025, 4, 5), "title")],
             [(date(2025, 3, 5), "body"), (date(2025, 2, 20), "title")],
             [(date(2025, 2, 10), "title"), (date(2025, 2, 1), "title")],
             [(date(2025, 1, 5), "title")]]  # never read: page 3 is wholly older than the range
    stories, n = [], 0
    for number, entries in enumerate(pages, start=1):
        chunk = []
        for day, on in entries:
            n += 1
            chunk.append(make.story(url.format(d=day, i=n), day, on))
        path = "/tag/banjir/index.html" if number == 1 else f"/tag/banjir/{number}"  # page 1: the directory
        w.put("www.okezone.com", path, _list(chunk, '<div class="list-berita"><a href="{url}">{title}</a></div>'))
        stories += chunk
    w.put("www.okezone.com", "/robots.txt", ROBOTS)
    return stories


def _kontan(w: _Writer, make: _Maker) -> list[Story]:
    url = "https://nasional.kontan.co.id/news/kabar-pasar-{}"
    stories = [make.story(url.format(i), day, on) for i, (day, on) in enumerate([
        (date(2025, 3, 3), "title"), (date(2025, 3, 30), "body"), (date(2025, 4, 2), "title")])]
    card = '<div class="list-berita"><ul><li><a href="{url}">{title}</a></li></ul></div>'
    for offset, chunk in ((0, stories[:2]), (20, stories[2:])):
        w.put("www.kontan.co.id", f"/search?search={WORD}&per_page={offset}", _list(chunk, card))
    w.put("www.kontan.co.id", "/robots.txt", ROBOTS)
    return stories


def _fajar(w: _Writer, make: _Maker) -> list[Story]:
    url = "https://fajar.co.id/{d:%Y/%m/%d}/banjir-makassar-{i}/"
    days = [date(2025, 3, 29), date(2025, 3, 17), date(2025, 2, 27)]
    stories = [make.story(url.format(d=d, i=i), d, "title") for i, d in enumerate(days)]
    card = '<article class="post"><h2 class="entry-title"><a href="{url}">{title}</a></h2></article>'
    w.put("fajar.co.id", f"/?s={WORD}", _list(stories[:2], card))
    w.put("fajar.co.id", f"/page/2/?s={WORD}", _list(stories[2:], card))
    return stories


def _liputan6(w: _Writer, make: _Maker) -> list[Story]:
    url = "https://www.liputan6.com/news/read/59{:05d}/kabar-{}"
    listed = {date(2025, 3, 4): ["title", "none"], date(2025, 3, 18): ["title", "title", "none"]}
    stories, n = [], 0
    card = ('<article class="articles--rows--item"><h4 class="articles--rows--item__title">'
            '<a href="{url}">{title}</a></h4></article>')
    for offset in range((LAST - FIRST).days + 1):
        day, chunk = FIRST + timedelta(days=offset), []
        for on in listed.get(FIRST + timedelta(days=offset), []):
            n += 1
            chunk.append(make.story(url.format(n, n), day, on))
        w.put("www.liputan6.com", f"/indeks/{day:%Y/%m/%d}?page=1", _list(chunk, card))
        if chunk:
            w.put("www.liputan6.com", f"/indeks/{day:%Y/%m/%d}?page=2", _list([], card))
        stories += chunk
    return stories


#: A WordPress site with no profile (``crawl --sitemap/--feed``), and one that is not WordPress.
WP_HOST, PLAIN_HOST = "www.kabarcontoh.id", "www.beritalain.id"
WP_DAYS = (date(2025, 3, 10), date(2025, 3, 11), date(2025, 3, 12))


def build_wordpress_site(root: Path) -> list[Story]:
    """Write ``WP_HOST`` (generator meta, day archives for ``WP_DAYS``, the REST search for
    WORD over March 2025) and ``PLAIN_HOST`` (no WordPress sign); returns WP_HOST's stories."""
    w, make = _Writer(root), _Maker()
    stories = [make.story(f"https://{WP_HOST}/{day:%Y/%m/%d}/kabar-{day.day}-{i}/", day, "title" if i == 0 else "none")
               for day in WP_DAYS for i in range(2)]
    card = '<article><h2 class="entry-title"><a href="{url}">{title}</a></h2></article>'
    for day in WP_DAYS:
        w.put(WP_HOST, f"/{day:%Y/%m/%d}/page/1/index.html", _list([s for s in stories if s.published.date() == day], card))
    posts = [{"link": s.url, "date": s.published.replace(tzinfo=None).isoformat(), "title": {"rendered": s.title}}
             for s in stories if _holds(s)]
    w.put(WP_HOST, f"/wp-json/wp/v2/posts?search={WORD}&after={FIRST}T00:00:00&before={LAST}T23:59:59"
                   "&per_page=50&page=1&_fields=link,date,title", json.dumps(posts))
    home = ('<!DOCTYPE html><html><head><meta name="generator" content="WordPress 6.5">'
            f'<link rel="https://api.w.org/" href="https://{WP_HOST}/wp-json/"></head><body></body></html>')
    w.put(WP_HOST, "/index.html", home)
    w.put(PLAIN_HOST, "/index.html", "<!DOCTYPE html><html><head><title>Berita Lain</title></head><body></body></html>")
    for host in (WP_HOST, PLAIN_HOST):
        w.put(host, "/robots.txt", ROBOTS)
        w.put(host, "/sitemap.xml", '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                    "</urlset>")
    for story in stories:
        w.put(story.host, story.path, _page(story))
    return stories
