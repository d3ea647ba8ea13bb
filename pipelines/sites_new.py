"""The ``scraper sites new`` job: sample pages in, a draft profile and fixture stubs out.

Samples are URLs, fetched through the crawl's :class:`~scraper.fetch.client.Fetcher` (robots.txt,
politeness, the SSRF guard, ``--resolve``), or saved files: ``PATH=URL``, or ``PATH`` with
its address from ``--url`` (in order) or from the page's own canonical link. Online, the
site's home page and robots.txt are read too: the home page gives feed links and the
navigation links the URL pattern must reject, robots.txt the sitemaps. Offline, the sample
pages' own navigation links serve as the non-article URLs.

Files are never overwritten: the module and each stub are created exclusively.
"""

from __future__ import annotations

import asyncio
import json
import keyword
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser

import scraper
from scraper.draft.profile import Draft, Sample, draft_profile
from scraper.draft.render import fixture_stub, render_module
from scraper.draft.urlpattern import registered_domain
from scraper.errors import FetchError, InputError
from scraper.extract.classify import url_kind
from scraper.extract.htmlinput import decode_page
from scraper.extract.template import Template
from scraper.fetch.client import FetchConfig, Fetcher
from scraper.sites import load_profile

__all__ = ["Gathered", "Target", "check_name", "default_paths", "draft_from", "gather", "parse_targets", "write_files"]

#: Links in these parts of a page lead to sections, tags and other listing pages.
NAV_LINKS = ("nav a[href], header a[href], footer a[href], [class*=menu] a[href], [class*=kanal] a[href], "
             "[class*=breadcrumb] a[href], [class*=tag] a[href], [class*=cat] a[href], [class*=pag] a[href]")


@dataclass(frozen=True)
class Target:
    """One sample: its address and, for a saved page, the file."""

    url: str | None
    path: Path | None = None


def parse_targets(specs: list[str], urls: list[str]) -> list[Target]:
    """``URL``, ``PATH=URL`` or ``PATH`` (address from ``urls`` in order, else from the
    page); InputError (a usage error) when the specs and --url do not fit together."""
    targets, spare = [], list(urls)
    for spec in specs:
        if spec.startswith(("http://", "https://")):
            targets.append(Target(spec))
            continue
        path, sep, url = spec.partition("=")
        if sep and url.startswith(("http://", "https://")):
            targets.append(Target(url, Path(path)))
        else:
            targets.append(Target(spare.pop(0) if spare else None, Path(spec)))
    if spare:
        raise InputError(f"{len(spare)} --url left over: give one --url per saved page without PATH=URL")
    return targets


@dataclass
class Gathered:
    """What the drafter reads: the samples, the home page, robots.txt's sitemaps."""

    samples: list[Sample] = field(default_factory=list)
    #: Other pages read (the home page): feed links, navigation links.
    pages: list[Sample] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def negatives(self) -> list[str]:
        """The site's home and the listing pages its navigation links to."""
        samples = {s.url for s in self.samples}
        first = urlsplit(self.samples[0].url)
        found = [urlunsplit((first.scheme, first.netloc, "/", "", ""))]
        domain = registered_domain(first.hostname or "")
        for page in [*self.samples, *self.pages]:
            for link in LexborHTMLParser(page.html).css(NAV_LINKS):
                url = urldefrag(urljoin(page.url, link.attributes.get("href") or ""))[0]
                host = urlsplit(url).hostname or ""
                if registered_domain(host) == domain and url not in samples and url_kind(url) != "article":
                    found.append(url)
        return list(dict.fromkeys(found))


def _read_file(target: Target) -> Sample:
    assert target.path is not None
    try:
        text = decode_page(target.path.read_bytes())
    except OSError as exc:
        raise InputError(f"cannot read {target.path}: {exc.strerror or exc}") from exc
    url = target.url or _own_address(text)
    if not url:
        raise InputError(f"{target.path}: no address: give it as {target.path}=URL or with --url")
    return Sample(url, text)


def _own_address(text: str) -> str | None:
    tree = LexborHTMLParser(text)
    for selector, attr in (("link[rel=canonical]", "href"), ("meta[property='og:url']", "content")):
        node = tree.css_first(selector)
        value = node.attributes.get(attr) if node is not None else None
        if value and value.startswith(("http://", "https://")):
            return value
    return None


