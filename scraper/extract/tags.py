"""The article's tags: what the page marks as this story's topics, nothing the site says everywhere.

Sources, in order (the first whose list keeps a tag after the filters wins): the profile's
tag links, ``article:tag``, JSON-LD ``keywords``, ``news_keywords``, ``keywords``. A list
then loses:

- keywords the site puts on every page (its SEO list: "berita terkini", "portal Indonesia";
  :data:`SITEWIDE_KEYWORDS` for every site, the profile's ``site_keywords`` for its own);
- the site's own name and domain ("metrobali.com"), and the headline itself;
- labels of the tag box ("More Tag", "Hashtag Lainnya...").

A list that is a sentence cut at every space ("Para, tahanan, itu, diperlakukan, ...") is
no tag list at all and is refused whole: the next source is read instead.

A site's own SEO keywords that no list names are learned from its stored articles
(:func:`learn_sitewide`: a tag on nearly every page of a site is not a topic); the store
remembers them and keeps them out of the site's tags (``Store.learn_sitewide_tags``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from scraper.extract.page_meta import PageMeta
from scraper.extract.paragraphs import normalize_space

#: SEO keywords Indonesian sites put on every page, whatever the story (casefolded).
SITEWIDE_KEYWORDS = frozenset({
    "berita", "berita terkini", "berita hari ini", "berita terbaru", "berita harian", "berita harian online",
    "berita online", "berita indonesia", "berita indonesia terkini", "portal indonesia", "portal berita",
    "portal berita indonesia", "info terkini", "kabar terkini", "berita viral", "berita terupdate", "news",
    "latest news", "breaking news", "indonesia news", "headline", "headlines", "terkini", "terbaru", "trending topic",
})
#: Labels of tag boxes that are links to more tags, not tags.
_TAG_BOX_LABELS = re.compile(r"(?i)^(?:more\s+tags?|hashtag\s+lainnya|tag\s+lainnya|lihat\s+semua|selengkapnya)\W*$")
_TOPIC_LABEL = re.compile(r"(?i)^(?:topic|topik|tag|tags|keyword|keywords)$")
_DOMAIN_LIKE = re.compile(r"(?i)^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?$")
#: Words a keyword list holds only when it is prose cut at every space (Indonesian, English).
_FUNCTION_WORDS = frozenset({
    "yang", "dan", "di", "ke", "dari", "itu", "ini", "untuk", "dengan", "para", "pada", "akan", "juga", "tak",
    "tidak", "sudah", "telah", "bisa", "ada", "adalah", "dalam", "oleh", "sebagai", "karena", "atau", "sih", "ya",
    "saja", "aja", "nya", "ia", "mereka", "setelah", "sebelum", "of", "the", "and", "to", "in", "a", "an", "is",
    "was", "on", "for", "about", "we", "should",
})
_MIN_SENTENCE_ITEMS = 6
_MAX_TAG_CHARS = 80


def split_keywords(values: Iterable[str]) -> list[str]:
    """Keywords from values that may each hold a comma-separated list."""
    return [k for k in (normalize_space(x) for v in values for x in v.split(",")) if k]


def is_cut_sentence(keywords: Sequence[str]) -> bool:
    """True when a keyword list is prose cut into words: mostly single words, with the
    words only prose has ("itu", "yang", "of") or a sentence's full stop in them."""
    if len(keywords) < _MIN_SENTENCE_ITEMS:
        return False
    single = sum(1 for k in keywords if len(k.split()) == 1)
    function = sum(1 for k in keywords if k.casefold().strip(".") in _FUNCTION_WORDS)
    stops = sum(1 for k in keywords if re.search(r"\w[.!?]$", k))
    return single / len(keywords) >= 0.7 and (function >= 2 or stops >= 1)


def is_sitewide(keyword: str, site_keywords: Iterable[str] = ()) -> bool:
    """True for a keyword the site puts on every page (shared list or the profile's)."""
    folded = normalize_space(keyword).casefold()
    return folded in SITEWIDE_KEYWORDS or folded in {k.casefold() for k in site_keywords}


def _squash(text: str) -> str:
    """A name compared without case, spaces and dots ("Metro Bali" = "metrobali")."""
    return re.sub(r"[\W_]+", "", text.casefold())


def _unlabel(tag: str) -> str:
    """A tag without its "Topic:" label; "" for a labelled value that is no topic (okezone's
    "Celebrity: Hot Gossip" names the rubric) or a bare label ("News:")."""
    label, colon, value = tag.partition(":")
    if not colon or " " in label.strip() and len(label.split()) > 2:
        return tag
    return value.strip() if _TOPIC_LABEL.match(label.strip()) else ""


def _keep(tag: str, names: set[str], site_keywords: Sequence[str], title: str) -> bool:
    folded = tag.casefold()
    return not (
        is_sitewide(tag, site_keywords) or _squash(tag) in names or _DOMAIN_LIKE.match(tag)
        or _TAG_BOX_LABELS.match(tag) or folded == title or len(tag) > _MAX_TAG_CHARS
    )


def choose_tags(
    candidates: Iterable[Sequence[str]], *, site_names: Sequence[str] = (), site_keywords: Sequence[str] = (),
    title: str | None = None,
) -> list[str]:
    """The tags of the first candidate list that keeps any after the filters (module
    docstring), in page order, each once (case-insensitively)."""
    names = {_squash(n) for n in site_names}
    folded_title = normalize_space(title or "").casefold()
    for raw in candidates:
        tags = [t for t in (_unlabel(normalize_space(t).strip(" ,;#")) for t in raw) if t]
        if not tags or is_cut_sentence(tags):
            continue
        kept: dict[str, str] = {}
        for tag in tags:
            if _keep(tag, names, site_keywords, folded_title):
                kept.setdefault(tag.casefold(), tag)
        if kept:
            return list(kept.values())
    return []


def tag_candidates(site: PageMeta, jsonld: PageMeta, meta: PageMeta, *others: PageMeta) -> list[list[str]]:
    """The tag lists a page offers, in the order of the module docstring: the profile's tag
    links, ``article:tag``, JSON-LD ``keywords``, ``news_keywords``, ``keywords``, then any
    other source's (an embedded story object's)."""
    return [site.tags, meta.tags, jsonld.tags, *meta.keyword_lists, *(o.tags for o in others)]


#: A tag on at least this share of a site's articles is one of its every-page keywords...
SITEWIDE_SHARE = 0.8
#: ...once the site has this many articles stored (fewer say nothing about "every page").
SITEWIDE_MIN_ARTICLES = 20


def learn_sitewide(
    totals: Mapping[str, int], counts: Mapping[tuple[str, str], int], *, share: float = SITEWIDE_SHARE,
    min_articles: int = SITEWIDE_MIN_ARTICLES,
) -> dict[str, set[str]]:
    """site -> the tags (casefolded) the site puts on nearly every page, learned from its
    stored articles: ``totals`` is articles per site, ``counts`` articles per (site,
    casefolded tag). A story's topic, however hot, is not on four pages in five."""
    learned: dict[str, set[str]] = {}
    for (site, tag), n in counts.items():
        total = totals.get(site, 0)
        if total >= min_articles and n >= share * total:
            learned.setdefault(site, set()).add(tag)
    return learned
