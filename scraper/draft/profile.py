"""Draft a site profile from a few sample article pages of a site we have no profile for.

The generic path already reads such pages (trafilatura for the story, JSON-LD/meta and the
page text for title, date and byline). Drafting turns that one-off reading into rules a
profile keeps: the story paragraphs are located in the DOM and their smallest common
container is named with a stable selector (the one that reads the story best on *every*
sample wins; samples of two layouts get two, tried in order); blocks inside the container
that hold no story text become drop selectors, named by a boilerplate-sounding class when
they have one (related, baca juga, iklan, caption, share), and kept only when they remove
text on some sample and no story text on any. :mod:`scraper.draft.fields` locates the
title, date and byline, :mod:`scraper.draft.urlpattern` learns the article-URL regex.

Nothing here fetches or writes files (``pipelines/sites_new.py`` does); the result is a
:class:`Draft` whose :meth:`Draft.profile` is an ordinary :class:`SiteProfile`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from scraper.draft.fields import (
    DraftError,
    Reading,
    Sample,
    author_selectors,
    published_selectors,
    read_sample,
    title_selectors,
)
from scraper.draft.selectors import (
    container_of,
    find_text_nodes,
    is_stable,
    match_key,
    node_selectors,
    squash,
    stable_tokens,
)
from scraper.draft.urlpattern import learn_article_pattern, registered_domain
from scraper.extract.generic import is_boilerplate_token
from scraper.extract.metadata import jsonld_objects
from scraper.extract.paragraphs import SKIP_TAGS
from scraper.extract.profile_fields import first_node, profile_body
from scraper.sites.base import SiteProfile

__all__ = ["Draft", "DraftError", "Sample", "coverage", "draft_profile"]

_WORD = re.compile(r"\w+")
#: Body rules agreeing this well (word F1) with the generic reading of every sample are
#: kept as they are; below it, another selector is tried for the samples read poorly.
GOOD_BODY = 0.8
#: A drop selector may cost at most this share of a sample's story tokens.
DROP_COST = 0.005
#: Tags whose nodes never hold story text inside a story container.
_DROP_TAGS = ("figure", "figcaption", "aside")


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
            drop=self.drop, next_page=self.next_page, reviewed=False,
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


def _read_body(reading: Reading, body: tuple[str, ...], drop: tuple[str, ...] = ()) -> list[str]:
    probe = SiteProfile(name="draft", domains=("draft.invalid",), body=body, drop=drop)
    return profile_body(reading.tree, probe) or []


def _agreement(readings: list[Reading], body: tuple[str, ...], drop: tuple[str, ...] = ()) -> list[float]:
    """Body F1 of the rules against the generic reading, per sample."""
    return [_f1(*coverage(_read_body(r, body, drop), r.story)) for r in readings]


# --- the body -----------------------------------------------------------------------------

def _story_containers(reading: Reading) -> list[LexborNode]:
    """Elements holding most of the story paragraphs: the innermost one holding 80 % of
    them, and looser ones (60 %, 50 %) for pages where the generic reading took a few
    paragraphs from elsewhere (teasers, captions); the scoring decides between them."""
    root = reading.tree.body
    if root is None:
        return []
    found = list(find_text_nodes(root, (match_key(p) for p in reading.story)).values())
    containers = [container_of(found, share) for share in (0.8, 0.6, 0.5)]
    return [c for c in containers if c is not None]


def _body_selectors(readings: list[Reading], hints: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The container selector reading the story best on every sample (worst sample first,
    then the average), from the selectors naming each sample's container or a wrapper of
    it. Samples of different layouts get a tuple, tried in order as profiles do: while some
    sample reads poorly, the selector that most improves the worst sample is appended.
    ``hints`` (a learned template's container) are candidates first: they win ties."""
    candidates: list[str] = list(hints)
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


def _drop_candidates(reading: Reading, body: tuple[str, ...]) -> list[str]:
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


def _drop_selectors(readings: list[Reading], body: tuple[str, ...]) -> tuple[str, ...]:
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


def _site_names(readings: list[Reading]) -> tuple[str, ...]:
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

def draft_profile(
    samples: list[Sample], *, name: str | None = None, negatives: Iterable[str] = (),
    sitemaps: Iterable[str] = (), pages: Iterable[Sample] = (), body_hints: Iterable[str] = (),
) -> Draft:
    """A draft profile from ``samples`` (article pages of one site). ``negatives`` are
    URLs of the site seen not to be articles (home, sections), which the URL pattern must
    reject; ``sitemaps`` come from robots.txt; ``pages`` (the home page) give feed links;
    ``body_hints`` are container selectors to try first (the host's learned template's)."""
    if not samples:
        raise DraftError("no sample pages")
    readings = [read_sample(s) for s in samples]
    domain = registered_domain(urlsplit(samples[0].url).hostname or "")
    refused = sorted(u for u in negatives if u not in {s.url for s in samples})
    draft = Draft(name=name or profile_name(domain), domains=(domain,), samples=tuple(s.url for s in samples),
                  negatives=tuple(refused))
    draft.article_url = learn_article_pattern(draft.samples, refused)
    hints = tuple(body_hints)
    draft.body = _body_selectors(readings, hints)
    if hints and draft.body[0] in hints:
        draft.notes.append(f"body: {draft.body[0]} is the container of the site's learned template")
    draft.drop = _drop_selectors(readings, draft.body)
    draft.title = title_selectors(readings)
    draft.published = published_selectors(readings)
    draft.authors = author_selectors(readings)
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


def _notes(draft: Draft, readings: list[Reading]) -> list[str]:
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
