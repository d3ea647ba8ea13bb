"""Bylines: who wrote a story and who edited it, read from the page text and by a site
profile's byline rules.

Old Indonesian pages (2015-2018) often have no JSON-LD and no article:published_time; the
date is a text line ("Jumat, 19 Juni 2015 | 13:06 WIB") in an element whose class says
"date", or just a short line under the headline, and the writer sits in an element whose
class says "author" or "reporter", or in an "Oleh: Nama" line there.

Known sites dress their bylines in their own way: a desk label after the name ("Nama -
detikNews"), a role and a place before it ("Kontributor Lhokseumawe, Nama"), the writer
named only in an analytics data layer or in a credit line under the story. A profile
states these as data (:class:`scraper.sites.base.SiteProfile` "people" fields) and
:func:`profile_authors` applies them, so each rule is written once, here. Editors are read
the same way (:func:`page_people`) and kept apart: an editor is never an author.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from selectolax.lexbor import LexborHTMLParser, LexborNode

from scraper.extract.dates import ParsedDate, date_line, find_date_in_text, parse_date
from scraper.extract.metadata import PageMeta, People, Role, clean_authors, merge, read_people
from scraper.extract.paragraphs import normalize_space, paragraphs_of, short_text_of
from scraper.extract.profile_fields import all_texts
from scraper.sites.base import Credit, SiteProfile

#: Words in a class or id that mark a date line, a byline (any case, anywhere in it).
_DATE_WORDS = ("date", "tanggal", "tgl", "time", "publish", "waktu", "posted")
_AUTHOR_WORDS = ("author", "penulis", "reporter", "byline", "writer", "wartawan")
_MAX_CANDIDATES = 40
_MAX_BYLINE_CHARS = 120


def _classed(tree: LexborHTMLParser, words: tuple[str, ...]) -> list[str]:
    """Short texts of the elements whose class or id holds one of ``words``, in page order.

    The parser's selector finds them (reading every [class], [id] element here cost a
    millisecond a page); a node with both a class and an id counts twice, as it did then."""
    selector = ", ".join(f'[{attr}*="{word}" i]' for word in words for attr in ("class", "id"))
    texts: list[str] = []
    seen: set[int] = set()
    for node in tree.css(selector):
        if node.mem_id in seen or node.tag in ("html", "body", "script", "style"):
            continue
        seen.add(node.mem_id)
        text = normalize_space(node.text(separator=" ") or "")
        if not text or len(text) > _MAX_BYLINE_CHARS:
            continue
        for _ in range(("class" in node.attributes) + ("id" in node.attributes)):
            texts.append(text)
            if len(texts) >= _MAX_CANDIDATES:
                return texts
    return texts


#: How many text nodes after the headline are read for its date line and byline.
_HEADER_TEXT_NODES = 80
_LINE_CHARS = 100
_SKIP_PARENTS = frozenset({"script", "style", "noscript", "template"})
_NOT_WORD = re.compile(r"\W+")


def _headline_node(tree: LexborHTMLParser, title: str | None) -> LexborNode | None:
    """The heading that shows ``title`` (old pages put the channel name in <h1> and the
    headline in an <h2>), else the first <h1>."""
    want = _NOT_WORD.sub(" ", title or "").strip().casefold()
    if want:
        for node in tree.css("h1, h2, h3"):
            text = _NOT_WORD.sub(" ", node.text(separator=" ") or "").strip().casefold()
            if len(text.split()) >= 3 and want.startswith(text):
                return node
    return tree.css_first("h1")


def _lines_after_headline(tree: LexborHTMLParser, title: str | None = None) -> list[str]:
    """The short lines printed after the page's headline (date line, byline), in page
    order: where a page without date metadata or a byline class still shows both."""
    body = tree.body
    if body is None:
        return []
    h1 = _headline_node(tree, title)
    seen_h1 = h1 is None
    lines: list[str] = []
    parents: set[int] = set()
    for node in body.traverse(include_text=True):
        if not seen_h1:
            seen_h1 = h1 is not None and node.mem_id == h1.mem_id
            continue
        parent = node.parent
        if node.tag != "-text" or parent is None or parent.tag in _SKIP_PARENTS or parent.mem_id in parents:
            continue
        parents.add(parent.mem_id)
        if len(parents) > _HEADER_TEXT_NODES:
            break
        line = short_text_of(parent, _LINE_CHARS)
        if line is None:  # the parent holds more than a line (the story): this text node alone
            line = normalize_space(node.text(deep=False) or "")
        if line and len(line) <= _LINE_CHARS:
            lines.append(line)
    return lines


def _attribute_dates(tree: LexborHTMLParser) -> list[tuple[str, ParsedDate]]:
    out: list[tuple[str, ParsedDate]] = []
    for node in tree.css("time[datetime], [itemprop='datePublished']"):
        value = node.attributes.get("datetime") or node.attributes.get("content") or node.text()
        found = find_date_in_text(value) if value else None
        if value and found:
            out.append((normalize_space(value), found))
    return out


def _text_dates(tree: LexborHTMLParser, lines: list[str]) -> list[tuple[str, ParsedDate]]:
    out: list[tuple[str, ParsedDate]] = []
    for text in _classed(tree, _DATE_WORDS):
        found = find_date_in_text(text)
        if found:
            out.append((found.raw, found))
    for line in lines:
        found = date_line(line)
        if found:
            out.append((found.raw, found))
    return out


def _same_day_with_time(day: ParsedDate, dates: list[tuple[str, ParsedDate]]) -> str | None:
    """A printed date with its time on the day ``day`` states (to complete a date-only value)."""
    for raw, found in dates:
        if found.has_time and not found.relative and found.value.date() == day.value.date():
            return raw
    return None


def _published(tree: LexborHTMLParser, lines: list[str], known: str | None) -> str | None:
    """The page's own date as printed. With ``known`` (metadata that states the day but not
    the time) only the same day with its time counts. Machine-readable attributes come
    first; among printed dates one that gives the time wins, and a relative one ("4 jam
    lalu", often a sidebar's) only when nothing else is printed."""
    texts = _text_dates(tree, lines)
    day = parse_date(known) if known else None
    if day is not None:
        return _same_day_with_time(day, _attribute_dates(tree) + texts)
    attrs = [d for d in _attribute_dates(tree) if not d[1].relative]
    if attrs:
        raw, first = attrs[0]
        return raw if first.has_time else (_same_day_with_time(first, texts) or raw)
    absolute = [d for d in texts if not d[1].relative]
    timed = [d for d in absolute if d[1].has_time]
    ranked = timed or absolute or texts
    return ranked[0][0] if ranked else None


_HEADER_BYLINE = re.compile(r"^(?:oleh|penulis|reporter|pewarta|jurnalis|by)\b\s*[:：]?\s*"
                            r"(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})(?:\s*(?:,|&|dan|and)\s*\S.*)?$",
                            re.IGNORECASE)


def _authors(tree: LexborHTMLParser, lines: list[str]) -> list[str]:
    for node in tree.css("[rel='author'], [itemprop='author']"):
        text = normalize_space(node.text(separator=" ") or "")
        if text and len(text) <= _MAX_BYLINE_CHARS:
            return [text]
    texts = _classed(tree, _AUTHOR_WORDS)
    if texts:
        return texts[:1]
    return [line for line in lines if _HEADER_BYLINE.match(line)][:1]


def _editors(tree: LexborHTMLParser) -> list[str]:
    return [text for node in tree.css("[itemprop='editor']")
            if (text := normalize_space(node.text(separator=" ") or "")) and len(text) <= _MAX_BYLINE_CHARS][:3]


def from_page_text(tree: LexborHTMLParser, known_day: str | None = None, title: str | None = None) -> PageMeta:
    """The date line and byline the page prints (lowest precedence): found by class names
    or as short lines after the headline (``title`` helps find it). ``known_day``: metadata
    that gives the day but not the time; then only that day's printed date with its time
    is returned."""
    lines = _lines_after_headline(tree, title)
    return PageMeta(published=_published(tree, lines, known_day), authors=_authors(tree, lines),
                    editors=_editors(tree), origin="text")


#: News agencies a story credits the way it credits its writer; a source, not an author.
AGENCIES = frozenset({"ANTARA", "ANTARANEWS", "REUTERS", "AFP", "AP", "XINHUA", "BBC", "CNN", "BLOOMBERG", "TEMPO"})


def credited_names(lines: list[str]) -> list[str]:
    """Writers named by capitals credit lines closing a story ("DINI TEJA" -> "Dini Teja")."""
    return [line.title() for line in lines if line.strip(". ") not in AGENCIES]


# --- a known site's byline rules -------------------------------------------------------

#: Role words a desk-labelled byline may still carry before a name ("Fotografer: Nama").
_ROLE_PREFIX = re.compile(r"^\s*(fotografer|foto|penulis|reporter|oleh|editor)\s*[:：]\s*", re.IGNORECASE)


def with_page_text(tree: LexborHTMLParser, meta: PageMeta, profile: SiteProfile | None) -> PageMeta:
    """``meta`` completed from the page text (date line, byline) and with its writers and
    editors resolved (``meta.people``). It reads the page as served: the body's drop
    rules only ever touch copies of it (credit boxes stay readable here)."""
    known = parse_date(meta.published) if meta.published else None
    date_only = known is not None and not known.has_time and not known.relative
    if not meta.published or not meta.authors or known is None or date_only:
        page = from_page_text(tree, meta.published if date_only else None, meta.title)
        if page.published and (known is None or date_only):
            # No usable date in the metadata, or only its day: the page's printed date line
            # (for a date-only value: that day's, with its time) is the published date.
            meta.published = page.published
            meta.origins["published"] = "text"
        meta = merge(meta, page)
    meta.people = page_people(tree, meta, profile)
    return meta


def page_people(tree: LexborHTMLParser, meta: PageMeta, profile: SiteProfile | None) -> People:
    """The writers and the editors of a page, from its merged metadata and the profile's
    byline rules. Editors come from the first source that names one: the profile's
    editor credits, its editor selectors, the editor parts of the byline ("Rep: X/ Red: Y"),
    its data layer, the structured data's editor, and the JSON-LD author on a site whose
    JSON-LD names the editor as author (which then never counts as the writer)."""
    site_names = (profile.site_names + profile.domains) if profile else ()
    raw = meta.authors
    authors = clean_authors(raw, site_names)
    jsonld_editor = (profile is not None and profile.jsonld_author == "editor"
                     and meta.origins.get("authors") == "jsonld")
    if jsonld_editor:
        raw, authors = [], []
    writers = profile_authors(tree, raw, profile, authors) if profile is not None else authors
    editors: list[str] = []
    for found in _editor_sources(tree, meta, profile, site_names, jsonld_editor):
        editors = found()
        if editors:
            break
    return People(writers, editors)


def _editor_sources(
    tree: LexborHTMLParser, meta: PageMeta, profile: SiteProfile | None, site_names: tuple[str, ...],
    jsonld_editor: bool,
) -> list[Callable[[], list[str]]]:
    """The editor sources of :func:`page_people`, in precedence order (read lazily)."""

    def people(raw: list[str], default: Role = "editor") -> list[str]:
        return read_people(raw, site_names, default).editors

    sources: list[Callable[[], list[str]]] = []
    if profile is not None:
        credits = _credits(profile, "editor", fallback=False)
        sources += [
            lambda: people([t for c in credits if (t := credit_text(tree, c)) is not None][:1]),
            lambda: people(all_texts(tree, profile.editors)),
        ]
    sources.append(lambda: people(meta.authors, "writer"))
    if profile is not None:
        sources.append(lambda: people(data_layer_values(tree, profile, "editor")))
    sources.append(lambda: people(meta.editors))
    if jsonld_editor:
        sources.append(lambda: people(meta.authors))
    return sources


def profile_authors(tree: LexborHTMLParser, raw: list[str], profile: SiteProfile, authors: list[str]) -> list[str]:
    """The writers of a page of ``profile``'s site, given the raw byline texts and their
    cleaned ``authors``: the profile's prefix, label, credit and data-layer rules, in that
    order (credits override; the data layer and fallback credits fill a gap)."""
    site_names = profile.site_names + profile.domains
    if profile.author_prefix_re is not None:
        prefix = profile.author_prefix_re
        authors = clean_authors([prefix.sub("", a) for a in raw], site_names)
    if profile.author_label:
        authors = strip_author_label(authors, profile)
    for credit in _credits(profile, "writer", fallback=False):
        found = credit_text(tree, credit)
        if found is not None:
            authors = clean_authors([found], site_names) or authors
            break
    if not authors:
        authors = clean_authors(data_layer_values(tree, profile, "writer"), site_names)
    for credit in _credits(profile, "writer", fallback=True) if not authors else ():
        found = credit_text(tree, credit)
        if found is not None:
            authors = clean_authors([found], site_names)
            break
    return authors


def strip_author_label(authors: list[str], profile: SiteProfile) -> list[str]:
    """Cut role words and the trailing desk label from each name; drop label-only names."""
    tail = profile.author_label_re
    out: list[str] = []
    for name in authors:
        name = _ROLE_PREFIX.sub("", name)
        if tail is not None:
            name = tail.sub("", name)
        name = name.strip(" -–—:")
        if name and not re.fullmatch(profile.author_label, name, re.IGNORECASE) and name not in out:
            out.append(name)
    return out


def _credits(profile: SiteProfile, role: Role, *, fallback: bool) -> list[Credit]:
    return [c for c in profile.credits if c.role == role and c.fallback == fallback]


def credit_text(tree: LexborHTMLParser, credit: Credit) -> str | None:
    """Group 1 of the credit's pattern in the first matching node's text, if any."""
    for node in tree.css(credit.selector):
        match = credit.regex.search("\n".join(paragraphs_of(node)))
        if match:
            return match.group(1)
    return None


def data_layer_values(tree: LexborHTMLParser, profile: SiteProfile, role: Role) -> list[str]:
    """The raw value of the first data-layer key of ``role`` found in an inline script."""
    keys = [key for key, key_role in profile.data_layer if key_role == role]
    if not keys:
        return []
    scripts = [script.text() or "" for script in tree.css("script:not([src])")]
    for key in keys:
        pattern = _data_layer_key(key)
        for text in scripts:
            match = pattern.search(text) if key in text else None  # most scripts do not name it
            if match:
                return [match.group(1)]
    return []


def _data_layer_key(key: str) -> re.Pattern[str]:
    """``"key": "value"`` (or ``key = 'value'``) in a script; the value is one line."""
    return re.compile(r"""(?<![\w$])["']?""" + re.escape(key) + r"""["']?\s*[:=]\s*["']([^"'\n]{2,120})["']""")
