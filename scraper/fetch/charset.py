"""Turning response bytes into text when servers are vague or wrong about the charset.

Order of evidence (strongest first): a byte-order mark, the Content-Type ``charset``, a
``<meta charset>`` / ``http-equiv`` or ``<?xml encoding?>`` declaration in the first bytes,
then charset-normalizer's guess. A declaration is only believed if the bytes decode under
it: Indonesian sites regularly say ``utf-8`` and send windows-1252 (curly quotes from a
word processor), or the reverse. When nothing decodes cleanly we still return text, with
U+FFFD for the bad bytes, because one bad byte must not cost the article.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["charset_from_content_type", "decode_html", "declared_charset"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CT_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]+encoding\s*=\s*[\"']([\w.:-]+)", re.I)
#: WHATWG: these labels mean windows-1252 in browsers, so they do for us.
_AS_CP1252 = {"iso8859-1", "latin-1", "ascii", "us-ascii", "iso-8859-1", "latin1", "cp1252"}
_SNIFF_BYTES = 4096


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode a page; returns ``(text, encoding_used)``. Never raises on bad bytes."""
    bom = _bom(body)
    if bom:
        name, size = bom
        return body[size:].decode(name, errors="replace"), name
    declared = [
        name
        for name in (charset_from_content_type(content_type), declared_charset(body))
        if name is not None
    ]
    if declared and declared[0] == "cp1252" and _strict_utf8_non_ascii(body):
        # Latin-1 declared, valid multi-byte UTF-8 sent: real cp1252 text is almost never
        # valid UTF-8, so the declaration is the lie.
        return body.decode("utf-8"), "utf-8"
    for name in dict.fromkeys(declared):
        try:
            return body.decode(name), name
        except UnicodeDecodeError:
            continue
    if not declared:
        try:
            return body.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    return _best_effort(body, declared)


def charset_from_content_type(content_type: str | None) -> str | None:
    """The normalised ``charset`` parameter of a Content-Type header, if known to Python."""
    if not content_type:
        return None
    match = _CT_CHARSET.search(content_type)
    return _normalize(match.group(1)) if match else None


def declared_charset(body: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or XML declaration near the top of ``body`` names."""
    head = body[:_SNIFF_BYTES]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return _normalize(match.group(1).decode("ascii", "replace")) if match else None


def _normalize(label: str) -> str | None:
    label = label.strip().lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A page cannot really be UTF-16 if its declaration was readable as ASCII.
    return "utf-8" if name.startswith("utf-16") else name


def _bom(body: bytes) -> tuple[str, int] | None:
    for mark, name in _BOMS:
        if body.startswith(mark):
            return name, len(mark)
    return None


def _best_effort(body: bytes, declared: list[str]) -> tuple[str, str]:
    """Nothing declared decodes cleanly: guess, preferring the common real-world lies."""
    if _mostly_utf8(body):
        return body.decode("utf-8", errors="replace"), "utf-8"
    if "utf-8" in declared or not declared:
        # Declared UTF-8 (or nothing) but no valid multi-byte sequence: the classic
        # windows-1252 page. cp1252 leaves only five bytes undefined.
        try:
            return body.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    guess = _detect(body)
    if guess:
        return body.decode(guess, errors="replace"), guess
    name = declared[0] if declared else "cp1252"
    return body.decode(name, errors="replace"), name


def _strict_utf8_non_ascii(body: bytes) -> bool:
    try:
        return not body.decode("utf-8").isascii()
    except UnicodeDecodeError:
        return False


def _mostly_utf8(body: bytes) -> bool:
    """True when the bytes hold more valid multi-byte UTF-8 characters than invalid bytes."""
    text = body.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return good > bad


def _detect(body: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    return _normalize(best.encoding) if best is not None else None