async def _fetch_page(fetcher: Fetcher, url: str) -> Sample:
    result = await fetcher.fetch(url)
    return Sample(result.final_url, result.text or decode_page(result.body, result.content_type))


async def _gather_online(targets: list[Target], config: FetchConfig, resolve: Iterable[str]) -> Gathered:
    found = Gathered()
    async with Fetcher(config, resolve=list(resolve)) as fetcher:
        for target in targets:
            if target.path is not None:
                found.samples.append(_read_file(target))
            else:
                assert target.url is not None
                found.samples.append(await _fetch_page(fetcher, target.url))
        first = urlsplit(found.samples[0].url)
        home = urlunsplit((first.scheme, first.netloc, "/", "", ""))
        try:
            found.pages.append(await _fetch_page(fetcher, home))
        except FetchError as exc:
            found.notes.append(f"home page {home} not read ({exc.kind}): no links from it")
        rules = await fetcher.robots_rules(home)
        found.sitemaps = list(rules.sitemaps)
    return found


def gather(targets: list[Target], *, config: FetchConfig | None = None, resolve: Iterable[str] = ()) -> Gathered:
    """The sample pages (and, when any sample is a URL, the home page and robots.txt)."""
    if all(t.path is not None for t in targets):
        return Gathered(samples=[_read_file(t) for t in targets],
                        notes=["offline: no home page or robots.txt read; non-article URLs from the samples' links"])
    return asyncio.run(_gather_online(targets, config or FetchConfig(), resolve))


def draft_from(found: Gathered, name: str | None = None, template: Template | None = None) -> Draft:
    """The draft for the gathered pages, with a note on how many home-page links its
    article pattern accepts (a pattern matching none, or all, needs a look); a learned
    ``template`` of the site (the crawl keeps one per host) offers its story container."""
    hints = (template.container,) if template is not None and template.container else ()
    draft = draft_profile(found.samples, name=name, negatives=found.negatives(), sitemaps=found.sitemaps,
                          pages=found.pages, body_hints=hints)
    profile = draft.profile()
    for page in found.pages:
        if urlsplit(page.url).path in ("", "/"):
            links = {urldefrag(urljoin(page.url, a.attributes.get("href") or ""))[0]
                     for a in LexborHTMLParser(page.html).css("a[href]")}
            matched = sum(1 for u in links if profile.is_article_url(u))
            draft.notes.append(f"on the home page, article_url matches {matched} of {len(links)} links")
    draft.notes.extend(found.notes)
    return draft


def check_name(name: str) -> str:
    """``name`` when it can be a profile's module name (an ASCII Python identifier, not a
    keyword, not private); InputError otherwise. The name becomes a path under
    ``scraper/sites`` and ``fixtures/pages``: ``../../x`` must never get that far."""
    if not (name.isascii() and name.isidentifier()) or keyword.iskeyword(name) or name.startswith("_") \
            or name == "base":
        raise InputError(f"bad profile name {name!r}: use a Python identifier such as kabar_pesisir")
    return name


def default_paths(name: str) -> tuple[Path, Path]:
    """``scraper/sites/<name>.py`` and ``fixtures/pages/<name>/`` of this source tree."""
    check_name(name)
    package = Path(scraper.__file__).resolve().parent
    return package / "sites" / f"{name}.py", package.parent / "fixtures" / "pages" / name


def write_files(draft: Draft, module: Path, fixtures: Path, today: date) -> list[Path]:
    """Write the module and the fixture stub; FileExistsError (nothing written) when one
    of them exists. The module is loaded back with the registry's loader before returning."""
    stub = fixture_stub(draft, f"draft-{today.isoformat()}")
    page, expectation = fixtures / f"{stub.slug}.html", fixtures / f"{stub.slug}.json"
    for path in (module, page, expectation):
        if path.exists():
            raise FileExistsError(f"{path} exists; a draft never overwrites a file")
    if not module.parent.is_dir():
        raise InputError(f"{module.parent}: no such directory")
    written: list[Path] = []
    try:
        with module.open("x", encoding="utf-8") as out:
            written.append(module)
            out.write(render_module(draft, today))
        load_profile(module)
        fixtures.mkdir(parents=True, exist_ok=True)
        with page.open("x", encoding="utf-8") as out:
            written.append(page)
            out.write(stub.html)
        with expectation.open("x", encoding="utf-8") as out:
            written.append(expectation)
            out.write(json.dumps(stub.expectation, ensure_ascii=False, indent=1) + "\n")
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
