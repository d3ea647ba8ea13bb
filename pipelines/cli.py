"""The ``scraper`` command: a thin argparse layer over the jobs in ``pipelines``.

Each subcommand lives in its own module under ``pipelines/commands/`` and exposes
``register(subparsers)``, which adds its parser and sets ``func`` to a function taking
the parsed arguments and returning the exit status. Adding a command = adding a module.

Exit status (contract): 0 ok, 1 error, 2 bad usage, 3 not an article.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import os
import pkgutil
import sys
from collections.abc import Sequence

from pipelines import commands
from pipelines.exits import EXIT_OK, EXIT_USAGE


def package_version() -> str:
    """The installed distribution's version (pyproject.toml's, via the package metadata)."""
    try:
        return importlib.metadata.version("indonews-scraper")
    except importlib.metadata.PackageNotFoundError:  # run from a source tree never installed
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scraper", description="Scrape Indonesian news sites into clean articles in SQLite."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        status = int(args.func(args))
        sys.stdout.flush()  # a reader that went away shows here, not in the flush at exit
        return status
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `scraper export | head`: the reader has all it wanted
        _silence_stdout()
        return EXIT_OK


def _silence_stdout() -> None:
    """Point stdout at /dev/null: what is still buffered can no longer be delivered, and
    Python's own flush at exit would print "Exception ignored ... BrokenPipeError"."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
