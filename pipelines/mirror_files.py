"""Which file of the mirror answers a request: Host header + path -> a file inside the root.

Why a module of its own: the mirror serves a directory to whatever can reach its port, and
the Host header, the path and the query are all text the client chose. Everything that
turns them into a filesystem path is here, in one place that can be read and tested:

- the host must be a plain host name (labels of letters, digits, ``-`` and ``_`` joined by
  dots; port and one trailing dot removed). ``/etc``, ``..``, ``a/b`` or an empty Host never
  name a directory: joined to the root, an absolute or dotted "host" would leave it;
- the path is percent-decoded once; a ``..`` segment or a NUL refuses the request;
- every candidate (including ``<path>__<query>`` names and a directory's ``index.html``) is
  resolved with symlinks followed and used only when its real path is inside the real root,
  so a symlink in the tree that points elsewhere is treated as a missing file.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["find_file", "plain_host"]

_LABEL = r"[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?"
_HOST = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")


def plain_host(header: str | None) -> str | None:
    """The host name of a Host header (lower-case, no port, no trailing dot), or None when
    it is not a plain host name."""
    host = (header or "").strip().lower()
    if host.startswith("["):  # an IPv6 literal: never the name of a mirrored site
        return None
    host = host.rsplit(":", 1)[0] if ":" in host else host
    host = host[:-1] if host.endswith(".") else host
    return host if _HOST.fullmatch(host) else None


def _inside(path: Path, root: Path) -> Path | None:
    """``path`` with symlinks resolved, when that is ``root`` or below it; else None."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return None
    return real if real == root or real.is_relative_to(root) else None


def _existing_file(candidate: Path, root: Path) -> Path | None:
    real = _inside(candidate, root)
    if real is not None and real.is_dir():
        real = _inside(real / "index.html", root)
    return real if real is not None and real.is_file() else None


def find_file(root: Path, host: str, target: str) -> Path | None:
    """The real path of the file serving ``target`` (path + query as sent) for ``host``.

    Mapping (see :mod:`pipelines.mirror`): ``root/<host>/<path>``, ``www.`` removed or added
    when ``root/<host>`` is missing, a directory serves its ``index.html``, a query picks
    ``<path>__<query>`` first (``/`` in the query written ``%2F``). None when nothing inside
    the root matches.
    """
    name = plain_host(host)
    if name is None:
        return None
    parts = urlsplit(target)
    path = unquote(parts.path) or "/"
    if "\x00" in path or "\x00" in parts.query or ".." in Path(path).parts:
        return None
    real_root = root.resolve()
    rel = path.lstrip("/")
    other = name.removeprefix("www.") if name.startswith("www.") else "www." + name
    for host_name in (name, other):
        if plain_host(host_name) is None:
            continue
        base = _inside(root / host_name, real_root)
        if base is None or base == real_root or not base.is_dir():
            continue
        candidates = [f"{rel}__{parts.query.replace('/', '%2F')}"] if parts.query else []
        for candidate in [*candidates, rel]:
            found = _existing_file(base / candidate, real_root)
            if found is not None:
                return found
    return None
