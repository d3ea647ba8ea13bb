"""``--match REGEX``: keep an article when any pattern is found in its title or body.

One rule for every command that filters by pattern (export, crawl): case-insensitive,
``re.search`` semantics, repeatable options are alternatives (any of them may match).
Matching runs in Python on the rows, not in SQL: neither SQLite nor a portable SQL has
one regex dialect, and Python's is the one users already write for ``--match``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

__all__ = ["TextMatch", "check_pattern", "compile_match"]

#: (title, body) -> keep?
TextMatch = Callable[[str | None, str | None], bool]


def compile_match(patterns: Sequence[str]) -> TextMatch | None:
    """A predicate for ``patterns`` (None when there are none: everything is kept).
    Raises ``re.error`` for a pattern that does not compile."""
    if not patterns:
        return None
    # Compiled one by one: a pattern may start with its own inline flags, which a joined
    # alternation would reject.
    regexes = [re.compile(p, re.IGNORECASE) for p in patterns]

    def matches(title: str | None, body: str | None) -> bool:
        return any((title and r.search(title)) or (body and r.search(body)) for r in regexes)

    return matches


def check_pattern(pattern: str) -> str:
    """``pattern`` when it compiles, else ValueError with the reason (argparse ``type=``)."""
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"bad regular expression {pattern!r}: {exc}") from None
    return pattern
