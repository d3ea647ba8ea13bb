"""Token-level body scoring, as ../shared/tools/score_extraction.py scores (re-written here:
tests never read ../shared): precision, recall and F1 over lower-cased word tokens."""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text))


def token_prf(predicted: str, gold: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of ``predicted`` against ``gold``; 1.0 when both are empty."""
    p, g = tokens(predicted), tokens(gold)
    if not p and not g:
        return 1.0, 1.0, 1.0
    overlap = sum((p & g).values())
    precision = overlap / sum(p.values()) if p else 0.0
    recall = overlap / sum(g.values()) if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
