"""The distributed crawl is an executor of the crawl, not a second orchestrator reaching
into the first: nothing under pipelines/distributed/ imports a command module or another
module's private name, and no import cycle runs through it (imports inside functions
count: they are how cycles hide)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every import in the file, at any depth."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, [alias.name for alias in node.names]))
    return found


def _graph() -> dict[str, set[str]]:
    files = {_module(p): p for d in ("pipelines", "scraper") for p in (ROOT / d).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        edges = set()
        for module, names in _imports(path):
            for target in [module, *(f"{module}.{n}" for n in names)]:
                if target in files and target != name:
                    edges.add(target)
        graph[name] = edges
    return graph


def test_distributed_imports_no_command_and_no_private_name() -> None:
    for path in sorted((ROOT / "pipelines" / "distributed").glob("*.py")):
        for module, names in _imports(path):
            assert not module.startswith("pipelines.commands"), (path.name, module)
            private = [n for n in names if n.startswith("_") and n != "__future__" and module != "__future__"]
            assert not private or not module.startswith(("pipelines", "scraper")), (path.name, module, private)


def test_no_import_cycle_runs_through_the_distributed_package() -> None:
    graph = _graph()
    inside = [m for m in graph if m.startswith("pipelines.distributed")]
    for start in inside:
        # a cycle through ``start``: some module it reaches reaches it back
        seen, stack = set(), list(graph[start])
        while stack:
            node = stack.pop()
            assert node != start, f"import cycle through {start}"
            if node not in seen:
                seen.add(node)
                stack.extend(graph.get(node, ()))


#: The crawl's policy, written once: the entry points both executors call
#: (pipelines/crawl.py's Run and functions, pipelines/backfill.py) ...
SHARED_POLICY = {"discover", "work", "due", "process", "end_run", "stored_report", "days_to_walk", "day_candidates",
                 "day_settled", "watermark", "fetching"}
#: ... and what lies under them, which an executor calling it itself would be writing a
#: second time: discovery and its accounting, the range's days and their watermarks, the
#: recheck window, the status rule and the post-passes, the retry back-off, the fetcher.
POLICY_FUNCTIONS = {"discover_site", "range_days", "run_status", "dedupe_pass", "sitewide_pass", "finish_run",
                    "retry_after", "Fetcher"}
POLICY_METHODS = {"note_discovery", "completed_days", "recent_article_urls", "from_counters"}


def _names(path: Path) -> tuple[set[str], set[str]]:
    """The names (and imported names) the file refers to, and the attributes."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = ({n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
             | {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names})
    return names, {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}


def test_the_celery_executor_runs_the_crawls_own_policy() -> None:
    """The Celery tasks reach the crawl's policy only through the entry points the local
    crawl uses too, never what lies under them (that would be a second copy of a rule)."""
    names, attributes = _names(ROOT / "pipelines" / "distributed" / "tasks.py")
    assert not names & POLICY_FUNCTIONS and not attributes & POLICY_METHODS, (names & POLICY_FUNCTIONS,
                                                                              attributes & POLICY_METHODS)
    assert SHARED_POLICY - {"work"} <= names | attributes, SHARED_POLICY - names - attributes  # work: via discover
    local = set().union(*_names(ROOT / "pipelines" / "crawl.py"), *_names(ROOT / "pipelines" / "backfill.py"))
    assert SHARED_POLICY - {"stored_report"} <= local, SHARED_POLICY - local


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_anywhere_in_the_library_or_the_jobs() -> None:
    """Issue 21: the stages import one way. The last cycles (store.core <-> store.postgres;
    crawl <-> backfill/search, through imports inside functions) are gone; a new one fails here."""
    assert _cycles(_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
