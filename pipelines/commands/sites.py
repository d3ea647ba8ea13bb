"""``scraper sites``: the supported sites and their capabilities; ``sites new`` drafts a profile."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pipelines.exits import EXIT_ERROR, EXIT_OK, EXIT_USAGE
from pipelines.options import add_db, add_resolve
from scraper.errors import StoreError
from scraper.sites import all_profiles, get_profile, profile_for_url
from scraper.sites.base import SiteProfile
from scraper.store import Store
from scraper.store.target import missing_db

if TYPE_CHECKING:
    from scraper.draft.profile import Draft
    from scraper.extract.template import Template


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("sites", help="list supported sites and their capabilities; `sites new` drafts one")
    parser.add_argument("--format", choices=("table", "json", "markdown"), default="table",
                        help="markdown: the site table of docs/SITES.md (profiles only, no live verification)")
    add_db(parser)
    parser.set_defaults(func=run)
    inner = parser.add_subparsers(dest="sites_command", metavar="new")
    new = inner.add_parser(
        "new", help="draft a profile for a new site from sample article pages",
        description="Draft scraper/sites/<name>.py from sample article pages of one site, with fixture stubs. "
                    "SAMPLE is a URL, PATH=URL (a saved page and its address), or PATH (address from --url, "
                    "in order, or from the page's canonical link).",
    )
    new.add_argument("samples", nargs="+", metavar="SAMPLE")
    new.add_argument("--url", action="append", default=[], help="the address of the next PATH-only sample")
    new.add_argument("--name", help="profile name (default: from the domain)")
    new.add_argument("--out", type=Path, help="module to write (default: scraper/sites/<name>.py); never overwritten")
    new.add_argument("--fixtures", type=Path,
                     help="folder for the fixture stubs (default: fixtures/pages/<name>, or beside --out)")
    new.add_argument("--no-delay", action="store_true", help="no politeness delays, short timeouts: local mirrors only")
    new.add_argument("--allow-private", action="store_true", help="allow URLs on private/loopback addresses")
    new.add_argument("--db", help="a store whose learned template of the site (from earlier crawls) to start from")
    add_resolve(new)
    new.set_defaults(func=run_new)


def capabilities(profile: SiteProfile, probes: dict[tuple[str, str], dict[str, Any]] | None = None
                 ) -> dict[str, Any]:
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
    out: dict[str, Any] = {"name": profile.name, "domains": list(profile.domains), "sources": sources,
            "multipage": multipage, "backfill": _backfill(profile), "layouts": [str(layout) for layout in profile.layouts],
            "region": profile.region, "extraction": profile.extraction, "template": profile.template,
            "search": _search(profile), "verified": verification(profile, probes or {}),
            "reviewed": profile.reviewed}
    return out


def _search(profile: SiteProfile) -> str:
    """How ``crawl --search`` reaches the site: its own search, or the fallback it takes."""
    if profile.search:
        first = profile.search[0]
        style = "json" if first.kind == "json" else "html"
        return f"{style}{', dated' if first.dated else ''}{', newest first' if first.newest_first else ''}"
    return "archive+headline" if profile.archives else "-"


def verification(profile: SiteProfile, probes: dict[tuple[str, str], dict[str, Any]]) -> dict[str, str]:
    """Per capability: "-" (not declared), "facts" (declared from published facts, never
    probed), "ok DATE" (verified live by ``doctor --live``) or "FAILED DATE (...)"."""
    declared = {"feed": profile.feeds, "sitemap": profile.sitemaps, "archive": profile.archives,
                "search": profile.search, "article": True}
    out = {}
    for capability, present in declared.items():
        probe = probes.get((profile.name, capability))
        if probe is None:
            out[capability] = "facts" if present and capability != "article" else "-"
        elif probe["ok"]:
            out[capability] = f"ok {str(probe['checked_at'])[:10]}"
        else:
            last = probe["last_ok_at"]
            since = f"last ok {str(last)[:10]}" if last else "never worked"
            out[capability] = f"FAILED {str(probe['checked_at'])[:10]} ({since})"
    return out


def _probes(db: Path | str) -> dict[tuple[str, str], dict[str, Any]]:
    """The last ``doctor --live`` answers in ``db``, if it holds any (never creates it)."""
    if missing_db(db):
        return {}
    try:
        with Store(db, readonly=True) as store:
            return store.probes()
    except StoreError:  # an older schema (no probes yet) or an unreadable file
        return {}


def _backfill(profile: SiteProfile) -> str:
    """Whether ``crawl --since`` can read dated archives of the site, and from when."""
    if not profile.archives:
        return "-"
    since = min((a.since for a in profile.archives if a.since), default="")
    return f"since {since}" if since else "yes"


def run(args: argparse.Namespace) -> int:
    if args.format == "markdown":
        sys.stdout.write(markdown([capabilities(p) for p in all_profiles()]))
        return EXIT_OK
    probes = _probes(args.db)
    rows = [capabilities(p, probes) for p in all_profiles()]
    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    from rich.console import Console  # noqa: PLC0415 - only the table needs rich
    from rich.table import Table  # noqa: PLC0415

    drafts = sum(not row["reviewed"] for row in rows)
    title = f"{len(rows) - drafts} supported sites" + (
        f" and {drafts} unreviewed drafts (not crawled by default)" if drafts else "") + f" ({summary(rows)})"
    table = Table(title=title)
    for column in ("site", "domains", "region", "extraction", "sources", "multi-page", "backfill", "search",
                   "verified live", "layouts"):
        table.add_column(column, overflow="fold", no_wrap=column == "site")  # a name is never cut
    for row in rows:
        verified = ", ".join(f"{k} {v}" for k, v in row["verified"].items() if v not in ("-", "facts")) or "-"
        name = str(row["name"]) + ("" if row["reviewed"] else " (draft)")
        table.add_row(name, ", ".join(row["domains"]), row["region"] or "-",
                      row["extraction"] + (f" ({row['template']})" if row["template"] else ""),
                      ", ".join(row["sources"]) or "-", row["multipage"], row["backfill"], row["search"], verified,
                      "; ".join(row["layouts"]) or "-")
    Console(width=160 if not sys.stdout.isatty() else None).print(table)
    return EXIT_OK


def summary(rows: list[dict[str, Any]]) -> str:
    """The counts a reader asks first: regional, with a backfill, with search, verified."""
    regional = sum(1 for r in rows if r["region"])
    backfill = sum(1 for r in rows if r["backfill"] != "-")
    search = sum(1 for r in rows if r["search"] not in ("-", "archive+headline"))
    selectors = sum(1 for r in rows if r["extraction"] == "profile")
    verified = sum(1 for r in rows if any(str(v).startswith("ok") for v in r["verified"].values()))
    return (f"{regional} regional, {backfill} with a dated archive, {search} with site search, "
            f"{selectors} with selectors, {verified} verified live")


def markdown(rows: list[dict[str, Any]]) -> str:
    """docs/SITES.md: every site and what it can do, generated from the profiles (a test
    fails when the file is stale: regenerate with ``scraper sites --format markdown``)."""
    lines = ["# Supported sites", "",
             "Generated from the site profiles by `scraper sites --format markdown > docs/SITES.md`; do not edit.",
             "`extraction`: *profile* = selectors written from real pages (or a network template's), *generic* =",
             "a source-only profile read by the generic path. `backfill`: a dated archive for `crawl --since`.",
             "`search`: the site's own search for `crawl --search` (else the archive + headline fallback).",
             "Capabilities come from published facts (../shared/SITE_FACTS.md) until `scraper doctor --live`",
             "verifies them; `scraper sites` shows the verification date from your database.", "",
             f"{len(rows)} sites: {summary(rows).removesuffix(', 0 verified live')}.", "",
             "| site | domains | region | extraction | sources | backfill | search |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        extraction = r["extraction"] + (f" ({r['template']})" if r["template"] else "")
        cells = (r["name"], ", ".join(r["domains"]), r["region"] or "-", extraction, ", ".join(r["sources"]) or "-",
                 r["backfill"], r["search"])
        lines.append("| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def run_new(args: argparse.Namespace) -> int:
    from pipelines.sites_new import check_name, default_paths, draft_from, gather, parse_targets, write_files  # noqa: PLC0415
    from scraper.draft.profile import DraftError  # noqa: PLC0415
    from scraper.draft.urlpattern import PatternError  # noqa: PLC0415
    from scraper.errors import InputError, ScraperError  # noqa: PLC0415
    from scraper.fetch.client import FetchConfig  # noqa: PLC0415

    try:
        if args.name is not None:
            check_name(args.name)
        targets = parse_targets(args.samples, args.url)
    except InputError as exc:
        print(f"scraper sites new: {exc}", file=sys.stderr)
        return EXIT_USAGE
    config = FetchConfig.fast(max_delay=0.0) if args.no_delay else FetchConfig()
    config = replace(config, public_only=not args.allow_private)
    try:
        found = gather(targets, config=config, resolve=args.resolve)
        draft = draft_from(found, args.name, _learned(args.db, found.samples[0].url) if args.db else None)
        module, fixtures = default_paths(draft.name)
        if args.out is None and (known := _known_profile(draft.name, found.samples[0].url)):
            raise DraftError(f"{known}; give --out to draft elsewhere, or --name")
        module = args.out or module
        fixtures = args.fixtures or (fixtures if args.out is None else module.parent / f"{draft.name}-fixtures")
        written = write_files(draft, module, fixtures, date.today())
    except (ScraperError, DraftError, PatternError, FileExistsError) as exc:
        print(f"scraper sites new: {exc}", file=sys.stderr)
        return EXIT_ERROR
    _summary(draft, written)
    return EXIT_OK


def _learned(db: str, url: str) -> Template | None:
    """The template the store learned for ``url``'s host, if any (read-only)."""
    from scraper.store import Store  # noqa: PLC0415

    with Store(db, readonly=True) as store:
        return store.template(urlsplit(url).hostname or "")


def _known_profile(name: str, url: str) -> str | None:
    if (owner := profile_for_url(url)) is not None:
        return f"{url} is already covered by the {owner.name} profile"
    if (same := get_profile(name)) is not None:
        return f"a profile named {name} exists ({', '.join(same.domains)})"
    return None


def _summary(draft: Draft, written: list[Path]) -> None:
    print(f"drafted {draft.name} ({', '.join(draft.domains)}) from {len(draft.samples)} samples")
    for label, value in (("article_url", draft.article_url), ("title", draft.title), ("published", draft.published),
                         ("authors", draft.authors), ("body", draft.body), ("drop", draft.drop),
                         ("feeds", draft.feeds), ("sitemaps", draft.sitemaps)):
        shown = value if isinstance(value, str) else ", ".join(value) or "-"
        print(f"  {label:12} {shown}")
    for note in draft.notes:
        print(f"  - {note}")
    for path in written:
        print(f"wrote {path}")
