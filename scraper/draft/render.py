"""A :class:`~scraper.draft.profile.Draft` as files: the site module and fixture stubs.

The module reads like the hand-written ones in ``scraper/sites/`` (a docstring saying what
was seen, then ``PROFILE = SiteProfile(...)`` as data) and passes ``ruff``. The fixture
stub is a skeleton page built from the draft's own selectors, holding placeholder text
that tells the developer to write their own, never the sampled pages' text, with the JSON
the extractor returns for it, so ``tests/test_fixtures.py`` passes until it is filled in.
"""

from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit, urlunsplit

from scraper.draft.profile import Draft

__all__ = ["FixtureStub", "fixture_stub", "render_module"]

_FIELDS = ("site_names", "feeds", "sitemaps", "index_pages", "title", "published", "authors", "body", "drop",
           "next_page")
_WIDTH = 110

#: Placeholder text of the stub (ours): it says what to replace it with.
STUB_TITLE = "Judul contoh untuk fixture ini ganti dengan judul tulisan Anda sendiri"
STUB_AUTHOR = "Sari Wulandari"
STUB_PUBLISHED = "2025-01-02T09:30:00+07:00"
STUB_DATE_LINE = "Kamis, 2 Januari 2025 09:30 WIB"
STUB_PARAGRAPHS = (
    "Paragraf pertama contoh ini harus diganti dengan teks Anda sendiri yang meniru susunan berita di situs ini, "
    "bukan teks dari halaman yang dijadikan sampel.",
    "Paragraf kedua contoh menjaga agar isi berita cukup panjang untuk dibaca oleh pengekstrak sebagai tubuh "
    "berita yang lengkap dan utuh.",
    "Paragraf ketiga contoh boleh memuat kutipan narasumber rekaan, tanggal, atau angka, asalkan semuanya "
    "ditulis sendiri oleh pengembang.",
    "Paragraf keempat contoh menutup berita dan menjadi tempat yang baik untuk menguji apakah blok penutup "
    "situs benar-benar dibuang.",
)
STUB_BOILERPLATE = "Teks blok sampingan yang harus dibuang"


def _literal(value: str) -> str:
    """A string literal; a raw one for regexes with backslashes when that is possible.
    Page text (a site name, a class) may hold anything: a value with a newline, a CR or
    any other unprintable character is written as ``repr`` gives it, which always compiles."""
    if not value.isprintable():
        return repr(value)
    if "\\" in value and '"' not in value and not value.endswith("\\"):
        return f'r"{value}"'
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _doc_line(text: str) -> str:
    """``text`` fit for one line of the docstring: unprintable characters (a newline or CR
    from a page, a NUL, which no source file may hold) become spaces."""
    return "".join(c if c.isprintable() else " " for c in text)


def _tuple(values: tuple[str, ...], indent: str) -> str:
    items = [_literal(v) for v in values]
    one_line = "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
    if len(indent) + len(one_line) <= _WIDTH:
        return one_line
    inner = indent + "    "
    return "(\n" + "".join(f"{inner}{item},\n" for item in items) + indent + ")"


def _docstring(draft: Draft, written: date) -> str:
    lines = [f"{_doc_line(draft.domains[0])}: DRAFT profile written by `scraper sites new` on {written.isoformat()}.", ""]
    body = ("Review it before relying on it: check each selector against a few more pages of the site, "
            "add the crawl sources the drafter could not see, and write the fixtures (the stubs next to "
            "this draft hold placeholder text to replace with your own). Then delete `reviewed=False`: "
            "until then the scheduled crawl leaves this site out (`scraper crawl --site NAME` runs it).")
    lines += textwrap.wrap(body, _WIDTH)
    lines += ["", "Drafted from these sample pages:"]
    lines += [f"- {_doc_line(url)}" for url in draft.samples]
    lines += ["", "What the drafter checked:"]
    for note in draft.notes:
        lines += textwrap.wrap(_doc_line(note), _WIDTH, initial_indent="- ", subsequent_indent="  ", break_long_words=False,
                               break_on_hyphens=False)
    return '"""' + "\n".join(lines).replace("\\", "\\\\").replace('"""', '\\"\\"\\"') + '\n"""'


def render_module(draft: Draft, written: date) -> str:
    """The text of ``scraper/sites/<name>.py`` for ``draft``, fields in the order of the
    hand-written profiles (who, crawl sources, URL pattern, fields, body)."""
    indent = "    "
    args = [f"name={_literal(draft.name)}", f"domains={_tuple(draft.domains, indent)}"]
    for name in _FIELDS:
        if name == "title":
            args.append(f"article_url={_literal(draft.article_url)}")
        if values := getattr(draft, name):
            args.append(f"{name}={_tuple(values, indent)}")
    layout = f"draft {written.isoformat()}: body {', '.join(draft.body)}"
    args.append(f"layouts={_tuple((layout,), indent)}")
    args.append("reviewed=False")  # the scheduled crawl skips it until a person removes this line
    return (
        _docstring(draft, written) + "\n\nfrom __future__ import annotations\n\n"
        "from scraper.sites.base import SiteProfile\n\nPROFILE = SiteProfile(\n"
        + "".join(f"{indent}{arg},\n" for arg in args) + ")\n"
    )


