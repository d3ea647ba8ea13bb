"""Synthetic news sites for the local mirror: the demo fixtures and the crawl benchmark.

Everything here is our own short text in DOM shapes that match the site profiles'
selectors (detik 2019+, liputan6 2019-2023, jpnn 2019-2024), plus the crawl sources
around them: robots.txt (with a Disallow and a Crawl-delay), RSS, sitemaps (an index and a
gzipped child), index pages, a tag page, a video page and multi-page stories. Files are
written as ``root/<host>/<path>`` for :class:`pipelines.mirror.MirrorServer` (a query
string becomes ``<path>__<query>``).

``python -m devtools.sitegen fixtures/sites`` rewrites the committed demo fixtures.
"""

from __future__ import annotations

import gzip
import html
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from devtools import demo_stories

__all__ = ["Story", "build_bulk_site", "build_demo_sites", "story_text"]

WIB = timezone(timedelta(hours=7))
_SUBJECTS = (
    "Warga desa",
    "Pemerintah kota",
    "Para petani",
    "Nelayan setempat",
    "Pengurus koperasi",
    "Dinas pendidikan",
    "Relawan muda",
    "Pedagang pasar",
    "Tim peneliti",
    "Kelompok tani",
)
_ACTIONS = (
    "membangun jembatan bambu",
    "membuka pasar pagi",
    "menanam bibit mangrove",
    "memperbaiki saluran air",
    "menggelar pelatihan menjahit",
    "membagikan benih padi",
    "membersihkan pantai",
    "merawat taman kota",
    "mengecat ulang sekolah",
    "menyiapkan lumbung",
)
_PLACES = (
    "di tepi sungai",
    "di alun-alun",
    "di pesisir utara",
    "di lereng bukit",
    "di pinggir kota",
    "di balai desa",
    "di dekat pelabuhan",
    "di kampung nelayan",
    "di sekitar terminal",
    "di kaki gunung",
)
_ENDINGS = (
    "agar anak-anak lebih mudah berangkat ke sekolah setiap pagi",
    "supaya hasil panen bisa dijual dengan harga yang lebih baik",
    "karena musim hujan diperkirakan datang lebih awal tahun ini",
    "sehingga warga tidak perlu lagi memutar jauh ke kota",
    "dengan dana swadaya yang dikumpulkan sejak awal tahun",
)


def story_text(seed: int, paragraphs: int = 5) -> list[str]:
    """Distinct, deterministic Indonesian-looking paragraphs (our own words) for story ``seed``."""
    out = []
    for i in range(paragraphs):
        k = seed * 7 + i * 3
        out.append(
            f"{_SUBJECTS[(k + i) % 10]} {_ACTIONS[(k // 10 + i) % 10]} {_PLACES[(k // 3) % 10]} "
            f"pada pekan ke-{seed % 50 + i + 1}, {_ENDINGS[(k + seed) % 5]}. "
            f"Kegiatan nomor {seed}-{i} ini diikuti puluhan orang dari berbagai kampung."
        )
    return out


@dataclass
class Story:
    """One synthetic article: where it lives and what it says."""

    url: str
    title: str
    published: datetime
    author: str
    paragraphs: list[str]

    @property
    def path(self) -> str:
        return "/" + self.url.split("/", 3)[3]

    @property
    def host(self) -> str:
        return self.url.split("/")[2]


def _ps(paragraphs: Iterable[str]) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def _head(story: Story, suffix: str, extra: str = "") -> str:
    t = html.escape(story.title)
    return (
        f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{t} - {suffix}</title>'
        f'<link rel="canonical" href="{story.url}"><meta property="og:type" content="article">'
        f'<meta property="og:title" content="{t}">'
        f'<meta property="article:published_time" content="{story.published.isoformat()}">{extra}</head>'
    )


def detik_page(story: Story, paragraphs: Sequence[str] | None = None, next_url: str | None = None) -> str:
    nxt = f'<link rel="next" href="{next_url}">' if next_url else ""
    date = story.published.astimezone(WIB).strftime("%d %b %Y %H:%M WIB")
    return (
        _head(story, "detikNews", nxt)
        + f'<body><div class="container"><article class="detail"><div class="detail__header">'
        f'<h1 class="detail__title">{html.escape(story.title)}</h1>'
        f'<div class="detail__author">{html.escape(story.author)} - detikNews</div>'
        f'<div class="detail__date">Senin, {date}</div></div>'
        '<div class="detail__body itp_bodycontent_wrapper">'
        '<div class="detail__body-text itp_bodycontent">'
        f"{_ps(paragraphs if paragraphs is not None else story.paragraphs)}"
        '<table class="linksisip"><tr><td><div class="lihatjg">Baca juga: '
        '<a href="/berita/d-7000001/lain">Berita lain</a></div></td></tr></table></div></div></article>'
        f'<div class="box cb-berita-terkait"><div class="box__title">Berita Terkait</div>'
        f'<a href="https://news.detik.com/tag/kampung">kampung</a></div></div></body></html>'
    )


