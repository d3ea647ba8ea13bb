"""Two synthetic news sites no profile was written for, to test ``scraper sites new`` on.

- ``www.lensadaerah.id``: a WordPress-like site (theme markup: ``article.post``, ``h1.entry-title``,
  ``time.entry-date``, ``div.entry-content`` holding ads, a "Baca juga" line, image figures,
  share buttons and Jetpack-style related posts; Yoast-style JSON-LD ``@graph``; date URLs
  ``/2025/03/14/slug/``; a sidebar and comments with long text).
- ``kabarpesisir.com``: a custom CMS (``div#isi-berita.kp-isi`` with ``<br><br>`` paragraphs
  and a bold dateline, a "BACA JUGA" box, a mid-story ad, a photo caption, an editor line;
  byline "Penulis: X" and an Indonesian date line in spans; no JSON-LD and no date meta;
  URLs ``/berita/<kanal>/<id>/<slug>``; related and popular lists with long text).

Every text is generated here from our own word lists. The sites are committed under
``fixtures/unseen/sites/<host>/`` (served by the mirror) with what an extractor must return for
each article in ``fixtures/unseen/expected/<host>.json``; ``python tests/unseen_sites.py
fixtures/unseen`` rewrites them, and a test checks the committed files match this code.
"""

from __future__ import annotations

import html
import json
import random
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

WIB = timezone(timedelta(hours=7))
WP_HOST, CMS_HOST = "www.lensadaerah.id", "kabarpesisir.com"

_WHO = ("Kepala dinas perhubungan", "Ketua kelompok nelayan", "Seorang pedagang sayur", "Camat setempat",
        "Warga kampung pesisir", "Petugas pemadam kebakaran", "Guru sekolah dasar", "Pengelola koperasi",
        "Dokter puskesmas", "Kepala desa", "Mahasiswa relawan", "Sopir angkutan kota")
_DID = ("meninjau perbaikan jembatan gantung", "membuka pelatihan budidaya rumput laut",
        "membagikan bibit kelapa kepada warga", "memeriksa saluran irigasi yang tersumbat",
        "mengumpulkan donasi untuk korban angin kencang", "menata ulang lapak pasar ikan",
        "menguji coba bus sekolah gratis", "membersihkan sampah plastik di muara",
        "mendata rumah yang rusak ringan", "menyiapkan posko kesehatan keliling")
_WHERE = ("di Kecamatan Tamalate", "di tepi Danau Tempe", "di Pelabuhan Paotere", "di Desa Sukamaju",
          "di Pasar Terong", "di lapangan kantor bupati", "di pesisir Galesong", "di Kelurahan Mangga Dua")
_WHEN = ("pada Rabu pagi", "sejak Senin lalu", "pada akhir pekan", "menjelang musim hujan",
         "selama tiga hari berturut-turut", "pada Kamis sore")
_WHY = ("agar warga tidak lagi menyeberang dengan rakit", "karena harga bahan pokok terus merangkak naik",
        "supaya anak-anak bisa belajar dengan tenang", "setelah banyak keluhan masuk ke kantor kelurahan",
        "sebab musim tanam tinggal beberapa minggu lagi", "untuk menekan angka kecelakaan di jalur itu")
_SAID = ("Kami berharap program ini berjalan sampai akhir tahun", "Anggarannya sudah kami siapkan sejak awal bulan",
         "Warga sangat antusias dan datang lebih pagi dari jadwal", "Tahap berikutnya akan menyasar dua desa lain",
         "Kendalanya hanya cuaca yang sering berubah", "Semua pihak kami ajak duduk bersama dulu")
_NAMES = ("Rina Kartika", "Bayu Pratama", "Dewi Lestari Anggraeni", "Andi Syamsuddin", "Maria Ulfa",
          "Yusuf Mahendra", "Nurul Hidayah", "Hendra Gunawan")
_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember")
_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


@dataclass
class Story:
    slug: str
    section: str
    title: str
    author: str
    editor: str
    published: datetime
    paragraphs: list[str]
    subhead: str | None
    caption: str
    #: A quoted statement in its own block (some articles only: markup the samples lack).
    quote: str | None = None


