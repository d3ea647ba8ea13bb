"""Bot-wall detection: walls are caught, real articles with captcha widgets are not."""

from __future__ import annotations

from devtools.mirror_faults import CAPTCHA_PAGE, CHALLENGE_PAGE
from scraper.fetch.botwall import detect_block

ARTICLE_WITH_WIDGETS = (
    "<html><head><title>Harga beras naik</title>"
    "<script src=\"/cdn-cgi/challenge-platform/scripts/jsd/main.js\"></script></head><body><article>"
    + "<p>Harga beras di pasar tradisional naik dua persen pekan ini menurut pedagang.</p>" * 200
    + "</article><form class=\"comments\"><div class=\"g-recaptcha\"></div></form></body></html>"
)


def test_cloudflare_challenge_on_any_status() -> None:
    assert detect_block(503, {}, CHALLENGE_PAGE) == "cloudflare challenge"
    assert detect_block(403, {}, CHALLENGE_PAGE) == "cloudflare challenge"
    assert detect_block(200, {}, CHALLENGE_PAGE) == "cloudflare challenge"
    assert detect_block(403, {"cf-mitigated": "challenge"}, "") == "cloudflare challenge"


def test_captcha_and_access_denied() -> None:
    assert detect_block(200, {}, CAPTCHA_PAGE) == "recaptcha"
    akamai = "<html><head><title>Access Denied</title></head><body>You don't have permission.</body></html>"
    assert detect_block(403, {}, akamai) == "access denied"
    assert detect_block(200, {}, akamai) == "access denied"
    assert detect_block(403, {}, "<html><title>Attention Required! | Cloudflare</title></html>") == (
        "cloudflare block"
    )


def test_real_pages_are_not_walls() -> None:
    assert len(ARTICLE_WITH_WIDGETS) > 12_000
    assert detect_block(200, {}, ARTICLE_WITH_WIDGETS) is None
    assert detect_block(404, {}, "<html><title>Halaman tidak ditemukan</title></html>") is None
    assert detect_block(200, {}, "") is None
