"""Bylines: who wrote a story and who edited it, read from the page text and by a site
profile's byline rules.

Old Indonesian pages (2015-2018) often have no JSON-LD and no article:published_time; the
date is a text line ("Jumat, 19 Juni 2015 | 13:06 WIB") in an element whose class says
"date" and the writer sits in an element whose class says "author" or "reporter".

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

from selectolax.lexbor import LexborHTMLParser

from scraper.blocks import normalize_space, paragraphs_of
from scraper.dates import find_date_in_text
from scraper.metadata import PageMeta, People, Role, clean_authors, merge, read_people
from scraper.profile_fields import all_texts
from scraper.sites.base import Credit, SiteProfile

_DATE_CLASS = re.compile(r"date|tanggal|tgl|time|publish|waktu|posted", re.IGNORECASE)
_AUTHOR_CLASS = re.compile(r"author|penulis|reporter|byline|writer|wartawan", re.IGNORECASE)
_MAX_CANDIDATES = 40
_MAX_BYLINE_CHARS = 120


def _classed(tree: LexborHTMLParser, pattern: re.Pattern[str]) -> list[str]:
    texts: list[str] = []
    for node in tree.css("[class], [id]"):
        label = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if node.tag in ("html", "body", "script", "style") or not pattern.search(label):
            continue
        text = normalize_space(node.text(separator=" ") or "")
        if text and len(text) <= _MAX_BYLINE_CHARS:
            texts.append(text)
        if len(texts) >= _MAX_CANDIDATES:
            break
    return texts


def _published(tree: LexborHTMLParser) -> str | None:
    for node in tree.css("time[datetime], [itemprop='datePublished']"):
        value = node.attributes.get("datetime") or node.attributes.get("content") or node.text()
        if value and find_date_in_text(value):
            return normalize_space(value)
    for text in _classed(tree, _DATE_CLASS):
        found = find_date_in_text(text)
        if found:
            return found.raw
    return None


def _authors(tree: LexborHTMLParser) -> list[str]:
    for node in tree.css("[rel='author'], [itemprop='author']"):
        text = normalize_space(node.text(separator=" ") or "")
        if text and len(text) <= _MAX_BYLINE_CHARS:
            return [text]
    texts = _classed(tree, _AUTHOR_CLASS)
    return texts[:1]


def _editors(tree: LexborHTMLParser) -> list[str]:
    return [text for node in tree.css("[itemprop='editor']")
            if (text := normalize_space(node.text(separator=" ") or "")) and len(text) <= _MAX_BYLINE_CHARS][:3]


def from_page_text(tree: LexborHTMLParser) -> PageMeta:
    """The date line and byline found by class names (lowest precedence)."""
    return PageMeta(published=_published(tree), authors=_authors(tree), editors=_editors(tree), origin="text")


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
    editors resolved (``meta.people``). Call it before the body is read: the profile's
    drop rules then remove nodes (credit boxes) from the page."""
    if not meta.published or not meta.authors:
        meta = merge(meta, from_page_text(tree))
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
            match = pattern.search(text)
            if match:
                return [match.group(1)]
    return []


def _data_layer_key(key: str) -> re.Pattern[str]:
    """``"key": "value"`` (or ``key = 'value'``) in a script; the value is one line."""
    return re.compile(r"""(?<![\w$])["']?""" + re.escape(key) + r"""["']?\s*[:=]\s*["']([^"'\n]{2,120})["']""")