def _sentence(rng: random.Random) -> str:
    return (f"{rng.choice(_WHO)} {rng.choice(_DID)} {rng.choice(_WHERE)} {rng.choice(_WHEN)}, "
            f"{rng.choice(_WHY)}.")


def _paragraph(rng: random.Random) -> str:
    parts = [_sentence(rng) for _ in range(rng.randint(1, 2))]
    if rng.random() < 0.5:
        parts.append(f"\u201c{rng.choice(_SAID)},\u201d kata {rng.choice(_NAMES)}.")
    return " ".join(parts)


def stories(seed: int, count: int, sections: tuple[str, ...]) -> list[Story]:
    rng = random.Random(seed)
    start = datetime(2025, 3, 10, 8, 15, tzinfo=WIB)
    found = []
    for n in range(count):
        what = rng.choice(_DID)
        where = rng.choice(_WHERE)
        title = f"{rng.choice(_WHO)} {what} {where}"
        slug = "-".join(w for w in title.lower().replace(",", "").split()[:9] if w != "di")
        found.append(Story(
            slug=slug, section=sections[n % len(sections)], title=title, author=_NAMES[(seed + n) % len(_NAMES)],
            editor=_NAMES[(seed + n + 3) % len(_NAMES)], published=start + timedelta(days=n, hours=n * 3, minutes=7 * n),
            paragraphs=[_paragraph(rng) for _ in range(rng.randint(5, 7))],
            subhead=f"Rencana {rng.choice(('tahun depan', 'jangka panjang', 'pemerintah daerah'))}" if n % 2 else None,
            caption=f"Suasana kegiatan {where} (FOTO: {rng.choice(_NAMES)})",
        ))
    return found


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _indonesian_date(moment: datetime) -> str:
    return (f"{_DAYS[moment.weekday()]}, {moment.day} {_MONTHS[moment.month - 1]} {moment.year} "
            f"{moment:%H:%M} WIB")


def _story_body(story: Story) -> list[str]:
    """The story as an extractor must return it: the paragraphs, the subhead and the quote
    where they sit."""
    body = list(story.paragraphs)
    if story.quote:
        body.insert(-1, story.quote)
    if story.subhead:
        body.insert(3, story.subhead)
    return body


# --- WordPress-like ---------------------------------------------------------------------

def _wp_url(story: Story) -> str:
    return f"https://{WP_HOST}/{story.published:%Y/%m/%d}/{story.slug}/"


def _wp_nav() -> str:
    items = "".join(f'<li class="menu-item"><a href="https://{WP_HOST}/category/{s}/">{s.title()}</a></li>'
                    for s in ("daerah", "ekonomi", "pendidikan"))
    return (f'<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title">'
            f'<a href="https://{WP_HOST}/" rel="home">Lensa Daerah</a></p></div><nav id="site-navigation" '
            f'class="main-navigation"><ul id="primary-menu" class="menu"><li class="menu-item"><a href='
            f'"https://{WP_HOST}/">Beranda</a></li>{items}<li class="menu-item"><a href="https://{WP_HOST}/'
            f'tentang-kami/">Tentang Kami</a></li></ul></nav></header>')


def _wp_sidebar(others: list[Story]) -> str:
    recent = "".join(f'<li><a href="{_wp_url(s)}">{_e(s.title)}</a></li>' for s in others)
    return (f'<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 '
            f'class="widget-title">Terbaru</h2><ul>{recent}</ul></section><section class="widget widget_text">'
            f'<div class="textwidget"><p>Lensa Daerah adalah media daring yang memberitakan peristiwa di '
            f'kabupaten dan kota di kawasan timur dengan mengutamakan suara warga, kegiatan desa, dan kabar '
            f'pendidikan yang jarang diliput media besar.</p></div></section></aside>')


