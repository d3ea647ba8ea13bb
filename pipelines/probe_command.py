"""``scraper doctor --live``: the probe's command line and table (the work is :mod:`pipelines.probe`)."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from dataclasses import replace

from pipelines.commands.crawl import parse_duration
from pipelines.exits import EXIT_ERROR, EXIT_OK, EXIT_USAGE
from pipelines.probe import CAPABILITIES, COMMON_WORD, Probe, probe_sites, record, regressions
from scraper.errors import StoreError
from scraper.fetch.client import FetchConfig, Fetcher
from scraper.fetch.resolve import ResolveMap
from scraper.sites import all_profiles, get_profile
from scraper.sites.base import SiteProfile
from scraper.store import Store

__all__ = ["print_table", "run_live"]


def run_live(args: argparse.Namespace) -> int:
    try:
        profiles = _profiles(args.site)
        every = parse_duration(args.every) if args.every else None
    except ValueError as exc:
        print(f"scraper doctor: {exc}", file=sys.stderr)
        return EXIT_USAGE
    while True:
        status = _once(args, profiles)
        if every is None:
            return status
        try:
            asyncio.run(asyncio.sleep(every.total_seconds()))
        except KeyboardInterrupt:
            return status


def _profiles(names: list[str]) -> list[SiteProfile]:
    if not names:
        return list(all_profiles())
    chosen = []
    for name in names:
        profile = get_profile(name)
        if profile is None:
            raise ValueError(f"unknown site {name!r} (see `scraper sites`)")
        chosen.append(profile)
    return chosen


def _once(args: argparse.Namespace, profiles: list[SiteProfile]) -> int:
    config = FetchConfig.fast(max_delay=0.0) if args.no_delay else FetchConfig()
    config = replace(config, public_only=not args.allow_private)
    probes = asyncio.run(_probe(config, ResolveMap.from_specs(args.resolve), profiles, args.word or COMMON_WORD))
    try:
        with Store(args.db) as store:
            broken = regressions(store, probes)
            record(store, probes)
    except StoreError as exc:
        print(f"scraper doctor: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if args.format == "json":
        print(json.dumps({"probes": [p.as_dict() for p in probes], "regressions": len(broken)},
                         ensure_ascii=False, indent=2))
    else:
        print_table(probes)
        print(f"{len(broken)} {'capability' if len(broken) == 1 else 'capabilities'} stopped working since the last probe"
              + (": " + ", ".join(f"{p.site} {p.capability}" for p in broken) if broken else ""))
    return EXIT_ERROR if broken else EXIT_OK


async def _probe(config: FetchConfig, resolve: ResolveMap, profiles: list[SiteProfile], word: str) -> list[Probe]:
    async with Fetcher(config, resolve=resolve) as fetcher:
        return await probe_sites(fetcher, profiles, word)


def print_table(probes: list[Probe]) -> None:
    """One row per site, one column per capability: status, links, time (and REGRESSED)."""
    from rich.console import Console  # noqa: PLC0415 - only the table needs rich
    from rich.table import Table  # noqa: PLC0415

    table = Table(title="doctor --live: what each site answers today", title_justify="left")
    table.add_column("site")
    for capability in CAPABILITIES:
        table.add_column(capability, overflow="fold")
    by_site: dict[str, dict[str, Probe]] = {}
    for probe in probes:
        by_site.setdefault(probe.site, {})[probe.capability] = probe
    for site, row in by_site.items():
        table.add_row(site, *(_cell(row[c]) for c in CAPABILITIES))
    Console(width=160 if not sys.stdout.isatty() else None).print(table)


def _cell(probe: Probe) -> str:
    if probe.status == "none":
        return "-"
    text = f"{probe.status} {probe.links} links {probe.elapsed_ms:.0f}ms"
    if probe.capability == "article" and probe.ok:
        text = f"ok {probe.detail.split(',')[0].removeprefix('extractor ')} {probe.elapsed_ms:.0f}ms"
    if probe.status != "ok" and probe.detail:
        text += f" ({probe.detail[:60]})"
    return text + (" REGRESSED" if probe.regression else "")
