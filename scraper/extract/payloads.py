"""The data a script-built page embeds for its own scripts, read as Python data.

Next.js, Nuxt and their kin render little or nothing into the HTML body and ship the
story in a script instead. Each reader here returns the parsed data of one kind of
payload, or None when the page has none (or it does not parse: never an exception):

- ``next_data``: Next.js pages router, ``<script id="__NEXT_DATA__">`` JSON;
- ``next_f``: Next.js app router, ``self.__next_f.push([1, "..."])`` React Server
  Component "flight" rows (``id:JSON`` lines and ``id:T<hex length>,<text>`` text rows,
  which hold long HTML strings; ``"$id"`` in the JSON refers to another row);
- ``nuxt_data``: Nuxt 3, ``<script id="__NUXT_DATA__">``, a devalue array (every value
  an index into the array);
- ``nuxt``: Nuxt 2, ``window.__NUXT__ = <JavaScript expression>`` (:mod:`scraper.extract.jsliteral`);
- ``payload_json``: Nuxt 3 with payload extraction (tempo.co since 2024): the HTML holds
  ``window.__NUXT__={}`` and the data sits in ``<page>/_payload.json``, a second request.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from scraper.extract.jsliteral import parse_js_value

__all__ = ["READERS", "find", "parse_payload_json", "strings", "unflatten"]

#: Payloads nest a few dozen levels; walks stop deeper than this (hostile pages).
MAX_DEPTH = 60
#: Nuxt's devalue revivers that wrap one value (reactivity, refs).
_WRAPPERS = frozenset({"Reactive", "ShallowReactive", "Ref", "ShallowRef", "EmptyRef", "EmptyShallowRef",
                       "Object", "BigInt", "Date", "NuxtError", "Island", "RegExp"})
_FLIGHT_PUSH = re.compile(r"self\.__next_f\.push\((\[.*\])\)\s*;?\s*$", re.S)
_NUXT_ASSIGN = re.compile(r"window\.__NUXT__\s*=\s*")
_ROW_TAG = re.compile(r"[A-Z]*")
_REF = re.compile(r"^\$[@L]?([0-9a-f]+)$")


def _json(text: str | None) -> Any:
    try:
        return json.loads(text or "")
    except (ValueError, RecursionError):
        return None


def next_data(tree: LexborHTMLParser) -> Any:
    node = tree.css_first("script#__NEXT_DATA__")
    return _json(node.text(deep=True)) if node is not None else None


def nuxt_data(tree: LexborHTMLParser) -> Any:
    node = tree.css_first("script#__NUXT_DATA__")
    data = _json(node.text(deep=True)) if node is not None else None
    return unflatten(data) if isinstance(data, list) else None


def nuxt(tree: LexborHTMLParser) -> Any:
    for script in tree.css("script"):
        text = script.text(deep=True) or ""
        match = _NUXT_ASSIGN.search(text)
        if match:
            try:
                return parse_js_value(text[match.end():])
            except ValueError:
                return None
    return None


def next_f(tree: LexborHTMLParser) -> Any:
    """The flight rows as {row id: value}; a text row's value is its text."""
    chunks: list[str] = []
    for script in tree.css("script"):
        text = (script.text(deep=True) or "").strip()
        if not text.startswith("self.__next_f.push("):
            continue
        match = _FLIGHT_PUSH.match(text)
        pushed = _json(match.group(1)) if match else None
        if isinstance(pushed, list) and len(pushed) == 2 and pushed[0] == 1 and isinstance(pushed[1], str):
            chunks.append(pushed[1])
    return _flight_rows("".join(chunks)) if chunks else None


def _flight_rows(data: str) -> dict[str, Any]:
    raw, rows, pos = data.encode("utf-8"), {}, 0
    while pos < len(raw):
        colon = raw.find(b":", pos)
        if colon < 0:
            break
        row_id = raw[pos:colon].decode("utf-8", "replace").strip()
        if raw[colon + 1:colon + 2] == b"T":  # T<hex byte length>,<text> with no newline after
            comma = raw.find(b",", colon)
            try:
                size = int(raw[colon + 2:comma], 16)
            except ValueError:
                break
            rows[row_id] = raw[comma + 1:comma + 1 + size].decode("utf-8", "replace")
            pos = comma + 1 + size
            continue
        end = raw.find(b"\n", colon)
        end = len(raw) if end < 0 else end
        line = raw[colon + 1:end].decode("utf-8", "replace")
        value = _json(line[_ROW_TAG.match(line).end():])  # type: ignore[union-attr]
        if value is not None:
            rows[row_id] = value
        pos = end + 1
    return rows


def parse_payload_json(text: str) -> Any:
    """A ``_payload.json`` document: devalue-flattened (Nuxt 3) or plain JSON."""
    data = _json(text)
    return unflatten(data) if isinstance(data, list) else data