# --- fixture stubs ------------------------------------------------------------------------

@dataclass(frozen=True)
class FixtureStub:
    """``<slug>.html`` and ``<slug>.json`` for ``fixtures/pages/<site>/``."""

    slug: str
    html: str
    expectation: dict[str, object]


_COMPOUND = re.compile(r"(?P<tag>[a-z][a-z0-9]*)?(?P<rest>(?:[.#][\w-]+|\[[^\]]+\])*)")


def _element(selector: str, inner: str, *, datetime_value: str | None = None) -> str:
    """Markup that ``selector`` (tags, classes, ids, [attr=value], ``>`` between) matches,
    wrapping ``inner``."""
    parts = [p for p in re.split(r"\s*>\s*|\s+", selector.strip()) if p]
    out = inner
    for compound in reversed(parts):
        match = _COMPOUND.fullmatch(compound)
        if match is None:
            raise ValueError(f"cannot build markup for selector {selector!r}")
        tag = match["tag"] or "div"
        classes = re.findall(r"\.([\w-]+)", match["rest"])
        ident = re.findall(r"#([\w-]+)", match["rest"])
        attrs = [(k, v.strip("'\"")) for k, v in re.findall(r"\[([\w:-]+)=([^\]]+)\]", match["rest"])]
        if classes:
            attrs.append(("class", " ".join(classes)))
        if ident:
            attrs.append(("id", ident[0]))
        if tag == "time" and datetime_value and compound is parts[-1]:
            attrs.append(("datetime", datetime_value))
        rendered = "".join(f' {k}="{html.escape(v)}"' for k, v in attrs)
        out = f"<{tag}{rendered}>{out}</{tag}>"
    return out


def _meta(selector: str, content: str) -> str:
    """``<meta property="x" content="...">`` for a selector ``meta[property='x']``."""
    found = re.fullmatch(r"meta\[([\w:-]+)=['\"]?([^'\"\]]+)['\"]?\]", selector)
    if found is None:
        raise ValueError(f"cannot build markup for selector {selector!r}")
    return f'<meta {found[1]}="{html.escape(found[2])}" content="{html.escape(content)}">'


def _stub_url(draft: Draft) -> str:
    """A URL the draft's pattern accepts, with the sample's slug and ids replaced."""
    sample = draft.samples[0]
    parts = urlsplit(sample)
    segments = []
    for segment in parts.path.split("/"):
        if segment.isdigit() and len(segment) >= 5:
            segment = "1" * len(segment)
        elif re.fullmatch(r"[\w]+(?:-[\w]+){2,}(\.\w+)?", segment):
            segment = "contoh-judul-berita-fixture" + (re.search(r"\.\w+$", segment) or [""])[0]
        segments.append(segment)
    url = urlunsplit(parts._replace(path="/".join(segments), query="", fragment=""))
    return url if re.search(draft.article_url, url) else sample


def fixture_stub(draft: Draft, slug: str) -> FixtureStub:
    """A skeleton page for ``draft``'s selectors and what extracting it must return."""
    url = _stub_url(draft)
    head = [f"<title>{STUB_TITLE}</title>", f'<link rel="canonical" href="{html.escape(url)}">',
            '<meta property="og:type" content="article">']
    page: list[str] = []
    expect: dict[str, object] = {"status": "ok", "site": draft.name, "title": STUB_TITLE}
    for selector in draft.title[:1]:
        page.append(_element(selector, STUB_TITLE))
    for selector in draft.published[:1]:
        if selector.startswith("meta["):
            head.append(_meta(selector, STUB_PUBLISHED))
        else:
            page.append(_element(selector, STUB_DATE_LINE, datetime_value=STUB_PUBLISHED))
        expect["published"] = STUB_PUBLISHED
    for selector in draft.authors[:1]:
        if selector.startswith("meta["):
            head.append(_meta(selector, STUB_AUTHOR))
        else:
            page.append(_element(selector, STUB_AUTHOR))
        expect["authors"] = [STUB_AUTHOR]
    story = "".join(f"<p>{p}</p>" for p in STUB_PARAGRAPHS[:2])
    blocks = "".join(_element(s, f"<p>{STUB_BOILERPLATE} ({n}).</p>") for n, s in enumerate(draft.drop, start=1))
    story += blocks + "".join(f"<p>{p}</p>" for p in STUB_PARAGRAPHS[2:])
    page.append(_element(draft.body[0], story))
    expect["extractor"] = f"site:{draft.name}"
    expect["body"] = list(STUB_PARAGRAPHS)
    markup = ('<!DOCTYPE html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n' + "\n".join(head)
              + "\n</head>\n<body>\n" + "\n".join(page) + "\n</body>\n</html>\n")
    expectation: dict[str, object] = {"url": url, "expect": expect}
    if draft.drop:
        expectation["must_not_contain"] = [STUB_BOILERPLATE]
    return FixtureStub(slug, markup, expectation)
