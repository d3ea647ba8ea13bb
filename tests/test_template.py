"""Learning a host's template from its own pages (scraper.extract.template) and reading with it.

Synthetic pages of one made-up site: the same menu, promo line and footer around a story
container whose text changes page to page."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from pipelines.crawl import CrawlOptions, crawl
from pipelines.mirror import MirrorServer
from pipelines.reextract import reextract_archive
from pipelines.templates import HostTemplates
from scraper.discover.adhoc_profile import adhoc_profiles
from scraper.extract.pipeline import extract_html
from scraper.extract.template import TEMPLATE_VERSION, Template, apply, fingerprint, learn
from scraper.fetch.client import FetchConfig
from scraper.fetch.page import PageRecord
from scraper.fetch.resolve import ResolveMap
from scraper.store import Store

PROMO = "Dukung jurnalisme warga dengan berlangganan buletin mingguan kami sekarang"
QUOTE = "Kami berharap program ini berjalan sampai akhir tahun, kata seorang pejabat kepada wartawan."


def _story(n: int) -> list[str]:
    return [f"Paragraf {k} cerita nomor {n}: warga desa {n} memperbaiki saluran irigasi sepanjang {n + k} kilometer "
            f"bersama relawan dari kecamatan tetangga selama {k + 2} hari berturut-turut." for k in range(5)]


def _page(n: int, container: str = "isi-berita", quote: bool = False) -> str:
    story = _story(n) + ([QUOTE] if quote else [])
    paragraphs = "".join(f"<p>{p}</p>" for p in story)
    return (
        "<html><body><nav><a href='/'>Beranda</a> <a href='/daerah'>Daerah</a></nav>"
        f"<h1>Judul cerita {n}</h1>"
        f"<div class='{container}'>{paragraphs}<p>{PROMO}</p></div>"
        "<footer>Hak cipta Kabar Desa Contoh. Seluruh isi dilindungi.</footer></body></html>"
    )


def _trees(numbers: range, **kwargs: object) -> list[tuple[str, LexborHTMLParser]]:
    return [(f"https://kabardesa.example/berita/{n}/cerita", LexborHTMLParser(_page(n, **kwargs)))  # type: ignore[arg-type]
            for n in numbers]


def test_repeating_paragraphs_are_boilerplate_and_the_changing_container_is_the_story() -> None:
    template = learn("kabardesa.example", _trees(range(1, 5)))
    assert template is not None
    assert template.container == "div.isi-berita"
    assert fingerprint(PROMO) in template.boilerplate
    assert not any(fingerprint(p) in template.boilerplate for n in range(1, 5) for p in _story(n))
    assert template.pages == tuple(f"https://kabardesa.example/berita/{n}/cerita" for n in range(1, 5))


def test_a_template_cuts_the_hosts_furniture_from_a_new_page() -> None:
    template = learn("kabardesa.example", _trees(range(1, 5)))
    assert template is not None
    url = "https://kabardesa.example/berita/9/cerita"
    plain = extract_html(_page(9), url, use_profiles=False)
    assert PROMO in plain.paragraphs  # the generic reading keeps the standing promo line
    learned = extract_html(_page(9), url, use_profiles=False, template=template)
    assert learned.paragraphs == _story(9)
    assert learned.template == "used" and learned.extractor == "generic+template"


def test_a_redesigned_page_is_read_plainly_and_says_the_template_missed() -> None:
    template = learn("kabardesa.example", _trees(range(1, 5)))
    assert template is not None
    url = "https://kabardesa.example/berita/9/cerita"
    html = _page(9, container="konten-baru")
    learned = extract_html(html, url, use_profiles=False, template=template)
    assert learned.template == "miss"
    assert learned.paragraphs == extract_html(html, url, use_profiles=False).paragraphs
    assert apply(LexborHTMLParser(html), template, ["x"]) is None


def test_a_quote_repeated_inside_stories_stays_story() -> None:
    """The same sentence in every story's container is the newsroom's habit, not furniture."""
    template = learn("kabardesa.example", _trees(range(1, 6), quote=True))
    assert template is not None and fingerprint(QUOTE) not in template.boilerplate


def test_a_storys_lead_shown_as_a_teaser_on_the_sites_other_pages_stays_in_the_story() -> None:
    """Every page lists the other stories' leads in a sidebar: on page 9, its own lead is
    a paragraph the other pages repeat, and still this page's story."""
    def page(n: int) -> str:
        teasers = "".join(f"<li>{_story(k)[0]}</li>" for k in (1, 2, 3, 4, 9) if k != n)
        return _page(n).replace("<footer>", f"<aside><ul>{teasers}</ul></aside><footer>")

    template = learn("kabardesa.example", [(f"https://kabardesa.example/berita/{n}/cerita", LexborHTMLParser(page(n)))
                                           for n in range(1, 5)])
    assert template is not None and fingerprint(_story(9)[0]) in template.boilerplate
    learned = extract_html(page(9), "https://kabardesa.example/berita/9/cerita", use_profiles=False,
                           template=template)
    assert learned.paragraphs[0] == _story(9)[0] and PROMO not in learned.paragraphs