def _wp_article(story: Story, others: list[Story], n: int) -> str:
    url = _wp_url(story)
    paragraphs = [f"<p>{_e(p)}</p>" for p in story.paragraphs]
    paragraphs[0] = f"<p><strong>MAKASSAR</strong> &#8211; {_e(story.paragraphs[0])}</p>"
    related = others[0]
    paragraphs.insert(2, '<div class="code-block code-block-2" style="margin: 8px auto;"><ins class="adsbygoogle" '
                         'data-ad-slot="123"></ins><p class="iklan-label">ADVERTISEMENT</p></div>')
    paragraphs.insert(3, f'<p><strong>Baca juga: <a href="{_wp_url(related)}">{_e(related.title)}</a></strong></p>')
    paragraphs.insert(5, f'<figure class="wp-block-image size-large"><img src="https://{WP_HOST}/wp-content/'
                         f'uploads/foto-{n}.jpg" alt=""><figcaption class="wp-element-caption">{_e(story.caption)}'
                         f'</figcaption></figure>')
    if story.subhead:
        paragraphs.insert(6, f"<h2>{_e(story.subhead)}</h2>")
    if story.quote:
        paragraphs.insert(-1, f'<blockquote class="wp-block-quote"><p>{_e(story.quote)}</p></blockquote>')
    items = "".join(f'<div class="jp-relatedposts-post"><h4 class="jp-relatedposts-post-title"><a href="{_wp_url(s)}">'
                    f'{_e(s.title)}</a></h4><p class="jp-relatedposts-post-excerpt">{_e(s.paragraphs[1])}</p></div>'
                    for s in others[:3])
    content = "".join(paragraphs) + (
        '<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social"><h3 '
        'class="sd-title">Bagikan ini:</h3><ul><li><a class="share-facebook" href="#">Facebook</a></li><li><a '
        'class="share-whatsapp" href="#">WhatsApp</a></li></ul></div></div>'
        f'<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Terkait</em>'
        f'</h3><div class="jp-relatedposts-items">{items}</div></div>')
    published = story.published.isoformat()
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "NewsArticle", "@id": url + "#article", "headline": story.title, "datePublished": published,
         "dateModified": published, "author": {"@type": "Person", "name": story.author},
         "publisher": {"@type": "Organization", "name": "Lensa Daerah"}, "articleSection": story.section.title(),
         "inLanguage": "id-ID", "mainEntityOfPage": url},
        {"@type": "BreadcrumbList", "itemListElement": [{"@type": "ListItem", "position": 1, "name": "Beranda"}]},
    ]}
    comments = "".join(f'<li class="comment"><div class="comment-content"><p>Terima kasih atas beritanya, semoga '
                       f'{_e(s.title.lower())} bisa segera dirasakan manfaatnya oleh warga sekitar kami.</p></div></li>'
                       for s in others[:2])
    return (
        f'<!DOCTYPE html><html lang="id-ID"><head><meta charset="UTF-8"><meta name="viewport" content="width='
        f'device-width, initial-scale=1"><title>{_e(story.title)} &#8211; Lensa Daerah</title>'
        f'<link rel="canonical" href="{url}"><meta property="og:locale" content="id_ID"><meta property="og:type" '
        f'content="article"><meta property="og:title" content="{_e(story.title)}"><meta property="og:url" '
        f'content="{url}"><meta property="og:site_name" content="Lensa Daerah"><meta property='
        f'"article:published_time" content="{published}"><meta name="author" content="{_e(story.author)}">'
        f'<link rel="alternate" type="application/rss+xml" title="Lensa Daerah &raquo; Feed" href="https://'
        f'{WP_HOST}/feed/"><script type="application/ld+json" class="yoast-schema-graph">{json.dumps(graph)}'
        f'</script><link rel="stylesheet" href="https://{WP_HOST}/wp-content/themes/lensa/style.css"></head>'
        f'<body class="post-template-default single single-post postid-{1200 + n} single-format-standard">'
        f'<div id="page" class="site">{_wp_nav()}<div id="content" class="site-content"><div id="primary" '
        f'class="content-area"><main id="main" class="site-main"><article id="post-{1200 + n}" class="post-'
        f'{1200 + n} post type-post status-publish format-standard has-post-thumbnail hentry category-'
        f'{story.section}"><header class="entry-header"><h1 class="entry-title">{_e(story.title)}</h1><div '
        f'class="entry-meta"><span class="posted-on">Diterbitkan <a href="{url}" rel="bookmark"><time class='
        f'"entry-date published" datetime="{published}">{story.published.day} {_MONTHS[story.published.month - 1]}'
        f' {story.published.year}</time></a></span><span class="byline"> oleh <span class="author vcard"><a '
        f'class="url fn n" href="https://{WP_HOST}/author/{story.author.split()[0].lower()}/">{_e(story.author)}'
        f'</a></span></span></div></header><div class="post-thumbnail"><img src="https://{WP_HOST}/wp-content/'
        f'uploads/utama-{n}.jpg" alt=""></div><div class="entry-content">{content}</div><footer class='
        f'"entry-footer"><span class="cat-links">Kategori: <a href="https://{WP_HOST}/category/{story.section}/" '
        f'rel="category tag">{story.section.title()}</a></span><span class="tags-links">Tag: <a href="https://'
        f'{WP_HOST}/tag/warga/" rel="tag">warga</a></span></footer></article><nav class="navigation post-'
        f'navigation"><div class="nav-links"><div class="nav-previous"><a href="{_wp_url(others[0])}" rel="prev">'
        f'{_e(others[0].title)}</a></div></div></nav><div id="comments" class="comments-area"><h2 class='
        f'"comments-title">2 komentar</h2><ol class="comment-list">{comments}</ol></div></main></div>'
        f'{_wp_sidebar(others)}</div><footer id="colophon" class="site-footer"><div class="site-info">&copy; 2025 '
        f'Lensa Daerah. Seluruh hak cipta dilindungi.</div></footer></div></body></html>'
    )


