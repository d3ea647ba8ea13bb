"""Draft a site profile from a few sample article pages of a site we have no profile for.

The generic path already reads such pages (trafilatura for the story, JSON-LD/meta and the
page text for title, date and byline). Drafting turns that one-off reading into rules a
profile keeps: the story paragraphs are located in the DOM and their smallest common
container is named with a stable selector (the one that reads the story best on *every*
sample wins); the title, date and byline are located the same way; blocks inside the
container that hold no story text and carry a boilerplate class (related, baca juga, ads,
captions, share bars) become drop selectors, kept only when they remove no story text on
any sample. :mod:`scraper.urlpattern` learns the article-URL regex.

Nothing here fetches or writes files (``pipelines/sites_new.py`` does); the result is a
:class:`Draft` whose :meth:`Draft.profile` is an ordinary :class:`SiteProfile`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from scraper.article import Article
from scraper.blocks import SKIP_TAGS
from scraper.dates import parse_date
from scraper.extract import extract_html
from scraper.generic import is_boilerplate_token
from scraper.metadata import jsonld_objects
from scraper.profile_fields import all_texts, first_node, first_text, profile_body
from scraper.selectors import (
    container_of,
    find_text_nodes,
    is_stable,
    match_key,
    node_selectors,
    squash,
    stable_tokens,
)
from scraper.sites.base import SiteProfile
from scraper.urlpattern import learn_article_pattern, registered_domain

__all__ = ["Draft", "DraftError", "Sample", "coverage", "draft_profile"]

_WORD = re.compile(r"\w+")
#: Body rules agreeing this well (word F1) with the generic reading of every sample are
#: kept as they are; below it, another selector is tried for the samples read poorly.
GOOD_BODY = 0.8
#: A drop selector may cost at most this share of a sample's story tokens.
DROP_COST = 0.005
#: Tags whose nodes never hold story text inside a story container.
_DROP_TAGS = ("figure", "figcaption", "aside")


class DraftError(ValueError):
    """The samples cannot make a profile (not articles, different sites, no story found)."""


@dataclass(frozen=True)
class Sample:
    """One sample article page: its address and its decoded HTML."""

    url: str
    html: str


@dataclass
class _Reading:
    """A sample as the generic path reads it."""

    sample: Sample
    tree: LexborHTMLParser
    article: Article

    @property
    def story(self) -> list[str]:
        return self.article.paragraphs


@dataclass
class Draft:
    """Everything a draft profile file says, and why (``notes``)."""

    name: str
    domains: tuple[str, ...]
    site_names: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    index_pages: tuple[str, ...] = ()
    article_url: str = ""
    title: tuple[str, ...] = ()
    published: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    next_page: tuple[str, ...] = ()
    samples: tuple[str, ...] = ()
    negatives: tuple[str, ...] = ()
    #: sample URL -> (precision, recall) of the drafted body against the generic reading:
    #: recall below 1 means story text the rules miss; precision below 1, text they read
    #: that the generic path left out (boilerplate to drop, or story trafilatura missed).
    agreement: dict[str, tuple[float, float]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def profile(self) -> SiteProfile:
        return SiteProfile(
            name=self.name, domains=self.domains, site_names=self.site_names, feeds=self.feeds,
            sitemaps=self.sitemaps, index_pages=self.index_pages, article_url=self.article_url,
            title=self.title, published=self.published, authors=self.authors, body=self.body,
            drop=self.drop, next_page=self.next_page,
        )


# --- scoring ------------------------------------------------------------------------------

def _tokens(paragraphs: Iterable[str]) -> Counter[str]:
    return Counter(w.lower() for p in paragraphs for w in _WORD.findall(p))


def coverage(found: Iterable[str], story: Iterable[str]) -> tuple[float, float]:
    """(precision, recall) of ``found`` paragraphs against ``story`` paragraphs, on word
    tokens: how the drafter compares candidate rules with the generic reading."""
    got, want = _tokens(found), _tokens(story)
    common = sum((got & want).values())
    return (common / sum(got.values()) if got else 0.0, common / sum(want.values()) if want else 0.0)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _read_body(reading: _Reading, body: tuple[str, ...], drop: tuple[str, ...] = ()) -> list[str]:
    probe = SiteProfile(name="draft", domains=("draft.invalid",), body=body, drop=drop)
    return profile_body(reading.tree, probe) or []


def _agreement(readings: list[_Reading], body: tuple[str, ...], drop: tuple[str, ...] = ()) -> list[float]:
    """Body F1 of the rules against the generic reading, per sample."""
    return [_f1(*coverage(_read_body(r, body, drop), r.story)) for r in readings]


# --- the body -----------------------------------------------------------------------------

def _story_containers(reading: _Reading) -> list[LexborNode]:
    """Elements holding most of the story paragraphs: the innermost one holding 80 % of
    them, and looser ones (60 %, 50 %) for pages where the generic reading took a few
    paragraphs from elsewhere (teasers, captions); the scoring decides between them."""
    root = reading.tree.body
    if root is None:
        return []
    found = list(find_text_nodes(root, (match_key(p) for p in reading.story)).values())
    containers = [container_of(found, share) for share in (0.8, 0.6, 0.5)]
    return [c for c in containers if c is not None]


def _body_selectors(readings: list[_Reading]) -> tuple[str, ...]:
    """The container selector reading the story best on every sample (worst sample first,
    then the average), from the selectors naming each sample's container or a wrapper of
    it. Samples of different layouts get a tuple, tried in order as profiles do: while some
    sample reads poorly, the selector that most improves the worst sample is appended."""
    candidates: list[str] = []
    for reading in readings:
        for container in _story_containers(reading):
            node: LexborNode | None = container
            for _ in range(3):  # the container, then two wrappers around it
                if node is None or node.tag in ("body", "html"):
                    break
                candidates.extend(node_selectors(node, reading.tree))
                node = node.parent
    candidates = list(dict.fromkeys(candidates))
    chosen: tuple[str, ...] = ()
    while len(chosen) < len(readings):
        best: tuple[float, float, int] | None = None
        pick = ""
        for rank, selector in enumerate(candidates):
            if selector in chosen:
                continue
            scores = _agreement(readings, (*chosen, selector))
            key = (min(scores), sum(scores) / len(scores), -rank)
            if best is None or key > best:
                best, pick = key, selector
        if best is None or (chosen and best[0] <= min(_agreement(readings, chosen))):
            break  # nothing left, or nothing improves the worst sample
        chosen = (*chosen, pick)
        if best[0] >= GOOD_BODY:
            break
    if not chosen or min(_agreement(readings, chosen)) == 0.0:
        raise DraftError("could not locate the story text of the samples in their pages")
    return chosen


def _drop_candidates(reading: _Reading, body: tuple[str, ...]) -> list[str]:
    """Selectors of blocks inside the container that hold no story text: figures and
    asides by tag, others by a class or id, a boilerplate-sounding one first ("related",
    "baca-juga", "iklan", "caption"), else the block's own stable name."""
    container = first_node(reading.tree, body)
    if container is None:
        return []
    story = squash(" ".join(reading.story))
    keys = [k for k in (match_key(p) for p in reading.story) if k]
    found: list[str] = []
    for node in container.traverse(include_text=False):
        if node.mem_id == container.mem_id or not node.tag or node.tag.startswith("-") or node.tag in SKIP_TAGS:
            continue
        text = squash(node.text(separator=" ") or "")
        if not text or text[:40] in story or any(key in text for key in keys):
            continue
        classes = stable_tokens(node)
        ident = node.attributes.get("id") or ""
        names = [f".{t}" for t in classes] + ([f"#{ident}"] if ident and is_stable(ident) else [])
        named = [n for n in names if is_boilerplate_token(n[1:])]
        if node.tag in _DROP_TAGS:
            found.append(node.tag)
        elif named or names:
            found.append((named or names)[0])
    return found


