"""The layout-drift canary: a site whose extraction got worse than its own recent history.

A redesign rarely breaks a crawl outright: the profile's container disappears and pages
fall back to the generic path, the byline moves and authors go empty, the date line
changes and ``published`` goes missing. Each run stores, per site, how many of its
articles had a title, a date, authors, how long they were and how many came from the
generic path (``run_sites``). A site is flagged when its latest run is clearly worse than
the median of its earlier runs:

- a fill rate (title, published, authors) fell by more than ``FILL_DROP`` (absolute);
- the generic/fallback share or the empty share rose by more than ``SHARE_RISE``;
- the mean article length fell by more than half.

Runs with fewer than ``MIN_ARTICLES`` articles of the site say too little and are ignored.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence

__all__ = ["FILL_DROP", "MIN_ARTICLES", "SHARE_RISE", "drift"]

FILL_DROP = 0.3
SHARE_RISE = 0.3
MIN_ARTICLES = 3
_FILLS = (("title_fill", "titles"), ("published_fill", "dates"), ("authors_fill", "authors"))
_SHARES = (("fallback_share", "generic/fallback extractions"), ("empty_share", "empty bodies"))

Rates = Mapping[str, float | int]


def drift(latest: Rates, history: Sequence[Rates]) -> list[str]:
    """What got worse in ``latest`` against ``history`` (earlier runs), in words; [] if nothing."""
    earlier = [h for h in history if h["articles"] >= MIN_ARTICLES]
    if latest["articles"] < MIN_ARTICLES or not earlier:
        return []
    keys = [key for key, _ in (*_FILLS, *_SHARES)] + ["words_mean"]
    usual = {key: statistics.median(float(h[key]) for h in earlier) for key in keys}
    found = []
    for key, name in _FILLS:
        if usual[key] - latest[key] > FILL_DROP:
            found.append(f"{name} {usual[key]:.0%} -> {latest[key]:.0%}")
    for key, name in _SHARES:
        if latest[key] - usual[key] > SHARE_RISE:
            found.append(f"{name} {usual[key]:.0%} -> {latest[key]:.0%}")
    if usual["words_mean"] and latest["words_mean"] < usual["words_mean"] / 2:
        found.append(f"words per article {usual['words_mean']:.0f} -> {latest['words_mean']:.0f}")
    return found
