"""JavaScript literals as Python data: what ``window.__NUXT__ = ...`` assigns.

Nuxt 2 pages serialise their state as a JavaScript expression, not JSON: unquoted keys,
single-quoted strings, ``void 0``, and usually a function call whose parameters stand
for the repeated values: ``(function(a,b){return {title:a,tags:[a,b]}}("x","y"))``. Only
literals and that one call shape are understood (no evaluation, nothing executed); any
other syntax raises ValueError, so the caller treats the page as having no payload.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["parse_js_value"]

#: Deeper nesting is refused: a payload is a few dozen levels deep, a hostile page more.
MAX_DEPTH = 200
_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_SPACE = re.compile(r"(?:\s+|/\*.*?\*/|//[^\n]*)+", re.S)
_KEYWORDS: dict[str, Any] = {"true": True, "false": False, "null": None, "undefined": None, "NaN": None,
                             "Infinity": None}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def parse_js_value(text: str) -> Any:
    """The value of the JavaScript expression at the start of ``text`` (what follows it,
    such as ``;window.__NUXT__.config=...``, is ignored)."""
    try:
        value, _ = _Parser(text).value(0, {})
    except (IndexError, RecursionError) as exc:  # cut-off text, absurd nesting
        raise ValueError(f"not a JavaScript literal: {exc}") from None
    return value


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def value(self, depth: int, names: dict[str, Any]) -> tuple[Any, int]:
        if depth > MAX_DEPTH:
            raise ValueError("nested too deep")
        char = self._peek()
        if not char:
            raise ValueError("unexpected end")
        if char in "\"'`":
            return self._string(), self.pos
        if char == "{":
            return self._object(depth, names), self.pos
        if char == "[":
            return self._array(depth, names), self.pos
        if char == "(":
            return self._call(depth, names), self.pos
        number = _NUMBER.match(self.text, self.pos)
        if number:
            self.pos = number.end()
            digits = number.group()
            return (int(digits) if digits.lstrip("-").isdigit() else float(digits)), self.pos
        word = self._ident()
        if word == "void":
            self.value(depth + 1, names)
            return None, self.pos
        if word == "new":  # new Date(...), new Map(): the argument is the useful part
            self._ident()
            self._expect("(")
            inner = self.value(depth + 1, names)[0] if self._peek() != ")" else None
            self._expect(")")
            return inner, self.pos
        if word in _KEYWORDS:
            return _KEYWORDS[word], self.pos
        if word in names:
            return names[word], self.pos
        raise ValueError(f"unknown name {word!r}")

    def _call(self, depth: int, names: dict[str, Any]) -> Any:
        """``(function(a,b){return EXPR}(x,y))``: EXPR with a, b bound to x, y."""
        self._expect("(")
        if self._ident() != "function":
            raise ValueError("only a function call is understood in parentheses")
        self._expect("(")
        params: list[str] = []
        while self._peek() != ")":
            params.append(self._ident())
            if self._peek() == ",":
                self.pos += 1
        self._expect(")")
        self._expect("{")
        if self._ident() != "return":
            raise ValueError("function body is not a return")
        body_start = self.pos
        self._skip_balanced("}")
        self._expect("}")
        self._expect("(")
        args: list[Any] = []
        while self._peek() != ")":
            args.append(self.value(depth + 1, names)[0])
            if self._peek() == ",":
                self.pos += 1
        self._expect(")")
        self._expect(")")
        end = self.pos
        scope = {**names, **dict(zip(params, args + [None] * (len(params) - len(args)), strict=True))}
        self.pos = body_start
        value = self.value(depth + 1, scope)[0]
        self.pos = end
        return value

    def _object(self, depth: int, names: dict[str, Any]) -> dict[str, Any]:
        self._expect("{")
        out: dict[str, Any] = {}
        while self._peek() != "}":
            char = self._peek()
            key = self._string() if char and char in "\"'" else self._key()
            self._expect(":")
            out[key] = self.value(depth + 1, names)[0]
            if self._peek() == ",":
                self.pos += 1
        self._expect("}")
        return out

    def _array(self, depth: int, names: dict[str, Any]) -> list[Any]:
        self._expect("[")
        out: list[Any] = []
        while self._peek() != "]":
            out.append(self.value(depth + 1, names)[0])
            if self._peek() == ",":
                self.pos += 1
        self._expect("]")
        return out

    def _key(self) -> str:
        number = _NUMBER.match(self.text, self.pos)
        if number:
            self.pos = number.end()
            return number.group()
        return self._ident()

    def _string(self) -> str:
        quote = self.text[self.pos]
        self.pos += 1
        parts: list[str] = []
        while True:
            end = self.pos
            while end < len(self.text) and self.text[end] not in (quote, "\\"):
                end += 1
            if end >= len(self.text):
                raise ValueError("unterminated string")
            parts.append(self.text[self.pos:end])
            self.pos = end + 1
            if self.text[end] == quote:
                return "".join(parts)
            parts.append(self._escape())

    def _escape(self) -> str:
        char = self.text[self.pos:self.pos + 1]
        if char == "u" and self.text[self.pos + 1:self.pos + 2] == "{":
            close = self.text.index("}", self.pos)
            code, self.pos = int(self.text[self.pos + 2:close], 16), close + 1
            return chr(code)
        if char in ("u", "x"):
            size = 4 if char == "u" else 2
            digits = self.text[self.pos + 1:self.pos + 1 + size]
            self.pos += 1 + size
            return chr(int(digits, 16))
        self.pos += 1
        return _ESCAPES.get(char, char)

    def _skip_balanced(self, closer: str) -> None:
        """Move to the ``closer`` that ends the current block, skipping strings and nested
        brackets (the function body is parsed later, once its parameters are bound)."""
        depth = 0
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char in "\"'`":
                self._string()
                continue
            if char in "{[(":
                depth += 1
            elif char in "}])":
                if depth == 0 and char == closer:
                    return
                depth -= 1
            self.pos += 1
        raise ValueError("unbalanced brackets")

    def _ident(self) -> str:
        self._skip_space()
        match = _IDENT.match(self.text, self.pos)
        if not match:
            raise ValueError(f"unexpected {self.text[self.pos:self.pos + 20]!r}")
        self.pos = match.end()
        return match.group()

    def _expect(self, char: str) -> None:
        if self._peek() != char:
            raise ValueError(f"expected {char!r} at {self.pos}")
        self.pos += 1

    def _peek(self) -> str:
        self._skip_space()
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def _skip_space(self) -> None:
        match = _SPACE.match(self.text, self.pos)
        if match:
            self.pos = match.end()