def _drop_selectors(readings: list[_Reading], body: tuple[str, ...]) -> tuple[str, ...]:
    """Drop candidates that remove text on some sample and no story text on any."""
    kept: list[str] = []
    for selector in dict.fromkeys(s for r in readings for s in _drop_candidates(r, body)):
        removes, harmless = False, True
        for reading in readings:
            before = _read_body(reading, body, tuple(kept))
            after = _read_body(reading, body, (*kept, selector))
            lost = coverage(before, reading.story)[1] - coverage(after, reading.story)[1]
            removes = removes or sum(_tokens(after).values()) < sum(_tokens(before).values())
            harmless = harmless and lost <= DROP_COST
        if removes and harmless:
            kept.append(selector)
    return tuple(kept)


# --- title, date, byline --------------------------------------------------------------

#: value_of(reading, selectors): what a profile with these selectors reads on the sample.
_ValueOf = Callable[[_Reading, tuple[str, ...]], str | None]
#: is_right(reading, value): the value is the sample's (title, date, writer).
_IsRight = Callable[[_Reading, str], bool]


def _cover(readings: list[_Reading], candidates: Iterable[str], value_of: _ValueOf, is_right: _IsRight,
           ) -> tuple[str, ...]:
    """Selectors, in order, that read the right value on as many samples as possible and a
    wrong one on none (reading nothing is allowed: the metadata fills in). A profile tries
    its selectors in order, so a second layout's selector is appended for the samples the
    first one misses; on one layout, the first candidate right everywhere is all it takes."""
    def right(chosen: tuple[str, ...]) -> int | None:
        count = 0
        for reading in readings:
            value = value_of(reading, chosen)
            if value:
                if not is_right(reading, value):
                    return None
                count += 1
        return count

    chosen: tuple[str, ...] = ()
    done = 0
    pool = list(dict.fromkeys(candidates))
    while done < len(readings):
        scored = [(n, -i, c) for i, c in enumerate(pool) if c not in chosen and (n := right((*chosen, c)) or 0) > done]
        if not scored:
            break
        done, _, pick = max(scored)
        chosen = (*chosen, pick)
    return chosen


