"""Charset decoding: header, BOM, meta, XML declaration, and servers that lie."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from helpers_http import mirror_server, run_with_fetcher, url, write_site

from devtools.mirror_faults import parse_fault
from scraper.fetch.charset import charset_from_content_type, declared_charset, decode_html

TEXT = "Jakarta — “Presiden” meresmikan café baru, kata Budi’s."


def page(meta: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{TEXT}</p></body></html>"


def test_header_charset_used() -> None:
    text, enc = decode_html(page().encode("cp1252"), "text/html; charset=windows-1252")
    assert TEXT in text and enc == "cp1252"


def test_meta_charset_used_without_header() -> None:
    body = page('<meta charset="windows-1252">').encode("cp1252")
    text, enc = decode_html(body, "text/html")
    assert TEXT in text and enc == "cp1252"


def test_http_equiv_meta() -> None:
    body = page('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">').encode("cp1252")
    text, enc = decode_html(body, None)
    assert TEXT in text and enc == "cp1252"  # latin-1 label means windows-1252, as in browsers


def test_bom_wins_over_header() -> None:
    body = codecs.BOM_UTF8 + page().encode("utf-8")
    text, enc = decode_html(body, "text/html; charset=iso-8859-1")
    assert text.startswith("<html>") and TEXT in text and enc == "utf-8"
    text16, enc16 = decode_html(codecs.BOM_UTF16_LE + page().encode("utf-16-le"), None)
    assert TEXT in text16 and enc16 == "utf-16-le"


def test_header_says_utf8_bytes_are_cp1252() -> None:
    text, enc = decode_html(page().encode("cp1252"), "text/html; charset=utf-8")
    assert TEXT in text and enc == "cp1252"


def test_header_says_latin1_bytes_are_utf8() -> None:
    text, enc = decode_html(page().encode("utf-8"), "text/html; charset=iso-8859-1")
    assert TEXT in text and enc == "utf-8"


def test_mostly_utf8_with_one_bad_byte_keeps_utf8() -> None:
    body = page().encode("utf-8").replace(b"<title>t", b"<title>\xff")
    text, enc = decode_html(body, "text/html; charset=utf-8")
    assert TEXT in text and "\ufffd" in text and enc == "utf-8"


def test_unknown_label_and_no_declaration() -> None:
    text, enc = decode_html(page().encode("utf-8"), "text/html; charset=x-no-such-charset")
    assert TEXT in text and enc == "utf-8"
    assert decode_html(b"", None) == ("", "utf-8")


def test_xml_declaration() -> None:
    body = f'<?xml version="1.0" encoding="windows-1252"?><rss><title>{TEXT}</title></rss>'.encode("cp1252")
    assert declared_charset(body) == "cp1252"
    assert TEXT in decode_html(body, "application/xml")[0]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/html; charset=UTF-8", "utf-8"),
        ('text/html; charset="gbk"', "gbk"),
        ("text/html", None),
        (None, None),
    ],
)
def test_content_type_parsing(header: str | None, expected: str | None) -> None:
    assert charset_from_content_type(header) == expected


def test_lying_server_end_to_end(tmp_path: Path) -> None:
    root = write_site(tmp_path, files={"a.html": page('<meta charset="utf-8">')})
    with mirror_server(root, [parse_fault("lying_charset,path=/a.html")]) as server:
        result = run_with_fetcher(server, lambda f: f.fetch(url("/a.html")))
    assert result.headers["content-type"] == "text/html; charset=utf-8"
    assert result.text is not None and TEXT in result.text and result.encoding == "cp1252"
