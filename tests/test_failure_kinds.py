"""Failure kinds are one enumerated type (scraper.errors.FailureKind): no kind is written
as a free string anywhere in the code, every raiser gives a member, the classification
(retried, the site's fault, unreachable, slows the host, outcome) is the table below, and
the store and a run's report keep the plain strings they always did."""

from __future__ import annotations

import ast
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pipelines.site_work import SiteReport
from scraper.errors import RETRY_STATUSES, BlockedError, FailureKind, RobotsDisallowed, ScraperError
from scraper.extract.htmlinput import MAX_DEPTH, decode_page
from scraper.fetch.client import HTTPStatusError
from scraper.fetch.decompress import BoundedDecoder
from scraper.fetch.resolve import check_public
from scraper.filters.searchquery import MAX_QUERY_CHARS, check_query
from scraper.store import Store

ROOT = Path(__file__).resolve().parent.parent

#: The stored strings (never renamed: databases hold them) and how each kind is classified
#: with no HTTP status: (retried at once, the site's fault, host unreachable, slows the host,
#: answered with a status, no document, the crawl's outcome).
TABLE: dict[str, tuple[bool, bool, bool, bool, bool, bool, str]] = {
    "connect":         (True,  True,  True,  False, False, False, "failed"),
    "timeout":         (True,  True,  True,  False, False, False, "failed"),
    "deadline":        (False, True,  True,  False, False, False, "failed"),
    "http":            (False, False, False, False, True,  False, "failed"),
    "blocked":         (False, True,  False, True,  True,  False, "blocked"),
    "robots":          (False, False, False, False, False, False, "skipped"),
    "redirect":        (False, False, False, False, False, True,  "failed"),
    "not_html":        (False, False, False, False, False, True,  "failed"),
    "too_large":       (False, False, False, False, False, False, "failed"),
    "invalid_url":     (False, False, False, False, False, True,  "failed"),
    "private_address": (False, False, False, False, False, True,  "failed"),
    "sitemap":         (False, False, False, False, False, False, "failed"),
    "refused":         (False, False, False, False, False, False, "failed"),
    "input":           (False, False, False, False, False, False, "failed"),
    "empty":           (False, True,  False, False, False, False, "failed"),
    "too_deep":        (False, False, False, False, False, False, "failed"),
    "query":           (False, False, False, False, False, False, "failed"),
    "extract":         (False, False, False, False, False, False, "failed"),
    "extract_timeout": (False, False, False, False, False, False, "failed"),
    "extract_crash":   (False, False, False, False, False, False, "failed"),
    "store":           (False, False, False, False, False, False, "failed"),
}

#: HTTP status -> (retried at once, the site's fault, slows the host).
HTTP_TABLE = {
    400: (False, False, False), 403: (False, False, False), 404: (False, False, False),
    408: (True, True, True), 410: (False, False, False), 429: (True, True, True),
    500: (True, True, True), 501: (False, True, False), 502: (True, True, True),
    503: (True, True, True), 504: (True, True, True), 505: (False, True, False), 599: (False, True, False),
}


def test_the_members_are_the_stored_strings() -> None:
    assert [kind.value for kind in FailureKind] == list(TABLE)
    assert all(isinstance(kind, str) and kind == kind.value and str(kind) == kind.value and f"{kind}" == kind.value
               for kind in FailureKind)
    assert all(kind.meaning and kind.meaning[0].islower() and not kind.meaning.endswith(".") for kind in FailureKind)


@pytest.mark.parametrize("kind", list(FailureKind))
def test_the_classification_table(kind: FailureKind) -> None:
    got = (kind.retried(), kind.site_level(), kind.unreachable, kind.slows_host(), kind.answered, kind.no_document,
           kind.outcome)
    assert got == TABLE[kind.value]