def _first_value(reading: _Reading, selectors: tuple[str, ...]) -> str | None:
    return first_text(reading.tree, selectors)


def _title_selectors(readings: list[_Reading]) -> tuple[str, ...]:
    candidates = []
    for reading in readings:
        title = squash(reading.article.title or "")
        nodes = reading.tree.css("h1, h2, .title, [class*=title], [class*=judul]")
        for node in sorted(nodes, key=lambda n: n.tag != "h1"):  # the headline element before its wrapper
            if title and squash(node.text(separator=" ") or "") == title:
                candidates.extend(node_selectors(node, reading.tree))

    def is_right(reading: _Reading, value: str) -> bool:
        return squash(value) == squash(reading.article.title or "")

    return _cover(readings, candidates, _first_value, is_right)


def _instant(value: str | None) -> datetime | None:
    parsed = parse_date(value) if value else None
    return parsed.value if parsed else None


def _same_time(value: str | None, reading: _Reading) -> bool:
    want, got = _instant(reading.article.published), _instant(value)
    return want is not None and got is not None and abs((want - got).total_seconds()) < 60


def _published_selectors(readings: list[_Reading]) -> tuple[str, ...]:
    """A meta tag first when the samples have one (machine-readable), then the printed
    date line (what the page shows, and what a page without metadata has)."""
    dated = [r for r in readings if r.article.published]
    metas: list[str] = []
    printed: list[tuple[int, str]] = []
    for reading in dated:
        for node in reading.tree.css("meta[content]"):
            for attr in ("property", "name", "itemprop"):
                key = node.attributes.get(attr)
                if key and re.fullmatch(r"[\w:.-]+", key) and _same_time(node.attributes.get("content"), reading):
                    metas.append(f"meta[{attr}='{key}']")
        body = reading.tree.body
        for node in body.traverse(include_text=False) if body is not None else ():
            text = node.attributes.get("datetime") or node.text(separator=" ") or ""
            if node.tag and not node.tag.startswith("-") and len(text.split()) <= 12 and _same_time(text, reading):
                printed.extend((len(text), s) for s in node_selectors(node, reading.tree)[:4])

    def is_right(reading: _Reading, value: str) -> bool:
        return _same_time(value, reading)

    smallest_first = [s for _, s in sorted(printed, key=lambda item: item[0])]  # the date line, not its wrapper
    return (_cover(dated, metas, _first_value, is_right)[:1]
            + _cover(dated, smallest_first, _first_value, is_right))


def _author_selectors(readings: list[_Reading]) -> tuple[str, ...]:
    named = [r for r in readings if r.article.authors]
    candidates: list[tuple[int, str]] = []
    for reading in named:
        root = reading.tree.body
        name = squash(reading.article.authors[0])
        for node in root.traverse(include_text=False) if root is not None else ():
            text = node.text(separator=" ") or ""
            if node.tag and not node.tag.startswith("-") and len(text.split()) <= 10 and name in squash(text):
                candidates.extend((len(squash(text)), s) for s in node_selectors(node, reading.tree)[:4])
        if reading.tree.css_first("meta[name=author]") is not None:
            candidates.append((1000, "meta[name=author]"))

    def value_of(reading: _Reading, selectors: tuple[str, ...]) -> str | None:
        return " ".join(all_texts(reading.tree, selectors)) or None

    def is_right(reading: _Reading, value: str) -> bool:
        return squash(reading.article.authors[0]) in squash(value)

    # The smallest node naming the writer first: the fewer characters around the name, the better.
    smallest_first = [s for _, s in sorted(candidates, key=lambda item: item[0])]
    return _cover(named, smallest_first, value_of, is_right)


# --- sources and names ----------------------------------------------------------------

def _feeds(trees: Iterable[tuple[str, LexborHTMLParser]], domain: str) -> tuple[str, ...]:
    found = []
    for url, tree in trees:
        for link in tree.css("link[rel=alternate][href]"):
            kind = (link.attributes.get("type") or "").lower()
            if "rss" in kind or "atom" in kind:
                found.append(urljoin(url, link.attributes.get("href") or ""))
    return tuple(u for u in dict.fromkeys(found) if _on_site(u, domain))