def _wp_listing(title: str, items: list[Story], path: str) -> str:
    posts = "".join(f'<article class="post type-post"><h2 class="entry-title"><a href="{_wp_url(s)}">{_e(s.title)}'
                    f'</a></h2><div class="entry-summary"><p>{_e(s.paragraphs[0])}</p></div></article>' for s in items)
    return (f'<!DOCTYPE html><html lang="id-ID"><head><meta charset="UTF-8"><title>{_e(title)}</title><link rel='
            f'"canonical" href="https://{WP_HOST}{path}"><meta property="og:type" content="website"><link rel='
            f'"alternate" type="application/rss+xml" href="https://{WP_HOST}/feed/"></head><body class="home blog">'
            f'<div id="page" class="site">{_wp_nav()}<main id="main" class="site-main">{posts}<nav class="navigation '
            f'pagination"><a class="next page-numbers" href="https://{WP_HOST}/page/2/">Berikutnya</a></nav></main>'
            f'</div></body></html>')


def build_wordpress(root: Path) -> list[dict[str, object]]:
    items = stories(11, 5, ("daerah", "ekonomi", "pendidikan"))
    items[3].quote = "Kami ingin setiap keluarga di pesisir punya akses air bersih sebelum musim kemarau tiba."
    site = root / "sites" / WP_HOST
    files: dict[str, str] = {}
    for n, story in enumerate(items):
        others = [s for s in items if s is not story]
        files[f"{story.published:%Y/%m/%d}/{story.slug}/index.html"] = _wp_article(story, others, n)
    files["index.html"] = _wp_listing("Lensa Daerah &#8211; Kabar dari daerah", items, "/")
    files["page/2/index.html"] = _wp_listing("Lensa Daerah &#8211; Halaman 2", items[:2], "/page/2/")
    for section in ("daerah", "ekonomi", "pendidikan"):
        files[f"category/{section}/index.html"] = _wp_listing(
            f"{section.title()} &#8211; Lensa Daerah", [s for s in items if s.section == section], f"/category/{section}/")
    files["tag/warga/index.html"] = _wp_listing("warga &#8211; Lensa Daerah", items, "/tag/warga/")
    files["robots.txt"] = (f"User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
                           f"Sitemap: https://{WP_HOST}/wp-sitemap.xml\n")
    files["wp-sitemap.xml"] = _sitemap([_wp_url(s) for s in items])
    _write(site, files)
    return [_expected(_wp_url(s), s) for s in items]


