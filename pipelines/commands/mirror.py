"""``scraper mirror serve DIR``: serve a directory of saved sites over loopback.

Pair it with ``--resolve '*=127.0.0.1:PORT'`` on crawl/extract to run them offline. The
fault injection tests use is not a user command: ``python -m devtools.mirror_faults``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.mirror import MirrorServer, serve_until_terminated


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("mirror", help="serve a local mirror of news sites (for tests and demos)")
    actions = parser.add_subparsers(dest="mirror_action", metavar="ACTION")
    serve = actions.add_parser(
        "serve",
        help="serve DIR/<host>/<path> by Host header until killed",
        description="Serve DIR/<host>/<path> chosen by the Host header. Prints the URL, then runs "
        "until interrupted.",
    )
    serve.add_argument("dir", type=Path, help="directory holding one sub-directory per host")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=0, help="port (default: a free one, printed)")
    serve.set_defaults(func=run)
    parser.set_defaults(func=lambda args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    if not args.dir.is_dir():
        print(f"error: {args.dir} is not a directory", file=sys.stderr)
        return 2
    try:
        server = MirrorServer(args.dir, host=args.host, port=args.port)
    except OSError as exc:
        print(f"error: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    return serve_until_terminated(server, args.dir)
