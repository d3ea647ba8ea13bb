"""Recognising bot walls: pages that stand in for the article and must not be stored.

A challenge page is a valid HTML 200 or 403/503, so without this check the crawl would
store "Just a moment..." as an article, or retry a wall that will never open. Markers are
split in two: *strong* ones only appear on challenge pages (Cloudflare's challenge
options, DataDome, PerimeterX, Incapsula) and count on any wall-sized page; *weak* ones (a
reCAPTCHA widget, "Access Denied", Cloudflare's challenge-platform script, which it also
injects into normal pages) appear on real articles too, so on a 200 they count only when
the page is short, i.e. when there is no article around them. Walls are small: a 200 page
over ``WALL_MAX`` characters is never called one (and is not scanned, which keeps this
check cheap on big articles).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["WALL_MAX", "challenge_header", "detect_block", "too_big_for_a_wall"]

#: (wall name, a lower-case substring the marker cannot match without, the marker).
#: The substring test runs first: it keeps the check at one lower() per page.
_STRONG = (
    ("cloudflare challenge", "just a moment", re.compile(r"<title>\s*just a moment\.\.\.\s*</title>", re.I)),
    ("cloudflare challenge", "cf-chl-", re.compile(r"cf-chl-", re.I)),
    ("cloudflare challenge", "_cf_chl_opt", re.compile(r"_cf_chl_opt", re.I)),
    ("cloudflare challenge", "cf-browser-verif", re.compile(r"cf-browser-verif", re.I)),
    ("cloudflare block", "attention required", re.compile(r"attention required!?\s*\|\s*cloudflare", re.I)),
    ("datadome", "captcha-delivery", re.compile(r"captcha-delivery\.com|geo\.captcha-delivery", re.I)),
    ("perimeterx", "px-captcha", re.compile(r"px-captcha", re.I)),
    ("perimeterx", "_pxcaptcha", re.compile(r"_pxCaptcha", re.I)),
    ("incapsula", "incapsula", re.compile(r"_Incapsula_Resource|Incapsula incident ID", re.I)),
    ("sucuri", "sucuri", re.compile(r"Sucuri WebSite Firewall - Access Denied", re.I)),
    ("akamai", "edgesuite", re.compile(r"errors\.edgesuite\.net", re.I)),
    ("akamai", "reference&#32;", re.compile(r"Reference&#32;&#35;\d", re.I)),
)
_WEAK = (
    # Cloudflare also injects this script into normal pages (bot scoring), so it is weak.
    ("cloudflare challenge", "challenge-platform", re.compile(r"/cdn-cgi/challenge-platform", re.I)),
    ("recaptcha", "recaptcha", re.compile(r"g-recaptcha|google\.com/recaptcha|recaptcha/api\.js", re.I)),
    ("hcaptcha", "captcha", re.compile(r"h-captcha|hcaptcha\.com", re.I)),
    ("human check", "robot", re.compile(r"verify (?:that )?you are (?:a )?human|are you a robot|not a robot", re.I)),
    ("access denied", "access denied", re.compile(r"<title>\s*access denied\s*</title>|<h1>\s*access denied\s*</h1>", re.I)),
)
#: A 200 page shorter than this (characters) has no room for an article next to a captcha.
SHORT_PAGE = 12_000
#: Walls are small pages; a 200 page longer than this is content (and not worth scanning).
WALL_MAX = 80_000
_WALL_STATUSES = {403, 429, 503}


def detect_block(status: int, headers: Mapping[str, str], text: str | None) -> str | None:
    """The name of the wall when the response is a bot challenge/captcha, else None.

    ``headers`` must have lower-case keys.
    """
    if challenge_header(headers):
        return "cloudflare challenge"
    if not text or too_big_for_a_wall(status, len(text)):
        return None
    sample = text[:WALL_MAX]
    lower = sample.lower()
    found = _first(_STRONG, sample, lower)
    if found is None and (status in _WALL_STATUSES or len(text) < SHORT_PAGE):
        found = _first(_WEAK, sample, lower)
    return found


def too_big_for_a_wall(status: int, size: int) -> bool:
    """A successful page over ``WALL_MAX`` is content, not a wall: it is not scanned, and
    the fetcher does not decode it for a scan. ``size`` is its characters, or its bytes
    before decoding (a few more for non-ASCII text: walls are far smaller than the bound)."""
    return status < 300 and size > WALL_MAX


def challenge_header(headers: Mapping[str, str]) -> bool:
    """Cloudflare says so in a header: the page is a challenge whatever its size."""
    return headers.get("cf-mitigated", "").lower() == "challenge"


def _first(markers: tuple[tuple[str, str, re.Pattern[str]], ...], sample: str, lower: str) -> str | None:
    for name, hint, pattern in markers:
        if hint in lower and pattern.search(sample):
            return name
    return None
