"""One extraction worker process: jobs in on stdin, results out on stdout.

Started by :class:`pipelines.extract_pool.ExtractPool` as ``python -m
pipelines.extract_worker``. The protocol is a frame per message: 4 bytes of big-endian
length, then a pickle. A job is ``(pages, profile name, use_profiles, bands)``; the answer is
``(Article, [Packed | None, ...])``: the extracted article, and the compressed form of
each page not yet archived (the other CPU cost of a stored page).

Pickle is safe here: both ends are this program, over a private pipe.
"""

from __future__ import annotations

import pickle
import signal
import struct
import sys
from typing import BinaryIO

from scraper.article import Article
from scraper.extract.template import Template
from scraper.fetch.page import Packed, PageRecord

HEADER = struct.Struct(">I")


def run_job(
    pages: list[PageRecord], profile: str | None, use_profiles: bool, bands: bool = True,
    template: Template | None = None,
) -> tuple[Article, list[Packed | None]]:
    """Extract, compute the body's MinHash band keys, and compress the pages not yet
    archived (no ``id``): the CPU work of a stored article, off the crawl's core."""
    from scraper.dedupe.neardup import band_keys, shingles  # noqa: PLC0415
    from scraper.extract.pipeline import extract_pages  # noqa: PLC0415 - imported at start-up, see main()
    from scraper.sites import get_profile  # noqa: PLC0415

    found = get_profile(profile) if profile else None
    article = extract_pages(pages, use_profiles=use_profiles, profile=found, template=template)
    article.count()
    if bands and article.status == "ok":  # the dedupe pass's MinHash, on this core, not the crawl's
        article.bands = band_keys(shingles(article.body))
    return article, [page.pack() if page.id is None else None for page in pages]


def read_frame(stream: BinaryIO) -> bytes | None:
    head = stream.read(HEADER.size)
    if len(head) < HEADER.size:
        return None
    (size,) = HEADER.unpack(head)
    return stream.read(size)


def write_frame(stream: BinaryIO, payload: bytes) -> None:
    stream.write(HEADER.pack(len(payload)) + payload)
    stream.flush()


def main() -> None:
    # Ctrl-C reaches the whole process group: the crawl decides when workers stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import scraper.extract.pipeline  # noqa: F401, PLC0415 - pay the imports before the first page

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the protocol
    while (frame := read_frame(stdin)) is not None:
        write_frame(stdout, pickle.dumps(run_job(*pickle.loads(frame)), protocol=pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    main()