def unflatten(values: list[Any]) -> Any:
    """devalue's flat array back into nested data (``hydrate(0)``); Nuxt's revivers
    (Reactive, Ref...) unwrap to their value, Set/Map become lists/dicts."""
    memo: dict[int, Any] = {}

    def hydrate(index: Any, depth: int) -> Any:
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(values):
            return None  # -1 undefined, -2 hole, -3 NaN...
        if index in memo or depth > MAX_DEPTH:
            return memo.get(index)
        memo[index] = None  # a cycle reads as None
        value = values[index]
        if isinstance(value, dict):
            out: Any = {key: hydrate(item, depth + 1) for key, item in value.items()}
        elif isinstance(value, list) and value and isinstance(value[0], str):
            out = _revive(value, lambda item: hydrate(item, depth + 1))
        elif isinstance(value, list):
            out = [hydrate(item, depth + 1) for item in value]
        else:
            out = value
        memo[index] = out
        return out

    return hydrate(0, 0)


def _revive(value: list[Any], hydrate: Callable[[Any], Any]) -> Any:
    kind, args = value[0], value[1:]
    if kind in ("Date", "RegExp", "BigInt"):
        return args[0] if args else None
    if kind == "Set":
        return [hydrate(item) for item in args]
    if kind in ("Map", "null"):  # Map: hydrated key/value pairs; null-prototype object: raw keys
        keys = [str(hydrate(k)) if kind == "Map" else str(k) for k in args[0::2]]
        return {key: hydrate(item) for key, item in zip(keys, args[1::2], strict=False)}
    return hydrate(args[0]) if args and (kind in _WRAPPERS or len(args) == 1) else None


#: Payload kind -> its reader on the page (``payload_json`` is read from a second document).
READERS: dict[str, Callable[[LexborHTMLParser], Any]] = {
    "next_data": next_data, "next_f": next_f, "nuxt_data": nuxt_data, "nuxt": nuxt,
}


def find(data: Any, path: str, refs: dict[str, Any] | None = None) -> Iterator[Any]:
    """Every value at ``path`` in ``data``: dotted keys or list indices, ``*`` any one
    key or index, ``**`` any depth (zero or more levels). ``refs`` resolves flight
    references ("$1f" -> row 1f)."""
    yield from _find(data, [part for part in path.split(".") if part], refs or {}, 0, set())


def _find(data: Any, parts: list[str], refs: dict[str, Any], depth: int, seen: set[tuple[int, int]]
          ) -> Iterator[Any]:
    data = _resolve(data, refs)
    if depth > MAX_DEPTH:
        return
    if not parts:
        yield data
        return
    head, rest = parts[0], parts[1:]
    if head == "**":
        # Payloads share objects (devalue indices, flight references): a shared object is
        # searched once per remaining path, not once per path leading to it.
        if isinstance(data, dict | list):
            if (id(data), len(parts)) in seen:
                return
            seen.add((id(data), len(parts)))
        yield from _find(data, rest, refs, depth + 1, seen)
        for child in _children(data):
            yield from _find(child, parts, refs, depth + 1, seen)
        return
    for key, child in _items(data):
        if head in ("*", key):
            yield from _find(child, rest, refs, depth + 1, seen)


def strings(data: Any, refs: dict[str, Any] | None = None) -> Iterator[tuple[str, Any]]:
    """Every string in ``data`` with the object holding it (None inside a bare list), each
    string object once: a payload that references one 168 KB string 50,000 times (devalue
    indices, flight references) yields it once, with the first object holding it, instead
    of having the caller measure 8 GB of text."""
    stack: list[tuple[Any, Any, int]] = [(data, None, 0)]
    seen: set[int] = set()
    while stack:
        value, holder, depth = stack.pop()
        value = _resolve(value, refs or {})
        if isinstance(value, str):
            if id(value) not in seen:
                seen.add(id(value))
                yield value, holder
        elif depth < MAX_DEPTH and isinstance(value, dict | list) and id(value) not in seen:
            seen.add(id(value))
            parent = value if isinstance(value, dict) else holder
            stack.extend((child, parent, depth + 1) for child in reversed(_children(value)))


def _resolve(value: Any, refs: dict[str, Any]) -> Any:
    if refs and isinstance(value, str):
        match = _REF.match(value)
        if match and match.group(1) in refs:
            return refs[match.group(1)]
    return value


def _items(data: Any) -> list[tuple[str, Any]]:
    if isinstance(data, dict):
        return [(str(key), value) for key, value in data.items()]
    if isinstance(data, list):
        return [(str(index), value) for index, value in enumerate(data)]
    return []


def _children(data: Any) -> list[Any]:
    return [value for _, value in _items(data)]