def _on_site(url: str, domain: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return url.startswith(("http://", "https://")) and (host == domain or host.endswith("." + domain))


def _site_names(readings: list[_Reading]) -> tuple[str, ...]:
    names: list[str] = []
    for reading in readings:
        names.extend(n.attributes.get("content") or "" for n in reading.tree.css("meta[property='og:site_name']"))
        for obj in jsonld_objects(reading.tree):
            publisher = obj.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                names.append(publisher["name"])
    return tuple(n.strip() for n in dict.fromkeys(names) if n and n.strip())


def profile_name(domain: str) -> str:
    """``kabar-pesisir.co.id`` -> ``kabar_pesisir``: the first label, as a module name."""
    label = re.sub(r"[^a-z0-9]+", "_", domain.split(".")[0].lower()).strip("_")
    return label if label and not label[0].isdigit() else f"site_{label}"


# --- the draft ----------------------------------------------------------------------------

def _reading(sample: Sample) -> _Reading:
    article = extract_html(sample.html, sample.url, use_profiles=False)
    if article.status != "ok" or not article.paragraphs:
        raise DraftError(f"{sample.url}: the generic path reads no article there ({article.status})")
    return _Reading(sample, LexborHTMLParser(sample.html), article)


def draft_profile(
    samples: list[Sample], *, name: str | None = None, negatives: Iterable[str] = (),
    sitemaps: Iterable[str] = (), pages: Iterable[Sample] = (),
) -> Draft:
    """A draft profile from ``samples`` (article pages of one site). ``negatives`` are
    URLs of the site seen not to be articles (home, sections), which the URL pattern must
    reject; ``sitemaps`` come from robots.txt; ``pages`` (the home page) give feed links."""
    if not samples:
        raise DraftError("no sample pages")
    readings = [_reading(s) for s in samples]
    domain = registered_domain(urlsplit(samples[0].url).hostname or "")
    refused = sorted(u for u in negatives if u not in {s.url for s in samples})
    draft = Draft(name=name or profile_name(domain), domains=(domain,), samples=tuple(s.url for s in samples),
                  negatives=tuple(refused))
    draft.article_url = learn_article_pattern(draft.samples, refused)
    draft.body = _body_selectors(readings)
    draft.drop = _drop_selectors(readings, draft.body)
    draft.title = _title_selectors(readings)
    draft.published = _published_selectors(readings)
    draft.authors = _author_selectors(readings)
    draft.site_names = _site_names(readings)
    all_pages = [(r.sample.url, r.tree) for r in readings] + [(p.url, LexborHTMLParser(p.html)) for p in pages]
    draft.feeds = _feeds(all_pages, domain)
    draft.sitemaps = tuple(u for u in dict.fromkeys(sitemaps) if _on_site(u, domain))
    draft.index_pages = tuple(p.url for p in pages if _on_site(p.url, domain) and urlsplit(p.url).path in ("", "/"))
    if any(r.tree.css_first("link[rel=next][href]") is not None for r in readings):
        draft.next_page = ("link[rel=next]",)
    for reading in readings:
        found = _read_body(reading, draft.body, draft.drop)
        precision, recall = coverage(found, reading.story)
        draft.agreement[reading.sample.url] = (round(precision, 3), round(recall, 3))
    draft.notes.extend(_notes(draft, readings))
    return draft


def _notes(draft: Draft, readings: list[_Reading]) -> list[str]:
    seen = ", ".join(draft.negatives[:6]) + (", ..." if len(draft.negatives) > 6 else "")
    notes = [f"article_url matches the {len(draft.samples)} samples and none of the {len(draft.negatives)} "
             f"non-article URLs seen" + (f" ({seen})" if seen else "")]
    recalls = ", ".join(f"{r:.2f}" for _, r in draft.agreement.values())
    precisions = ", ".join(f"{p:.2f}" for p, _ in draft.agreement.values())
    notes.append(f"body {', '.join(draft.body)}: it reads {recalls} of the words the generic path reads on the "
                 f"samples; of what it reads, {precisions} is text the generic path kept too (the rest: boilerplate "
                 "to drop by hand, or story the generic path missed)")
    for url, (precision, recall) in draft.agreement.items():
        if _f1(precision, recall) < GOOD_BODY:
            notes.append(f"WARNING: the body rules read {url} poorly (precision {precision:.2f}, recall "
                         f"{recall:.2f} against the generic reading): another layout? review by hand")
    for label, found in (("title", draft.title), ("published", draft.published), ("authors", draft.authors)):
        if not found:
            notes.append(f"{label}: no selector agrees on every sample; the page's metadata will be used")
    if not any(r.article.authors for r in readings):
        notes.append("authors: the samples name no writer the generic path could read")
    if not (draft.feeds or draft.sitemaps):
        notes.append("no feed or sitemap found: add crawl sources by hand")
    return notes
