"""Print the section and tags extracted from each article page of the shared corpus.

Not a test (tests never read ../shared): a reading aid for issue 25. The corpus gold has no
section, so the rubric each page shows is checked by eye against this list. Usage:
``python -m devtools.corpus_sections [CORPUS] [--summary]``.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from scraper.extract.metadata import from_jsonld, from_meta
from scraper.extract.pipeline import extract_html
from scraper.extract.tags import is_cut_sentence, is_sitewide
from scraper.sites import profile_for_url


def corpus_articles(corpus: Path) -> list[tuple[str, Path, str]]:
    """(site, html file, original URL) of every article page in the corpus manifest."""
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [(r["site"], corpus / r["file"], r["original_url"]) for r in rows
            if r["page_type"] == "article" and r["file"].startswith("html/")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default="../shared/corpus", type=Path)
    args = parser.parse_args(argv)
    values: dict[str, set[str]] = defaultdict(set)
    sitewide: dict[str, Counter[str]] = defaultdict(Counter)
    cut: Counter[str] = Counter()
    pages = corpus_articles(args.corpus)
    filled = 0
    for site, path, url in pages:
        html = path.read_bytes()
        article = extract_html(html, url)
        section = "/".join(s for s in (article.section, article.subsection) if s)
        filled += bool(article.section)
        values[site].add(section or "-")
        print(f"{site}\t{path.name}\t{section or '-'}\t{'; '.join(article.tags)}")
        offered = _keyword_lists(html, url)
        profile = profile_for_url(url)
        sitewide[site].update(k.casefold() for lst in offered for k in lst
                              if is_sitewide(k, profile.site_keywords if profile else ()))
        cut[site] += sum(1 for lst in offered if is_cut_sentence(lst))
    print(f"\nsection filled on {filled} of {len(pages)} article pages ({filled / len(pages):.0%})")
    for site in sorted(values):
        print(f"{site}: {', '.join(sorted(values[site]))}")
    print("\nsite-wide keywords the pages offer (never tags), per site:")
    for site in sorted(s for s in sitewide if sitewide[s]):
        print(f"{site}: {sum(sitewide[site].values())} ({', '.join(f'{k} x{n}' for k, n in sitewide[site].items())})")
    print("keyword lists that are a sentence cut into words (refused whole), per site:",
          ", ".join(f"{site} {n}" for site, n in sorted(cut.items()) if n))
    return 0


def _keyword_lists(html: bytes, url: str) -> list[list[str]]:
    """Every keyword/tag list the page's structured data offers."""
    tree = LexborHTMLParser(html.decode("utf-8", "replace"))
    meta, jsonld = from_meta(tree, url), from_jsonld(tree)
    return [meta.tags, jsonld.tags, *meta.keyword_lists]


if __name__ == "__main__":
    sys.exit(main())