# --- custom CMS ---------------------------------------------------------------------------

def _cms_url(story: Story, n: int) -> str:
    return f"https://{CMS_HOST}/berita/{story.section}/{48210 + n * 37}/{story.slug}"


def _cms_top() -> str:
    kanal = "".join(f'<li><a href="https://{CMS_HOST}/kanal/{k}">{k.title()}</a></li>'
                    for k in ("makassar", "bisnis", "olahraga", "gaya-hidup"))
    return (f'<div class="kp-top"><a class="kp-logo" href="https://{CMS_HOST}/"><img src="/img/logo.png" alt='
            f'"KabarPesisir.com"></a><ul class="kp-kanal"><li><a href="https://{CMS_HOST}/">Home</a></li>{kanal}'
            f'<li><a href="https://{CMS_HOST}/indeks">Indeks</a></li></ul></div>')


def _cms_article(story: Story, items: list[Story], n: int) -> str:
    url = _cms_url(story, n)
    others = [(s, m) for m, s in enumerate(items) if s is not story]
    parts = [f"<b>KABARPESISIR.COM, MAKASSAR</b> &mdash; {_e(story.paragraphs[0])}<br><br>"]
    parts += [f"{_e(p)}<br><br>" for p in story.paragraphs[1:3]]
    links = "".join(f'<li><a href="{_cms_url(s, m)}">{_e(s.title)}</a></li>' for s, m in others[:2])
    parts.insert(2, f'<div class="baca-juga-box"><span class="bj-label">BACA JUGA:</span><ul>{links}</ul></div>')
    parts.append('<div class="iklan-tengah"><ins class="adsbygoogle"></ins><span class="iklan-teks">Advertisement'
                 '</span><span class="iklan-teks">Scroll untuk melanjutkan</span></div>')
    if n == 2:  # a block the samples never showed: the shared filter has to catch it
        video = others[0][0]
        parts.append(f'<div class="video-terkait"><span>Tonton juga:</span> <a href="{_cms_url(*others[0])}">'
                     f'{_e(video.title)}</a></div>')
    if story.subhead:
        parts.append(f"<h3>{_e(story.subhead)}</h3>")
    parts += [f"<p>{_e(p)}</p>" for p in story.paragraphs[3:]]
    parts.append(f'<div class="kp-editor">Editor: {_e(story.editor)}</div>')
    terkait = "".join(f'<div class="kp-terkait-item"><a href="{_cms_url(s, m)}">{_e(s.title)}</a><p>'
                      f'{_e(s.paragraphs[2])}</p></div>' for s, m in others[:3])
    populer = "".join(f'<li><a href="{_cms_url(s, m)}">{_e(s.title)}</a> <span>{_e(s.paragraphs[0][:90])}</span></li>'
                      for s, m in others)
    return (
        f'<html><head><meta charset="utf-8"><title>{_e(story.title)} | KabarPesisir.com</title><meta name='
        f'"description" content="{_e(story.paragraphs[0][:150])}"><meta property="og:title" content="'
        f'{_e(story.title)} | KabarPesisir.com"><meta property="og:url" content="{url}"><meta property="og:site_name"'
        f' content="KabarPesisir.com"><meta property="og:type" content="article"><link rel="alternate" type='
        f'"application/rss+xml" href="https://{CMS_HOST}/rss.xml"><script src="/js/kp.min.js"></script></head>'
        f'<body><div class="kp-wrap">{_cms_top()}<div class="kp-main"><div class="kp-left"><div class="breadcrumb">'
        f'<a href="https://{CMS_HOST}/">Home</a> &raquo; <a href="https://{CMS_HOST}/kanal/{story.section}">'
        f'{story.section.title()}</a></div><div class="judul-artikel"><h1>{_e(story.title)}</h1></div><div class='
        f'"info-artikel"><span class="kp-penulis">Penulis: {_e(story.author)}</span> | <span class="kp-tanggal">'
        f'{_indonesian_date(story.published)}</span></div><div class="foto-utama"><img src="/foto/{n}.jpg" alt="">'
        f'<span class="keterangan-foto">{_e(story.caption)}</span></div><div class="kp-isi" id="isi-berita">'
        f'{"".join(parts)}</div><div class="kp-tags">Tags: <a href="https://{CMS_HOST}/tag/pesisir">pesisir</a> <a '
        f'href="https://{CMS_HOST}/tag/warga">warga</a></div><div class="kp-terkait"><h3>Berita Terkait</h3>'
        f'{terkait}</div></div><div class="kp-right"><div class="kp-populer"><h3>Terpopuler</h3><ol>{populer}</ol>'
        f'</div></div></div><div class="kp-footer">Redaksi | Pedoman Media Siber | &copy; 2025 KabarPesisir.com'
        f'</div></div></body></html>'
    )


