"""SiteProfile: everything the pipeline knows about one news site, as data.

A profile is a frozen dataclass so that a site file reads like a table. Selector fields
are tuples tried in order: a site that changed layout lists its current selector and its
older ones, and the first that matches on a page wins. A site whose layouts differ in more
than a selector or two declares them as :class:`Layout` versions instead (Fundus-style):
each names the years it served and its own selectors, and the page's layout is picked by
:mod:`scraper.extract.layouts`. Regex fields are plain strings, compiled once (the cached
``*_re``/``*_res`` properties).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from typing import TYPE_CHECKING, Literal

#: What a credited person did: wrote the story, or edited it (never an author).
Role = Literal["writer", "editor"]

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    from scraper.article import Article
    from scraper.extract.page_meta import PageMeta

__all__ = ["LAYOUT_FIELDS", "Archive", "Credit", "Layout", "Role", "Search", "Selectors", "SiteProfile"]

Selectors = tuple[str, ...]


@dataclass(frozen=True)
class Archive:
    """A dated archive that ``scraper crawl --since`` walks day by day: data, like the rest
    of a profile (walked by :mod:`scraper.discover.archive_days`).

    ``url`` is a template with ``{date:FORMAT}`` (any strftime format, e.g.
    ``{date:%m/%d/%Y}``) and, for paged archives, ``{page}``. An index archive's pages are
    walked until a page brings no new article link, or ``max_pages`` (a day that hits the
    cap is reported, not silently cut). A sitemap archive is a daily or monthly sitemap
    (``per="month"``) whose URLs are kept by their date.
    """

    url: str
    #: Selectors of the article links on an archive page; () = every article URL on it.
    links: Selectors = ()
    #: Selectors of the link to the next archive page; () = ``{page}`` + 1.
    next_page: Selectors = ()
    first_page: int = 1
    max_pages: int = 30
    #: The first day the archive serves ("YYYY-MM-DD"), shown by ``scraper sites``.
    since: str = ""
    kind: Literal["index", "sitemap"] = "index"
    per: Literal["day", "month"] = "day"


@dataclass(frozen=True)
class Search:
    """A site's own keyword search, walked by ``scraper crawl --search WORD`` (by
    :mod:`scraper.discover.site_search`): data, like :class:`Archive`.

    ``url`` is the template of result page N: ``{query}`` (the word, percent-encoded),
    ``{slug}`` (lower-case, words joined by ``-``: tag pages), ``{page}`` and, where the
    site filters by date, ``{since:FORMAT}`` / ``{until:FORMAT}`` (strftime; until is the
    last day, inclusive). ``first_url`` is page 1 when it differs (WordPress ``/?s=`` then
    ``/page/N/?s=``). Pages are walked until one brings no new result, ``max_pages``, or,
    when results come ``newest_first``, the first page whose dated results are all older
    than ``--since``. A result's date is its JSON date field or the date in its URL.
    """

    url: str
    first_url: str = ""
    #: "html": result links picked by ``links``; "json": results at ``items`` (dotted path).
    kind: Literal["html", "json"] = "html"
    #: Selectors of the result links (first one that matches wins); () = every article link.
    links: Selectors = ()
    #: JSON: dotted path to the result list ("" = the document is the list) and, in each
    #: result, the dotted paths of its URL, date and title.
    items: str = ""
    item_url: str = "link"
    item_date: str = ""
    item_title: str = ""
    #: Page numbers: ``first_page``, then + ``page_step`` (an offset parameter: 0, 20, 40...).
    first_page: int = 1
    page_step: int = 1
    max_pages: int = 10
    #: Results are sorted newest first: the walk stops at the first page older than --since.
    newest_first: bool = False
    #: Keep only results whose listed title (anchor text / JSON title) holds the word: for
    #: tag or topic pages that list unrelated stories too.
    title_filter: bool = False
    #: Where the facts come from / what is special, shown by ``scraper sites``.
    note: str = ""

    @property
    def dated(self) -> bool:
        """The site itself filters by the range (the template carries the dates)."""
        return "{since" in self.url or "{until" in self.url


@dataclass(frozen=True)
class Layout:
    """One version of a site's page: the years it served and the selectors that read it.

    Re-extracting a 2016 archive and reading a 2025 page need different selectors; a
    layout says which set belongs to which years, so each page is read with its own set
    only (an old layout's selectors never misfire on a new page, and the page pays for one
    set of drop selectors, not every layout's). ``since``/``until`` are years, inclusive;
    either may be open. Every selector field left empty falls back to the profile's own.
    """

    #: What the layout looks like (shown by ``scraper sites``).
    note: str
    since: int | None = None
    until: int | None = None
    title: Selectors = ()
    published: Selectors = ()
    updated: Selectors = ()
    authors: Selectors = ()
    section: Selectors = ()
    tags: Selectors = ()
    editors: Selectors = ()
    body: Selectors = ()
    drop: Selectors = ()
    next_page: Selectors = ()
    not_article_markers: Selectors = ()

    def covers(self, year: int) -> bool:
        """True when the layout served pages published in ``year``."""
        return (self.since is None or year >= self.since) and (self.until is None or year <= self.until)

    def __str__(self) -> str:
        if self.since is None:
            return self.note if self.until is None else f"until {self.until}: {self.note}"
        if self.until is None:
            return f"{self.since}+: {self.note}"
        return f"{self.since}-{self.until}: {self.note}" if self.since != self.until else f"{self.since}: {self.note}"


#: The profile fields a :class:`Layout` can set (its selectors).
LAYOUT_FIELDS = tuple(f.name for f in fields(Layout) if f.name not in ("note", "since", "until"))


@dataclass(frozen=True)
class Credit:
    """A credit line printed in the page, apart from the byline, that names people:
    "Pewarta: X" under an antaranews story, "Reporter: X" closing a liputan6 one.

    The first node matched by ``selector`` whose text (one line per paragraph) matches
    ``pattern`` names them in group 1. A credit wins over the byline and the structured
    data, which on such sites name the site or the editor; a ``fallback`` credit is read
    only when nothing else named anyone in that role.
    """

    selector: str
    pattern: str
    role: Role = "writer"
    fallback: bool = False

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern)


@dataclass(frozen=True)
class SiteProfile:
    """Declarative description of one site (see README "Adding a site")."""

    #: Short stable name, used by ``--site`` and stored in ``articles.site``.
    name: str
    #: Registered domains; subdomains match too ("detik.com" covers "news.detik.com").
    domains: tuple[str, ...]
    #: Display names of the site, removed from author lists ("detikcom", "Liputan6.com").
    site_names: tuple[str, ...] = ()

    # --- crawl sources -------------------------------------------------------------
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    index_pages: tuple[str, ...] = ()
    #: Dated archives for backfills (``scraper crawl --since``), see :class:`Archive`.
    archives: tuple[Archive, ...] = ()
    #: The site's own keyword search (``scraper crawl --search``), see :class:`Search`.
    search: tuple[Search, ...] = ()
    #: Where the outlet is based ("" = national, Jakarta), shown by ``scraper sites``.
    region: str = ""
    #: "profile": selectors written from real pages; "generic": a source-only profile
    #: (domains, feeds, archive, search), its pages read by the generic path.
    extraction: Literal["profile", "generic"] = "profile"
    #: The profile whose platform this site shares (a regional edition of a network): its
    #: selectors, and the fixtures that test them, are that profile's.
    template: str = ""
    #: Regex an article URL matches (searched in the full URL).
    article_url: str = ""
    #: Regex of URLs that are never articles even when ``article_url`` matches.
    not_article_url: str = ""

    # --- whole article -------------------------------------------------------------
    #: Query parameters that ask for the single-page variant, e.g. (("page", "all"),).
    single_page: tuple[tuple[str, str], ...] = ()
    #: Path suffix that asks for the single-page variant, e.g. "/all" (inews.id).
    single_page_suffix: str = ""
    #: Selectors of the "next page" link, followed when there is no single-page variant.
    next_page: Selectors = ()

    # --- script-built pages ----------------------------------------------------------
    #: Where the site embeds the story when its HTML body is empty or partial, tried in
    #: order (:mod:`scraper.extract.embedded`): "SOURCE:PATH", SOURCE one of jsonld, next_data,
    #: next_f, nuxt_data, nuxt, payload_json; PATH dotted keys ("*" any one, "**" any
    #: depth) to the story's HTML/text or to the story object; empty: its longest story
    #: field. The embedded story wins when it holds more than the page's container.
    embedded: tuple[str, ...] = ()
    #: Read the AMP version (``link rel=amphtml``) with a second request when nothing at
    #: hand holds the story (a script-rendered page).
    amp: bool = False

    # --- fields ----------------------------------------------------------------------
    title: Selectors = ()
    #: Regex removed from the end of titles ("- detikNews", "| Republika Online").
    title_suffix: str = ""
    published: Selectors = ()
    updated: Selectors = ()
    authors: Selectors = ()
    #: The rubric: a breadcrumb's items or a rubric label, in page order (every node the
    #: first matching selector finds is one level: section, then subsection; home links
    #: and the headline are skipped, see scraper.extract.section).
    section: Selectors = ()
    #: (regex searched in the URL, "Section/Subsection" template with ``\1`` groups): the
    #: site's own URL-to-rubric map, read after ``section`` and before the structured data
    #: (``solo.tribunnews.com`` -> "Regional/Solo").
    url_sections: tuple[tuple[str, str], ...] = ()
    #: The tag links of the story (never the site's menus).
    tags: Selectors = ()
    #: Keywords the site puts on every page (SEO lists): never an article's tags.
    site_keywords: tuple[str, ...] = ()
    #: Body container selectors; the first one present on the page is used.
    body: Selectors = ()
    #: Nodes removed from the body container before reading text (captions, ads, related).
    #: script, style, iframe and the like need no entry: the paragraph walk never reads them.
    drop: Selectors = ()
    #: Regexes: a body paragraph matching one (``re.search``) is dropped. Site regexes are
    #: case-sensitive (credit codes differ by case); write ``(?i)`` where case does not matter.
    drop_paragraphs: tuple[str, ...] = ()
    #: Regexes: a body paragraph matching one ends the story (it and all after are dropped).
    stop_paragraphs: tuple[str, ...] = ()
    #: Regexes removed from inside paragraphs (inline credit codes, stray labels).
    strip_patterns: tuple[str, ...] = ()
    #: Selectors whose presence marks a page as not an article (galleries w/o text, index).
    not_article_markers: Selectors = ()

    # --- people (the byline rules, applied by scraper.extract.people) ------------------------
    #: Nodes that name the editor(s) (unlabelled text there is an editor; role words in it
    #: still decide, as in a byline).
    editors: Selectors = ()
    #: Who the JSON-LD ``author`` is on this site: "editor" where the structured data names
    #: the editor as author (kompas, antaranews, mediaindonesia, tribunnews); then it is
    #: never read as the writer.
    jsonld_author: Role = "writer"
    #: Regex of the desk label a byline name carries or shows alone ("Nama - detikNews",
    #: "detikcom"): cut from the end of each name; a name that is only the label goes.
    author_label: str = ""
    #: Regex cut from the start of a byline before it is split into names: a role and a
    #: place ("Kontributor Lhokseumawe, Masriadi" -> "Masriadi").
    author_prefix: str = ""
    #: (key, role) pairs of the page's inline-script data layer whose string value names
    #: people (KLY's ``window.kly`` "reporters"); read when the byline and the metadata
    #: name nobody in that role.
    data_layer: tuple[tuple[str, Role], ...] = ()
    #: Credit lines in the page text that name people (see :class:`Credit`).
    credits: tuple[Credit, ...] = ()

    #: Code for what data cannot say: called with the parsed page, the article after
    #: extraction and the page's metadata (JSON-LD, meta tags, profile selectors, merged
    #: as :func:`scraper.extract.page_meta.merge` does), may adjust the article in place.
    postprocess: Callable[[HTMLParser, Article, PageMeta], None] | None = None
    #: The layouts handled, shown by ``scraper sites``: free-text notes, or :class:`Layout`
    #: versions whose selectors replace the profile's on the pages they serve.
    layouts: tuple[Layout | str, ...] = ()
    notes: str = field(default="", compare=False)
    #: False for a draft written by ``scraper sites new``: the scheduled crawl (no
    #: ``--site``) leaves it out until a person has checked it and removed the flag, so a
    #: machine-made guess never feeds the store unattended. ``--site NAME`` still runs it.
    reviewed: bool = True

    @cached_property
    def versions(self) -> tuple[tuple[Layout, SiteProfile], ...]:
        """Each declared :class:`Layout` with the profile that reads its pages: this
        profile with the layout's selectors in place and no layouts of its own (built once)."""
        out = []
        for layout in self.layouts:
            if isinstance(layout, Layout):
                chosen = {name: getattr(layout, name) for name in LAYOUT_FIELDS if getattr(layout, name)}
                out.append((layout, replace(self, layouts=(), **chosen)))
        return tuple(out)

    def matches_host(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(host == d or host.endswith("." + d) for d in self.domains)

    @cached_property
    def article_url_re(self) -> re.Pattern[str] | None:
        return re.compile(self.article_url) if self.article_url else None

    @cached_property
    def not_article_url_re(self) -> re.Pattern[str] | None:
        return re.compile(self.not_article_url) if self.not_article_url else None

    @cached_property
    def title_suffix_re(self) -> re.Pattern[str] | None:
        return re.compile(self.title_suffix) if self.title_suffix else None

    @cached_property
    def url_section_rules(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        return tuple((re.compile(pattern), template) for pattern, template in self.url_sections)

    @cached_property
    def drop_paragraph_res(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in self.drop_paragraphs)

    @cached_property
    def stop_paragraph_res(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in self.stop_paragraphs)

    @cached_property
    def strip_res(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in self.strip_patterns)

    @cached_property
    def author_label_re(self) -> re.Pattern[str] | None:
        """The label at the end of a name, after a dash or bar ("Nama - detikNews")."""
        if not self.author_label:
            return None
        return re.compile(r"\s*[-–—|]\s*(?:" + self.author_label + r")\s*$", re.IGNORECASE)

    @cached_property
    def author_prefix_re(self) -> re.Pattern[str] | None:
        return re.compile(self.author_prefix, re.IGNORECASE) if self.author_prefix else None

    def is_article_url(self, url: str) -> bool:
        """True when ``url`` looks like one of this site's article pages."""
        if self.not_article_url_re and self.not_article_url_re.search(url):
            return False
        if self.article_url_re is None:
            return True
        return bool(self.article_url_re.search(url))
