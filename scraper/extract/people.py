"""People: who wrote a story and who edited it, read from every source that names them,
their names cleaned and split, and the one decision of who is a writer and who an editor.

Sources, in the order a page is read: the structured data's person values (which meta
keys and story-object keys name people, and how such a value lists several: used by
:mod:`scraper.extract.metadata` for JSON-LD and meta tags and by
:mod:`scraper.extract.embedded`), the byline the page prints (:func:`printed_writers`,
:func:`printed_editors`, found by class names or as an "Oleh: Nama" line after the
headline), a site profile's byline rules, and the capitals byline closing a story
(:func:`credited_names`).

Bylines mix roles ("Rep: C31/ Red: Nama", "Penulis: X | Editor: Y"): :func:`read_people`
splits them at their role words, so an editor is never an author. Known sites dress their
bylines in their own way: a desk label after the name ("Nama - detikNews"), a role and a
place before it ("Kontributor Lhokseumawe, Nama"), the writer named only in an analytics
data layer or in a credit line under the story. A profile states these as data
(:class:`scraper.sites.base.SiteProfile` "people" fields) and :func:`profile_authors` applies
them; :func:`page_people` decides the page's writers and editors from all of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from scraper.extract.page_meta import PageMeta
from scraper.extract.paragraphs import classed_texts, normalize_space, paragraphs_of
from scraper.extract.profile_fields import all_texts
from scraper.sites.base import Credit, Role, SiteProfile

__all__ = ["AGENCIES", "AUTHOR_META", "EDITOR_META", "People", "Role", "clean_authors", "credit_text",
           "credited_names", "data_layer_values", "meta_person", "page_people", "printed_editors", "printed_writers",
           "profile_authors", "read_people", "role_parts", "split_names", "story_object_people", "strip_author_label"]


@dataclass
class People:
    """Who a byline credits: ``writers`` (the authors) and ``editors``, in page order."""

    writers: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)


# --- structured data: the values that name people ----------------------------------------

#: <meta> keys whose value names the writers, the editors (the first present wins).
AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "content_author")
EDITOR_META = ("content_editor", "article:editor")
#: Keys of an embedded story object that name its writers, its editors (the first non-empty wins).
STORY_AUTHOR_KEYS = ("authors", "author", "writers", "writer", "reporters", "reporter", "penulis")
STORY_EDITOR_KEYS = ("editors", "editor")
#: Where a structured person value lists several people ("A, B dan C").
_LISTED = re.compile(r"\s*(?:,|;|\s&\s|\sdan\s)\s*")


def split_names(texts: list[str | None]) -> list[str]:
    """The names the structured data's person values list (JSON-LD ``author``/``editor``,
    meta tags), in order: "A, B dan C" is three. Role words, desks and the site's name are
    judged later, with the byline (:func:`read_people`)."""
    names: list[str] = []
    for text in texts:
        if text:
            names.extend(n for n in _LISTED.split(text) if n)
    return names


def meta_person(value: str | None) -> str | None:
    """A meta tag's person value; a URL (a profile page) names nobody."""
    return value if value and not value.startswith("http") else None