def _cms_listing(title: str, items: list[Story], all_items: list[Story], path: str) -> str:
    rows = "".join(f'<div class="kp-list-item"><a href="{_cms_url(s, all_items.index(s))}"><h2>{_e(s.title)}</h2>'
                   f'</a><p>{_e(s.paragraphs[0][:120])}</p><span class="kp-tanggal">{_indonesian_date(s.published)}'
                   f'</span></div>' for s in items)
    return (f'<html><head><meta charset="utf-8"><title>{_e(title)}</title><meta property="og:url" content="https://'
            f'{CMS_HOST}{path}"><link rel="alternate" type="application/rss+xml" href="https://{CMS_HOST}/rss.xml">'
            f'</head><body><div class="kp-wrap">{_cms_top()}<div class="kp-main"><div class="kp-left">{rows}'
            f'<div class="kp-paging"><a href="https://{CMS_HOST}/indeks?page=2">Selanjutnya</a></div></div></div>'
            f'</div></body></html>')


def build_cms(root: Path) -> list[dict[str, object]]:
    items = stories(23, 5, ("makassar", "bisnis", "makassar", "olahraga", "gaya-hidup"))
    site = root / "sites" / CMS_HOST
    files: dict[str, str] = {}
    for n, story in enumerate(items):
        files[f"berita/{story.section}/{48210 + n * 37}/{story.slug}"] = _cms_article(story, items, n)
    files["index.html"] = _cms_listing("KabarPesisir.com - Kabar Pesisir Terkini", items, items, "/")
    files["indeks"] = _cms_listing("Indeks Berita | KabarPesisir.com", items, items, "/indeks")
    for kanal in ("makassar", "bisnis", "olahraga", "gaya-hidup"):
        files[f"kanal/{kanal}"] = _cms_listing(f"{kanal.title()} | KabarPesisir.com",
                                               [s for s in items if s.section == kanal], items, f"/kanal/{kanal}")
    files["robots.txt"] = f"User-agent: *\nDisallow: /cari\n\nSitemap: https://{CMS_HOST}/sitemap.xml\n"
    files["sitemap.xml"] = _sitemap([_cms_url(s, n) for n, s in enumerate(items)])
    _write(site, files)
    return [_expected(_cms_url(s, n), s) for n, s in enumerate(items)]


# --- shared -------------------------------------------------------------------------------

def _sitemap(urls: list[str]) -> str:
    entries = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>\n'


def _expected(url: str, story: Story) -> dict[str, object]:
    body = _story_body(story)
    body[0] = ("MAKASSAR – " if "lensadaerah" in url else "KABARPESISIR.COM, MAKASSAR — ") + body[0]
    return {"url": url, "title": story.title, "published": story.published.isoformat(), "authors": [story.author],
            "body": body}


def _write(site: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + ("" if text.endswith("\n") else "\n"), encoding="utf-8")


def build(root: Path) -> dict[str, list[dict[str, object]]]:
    """Write both sites under ``root/sites/<host>/`` and their expectations under ``root/expected/``."""
    expected = {WP_HOST: build_wordpress(root), CMS_HOST: build_cms(root)}
    (root / "expected").mkdir(parents=True, exist_ok=True)
    for host, items in expected.items():
        (root / "expected" / f"{host}.json").write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n",
                                                       encoding="utf-8")
    return expected


if __name__ == "__main__":
    build(Path(sys.argv[1]))
