"""What a full-text query may be (``scraper search``, ``export --query``, the store).

FTS5 expands every prefix term (``ban*``) to each indexed word it starts, and an OR of
thousands of them made ``scraper search`` run past 120 s (issue 20 item 9). A query for a
person is a few words: one longer than :data:`MAX_QUERY_CHARS` characters, with more than
:data:`MAX_TERMS` terms or more than :data:`MAX_PREFIX_TERMS` prefix terms is refused with
an :class:`~scraper.errors.InputError` that says which limit, before it reaches the index.
"""

from __future__ import annotations

import re

from scraper.errors import FailureKind, InputError

__all__ = ["MAX_PREFIX_TERMS", "MAX_QUERY_CHARS", "MAX_TERMS", "check_query", "requoted_note"]

MAX_QUERY_CHARS = 1000
MAX_TERMS = 64
MAX_PREFIX_TERMS = 16
#: A term: a word, a prefix (``ban*``), or a quoted phrase's word; operators are terms too
#: (FTS5 evaluates each), which is fine: the limit is far above any real query.
_TERM = re.compile(r"\w+\*?")


def check_query(query: str) -> None:
    """Raise InputError when ``query`` is past one of the limits (the message names it)."""
    if len(query) > MAX_QUERY_CHARS:
        raise InputError(f"search query too long: {len(query)} characters (at most {MAX_QUERY_CHARS})",
                         kind=FailureKind.QUERY)
    terms = _TERM.findall(query)
    if len(terms) > MAX_TERMS:
        raise InputError(f"search query too complex: {len(terms)} terms (at most {MAX_TERMS})", kind=FailureKind.QUERY)
    prefixes = sum(1 for term in terms if term.endswith("*"))
    if prefixes > MAX_PREFIX_TERMS:
        raise InputError(f"search query too complex: {prefixes} prefix terms like word* (at most {MAX_PREFIX_TERMS})",
                         kind=FailureKind.QUERY)


def requoted_note(query: str, words: str) -> str:
    """What to tell the user when their query was not valid search syntax."""
    return f"{query!r} is not valid search syntax (FTS5); searching its words instead: {words}"
