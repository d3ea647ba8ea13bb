"""``scraper sites``: the supported sites, their domains and what the crawler can do with them."""

from __future__ import annotations

import argparse
import json
import sys

from pipelines.exits import EXIT_OK
from scraper.sites import all_profiles
from scraper.sites.base import SiteProfile


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("sites", help="list supported sites and their capabilities")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(func=run)


def capabilities(profile: SiteProfile) -> dict[str, object]:
    """What one profile declares, in the shape both output formats use."""
    sources = [kind for kind, items in (("rss", profile.feeds), ("sitemap", profile.sitemaps),
                                        ("index", profile.index_pages)) if items]
    if profile.single_page or profile.single_page_suffix:
        variant = "&".join(f"{k}={v}" for k, v in profile.single_page) or profile.single_page_suffix
        multipage = f"single-page {variant}"
    elif profile.next_page:
        multipage = "next-page links"
    else:
        multipage = "-"
    return {"name": profile.name, "domains": list(profile.domains), "sources": sources,
            "multipage": multipage, "layouts": [str(layout) for layout in profile.layouts]}


def run(args: argparse.Namespace) -> int:
    rows = [capabilities(p) for p in all_profiles()]
    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    from rich.console import Console  # noqa: PLC0415 - only the table needs rich
    from rich.table import Table  # noqa: PLC0415

    table = Table(title=f"{len(rows)} supported sites")
    for column in ("site", "domains", "sources", "multi-page", "layouts"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(str(row["name"]), ", ".join(row["domains"]), ", ".join(row["sources"]) or "-",  # type: ignore[arg-type]
                      str(row["multipage"]), "; ".join(row["layouts"]) or "-")  # type: ignore[arg-type]
    Console(width=160 if not sys.stdout.isatty() else None).print(table)
    return EXIT_OK
