"""The ``scraper`` command: a thin argparse layer over the jobs in ``pipelines``.

Each subcommand lives in its own module under ``pipelines/commands/`` and exposes
``register(subparsers)``, which adds its parser and sets ``func`` to a function taking
the parsed arguments and returning the exit status. Adding a command = adding a module.

Only the command being run is imported: ``scraper --version`` and ``--help`` import none
(the listing's one-line helps are ``pipelines.commands.SUMMARIES``), ``scraper extract``
imports the extractor but not the crawl, Datasette or Celery.

Exit status (contract): 0 ok, 1 error, 2 bad usage, 3 not an article.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence
from typing import Any

from pipelines import commands
from pipelines.exits import EXIT_OK, EXIT_USAGE

DISTRIBUTION = "indonews-scraper"


def package_version() -> str:
    """The installed distribution's version (pyproject.toml's, via the package metadata).

    Read from the ``*.dist-info/METADATA`` file that ``import`` would find first: the same
    answer as importlib.metadata.version(), without its 0.1 s of imports on ``--version``."""
    prefix = DISTRIBUTION.replace("-", "_") + "-"
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.startswith(prefix) and name.endswith(".dist-info"):
                with open(os.path.join(entry or ".", name, "METADATA"), encoding="utf-8") as meta:
                    for line in meta:
                        if line.startswith("Version:"):
                            return line.split(":", 1)[1].strip()
                        if not line.strip():
                            break
    return "unknown (not installed)"  # run from a source tree never installed


class _Version(argparse.Action):
    """``--version``: the package metadata is read only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show the version and exit", **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        print(f"{parser.prog} {package_version()}")
        parser.exit()


def command_names() -> list[str]:
    """Every subcommand: the modules of pipelines/commands (listed, not imported)."""
    return sorted(i.name for i in pkgutil.iter_modules(commands.__path__) if not i.name.startswith("_"))


def wanted_command(argv: Sequence[str]) -> str | None:
    """The subcommand named in ``argv`` (the first word that is not an option), if any."""
    return next((word for word in argv if not word.startswith("-")), None)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The ``scraper`` parser. With ``argv``, only the command it names is imported and
    registered in full; the others are placeholders with their one-line help. Without it,
    every command is registered (for tools that want the whole parser)."""
    parser = argparse.ArgumentParser(
        prog="scraper", description="Scrape Indonesian news sites into clean articles in SQLite."
    )
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = None if argv is None else wanted_command(argv)
    for name in command_names():
        if argv is None or name == wanted or name not in commands.SUMMARIES:
            importlib.import_module(f"{commands.__name__}.{name}").register(sub)
        else:
            sub.add_parser(name, help=commands.SUMMARIES[name], add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
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
