"""The article's rubric: ``section`` (the site's top rubric) and ``subsection`` (its sub-rubric).

Analysts facet on these, so a value must be one short rubric name, spelt the same way on
every page of a site. Sources, in order of trust (first that yields a rubric wins):

1. the profile's ``section`` selectors (a breadcrumb or a rubric label: every node the first
   matching selector finds, in page order, is one level) and its ``url_sections`` rules;
2. JSON-LD ``articleSection``, then a JSON-LD ``BreadcrumbList``;
3. ``meta[property=article:section]`` (and ``content_category``/``parsely-section``);
4. the URL: the channel subdomain (``sport.detik.com``) and the first path segments that
   name a rubric (``/sepakbola/``), never a slug, a date or an id.

Every candidate goes through :func:`rubric_name` (case, the "Berita " prefix, the site's own
name glued to it as in "detikHealth") and is refused when it is not a rubric: a schema type
("Article"), a domain, a flag ("Top News", "Image"), a home link, the headline. A list
("Badung, Politik, Top News, Image") is never stored as such: its rubric items are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from scraper.extract.metadata import ARTICLE_TYPES, MEDIA_TYPES
from scraper.extract.page_meta import PageMeta
from scraper.extract.paragraphs import normalize_space
from scraper.extract.profile_fields import all_texts
from scraper.sites.base import SiteProfile

#: What a rubric found on a page looks like once read: (section, subsection or None).
Rubric = tuple[str, str | None]

#: schema.org types that pages put where a rubric belongs.
_SCHEMA_TYPES = ARTICLE_TYPES | MEDIA_TYPES | {"webpage", "website", "creativework", "thing", "itempage"}
#: Labels that mark a story (or a link home), not a rubric.
_NOT_RUBRIC = frozenset({
    "home", "beranda", "homepage", "halaman utama", "index", "indeks", "top news", "headline", "headlines",
    "image", "images", "gambar", "video", "videos", "featured", "uncategorized", "tanpa kategori", "pilihan",
    "pilihan editor", "editor's choice", "editors choice", "berita utama", "utama", "breaking news", "terpopuler",
    "populer", "terkini", "berita terkini", "terbaru", "berita terbaru", "detail", "detail berita", "berita",
    "read", "baca", "",
})
#: Host labels that are not channels (language, mobile and AMP editions).
_NOT_CHANNEL = frozenset({"www", "m", "amp", "mobile", "wap", "en", "id", "beta", "web"})
#: Path segments that name no rubric: the words of a reading URL ("/read/", "/berita/<id>/").
_NOT_PATH_RUBRIC = re.compile(r"^(?:read\w*|berita|detail|artikel|article|post|posts|amp|p|r|a|view|story|"
                              r"content|index\.php|tag|tags|topik|en|id|m)$")
#: "news" under a channel subdomain is the URL scheme's word (gaya.tempo.co/read/news/...).
_CHANNEL_GENERIC = frozenset({"news", "berita"})
#: A path segment shaped like a rubric slug: short, letters first, at most three hyphens.
_RUBRIC_SLUG = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+){0,3}$")
_LIST_SEPARATOR = re.compile(r"\s*[,;|]\s*")
_DOMAIN_LIKE = re.compile(r"^[\w-]+(?:\.[\w-]+)+/?$")
_MAX_WORDS, _MAX_CHARS = 4, 40
#: Second-level labels of country domains ("co.id"): the registered domain has three labels.
_SECOND_LEVEL = frozenset({"co", "or", "ac", "go", "web", "my", "sch", "com", "net", "org", "id"})


def rubric_name(value: str | None, site_words: Sequence[str] = ()) -> str | None:
    """``value`` as a facet-ready rubric name, or None when it names no rubric.

    "BERITA NASIONAL" -> "Nasional", "liga-inggris" -> "Liga Inggris", "detikHealth" ->
    "Health", "Media Indonesia" -> None (``site_words``: the site's names, see
    :func:`site_words`), "Article" -> None."""
    text = normalize_space((value or "").replace("_", " ")).strip(" /»>|-–:")
    if not text or _DOMAIN_LIKE.match(text) or "://" in text:
        return None
    if re.fullmatch(r"[a-z0-9-]+", text):  # a URL slug
        text = text.replace("-", " ")
    if _squash(text) in {_squash(w) for w in site_words}:
        return None  # the site's own name ("Kabar Contoh" for kabarcontoh.id): a breadcrumb's home link
    text = re.sub(r"(?i)^berita\s+(?=\S)", "", text)
    for word in sorted((w for w in site_words if w.isalnum()), key=len, reverse=True):
        if len(text) > len(word) + 1 and text.casefold().startswith(word.casefold()) and text[len(word)].isalpha():
            text = text[len(word):].lstrip(" -")  # "detikHealth", "kumparannews", "berita-detikhealth"
            break
    folded = text.casefold()
    if folded in _NOT_RUBRIC or folded.replace(" ", "") in _SCHEMA_TYPES or re.fullmatch(r"[\d\W]+", text):
        return None
    if len(text) > _MAX_CHARS or len(text.split()) > _MAX_WORDS or ":" in text:
        return None
    return " ".join(_word_case(w) for w in text.split())


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _word_case(word: str) -> str:
    """One casing per word, so "NASIONAL", "nasional", "ShowBiz" and "Showbiz" group:
    capitalised, except acronyms of up to three letters ("TV", "KPK")."""
    if word.isupper() and len(word) <= 3:
        return word
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def rubric_from_names(names: Iterable[str], site_words: Sequence[str] = (), title: str | None = None) -> Rubric | None:
    """(section, subsection) from rubric names in order (a breadcrumb's items): names that
    are not rubrics go (home links, flags, the headline), a repeated name counts once, the
    first two left are the levels."""
    levels: list[str] = []
    for raw in names:
        name = None if _is_headline(raw, title) else rubric_name(raw, site_words)
        if name and name not in levels:
            levels.append(name)
    if not levels:
        return None
    return levels[0], (levels[1] if len(levels) > 1 else None)


def _is_headline(name: str, title: str | None) -> bool:
    """A breadcrumb's last item is often the story itself, whole or cut."""
    folded, headline = normalize_space(name).casefold(), normalize_space(title or "").casefold()
    return bool(headline) and len(folded) > 3 and (headline.startswith(folded) or folded.startswith(headline))


def _categories(value: str, site_words: Sequence[str], title: str | None) -> str | None:
    """One rubric from a section value that may be a list of categories ("Badung,
    Politik, Top News, Image" -> "Badung"): its first item that is a rubric."""
    found = rubric_from_names(_LIST_SEPARATOR.split(value), site_words, title)
    return found[0] if found else None


def rubric_from_url(url: str | None, profile: SiteProfile | None, words: Sequence[str] | None = None) -> Rubric | None:
    """The rubric a URL names: the profile's ``url_sections`` rules first, then the
    channel subdomain and the first rubric-shaped path segments (never the last segment,
    the slug, and nothing after a date or an id). ``words``: the site's names
    (:func:`site_words` when not given)."""
    if not url:
        return None
    if words is None:
        words = site_words(profile, url)
    for pattern, template in profile.url_section_rules if profile else ():
        match = pattern.search(url)
        if match:
            return rubric_from_names(match.expand(template).split("/"), words)
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host or re.fullmatch(r"[\d.:]+|localhost", host):
        return None
    names = _channels(host, profile)
    segments = [s for s in parts.path.split("/") if s][:-1]  # the last one is the story's slug
    for segment in segments:
        segment = segment.lower()
        if not _RUBRIC_SLUG.match(segment) or any(ch.isdigit() for ch in segment[:4]):
            break  # a date, an id: the rubric part of the path is over
        if _NOT_PATH_RUBRIC.match(segment) or (names and segment in _CHANNEL_GENERIC):
            continue
        names.append(segment)
    return rubric_from_names(names, words)


def _channels(host: str, profile: SiteProfile | None) -> list[str]:
    """The host's labels left of the site's registered domain, outermost first
    ("dunia.news.viva.co.id" -> ["news", "dunia"])."""
    domain = next((d for d in (profile.domains if profile else ()) if host == d or host.endswith("." + d)), None)
    labels = host.split(".")
    if domain is None:
        keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else 2
        domain = ".".join(labels[-keep:])
    prefix = host[: -len(domain)].rstrip(".")
    return [label for label in reversed(prefix.split(".")) if label and label not in _NOT_CHANNEL]


def site_words(profile: SiteProfile | None, url: str | None) -> tuple[str, ...]:
    """The site's names: the short ones rubric labels glue on ("detik" in "detikHealth",
    the profile name and its domains' first labels) and, for a profile, its display names
    (a breadcrumb's home link). Without a profile: the URL host's registered name."""
    words: list[str] = []
    if profile is not None:
        words.append(profile.name)
        words.extend(d.split(".")[0] for d in profile.domains)
        short = tuple(w.casefold() for w in words)
        words.extend(n for n in profile.site_names if not n.casefold().startswith(short))
    else:
        labels = (urlsplit(url or "").hostname or "").split(".")
        if len(labels) >= 2:
            words.append(labels[-3] if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else labels[-2])
    return tuple(dict.fromkeys(w for w in words if len(w) >= 3))


def read_rubric(
    tree: LexborHTMLParser, url: str | None, profile: SiteProfile | None, sources: Sequence[PageMeta],
    title: str | None = None,
) -> Rubric | None:
    """The article's (section, subsection), from the first source that names a rubric,
    in the order of the module docstring; ``sources`` are the page's structured data in
    precedence order (JSON-LD, then meta tags, then an embedded story object)."""
    words = site_words(profile, url)
    if profile is not None and profile.section:
        found = rubric_from_names(all_texts(tree, profile.section), words, title)
        if found:
            return found
    if profile is not None and profile.url_sections:
        found = rubric_from_url(url, profile, words)
        if found:
            return found
    for meta in sources:
        found = _from_structured(meta, words, title)
        if found:
            return found
    return rubric_from_url(url, profile, words)


def _from_structured(meta: PageMeta, words: Sequence[str], title: str | None) -> Rubric | None:
    """One source's rubric: its section (a list of categories gives one rubric, its first),
    with its own sub-rubric when it names one; else its breadcrumb's levels."""
    if meta.section:
        section = _categories(meta.section, words, title)
        if section:
            sub = rubric_name(meta.subsection, words) if meta.subsection else None
            return section, (sub if sub != section else None)
    if meta.breadcrumb:
        return rubric_from_names(meta.breadcrumb, words, title)
    return None