@pytest.mark.parametrize("status", sorted(HTTP_TABLE))
def test_an_http_failure_is_classified_by_its_status(status: int) -> None:
    http = FailureKind.HTTP
    assert (http.retried(status), http.site_level(status), http.slows_host(status)) == HTTP_TABLE[status]
    assert http.retried(status) == (status in RETRY_STATUSES)
    # the status decides for http alone: a bot wall's 503 is still a bot wall, never retried
    assert not FailureKind.BLOCKED.retried(status) and FailureKind.BLOCKED.site_level(status)
    assert not FailureKind.NOT_HTML.site_level(status)


def _raised(call: Callable[[], object]) -> FailureKind:
    with pytest.raises(ScraperError) as info:
        call()
    kind = getattr(info.value, "kind", None)
    assert type(kind) is FailureKind, (kind, info.value)
    return kind


@pytest.mark.parametrize(("call", "kind"), [
    (lambda: decode_page(""), FailureKind.EMPTY),
    (lambda: decode_page(b"\x00\x01\x02\x03" * 64), FailureKind.NOT_HTML),
    (lambda: decode_page("<p>x</p>", "application/pdf"), FailureKind.NOT_HTML),
    (lambda: decode_page("<div>" * (MAX_DEPTH + 1)), FailureKind.TOO_DEEP),
    (lambda: BoundedDecoder(None, 10).feed(b"x" * 11), FailureKind.TOO_LARGE),
    (lambda: BoundedDecoder("zstd-unknown", 10), FailureKind.HTTP),
    (lambda: check_public("http://127.0.0.1/"), FailureKind.PRIVATE_ADDRESS),
    (lambda: check_public("ftp://example.com/"), FailureKind.INVALID_URL),
    (lambda: check_query("a" * (MAX_QUERY_CHARS + 1)), FailureKind.QUERY),
    (lambda: (_ for _ in ()).throw(BlockedError("wall", 403)), FailureKind.BLOCKED),
    (lambda: (_ for _ in ()).throw(RobotsDisallowed("no")), FailureKind.ROBOTS),
    (lambda: (_ for _ in ()).throw(HTTPStatusError("gone", 410)), FailureKind.HTTP),
])
def test_the_raisers_give_members(call: Callable[[], object], kind: FailureKind) -> None:
    assert _raised(call) is kind


# --- no kind as a free string -----------------------------------------------------------

#: Callables whose kind argument is a failure kind: name -> index of the positional kind.
RAISERS = {"FetchError": 1, "InputError": 1, "error_article": 2}
#: Calls whose ``kind=`` keyword is a failure kind (``writer.post(Store.record_failure, ...)``).
KIND_KEYWORD_CALLS = {"FetchError", "InputError", "error_article", "record_failure", "post"}


def _name(node: ast.expr) -> str:
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""


def _strings(node: ast.expr) -> list[str]:
    """The string constants ``node`` is, or holds (a tuple, set or frozenset of them)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Call) and _name(node.func) == "frozenset" and node.args:
        return _strings(node.args[0])
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [s for item in node.elts for s in _strings(item)]
    return []


def _is_kind(node: ast.expr) -> bool:
    """``x.error_kind``, ``exc.kind`` or ``error.kind`` (other ``.kind`` are a source's, a
    sitemap's, an archive's: not failures)."""
    return isinstance(node, ast.Attribute) and (
        node.attr == "error_kind" or (node.attr == "kind" and _name(node.value) in ("exc", "error")))


def kind_literals(source: str) -> Iterator[tuple[int, str]]:
    """(line, string) of every failure kind written as a free string in ``source``."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            index = RAISERS.get(name)
            if index is not None and len(node.args) > index:
                yield from ((node.lineno, s) for s in _strings(node.args[index]))
            for keyword in node.keywords:
                if keyword.arg == "error_kind" or (keyword.arg == "kind" and name in KIND_KEYWORD_CALLS):
                    yield from ((node.lineno, s) for s in _strings(keyword.value))
        elif isinstance(node, ast.Subscript) and _name(node.value) == "reasons":
            yield from ((node.lineno, s) for s in _strings(node.slice))
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(_is_kind(side) for side in sides):
                yield from ((node.lineno, s) for side in sides for s in _strings(side))
        elif isinstance(node, ast.Assign) and any(_name(t).endswith("_KINDS") and "FAULT" not in _name(t)
                                                  for t in node.targets):  # the mirror's faults are not failures
            yield from ((node.lineno, s) for s in _strings(node.value))