def liputan6_page(story: Story) -> str:
    date = story.published.astimezone(WIB).strftime("%d %b %Y, %H:%M WIB")
    return (
        _head(story, "Liputan6.com") + f'<body><div class="article-readpage"><div class="article-header">'
        f'<h1 class="article-header__title">{html.escape(story.title)}</h1>'
        f'<span class="article-header__authors"> Oleh <a class="article-header__author-link" '
        f'href="https://www.liputan6.com/me/x">{html.escape(story.author)}</a></span>'
        f'<span class="article-header__datetime"> pada {date}</span></div>'
        '<div class="article-content-body" itemprop="articleBody">'
        '<div class="article-content-body__item-page" data-page="1">'
        f'<div class="article-raw-content">{_ps(story.paragraphs)}</div></div></div>'
        f'<div class="baca-juga"><p>Baca Juga</p><a href="/news/read/5400001/lain">Lain</a></div>'
        f"</div></body></html>"
    )


def jpnn_page(story: Story, paragraphs: Sequence[str], page: int = 1, pages: int = 1) -> str:
    nxt = f"{story.url}?page={page + 1}" if page < pages else None
    link = f'<link rel="next" href="{nxt}">' if nxt else ""
    pager = (
        f'<div class="pagination"><ul><li class="next"><a rel="next" href="{nxt}">Next</a></li></ul></div>'
        if nxt
        else ""
    )
    date = story.published.astimezone(WIB).strftime("%d %B %Y – %H:%M WIB")
    return (
        _head(story, "JPNN.com", link)
        + '<body><section class="home"><div class="page-content">'
        f'<h1 class="judul">{html.escape(story.title)}</h1>'
        f'<span class="date-publish" itemprop="datePublished">Senin, {date}</span>'
        f'<div itemprop="articleBody">{_ps(paragraphs)}</div>'
        f'<p class="waktu">Redaktur : {html.escape(story.author)}</p>{pager}</div></section></body></html>'
    )


def rss(title: str, link: str, stories: Iterable[Story]) -> str:
    items = "".join(
        f"<item><title>{html.escape(s.title)}</title><link>{s.url}</link>"
        f"<pubDate>{s.published.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate></item>"
        for s in stories
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>{link}</link><description>{title}</description>{items}</channel></rss>"
    )


def sitemap(stories: Iterable[Story], news: bool = True) -> str:
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    rows = []
    for s in stories:
        when = s.published.isoformat()
        extra = (
            (
                f"<news:news><news:publication><news:name>x</news:name><news:language>id</news:language>"
                f"</news:publication><news:publication_date>{when}</news:publication_date>"
                f"<news:title>{html.escape(s.title)}</news:title></news:news>"
            )
            if news
            else f"<lastmod>{when}</lastmod>"
        )
        rows.append(f"<url><loc>{s.url}</loc>{extra}</url>")
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        f"{ns}>{''.join(rows)}</urlset>"
    )


def sitemap_index(children: Iterable[str]) -> str:
    rows = "".join(f"<sitemap><loc>{c}</loc><lastmod>2025-06-01</lastmod></sitemap>" for c in children)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
        f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</sitemapindex>'
    )


