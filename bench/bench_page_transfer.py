"""What a page costs on its way to an extraction process: its text piped, or its body decoded again.

The fetcher decodes a page it scans for a bot wall (any page up to
:data:`scraper.fetch.botwall.WALL_MAX` characters; a larger 200 is content, left
undecoded); the extraction pool
(:mod:`pipelines.extract_pool`) sends the worker the body only (the worker needs the
bytes anyway: it compresses them for the archive) and the worker decodes it again. This
measures both ways on the real pages of ../shared/corpus (read at bench time, nothing
committed), each page a job as the pool pickles it, for the pages the fetcher decodes
(up to WALL_MAX) and for all of them:

- ``decode``: what the worker spends turning the body into text (``decode_page`` on the
  bytes, less ``decode_page`` on the text it would otherwise be given);
- ``pipe``: what sending the text as well costs: the larger job pickled by the crawl's
  process, written through a real pipe to a worker process, unpickled there (a worker
  that reads the frame and answers one byte, round trip timed per job), minus the same
  for the job without the text (the pipe as wide as the pool makes it); and the bytes
  piped per page.

Rounds alternate the two jobs so machine noise hits both; medians over pages and rounds.

    .venv/bin/python bench/bench_page_transfer.py [--corpus ../shared/corpus] [--rounds 5]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import fcntl
import pickle
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipelines.extract_pool import PIPE_BYTES  # noqa: E402
from pipelines.extract_worker import HEADER  # noqa: E402
from scraper.extract.htmlinput import decode_page  # noqa: E402
from scraper.fetch.botwall import WALL_MAX  # noqa: E402
from scraper.fetch.charset import decode_html  # noqa: E402
from scraper.fetch.page import PageRecord  # noqa: E402

CONTENT_TYPE = "text/html"
#: The far end of the pipe: reads a frame, unpickles it (as the worker does), answers one byte.
ECHO = f"""
import pickle, struct, sys
header, stdin, stdout = struct.Struct({HEADER.format!r}), sys.stdin.buffer, sys.stdout.buffer
while head := stdin.read(header.size):
    pickle.loads(stdin.read(header.unpack(head)[0]))
    stdout.write(b"k")
    stdout.flush()
"""


def _pages(corpus: Path) -> list[PageRecord]:
    """Every HTML page of the corpus as the fetcher hands it on: body and decoded text."""
    pages = []
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            path = corpus / row["file"]
            if path.suffix == ".html" and path.exists():
                body = path.read_bytes()
                url = row["original_url"] or f"https://example.id/{row['file']}"
                pages.append(PageRecord(url, url, 200, CONTENT_TYPE, None, None, datetime.now(UTC), body,
                                        text=decode_html(body, CONTENT_TYPE)[0]))
    return pages


def _decode_ms(page: PageRecord) -> float:
    """The worker's decoding of the body, beyond the checks it runs on text too."""
    assert page.text is not None
    started = time.perf_counter()
    decode_page(page.body, CONTENT_TYPE)
    middle = time.perf_counter()
    decode_page(page.text, CONTENT_TYPE)
    return (2 * middle - started - time.perf_counter()) * 1000


def _send_ms(echo: subprocess.Popen[bytes], page: PageRecord) -> float:
    """Pickle a job holding ``page`` (as the pool does), pipe it, have it unpickled: ms."""
    assert echo.stdin is not None and echo.stdout is not None
    started = time.perf_counter()
    payload = pickle.dumps(([page], "detik", True, True, None), protocol=pickle.HIGHEST_PROTOCOL)
    echo.stdin.write(HEADER.pack(len(payload)) + payload)
    echo.stdin.flush()
    echo.stdout.read(1)
    return (time.perf_counter() - started) * 1000


def _pickle_ms(page: PageRecord) -> float:
    """The crawl's process's share: pickling the job."""
    started = time.perf_counter()
    pickle.dumps(([page], "detik", True, True, None), protocol=pickle.HIGHEST_PROTOCOL)
    return (time.perf_counter() - started) * 1000


def _size(page: PageRecord) -> int:
    return len(pickle.dumps(([page], "detik", True, True, None), protocol=pickle.HIGHEST_PROTOCOL))


def measure(pages: list[PageRecord], rounds: int, label: str) -> None:
    """Print both ways' costs for ``pages``."""
    bare = [replace(page, text=None) for page in pages]
    decode, pipe, pickling = [], [], []
    echo = subprocess.Popen([sys.executable, "-c", ECHO], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    with contextlib.suppress(OSError, AttributeError):  # the pool's pipe width, where Linux grants it
        fcntl.fcntl(echo.stdin.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)  # type: ignore[union-attr]
    try:
        for _ in range(rounds):
            for page, without in zip(pages, bare, strict=True):
                decode.append(_decode_ms(page))
                pipe.append(_send_ms(echo, page) - _send_ms(echo, without))
                pickling.append(_pickle_ms(page) - _pickle_ms(without))
    finally:
        assert echo.stdin is not None
        echo.stdin.close()
        echo.wait()
    body_kb = statistics.median(len(p.body) for p in pages) / 1024
    sizes = [(_size(p), _size(b)) for p, b in zip(pages, bare, strict=True)]
    print(f"{label}: {len(pages)} pages, median body {body_kb:.0f} KB, {rounds} rounds (medians per page)")
    print(f"  bytes piped per job:  body only {statistics.median(b for _, b in sizes) / 1024:.0f} KB, "
          f"body + text {statistics.median(t for t, _ in sizes) / 1024:.0f} KB "
          f"(total {sum(b for _, b in sizes) / 2**20:.1f} -> {sum(t for t, _ in sizes) / 2**20:.1f} MB)")
    print(f"  worker decodes again: {statistics.median(decode):.3f} ms  (mean {statistics.mean(decode):.3f})")
    print(f"  text piped instead:   {statistics.median(pipe):.3f} ms  (mean {statistics.mean(pipe):.3f})"
          "  (pickled in the crawl's process + piped + unpickled)")
    print(f"    of which pickling in the crawl's process: {statistics.median(pickling):.3f} ms "
          f"(mean {statistics.mean(pickling):.3f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    pages = _pages(args.corpus)
    measure([p for p in pages if len(p.body) <= WALL_MAX], args.rounds, f"pages the fetcher decodes (<= {WALL_MAX})")
    measure(pages, args.rounds, "every corpus page")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