def test_too_few_pages_learn_nothing_and_templates_survive_json() -> None:
    assert learn("kabardesa.example", _trees(range(1, 2))) is None
    template = learn("kabardesa.example", _trees(range(1, 4)))
    assert template is not None
    assert Template.from_json(template.to_json()) == template


def _archive(db: Path, numbers: range, **kwargs: object) -> None:
    """Articles of the made-up host saved with their pages, as a crawl would."""
    now = datetime(2025, 3, 14, tzinfo=UTC)
    with Store(db) as store:
        for n in numbers:
            url = f"https://kabardesa.example/berita/{n}/cerita"
            html = _page(n, **kwargs).encode()  # type: ignore[arg-type]
            page = PageRecord(url, url, 200, "text/html", None, None, now, html)
            store.save_article(extract_html(html, url), page=page, seen_at=now)


def test_reextract_learns_the_hosts_template_keeps_it_and_cuts_its_furniture(tmp_path: Path) -> None:
    """Real SQLite store, the real extraction pool: the template is learned from the stored
    pages, saved with them and its version, used, counted; the promo line leaves the bodies."""
    db = tmp_path / "a.db"
    _archive(db, range(1, 5))
    with Store(db) as store:
        assert all(PROMO in body for (body,) in store._rows("SELECT body FROM articles"))
        counts = reextract_archive(store, workers=1)
        assert counts["updated"] == 4 and counts["template_used"] == 4
        template = store.template("kabardesa.example")
        assert template is not None and template.version == TEMPLATE_VERSION and len(template.pages) == 4
        assert store.template_counts("kabardesa.example") == {"used": 4, "fallbacks": 0, "misses": 0}
        bodies = [body for (body,) in store._rows("SELECT body FROM articles")]
        assert len(bodies) == 4 and not any(PROMO in body for body in bodies)