def story_object_people(obj: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """The writers and the editors an embedded story object names by its conventional keys,
    as it lists them (a name, a list of names or of ``{"name": ...}`` objects)."""
    return (_object_names(next((obj[key] for key in STORY_AUTHOR_KEYS if obj.get(key)), None)),
            _object_names(next((obj[key] for key in STORY_EDITOR_KEYS if obj.get(key)), None)))


def _object_names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = [item.get("name") if isinstance(item, dict) else item for item in items]
    return [normalize_space(name) for name in names if isinstance(name, str) and name.strip()]


# --- reading a byline: role words, names -------------------------------------------------

#: Role words as bylines print them, longest first. "Rep"/"Red" (republika) count only
#: with a colon after them, like every label in the middle of a byline.
_WRITER_WORDS = ("ditulis oleh", "laporan wartawan", "fotografer", "kontributor", "penulis", "reporter", "pewarta",
                 "wartawan", "jurnalis", "laporan", "author", "oleh", "rep", "by")
_EDITOR_WORDS = ("editor foto", "penyunting", "redaktur", "editing", "editor", "red")
#: Labels of credits that name no person ("Sumber : kemenag.go.id" in the same box).
_OTHER_WORDS = ("sumber", "source", "ilustrasi")
_ROLE_OF = {w: "writer" for w in _WRITER_WORDS} | {w: "editor" for w in _EDITOR_WORDS} | {w: "" for w in _OTHER_WORDS}


def _alternation(words: list[str]) -> str:
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


_ROLE_ALT = _alternation(list(_ROLE_OF))
#: "Redaktur : ", "Rep: ", "Redaktur & Reporter : " anywhere in a byline (glued to a name too).
_LABEL = re.compile(r"(?<![\w])(?P<words>(?:" + _ROLE_ALT + r")(?:\s*(?:&|dan|/)\s*(?:" + _ROLE_ALT + r"))*)\s*[:：]",
                    re.IGNORECASE)
#: "Oleh Andi", "Editor Rina": a label without a colon, at the start of a part only.
_BARE_LABEL = re.compile(r"^\W*(?P<words>" + _alternation([w for w in _ROLE_OF if w not in ("rep", "red", *_OTHER_WORDS)])
                         + r")\b\s*(?=\w)", re.IGNORECASE)
_ROLE = re.compile(
    r"^\s*(?:(?:oleh|penulis|reporter|pewarta|laporan|wartawan|kontributor|author|by|ditulis oleh|"
    r"editor|penyunting|redaktur|tim)\s*[:：|\-]?\s*)+", re.IGNORECASE
)
#: Bylines that credit a desk, not a person.
_GENERIC_NON_AUTHORS = frozenset({"redaksi", "admin", "administrator", "tim", "newsroom", "web team", "staff"})
_NOT_NAME = re.compile(r"https?://|@|\d{3,}|\bwib\b|\b(19|20)\d\d\b", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\||/|\s&\s|\sdan\s|\sand\s)\s*")


def _roles(words: str) -> set[str]:
    roles = {_ROLE_OF[" ".join(w.lower().split())] for w in re.split(r"\s*(?:&|dan|/)\s*", words) if w.strip()}
    return roles - {""}


def role_parts(text: str, default: Role = "writer") -> list[tuple[set[str], str]]:
    """Split one byline into (roles, text) parts at its role labels: "Rep: C31/ Red: Nama"
    -> ({writer}, "C31/"), ({editor}, "Nama"). Unlabelled text has the ``default`` role."""
    parts: list[tuple[set[str], str]] = []
    roles: set[str] = {default}
    start = 0
    for match in _LABEL.finditer(text):
        parts.append((roles, text[start:match.start()]))
        roles, start = _roles(match["words"]), match.end()
    parts.append((roles, text[start:]))
    out: list[tuple[set[str], str]] = []
    for part_roles, part in parts:
        bare = _BARE_LABEL.match(part)
        if bare:
            part_roles, part = _roles(bare["words"]), part[bare.end():]
        out.append((part_roles, part))
    return out


def read_people(raw: list[str], site_names: tuple[str, ...] = (), default: Role = "writer") -> People:
    """Writers and editors named by bylines: role words decide (Penulis/Reporter/Oleh/
    Laporan wartawan/Kontributor write; Editor/Redaktur/Penyunting/Editor foto edit),
    unlabelled names have the ``default`` role. The site's own name, desks and non-names
    go; each list keeps page order without repeats."""
    banned = {n.casefold() for n in site_names} | _GENERIC_NON_AUTHORS
    people = People()
    for item in raw:
        if re.search(r"https?://|www\.", item):
            continue
        for roles, part in role_parts(item, default):
            for piece in _NAME_SPLIT.split(part):
                name = normalize_space(_ROLE.sub("", piece)).strip(" -–—:.")
                key = name.casefold()
                if (not name or key in banned or _NOT_NAME.search(name) or len(name) > 60
                        or len(name.split()) > 6 or any(key == b.split(".")[0] for b in banned)):
                    continue
                for role, names in (("writer", people.writers), ("editor", people.editors)):
                    if role in roles and key not in {n.casefold() for n in names}:
                        names.append(name)
    return people


def clean_authors(raw: list[str], site_names: tuple[str, ...] = ()) -> list[str]:
    """The writers a byline credits, without role words, editors, the site's own name
    and non-names, in page order (:func:`read_people`)."""
    return read_people(raw, site_names).writers


# --- the byline the page prints ----------------------------------------------------------

#: Words in a class or id that mark a byline (any case, anywhere in it).
_AUTHOR_WORDS = ("author", "penulis", "reporter", "byline", "writer", "wartawan")
_MAX_BYLINE_CHARS = 120
_HEADER_BYLINE = re.compile(r"^(?:oleh|penulis|reporter|pewarta|jurnalis|by)\b\s*[:：]?\s*"
                            r"(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})(?:\s*(?:,|&|dan|and)\s*\S.*)?$",
                            re.IGNORECASE)


def printed_writers(tree: LexborHTMLParser, lines: list[str]) -> list[str]:
    """The byline a page prints, raw: an element marked as the author, else one whose class
    says "author" or "reporter", else an "Oleh: Nama" line among ``lines`` (the short lines
    after the headline)."""
    for node in tree.css("[rel='author'], [itemprop='author']"):
        text = normalize_space(node.text(separator=" ") or "")
        if text and len(text) <= _MAX_BYLINE_CHARS:
            return [text]
    texts = classed_texts(tree, _AUTHOR_WORDS, _MAX_BYLINE_CHARS)
    if texts:
        return texts[:1]
    return [line for line in lines if _HEADER_BYLINE.match(line)][:1]


def printed_editors(tree: LexborHTMLParser) -> list[str]:
    """The editors a page marks as such (itemprop=editor), raw."""
    return [text for node in tree.css("[itemprop='editor']")
            if (text := normalize_space(node.text(separator=" ") or "")) and len(text) <= _MAX_BYLINE_CHARS][:3]


#: News agencies a story credits the way it credits its writer; a source, not an author.
AGENCIES = frozenset({"ANTARA", "ANTARANEWS", "REUTERS", "AFP", "AP", "XINHUA", "BBC", "CNN", "BLOOMBERG", "TEMPO"})


def credited_names(lines: list[str]) -> list[str]:
    """Writers named by capitals credit lines closing a story ("DINI TEJA" -> "Dini Teja")."""
    return [line.title() for line in lines if line.strip(". ") not in AGENCIES]


# --- writers and editors of a page --------------------------------------------------------

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


# --- a known site's byline rules ---------------------------------------------------------

#: Role words a desk-labelled byline may still carry before a name ("Fotografer: Nama").
_ROLE_PREFIX = re.compile(r"^\s*(fotografer|foto|penulis|reporter|oleh|editor)\s*[:：]\s*", re.IGNORECASE)


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