def test_the_scan_finds_a_kind_written_as_a_string() -> None:
    source = """
raise FetchError("slow", kind="timeout")
raise InputError("no", "empty")
article = error_article("x", url, "extract_timeout")
writer.post(Store.record_fetch, url, error_kind="refused")
writer.post(Store.record_failure, url, kind="http")
report.reasons["store"] += 1
ok = exc.kind in ("timeout", "connect") or article.error_kind == "too_deep"
SITE_KINDS = frozenset({"blocked"})
fine = archive.kind == "sitemap" and Search(kind="json")
"""
    assert sorted(kind_literals(source)) == [
        (2, "timeout"), (3, "empty"), (4, "extract_timeout"), (5, "refused"), (6, "http"), (7, "store"),
        (8, "connect"), (8, "timeout"), (8, "too_deep"), (9, "blocked")]


def _sources() -> list[Path]:
    return sorted(p for d in ("scraper", "pipelines", "devtools") for p in (ROOT / d).rglob("*.py"))


def test_no_failure_kind_is_a_free_string() -> None:
    found = [f"{path.relative_to(ROOT)}:{line}: {text!r}" for path in _sources()
             for line, text in kind_literals(path.read_text(encoding="utf-8"))]
    assert not found, "write FailureKind members, not strings:\n" + "\n".join(found)


def test_every_member_named_in_the_code_exists() -> None:
    """mypy checks it too; this says it without mypy: FailureKind.X is a member."""
    named = {node.attr for path in _sources() for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Attribute) and _name(node.value) == "FailureKind"}
    members = set(FailureKind.__members__)
    assert named - {"meaning"} <= members | {"retried", "site_level", "slows_host"}
    assert len(named & members) >= 15  # the scan does see the code's kinds


# --- stored as the plain strings ----------------------------------------------------------

def test_every_kind_round_trips_through_the_store(store: Store) -> None:
    run = store.start_run(["kabarcontoh"])
    for n, kind in enumerate(FailureKind):
        store.record_fetch(f"https://kabar.example.id/{n}", run_id=run, error_kind=kind, error=kind.meaning)
        store.record_fetch(f"https://kabar.example.id/{n}", run_id=run, error_kind=kind, attempt=2)
        store.record_failure(f"https://kabar.example.id/{n}", site="kabarcontoh", kind=kind, error=kind.meaning,
                             retry_after=lambda failures: None)
    fetched = [tuple(r) for r in store.backend.execute(
        "SELECT error_kind, error FROM fetches WHERE attempt = 1 ORDER BY id", ()).fetchall()]
    assert fetched == [(kind.value, kind.meaning) for kind in FailureKind]
    assert all(type(value) is str for value, _ in fetched)
    failed = [tuple(r) for r in store.backend.execute("SELECT error_kind FROM url_failures ORDER BY url", ()).fetchall()]
    assert sorted(value for (value,) in failed) == sorted(kind.value for kind in FailureKind)
    # ``scraper stats``: the same rows a string would give, each kind read back as a member
    failures = store.stats()["failures"]
    assert [(row["error_kind"], row["count"]) for row in failures] == sorted((k.value, 2) for k in FailureKind)
    assert {FailureKind(row["error_kind"]) for row in failures} == set(FailureKind)


def test_a_reports_reasons_keep_their_strings() -> None:
    """A run's report (kept as JSON in the store for a distributed run) counts a member and
    its string as one reason."""
    report = SiteReport("kabarcontoh")
    report.reasons[FailureKind.TIMEOUT] += 2
    report.reasons[FailureKind.STORE] += 1
    text = json.dumps(report.to_json())
    back = SiteReport.from_json(json.loads(text))
    assert '"timeout": 2' in text and back.reasons == {"timeout": 2, "store": 1}
    back.reasons[FailureKind.TIMEOUT] += 1
    assert back.reasons["timeout"] == 3 and len(back.reasons) == 2