def test_a_template_that_stopped_matching_is_learned_again(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    _archive(db, range(1, 4))
    with Store(db) as store:
        old = learn("kabardesa.example", _trees(range(1, 4), container="tata-lama"))
        assert old is not None and old.container == "div.tata-lama"
        store.save_template(old)
        counts = reextract_archive(store, workers=1)
        assert counts["template_miss"] == 3
        relearned = store.template("kabardesa.example")
        assert relearned is not None and relearned.container == "div.isi-berita"


def test_a_redesigned_host_is_learned_again_from_its_newest_pages(tmp_path: Path) -> None:
    """Nine pages in the old layout, then five in the new one: the template that stopped
    matching is learned again from the newest pages, so it names the new container."""
    db = tmp_path / "a.db"
    _archive(db, range(1, 10), container="tata-lama")
    _archive(db, range(10, 15))
    with Store(db) as store:
        old = learn("kabardesa.example", _trees(range(1, 4), container="tata-lama"))
        assert old is not None
        store.save_template(old)
        templates = HostTemplates(store)
        url = "https://kabardesa.example/berita/14/cerita"
        assert templates.for_document([PageRecord(url, url, 200, "text/html", None, None, datetime.now(UTC), b"")]) == old
        templates.outcomes["kabardesa.example"] = Counter(miss=5)
        templates.finish()
        relearned = store.template("kabardesa.example")
        assert relearned is not None and relearned.container == "div.isi-berita"
        assert relearned.pages[-1] == url


def _site(root: Path, numbers: range) -> str:
    """The made-up host's articles (``_page``) served by the mirror, with a sitemap of them."""
    base = root / "kabardesa.example"
    for n in numbers:
        path = base / _article_url(n).split("/", 3)[3]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_page(n), encoding="utf-8")
    urls = "".join(f"<url><loc>{_article_url(n)}</loc><news:news><news:title>Cerita {n}</news:title></news:news></url>"
                   for n in numbers)
    (base / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>')
    return "https://kabardesa.example/sitemap.xml"


def _article_url(n: int) -> str:
    return f"https://kabardesa.example/berita/2025/03/14/{1000 + n}/cerita-desa-nomor-{n}"


def _crawl(db: Path, port: int, sitemap: str) -> None:
    options = CrawlOptions(profiles=adhoc_profiles(sitemaps=[sitemap]), fetch=FetchConfig.fast(max_delay=0),
                           workers=1, resolve=ResolveMap({"*": ("127.0.0.1", port)}))
    with Store(db) as store:
        asyncio.run(crawl(store, options))


def test_a_crawl_reads_a_hosts_later_pages_with_the_template_learned_from_its_first(tmp_path: Path) -> None:
    """First crawl: four articles of a site with no profile, read plainly (nothing to learn
    from yet). Second crawl, four new articles: the template is learned from the stored
    pages, kept in the store, and cuts the standing promo line from every new article."""
    root, db = tmp_path / "sites", tmp_path / "a.db"
    with MirrorServer(root) as mirror:
        _crawl(db, mirror.port, _site(root, range(1, 5)))
        _crawl(db, mirror.port, _site(root, range(5, 9)))
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT url, extractor FROM articles").fetchall())
        bodies = dict(conn.execute("SELECT url, body FROM articles").fetchall())
        stored = conn.execute("SELECT host, pages, version, used, fallbacks, misses FROM site_templates").fetchall()
    first, later = [_article_url(n) for n in range(1, 5)], [_article_url(n) for n in range(5, 9)]
    assert [rows[u] for u in first] == ["generic"] * 4 and all(PROMO in bodies[u] for u in first)
    assert [rows[u] for u in later] == ["generic+template"] * 4 and not any(PROMO in bodies[u] for u in later)
    ((host, pages, version, used, fallbacks, misses),) = stored
    assert host == "kabardesa.example" and version == TEMPLATE_VERSION and (used, fallbacks, misses) == (4, 0, 0)
    assert set(json.loads(pages)) == set(first)


def test_templates_keep_and_count_on_postgresql_too(pg_dsn: str) -> None:
    """The same store methods on the PostgreSQL twin of the table (migration 7)."""
    template = learn("kabardesa.example", _trees(range(1, 4)))
    assert template is not None
    with Store(pg_dsn) as store:
        assert store.template("kabardesa.example") is None
        store.save_template(template)
        store.count_template("kabardesa.example", {"used": 2, "miss": 1})
        assert store.template("kabardesa.example") == template
        assert store.template_counts("kabardesa.example") == {"used": 2, "fallbacks": 0, "misses": 1}
        store.save_template(template)  # learned again: the counts start again
        assert store.template_counts("kabardesa.example") == {"used": 0, "fallbacks": 0, "misses": 0}