def index_page(title: str, links: Iterable[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="{u}">{html.escape(t)}</a></li>' for u, t in links)
    return (
        f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{title}</title></head>'
        f'<body><h1>{title}</h1><ul class="list-content">{items}</ul></body></html>'
    )


def tag_page(title: str, links: Iterable[tuple[str, str]]) -> str:
    return index_page(f"Tag: {title}", links)


class _Writer:
    def __init__(self, root: Path) -> None:
        self.root = root

    def put(self, host: str, path: str, content: str | bytes) -> None:
        rel = path.lstrip("/").replace("?", "__") or "index.html"
        target = self.root / host / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)


def _robots(disallow: str, delay: int = 2, sitemaps: Sequence[str] = ()) -> str:
    lines = [
        "User-agent: *",
        f"Disallow: {disallow}",
        f"Crawl-delay: {delay}",
        *(f"Sitemap: {s}" for s in sitemaps),
    ]
    return "\n".join(lines) + "\n"


_DEMO_BASE = datetime(2025, 6, 2, 1, 0, tzinfo=UTC)


def _stamp(day: int, hours: int = 0) -> datetime:
    """A demo publication time: a week of days, so the charts have days (and gaps) to show."""
    return _DEMO_BASE + timedelta(days=day, hours=hours)


def build_demo_sites(root: Path) -> None:
    """Write the demo mirror (detik, liputan6, jpnn) under ``root``."""
    w = _Writer(root)
    _demo_detik(w)
    _demo_liputan6(w)
    _demo_jpnn(w)


def _demo_detik(w: _Writer) -> None:
    host = "news.detik.com"
    days = (0, 1, 2, 4)  # nothing on day 3: a gap in the coverage chart
    stories = [
        Story(f"https://{host}/berita/d-73000{i + 1:02d}/{_slug(t)}", t, _stamp(days[i], 2 * i), "Rina Marlina", text)
        for i, (t, text) in enumerate(demo_stories.DETIK.items())
    ]
    for s in stories:
        w.put(host, s.path, detik_page(s))
    # Long story: paged at its plain URL, whole at ?single=1 (the crawl asks for that first).
    long = Story(
        f"https://{host}/berita/d-7300011/banjir-surut-warga-kembali-ke-rumah",
        demo_stories.DETIK_LONG[0],
        _stamp(5, 6),
        "Andi Saputra",
        demo_stories.DETIK_LONG[1],
    )
    w.put(host, long.path, detik_page(long, long.paragraphs[:4], f"{long.url}?page=2"))
    w.put(host, long.path + "?page=2", detik_page(long, long.paragraphs[4:]))
    w.put(host, long.path + "?single=1", detik_page(long))
    video = Story(
        f"https://{host}/berita/d-7300012/video-suasana-pasar-pagi",
        "Video: Suasana Pasar Pagi",
        _stamp(5, 9),
        "Tim detikcom",
        [],
    )
    w.put(host, video.path, _video_page(video))
    hidden = Story(
        f"https://{host}/internal/d-7300013/catatan-redaksi",
        demo_stories.DETIK_HIDDEN[0],
        _stamp(5, 12),
        "Redaksi",
        demo_stories.DETIK_HIDDEN[1],
    )
    w.put(host, hidden.path, detik_page(hidden))
    everyone = [*stories, long, video, hidden]
    w.put(host, "/robots.txt", _robots("/internal/", 2, [f"https://{host}/sitemap-news.xml"]))
    w.put(host, "/rss", rss("detikNews", f"https://{host}/", [*stories[:3], long]))
    w.put(host, "/sitemap-news.xml", sitemap([stories[3], video]))
    w.put(
        host,
        "/indeks",
        index_page(
            "Indeks Berita",
            [(s.url, s.title) for s in everyone] + [(f"https://{host}/tag/kampung", "kampung")],
        ),
    )
    w.put(host, "/tag/kampung", tag_page("kampung", [(s.url, s.title) for s in stories]))
    w.put("www.detik.com", "/sitemap.xml", sitemap_index(["https://www.detik.com/sitemap-1.xml.gz"]))
    w.put("www.detik.com", "/sitemap-1.xml.gz", gzip.compress(sitemap(stories, news=False).encode(), mtime=0))
    w.put("www.detik.com", "/robots.txt", _robots("/search/", 1))
    for channel in ("finance", "inet", "sport", "hot", "health"):
        w.put(f"{channel}.detik.com", "/rss", rss(f"detik{channel}", f"https://{channel}.detik.com/", []))
        w.put(f"{channel}.detik.com", "/indeks", index_page(f"Indeks {channel}", []))
        w.put(f"{channel}.detik.com", "/robots.txt", _robots("/search/", 1))


def _video_page(story: Story) -> str:
    return (
        _head(story, "detikNews") + '<body><div class="container"><div class="video-player">'
        '<iframe src="https://20.detik.com/embed/1"></iframe></div>'
        f'<h1 class="video__title">{html.escape(story.title)}</h1></div></body></html>'
    )


def _demo_liputan6(w: _Writer) -> None:
    host = "www.liputan6.com"
    originals = [(t, text, _stamp(i, 1)) for i, (t, text) in enumerate(demo_stories.LIPUTAN6.items())]
    # Two stories syndicated from jpnn: its text under liputan6's dateline, a few hours later.
    jpnn = {title: (text, when) for title, text, when in _jpnn_stories()}
    copies = [(headline, demo_stories.copy_text(jpnn[source][0], dateline), jpnn[source][1] + timedelta(hours=5))
              for outlet, headline, source, dateline in demo_stories.SYNDICATED if outlet == "liputan6"]
    stories = [
        Story(f"https://{host}/news/read/55000{i + 1:02d}/{_slug(t)}", t, when, "Dewi Lestari", text)
        for i, (t, text, when) in enumerate([*originals, *copies])
    ]
    for s in stories:
        w.put(host, s.path, liputan6_page(s))
    w.put(host, "/robots.txt", _robots("/me/", 2))
    w.put(host, "/rss", rss("Liputan6", f"https://{host}/", stories[:4]))
    w.put(
        host,
        "/indeks",
        index_page("Indeks", [(s.url, s.title) for s in stories] + [(f"https://{host}/tag/pasar", "pasar")]),
    )
    w.put(host, "/tag/pasar", tag_page("pasar", [(s.url, s.title) for s in stories]))


def _jpnn_stories() -> list[tuple[str, list[str], datetime]]:
    """jpnn's demo stories (title, paragraphs, published): the multi-page one first."""
    rest = list(demo_stories.JPNN.items())
    return [(*demo_stories.JPNN_TIPS, _stamp(0, 3)), *((t, text, _stamp(i + 1, 3)) for i, (t, text) in enumerate(rest))]


def _demo_jpnn(w: _Writer) -> None:
    host = "www.jpnn.com"
    stories = [Story(f"https://{host}/news/{_slug(t)}", t, when, "Fathan", text) for t, text, when in _jpnn_stories()]
    first = stories[0]  # three pages, followed through the extractor's next-page callback
    for page in (1, 2, 3):
        path = first.path + (f"?page={page}" if page > 1 else "")
        w.put(host, path, jpnn_page(first, first.paragraphs[(page - 1) * 2 : page * 2], page, 3))
    for s in stories[1:]:
        w.put(host, s.path, jpnn_page(s, s.paragraphs))
    w.put(host, "/robots.txt", _robots("/admin/", 1, [f"https://{host}/sitemap.xml"]))
    w.put(host, "/sitemap.xml", sitemap(stories))
    w.put(
        host,
        "/indeks",
        index_page("Indeks", [(s.url, s.title) for s in stories] + [(f"https://{host}/tag/umkm", "umkm")]),
    )
    w.put(host, "/tag/umkm", tag_page("umkm", [(s.url, s.title) for s in stories]))


def _slug(title: str) -> str:
    return "-".join("".join(c for c in word.lower() if c.isalnum()) for word in title.split())


def build_bulk_site(
    root: Path, count: int, *, host: str = "news.detik.com", now: datetime | None = None
) -> list[str]:
    """A detik-shaped site with ``count`` articles listed in one news sitemap (for the bench)."""
    w = _Writer(root)
    base = now or datetime(2025, 1, 1, tzinfo=UTC)
    urls = []
    chunk: list[Story] = []
    for i in range(count):
        title = f"Kabar Kampung Nomor {i}"
        story = Story(
            f"https://{host}/berita/d-{8000000 + i}/{_slug(title)}",
            title,
            base - timedelta(minutes=i),
            "Penulis Uji",
            story_text(i),
        )
        w.put(host, story.path, detik_page(story))
        urls.append(story.url)
        chunk.append(story)
    w.put(host, "/sitemap-news.xml", sitemap(chunk))
    w.put(
        host,
        "/robots.txt",
        f"User-agent: *\nDisallow: /internal/\nSitemap: https://{host}/sitemap-news.xml\n",
    )
    return urls


def slow_page(paragraphs: int = 40_000) -> str:
    """A page that is expensive to extract for its sheer size (``paragraphs`` linked
    paragraphs: 40,000 take over a minute), the poison of the per-page time bound."""
    body = "".join(f'<div><p>Paragraf nomor {i} berisi kalimat yang cukup panjang untuk diuji, dengan '
                   f'<a href="/x{i}">tautan</a> dan <b>tebal</b>.</p></div>' for i in range(paragraphs))
    return f"<html><head><title>Halaman Besar</title></head><body><article>{body}</article></body></html>"


def shared_string_page(references: int = 50_000, sentences: int = 3000) -> str:
    """A Nuxt 3 page whose devalue payload references one long story string
    ``references`` times (a 300 KB page, the string 156 KB): read once per reference it
    costs minutes, read once it costs nothing."""
    story = "<p>" + " ".join(["Kalimat berita yang panjang sekali untuk pengujian."] * sentences) + "</p>"
    values = [{"data": 1}, [2] * references, story]
    return ("<html><head><title>Rujukan Berulang</title></head><body><div id=__nuxt></div>"
            f'<script type="application/json" id="__NUXT_DATA__">{json.dumps(values)}</script></body></html>')


if __name__ == "__main__":
    build_demo_sites(Path(sys.argv[1] if len(sys.argv) > 1 else "fixtures/sites"))
