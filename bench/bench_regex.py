"""Hostile-text benchmark: the shared boilerplate and date rules stay linear in the text.

Run: .venv/bin/python bench/bench_regex.py [--sizes 25000 50000 100000] [--budget 5]
(make bench-regex)

A page's text is the attacker's: a paragraph may be 100,000 spaces, dashes, digits or
``<br>`` tags. Each rule that reads text (the boilerplate filter of ``scraper clean`` and
of every extraction, the date finders, the whole extraction of an HTML page) runs on
such runs at growing sizes; the table prints seconds per call and the growth from the
last size to the one before it (``x2.0`` when the text doubled: linear; ``x4`` would be
quadratic). A rule past ``--budget`` seconds is not run on bigger sizes (shown ``>``).
``extract_html`` is the whole extraction, trafilatura (a dependency) included: its time
on thousands of ``<br>`` is trafilatura's tree walks, not a rule of ours.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scraper.extract.boilerplate import clean_paragraphs, clean_text, is_boilerplate, strip_inline  # noqa: E402
from scraper.extract.dates import date_line, find_date_in_text, parse_date  # noqa: E402
from scraper.extract.pipeline import extract_html  # noqa: E402

#: name -> one unit of the run; the run is repeated to the size asked (in characters).
RUNS = {
    "spaces": " ",
    "dashes": "-",
    "digits": "1",
    "<br>": "<br>",
    "mixed": "- 1 ",
}


def _paragraph(unit: str, size: int) -> str:
    """A paragraph that starts like a rule's subject and then never completes it: a
    capitalised word (datelines, bylines), the run, and an ending no rule expects."""
    return "Jakarta " + unit * (size // len(unit)) + " x"


def _page(unit: str, size: int) -> str:
    body = _paragraph(unit, size)
    return (f"<html><head><title>Judul berita</title></head><body><article><h1>Judul berita</h1>"
            f"<p>{body}</p><p>Kamis, 13 Maret 2025 {unit * (size // len(unit) // 4)} 08:15 WIB</p>"
            "</article></body></html>")


#: rule -> call on (unit, size)
RULES: dict[str, Callable[[str, int], object]] = {
    "clean_text": lambda unit, n: clean_text(_paragraph(unit, n) + "\n\n" + _paragraph(unit, n)),
    "clean_paragraphs": lambda unit, n: clean_paragraphs([_paragraph(unit, n), unit * (n // len(unit))]),
    "is_boilerplate": lambda unit, n: is_boilerplate("Baca juga " + unit * (n // len(unit))),
    "strip_inline": lambda unit, n: strip_inline("(ant) " + unit * (n // len(unit)) + " (ant"),
    "parse_date": lambda unit, n: parse_date("13 " + unit * (n // len(unit)) + " Maret"),
    "find_date_in_text": lambda unit, n: find_date_in_text("Kamis, 13 Maret 2025" + unit * (n // len(unit)) + "WIB"),
    "date_line": lambda unit, n: date_line(unit * (n // len(unit)) + " 13/03/2025"),
    "extract_html": lambda unit, n: extract_html(_page(unit, n), "https://www.kabarcontoh.id/berita/1"),
}


def _time(call: Callable[[str, int], object], unit: str, size: int) -> float:
    """The best of up to three calls (one when a call takes over a second): the machine
    is shared, and the least disturbed call is the rule's own cost."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        call(unit, size)
        best = min(best, time.perf_counter() - started)
        if best > 1.0:
            break
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 50_000, 100_000])
    parser.add_argument("--budget", type=float, default=5.0, help="seconds; a slower rule skips bigger sizes")
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    for call in RULES.values():  # imports, compiled patterns, trafilatura's first-call setup
        call(" ", 100)
    header = f"{'rule':<18} {'run':<7}" + "".join(f"{size:>10,}" for size in sizes) + "   growth"
    print(header)
    print("-" * len(header))
    worst = 0.0
    for name, call in RULES.items():
        for run, unit in RUNS.items():
            times: list[float] = []
            for size in sizes:
                if times and times[-1] > args.budget:
                    break
                times.append(_time(call, unit, size))
            cells = "".join(f"{t:>10.4f}" for t in times) + "".join(f"{'>':>10}" for _ in sizes[len(times):])
            growth = times[-1] / max(times[-2], 1e-6) if len(times) >= 2 else float("inf")
            worst = max(worst, times[-1])
            print(f"{name:<18} {run:<7}{cells}   x{growth:.1f}")
    print(f"\nslowest call at {sizes[-1]:,} characters: {worst:.3f}s (seconds per call; growth = last/previous)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
