"""Does a learned site template help? Leave-one-out, profiles off, per site, side by side.

For every article page of a site that has at least two *other* pages in the set, the page
is extracted (a) alone on the generic path and (b) with the template learned from the
site's other pages only (scraper.extract.template), and both are scored with the shared scorer's
own rules (../shared/tools/score_extraction.py: body token F1, leaking pages). Sets: the
gold corpus, CleanPortalEval (4 domains), and the mirror's synthetic unseen sites
(fixtures/unseen: pages and expected bodies we wrote).

    .venv/bin/python bench/bench_template.py [--shared ../shared] [--set corpus cpe unseen]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from scraper.extract.htmlinput import decode_page
from scraper.extract.pipeline import extract_html
from scraper.extract.template import MIN_PAGES, learn

ROOT = Path(__file__).resolve().parent.parent


def _scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_extraction", shared / "tools" / "score_extraction.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold_pages(scorer: ModuleType, corpus: Path) -> list[tuple[dict[str, Any], bytes]]:
    pages = []
    for gold in scorer.load_gold(corpus):
        if gold.get("page_type") == "not_article":
            continue
        raw = (corpus / gold["file"]).read_bytes()
        pages.append((gold, gzip.decompress(raw) if gold["file"].endswith(".gz") else raw))
    return pages


def _unseen_pages(root: Path) -> list[tuple[dict[str, Any], bytes]]:
    pages = []
    for expected in sorted((root / "expected").glob("*.json")):
        for item in json.loads(expected.read_text(encoding="utf-8")):
            parts = urlsplit(item["url"])
            path = root / "sites" / parts.hostname / parts.path.strip("/")  # type: ignore[operator]
            file = path / "index.html" if path.is_dir() else path
            gold = {"_path": f"{parts.hostname}{parts.path}", "site": parts.hostname, "url": item["url"],
                    "page_type": "article", "body": item["body"], "must_not_contain": []}
            pages.append((gold, file.read_bytes()))
    return pages


def _host(gold: dict[str, Any]) -> str:
    return gold.get("site") or urlsplit(gold.get("url") or "").hostname or "?"


def run_set(scorer: ModuleType, pages: list[tuple[dict[str, Any], bytes]]) -> list[dict[str, Any]]:
    """Per site: pages scored, mean F1 alone and with a template, leaking pages, outcomes."""
    by_site: dict[str, list[tuple[dict[str, Any], bytes]]] = defaultdict(list)
    for gold, html in pages:
        by_site[_host(gold)].append((gold, html))
    rows = []
    for site, items in sorted(by_site.items()):
        trees = [(gold.get("url") or "", LexborHTMLParser(decode_page(html))) for gold, html in items]
        alone, templated, outcomes = [], [], Counter[str]()
        for i, (gold, html) in enumerate(items):
            others = trees[:i] + trees[i + 1:]
            if len(others) < MIN_PAGES:
                continue
            template = learn(site, others)
            plain = extract_html(html, gold.get("url"), use_profiles=False)
            learned = extract_html(html, gold.get("url"), use_profiles=False, template=template)
            outcomes[learned.template or "none"] += 1
            alone.append(scorer.score_one(gold, plain.to_dict()))
            templated.append(scorer.score_one(gold, learned.to_dict()))
        if alone:
            rows.append({"site": site, "pages": len(alone), "alone": _mean_f1(alone), "template": _mean_f1(templated),
                         "leaks_alone": _leaks(alone), "leaks_template": _leaks(templated),
                         "outcomes": dict(outcomes), "f1_alone": [r["f1"] for r in alone],
                         "f1_template": [r["f1"] for r in templated]})
    return rows


def _mean_f1(rows: list[dict[str, Any]]) -> float:
    return sum(r["f1"] for r in rows) / len(rows)


def _leaks(rows: list[dict[str, Any]]) -> int:
    return sum(1 for r in rows if r["leaks"])


def _print(name: str, rows: list[dict[str, Any]]) -> None:
    print(f"\n## {name}")
    print(f"{'site':<26} {'pages':>5} {'F1 alone':>9} {'F1 tmpl':>8} {'leaks':>9}  template used/fallback/miss")
    for r in rows:
        o = r["outcomes"]
        outcomes = f"{o.get('used', 0)}/{o.get('fallback', 0)}/{o.get('miss', 0)}"
        print(f"{r['site']:<26} {r['pages']:>5} {r['alone']:>9.3f} {r['template']:>8.3f} "
              f"{r['leaks_alone']:>4}->{r['leaks_template']:<4}  {outcomes}")
    alone = [f for r in rows for f in r["f1_alone"]]
    templated = [f for r in rows for f in r["f1_template"]]
    if alone:
        worse = sum(1 for a, t in zip(alone, templated, strict=True) if t < a - 0.005)
        better = sum(1 for a, t in zip(alone, templated, strict=True) if t > a + 0.005)
        print(f"{'overall':<26} {len(alone):>5} {sum(alone) / len(alone):>9.3f} {sum(templated) / len(templated):>8.3f} "
              f"{sum(r['leaks_alone'] for r in rows):>4}->{sum(r['leaks_template'] for r in rows):<4}  "
              f"pages better {better}, worse {worse}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--set", nargs="+", default=["corpus", "cpe", "unseen"], choices=["corpus", "cpe", "unseen"])
    parser.add_argument("--json", type=Path, help="write the per-site rows here")
    args = parser.parse_args()
    scorer = _scorer(args.shared)
    sources = {
        "corpus": lambda: _gold_pages(scorer, args.shared / "corpus"),
        "cpe": lambda: _gold_pages(scorer, args.shared / "bench" / "cleanportaleval"),
        "unseen": lambda: _unseen_pages(ROOT / "fixtures" / "unseen"),
    }
    report = {}
    for name in args.set:
        report[name] = run_set(scorer, sources[name]())
        _print(name, report[name])
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
