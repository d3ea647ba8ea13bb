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
