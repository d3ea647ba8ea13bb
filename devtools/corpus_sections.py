"""Print the section and tags extracted from each article page of the shared corpus.

Not a test (tests never read ../shared): a reading aid for issue 25. The corpus gold has no
section, so the rubric each page shows is checked by eye against this list. Usage:
``python -m devtools.corpus_sections [CORPUS] [--summary]``.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

from scraper.extract import extract_html


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
    pages = corpus_articles(args.corpus)
    filled = 0
    for site, path, url in pages:
        article = extract_html(path.read_bytes(), url)
        section = "/".join(s for s in (article.section, getattr(article, "subsection", None)) if s)
        filled += bool(article.section)
        values[site].add(section or "-")
        print(f"{site}\t{path.name}\t{section or '-'}\t{'; '.join(article.tags)}")
    print(f"\nsection filled on {filled} of {len(pages)} article pages ({filled / len(pages):.0%})")
    for site in sorted(values):
        print(f"{site}: {', '.join(sorted(values[site]))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
