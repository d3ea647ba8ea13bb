"""Near-duplicate text: word shingles, MinHash bands for candidate lookup, exact similarity.

A syndicated copy of a story (a Tribun regional edition, a KLY sister site, Antara agency
copy) differs from the original by its dateline prefix ("TRIBUNJOGJA.COM -"), a trailer
("Artikel ini telah tayang di ..."), dropped or moved paragraphs and small edits. Most of
its word 4-grams are the original's, so the Jaccard similarity of the two shingle sets is
high, while two different stories on the same topic share only a few boilerplate or quoted
sentences.

Finding the candidates must not mean comparing a new article with every stored one. MinHash
(``NUM_BANDS`` bands of ``ROWS_PER_BAND`` minimums) gives each text a few band keys; texts
with Jaccard similarity J share at least one key with probability 1 - (1 - J^r)^b: with the
values below 0.96 at the threshold (J = 0.35), 0.999 at J = 0.5, 0.2 at J = 0.1. The store
indexes the keys, so a lookup costs a few index probes, and every candidate is then verified
with the exact similarity of the two texts: the bands decide who is compared, never who is
a duplicate. Two rows per band (rather than more) because the exact check removes the
extra candidates cheaply, while each missed candidate is a missed copy.

Why our own MinHash: datasketch (the usual library) needs numpy and scipy, and its LSH
index lives in memory or Redis, not in our store; what we need from it is the signature,
which is ~20 lines over hashlib's blake2b (stable across processes and machines, unlike
Python's ``hash``). SimHash was the other choice; it tells near-exact copies apart well,
but a copy with a fifth of its paragraphs dropped is ~10 of 64 bits away, too far for a
banded index.

The threshold is measured on a generated evaluation set (``bench/eval_neardup.py``;
data/README.md reports precision and recall).
"""

from __future__ import annotations

import hashlib
import re
import struct
import sys
from array import array
from collections.abc import Iterable

__all__ = ["MIN_SHINGLES", "NUM_BANDS", "ROWS_PER_BAND", "THRESHOLD", "band_keys", "jaccard", "shingles"]

#: Words per shingle.
SHINGLE_WORDS = 4
#: Band layout: NUM_BANDS keys per text, each from ROWS_PER_BAND MinHash values.
NUM_BANDS, ROWS_PER_BAND = 24, 2
#: Jaccard similarity of the shingle sets from which two texts are one story.
THRESHOLD = 0.35
#: Texts with fewer shingles (about 20 words) are too short to call duplicates.
MIN_SHINGLES = 16

_WORD = re.compile(r"\w+")
_PER_DIGEST = 16  # 32-bit values in one 64-byte blake2b digest
_DIGESTS = -(-NUM_BANDS * ROWS_PER_BAND // _PER_DIGEST)
#: An array type code of 32-bit unsigned words ("I" nearly everywhere).
_WORD32 = next(code for code in "IL" if array(code).itemsize == 4)


def shingles(text: str) -> frozenset[str]:
    """The text's word 4-grams, lower case, taken within each paragraph (so moving a
    paragraph changes nothing); a paragraph shorter than 4 words counts as one shingle."""
    found: set[str] = set()
    for paragraph in text.split("\n"):
        words = _WORD.findall(paragraph.lower())
        if len(words) < SHINGLE_WORDS:
            if words:
                found.add(" ".join(words))
            continue
        found.update(" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1))
    return frozenset(found)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a & b| / |a | b| (0 for two empty sets)."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def _signature(items: Iterable[str]) -> list[int]:
    """NUM_BANDS * ROWS_PER_BAND MinHash values: for each of the blake2b-keyed hash
    functions, the smallest hash over the items.

    The values are stored (band keys), so they must never change; the speed comes from how
    they are computed: one salted hasher per digest copied per item (building a keyed
    blake2b costs more than hashing a shingle), and each digest column's minimum taken over
    one array of all the digests' words instead of a tuple per digest. Extraction workers
    run this for every article."""
    encoded = [item.encode() for item in items]
    values: list[int] = []
    for salt in range(_DIGESTS):
        keyed = hashlib.blake2b(digest_size=64, salt=salt.to_bytes(2, "little"))
        digests = []
        for item in encoded:
            one = keyed.copy()
            one.update(item)
            digests.append(one.digest())
        words = array(_WORD32, b"".join(digests))
        if sys.byteorder == "big":
            words.byteswap()  # the digest's words are read little-endian
        values.extend(min(words[column::_PER_DIGEST]) for column in range(_PER_DIGEST))
    return values[: NUM_BANDS * ROWS_PER_BAND]


def band_keys(items: frozenset[str]) -> list[int]:
    """One signed 63-bit key per band (an SQL INTEGER/BIGINT), the band's number mixed in
    so equal values in different bands never collide; empty below MIN_SHINGLES."""
    if len(items) < MIN_SHINGLES:
        return []
    signature = _signature(items)
    keys = []
    for band in range(NUM_BANDS):
        rows = signature[band * ROWS_PER_BAND : (band + 1) * ROWS_PER_BAND]
        digest = hashlib.blake2b(struct.pack(f"<H{ROWS_PER_BAND}I", band, *rows), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little") >> 1)
    return keys
