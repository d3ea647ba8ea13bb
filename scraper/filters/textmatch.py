"""``--match REGEX``: keep an article when any pattern is found in its title or body.

One rule for every command that filters by pattern (export, crawl): case-insensitive,
``re.search`` semantics, repeatable options are alternatives (any of them may match).
Matching runs in Python on the rows, not in SQL: neither SQLite nor a portable SQL has
one regex dialect.

A user's pattern runs on every article of a crawl or an export, so it runs on RE2
(google-re2), whose matching time is linear in the text: with Python's backtracking
engine ``(a+)+$`` on 26 ``a`` and a ``!`` took 8.6 s and doubled with every character.
The syntax is Python's for everything RE2 has; what RE2 lacks (backreferences,
lookahead/lookbehind, atomic groups, possessive quantifiers, ``(?x)``, ``\\Z``) cannot
run in linear time and is refused with a :class:`PatternError` naming it. Unlike
Python's, RE2's ``\\w``, ``\\d`` and ``\\b`` are ASCII: ``[[:alpha:]]`` and ``\\pL``
match any letter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol

import re2

__all__ = ["PatternError", "SearchPattern", "TextMatch", "check_pattern", "compile_match", "compile_pattern"]

#: (title, body) -> keep?
TextMatch = Callable[[str | None, str | None], bool]

#: What RE2 has no linear-time way to do, listed in the error (several --match are "or").
UNSUPPORTED = ("backreferences (\\1, (?P=name)), lookahead/lookbehind ((?=, (?!, (?<=, (?<!), "
               "atomic groups (?>, possessive quantifiers (a++), (?x), \\Z")


class PatternError(ValueError):
    """A pattern that does not compile, or that needs what a linear-time engine lacks."""


class SearchPattern(Protocol):
    """A compiled user pattern: RE2's, which has the ``search`` and ``pattern`` of
    :class:`re.Pattern`."""

    @property
    def pattern(self) -> str: ...

    def search(self, text: str) -> object | None: ...


def _options() -> re2.Options:
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # the error is ours to report, once, without a C++ log line
    options.never_capture = True  # only "is it there?" is asked: no groups to keep
    return options


def compile_pattern(pattern: str) -> SearchPattern:
    """``pattern`` compiled for linear-time, case-insensitive search. Raises
    :class:`PatternError`: a syntax error (as Python's ``re`` reports it), or a construct
    RE2 does not have (named, with RE2's reason)."""
    try:
        re.compile(pattern)
    except re.error as exc:
        raise PatternError(f"bad regular expression {pattern!r}: {exc}") from None
    try:
        return re2.compile(pattern, _options())
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else exc
        raise PatternError(
            f"regular expression {pattern!r} cannot be matched in linear time ({reason}); patterns run on "
            f"RE2, which has no {UNSUPPORTED}: rewrite it without them"
        ) from None


def compile_match(patterns: Sequence[str]) -> TextMatch | None:
    """A predicate for ``patterns`` (None when there are none: everything is kept).
    Raises :class:`PatternError` for a pattern that does not compile."""
    if not patterns:
        return None
    # Compiled one by one: a pattern may start with its own inline flags, which a joined
    # alternation would reject.
    regexes = [compile_pattern(p) for p in patterns]

    def matches(title: str | None, body: str | None) -> bool:
        return any((title and r.search(title)) or (body and r.search(body)) for r in regexes)

    return matches


def check_pattern(pattern: str) -> str:
    """``pattern`` when it compiles, else :class:`PatternError` (a ValueError) with the
    reason (argparse ``type=``)."""
    compile_pattern(pattern)
    return pattern
