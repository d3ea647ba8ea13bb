"""A second reading of an unknown page: the block of densest prose, readability-style.

trafilatura's reading is the generic path's first opinion, and it fails in ways we can see:
on a page without news markup (a fan-fiction chapter, a blog post whose images load
late) it may return next to nothing, and it drops list items, sub-headings and short
paragraphs. This reading scores the page's own blocks the way readability does: every
text block of 25+ characters gives its parent a score (one point, one per comma, one per
100 characters up to three) and half of it to its grandparent; a candidate's score is cut
by its share of link text. The best candidate and those of its siblings that score close
to it are the story; their paragraphs are split as the DOM splits them. It is evidence,
not the verdict: :mod:`scraper.extract.body` compares it with trafilatura's reading.
"""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from scraper.extract.paragraphs import normalize_space, paragraphs_of

__all__ = ["DensityReading", "coherent", "densest_block"]

#: Elements whose text scores for their ancestors.
_SCORED = frozenset({"p", "pre", "td", "li", "blockquote", "dd"})
#: Shorter text blocks score nothing ("Share", "Photo: AP").
_MIN_CHARS = 25
#: A sibling of the best candidate joins it when it scores this share of the best.
_SIBLING_SHARE = 0.2
#: Candidates whose link share is weighed (the rest cannot overtake them).
_LEADERS = 8
#: A coherent story: this many words at least, in paragraphs of this many words on
#: average, with at most this share of its text inside links.
COHERENT_WORDS, COHERENT_PARAGRAPH_WORDS, COHERENT_LINK_SHARE = 250, 20.0, 0.2


@dataclass(frozen=True)
class DensityReading:
    """The densest block's paragraphs, and what they say about themselves."""

    paragraphs: list[str]
    words: int
    link_share: float
    node: LexborNode


def coherent(reading: DensityReading | None) -> bool:
    """A long run of prose (not a list of links or teasers): on any page, that is a story."""
    if reading is None or not reading.paragraphs:
        return False
    mean = reading.words / len(reading.paragraphs)
    return (reading.words >= COHERENT_WORDS and mean >= COHERENT_PARAGRAPH_WORDS
            and reading.link_share <= COHERENT_LINK_SHARE)


def densest_block(tree: LexborHTMLParser | LexborNode) -> DensityReading | None:
    """The readability-style reading of ``tree`` (a page, or a cleaned copy of it)."""
    body = tree.body if isinstance(tree, LexborHTMLParser) else tree
    if body is None:
        return None
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    for element in body.css(",".join(sorted(_SCORED))):
        text = normalize_space(element.text(separator=" ") or "")
        if len(text) < _MIN_CHARS:
            continue
        points = 1 + text.count(",") + min(len(text) / 100, 3)
        parent = element.parent
        for share in (1.0, 0.5):
            if parent is None:
                break
            scores[parent.mem_id] = scores.get(parent.mem_id, 0.0) + points * share
            nodes[parent.mem_id] = parent
            parent = parent.parent
    if not scores:
        return None
    # Link share is costly (a walk of the candidate): only the leaders by raw score need it.
    leaders = sorted(scores, key=scores.__getitem__, reverse=True)[:_LEADERS]
    ranked = sorted(((scores[key] * (1 - _link_share(nodes[key])), key) for key in leaders), reverse=True)
    best_score, best_key = ranked[0]
    best = nodes[best_key]
    parts = _with_siblings(best, best_score, {key: score for score, key in ranked})
    paragraphs = [p for node in parts for p in paragraphs_of(node)]
    words = sum(len(p.split()) for p in paragraphs)
    linked = sum(_link_chars(node) for node in parts)
    total = sum(len(normalize_space(node.text(separator=" ") or "")) for node in parts)
    return DensityReading(paragraphs, words, linked / total if total else 1.0, best)


def _with_siblings(best: LexborNode, best_score: float, scores: dict[int, float]) -> list[LexborNode]:
    """The best candidate with its siblings that score near it, in document order."""
    parent = best.parent
    if parent is None:
        return [best]
    need = max(10.0, best_score * _SIBLING_SHARE)
    return [child for child in parent.iter()
            if child.mem_id == best.mem_id or scores.get(child.mem_id, 0.0) >= need]


def _link_chars(node: LexborNode) -> int:
    return sum(len(normalize_space(a.text(separator=" ") or "")) for a in node.css("a"))


def _link_share(node: LexborNode) -> float:
    total = len(normalize_space(node.text(separator=" ") or ""))
    return min(1.0, _link_chars(node) / total) if total else 1.0
