"""Extract every fixture page and every shared-corpus page to one JSON file.

Why: a restructuring (moving modules, renaming them) must not change what is extracted.
Run it before and after, then ``diff`` the two files: empty means byte-identical.

    python -m devtools.extraction_snapshot OUT.json [--corpus ../shared/corpus]

Pages are extracted with a fixed ``fetched_at`` so the output depends only on the code.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from scraper.extract.pipeline import extract_html

ROOT = Path(__file__).resolve().parent.parent
FIXED_TIME = datetime(2026, 1, 1, tzinfo=UTC)


def fixture_pages(pages_dir: Path) -> dict[str, dict]:
    """Each fixtures/pages/*/*.html: with its spec's URL and later pages when it has a spec."""
    out: dict[str, dict] = {}
    for html in sorted(pages_dir.glob("*/*.html")):
        spec_file = html.with_suffix(".json")
        spec = json.loads(spec_file.read_text(encoding="utf-8")) if spec_file.exists() else {}
        later = {url: (html.parent / name).read_text(encoding="utf-8") for url, name in spec.get("pages", {}).items()}
        article = extract_html(html.read_bytes(), spec.get("url"), fetched_at=FIXED_TIME, later_pages=later)
        out[str(html.relative_to(ROOT))] = article.to_dict()
    return out


def corpus_pages(corpus: Path) -> dict[str, dict]:
    """Each page the corpus manifest lists, at its original URL."""
    out: dict[str, dict] = {}
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            path = corpus / row["file"]
            if path.suffix != ".html" or not path.exists():
                continue
            article = extract_html(path.read_bytes(), row["original_url"] or None, fetched_at=FIXED_TIME)
            out["corpus/" + row["file"]] = article.to_dict()
    return out


def main(argv: list[str] | None = None) -> int:
    """Write the snapshot; the corpus is skipped (and said so) when it is absent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args(argv)
    snapshot = fixture_pages(ROOT / "fixtures" / "pages")
    if (args.corpus / "MANIFEST.tsv").exists():
        snapshot.update(corpus_pages(args.corpus))
    else:
        print(f"no corpus at {args.corpus}: fixtures only", file=sys.stderr)
    args.out.write_text(json.dumps(snapshot, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(snapshot)} pages -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
