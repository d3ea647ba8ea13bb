"""The Indonesian boilerplate filter: each rule drops what it must and keeps real story text."""

from __future__ import annotations

import pytest
from seed_text import SEED_PAGE, SEED_TEXT, seed_text_from_page

from scraper.boilerplate import DROP, STOP, STRIP, clean_paragraphs, clean_text, is_boilerplate

SEED = SEED_TEXT  # the seed article as plain text, from our suara fixture (never ../shared)

STORY = "Presiden menyampaikan pidato kenegaraan di depan anggota parlemen pada Jumat pagi."

# (rule name, a line it must drop) -- every DROP rule has a positive case here.
DROPPED = [
    ("related-link", "Baca Juga: Harga Cabai Naik Jelang Lebaran"),
    ("related-link", "baca juga : Gempa Guncang Maluku"),
    ("related-link", "Lihat juga: Banjir di Kota Lama"),
    ("related-link", "Simak juga berita lainnya di sini"),
    ("related-label", "Artikel terkait: Pemilu Serentak"),
    ("watch-video", "Lihat Video: Detik-detik Banjir Bandang"),
    ("watch-video", "Simak Video: Warga Gotong Royong"),
    ("embed-placeholder", "[Gambas:Video 20detik]"),
    ("reporter-line", "Laporan Wartawan Tribunnews.com, Budi Santoso"),
    ("editor-pick", "Pilihan Editor: Lima Kuliner Khas Solo"),
    ("video-promo", "Saksikan Video Pilihan Berikut Ini:"),
    ("ad-marker", "ADVERTISEMENT"),
    ("ad-marker", "SCROLL TO CONTINUE WITH CONTENT"),
    ("follow-promo", "Ikuti berita terkini dari kami di Google News, klik di sini."),
    ("follow-promo", "Dapatkan update berita pilihan setiap hari dengan bergabung di WhatsApp Channel kami"),
    ("app-promo", "Download aplikasi kami untuk berita terbaru"),
    ("yuk-promo", "Yuk, simak juga video ini!"),
    ("read-also", "Read also: Jakarta floods recede"),
    ("credit-line", "Sumber:BeritaSatu.com"),
    ("desk-code", "(E-2)"),
    ("desk-code", "(Ant/P-5)"),
    ("copyright", "©2022 Merdeka.com/Istimewa"),
    ("credit-line", "Editor: Budi Santoso"),
    ("credit-line", "Penulis: Dewi Lestari"),
    ("credit-line", "Reporter : Andi"),
    ("credit-line", "Sumber: Antara"),
    ("credit-code", "(suc/up)"),
    ("credit-code", "(mdk/xyz)"),
    ("credit-code", "(ant)"),
    ("copyright", "© 2025 Media Contoh. All rights reserved"),
    ("lone-punctuation", "-"),
    ("pagination", "Halaman selanjutnya"),
    ("pagination", "1 2 3 Selanjutnya"),
    ("pagination", "Tampilkan Semua"),
]

# Sentences that use the same words but are story text.
KEPT = [
    "Warga diminta membaca juga petunjuk keselamatan sebelum berangkat.",
    "Lagu itu masuk daftar terpopuler tahun ini menurut tangga lagu nasional.",
    "Pilihan pemerintah jatuh pada skema subsidi yang lebih tepat sasaran, kata menteri.",
    "Informasi terkini soal banjir akan disampaikan BPBD setiap jam.",
    "Editor senior harian itu, Budi, mengatakan redaksi menolak tekanan tersebut.",
    "Rekomendasi tim ahli sudah diserahkan kepada gubernur pada Senin (3/3/2025).",
    "Ia menyebut video itu beredar sejak Minggu malam di media sosial.",
]


def _rule_names(rules: tuple) -> set[str]:
    return {r.name for r in rules}


@pytest.mark.parametrize(("rule", "line"), DROPPED)
def test_drop_rule_removes_line(rule: str, line: str) -> None:
    assert rule in _rule_names(DROP)
    assert clean_paragraphs([STORY, line, STORY + " Lanjutan."]) == [STORY, STORY + " Lanjutan."]


def test_every_drop_rule_has_a_case() -> None:
    assert _rule_names(DROP) == {rule for rule, _ in DROPPED}


@pytest.mark.parametrize("line", KEPT)
def test_genuine_paragraphs_survive(line: str) -> None:
    assert clean_paragraphs([STORY, line]) == [STORY, line]
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    "heading", ["Berita Terkait", "Terpopuler", "Pilihan", "Terkini", "Rekomendasi", "Populer",
                "Video Pilihan", "Topik Terkait", "BERITA TERKAIT", "Berita Terkait:"],
)
def test_stop_heading_ends_story(heading: str) -> None:
    assert STOP
    assert clean_paragraphs([STORY, heading, "Judul Berita Lain Yang Tidak Boleh Masuk"]) == [STORY]


def test_block_above_story_is_skipped_not_ending_it() -> None:
    paras = ["Terpopuler", "Judul Pertama Di Atas", "Judul Kedua Di Atas", STORY, "Kalimat kedua cerita."]
    assert clean_paragraphs(paras) == [STORY, "Kalimat kedua cerita."]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Demikian disampaikan juru bicara. (suc/up)", "Demikian disampaikan juru bicara."),
        ("Ia menutup rapat pukul 12.00 WIB.(mdk/xyz)", "Ia menutup rapat pukul 12.00 WIB."),
        ("Kegiatan itu selesai sore hari. (ant)", "Kegiatan itu selesai sore hari."),
        ("Rapat ditutup pukul 15.00 WIB. (E-2)", "Rapat ditutup pukul 15.00 WIB."),
        ("Harga naik ADVERTISEMENT menjadi Rp10 ribu.", "Harga naik menjadi Rp10 ribu."),
    ],
)
def test_strip_rules(text: str, want: str) -> None:
    assert STRIP
    assert clean_paragraphs([text]) == [want]


def test_uppercase_parenthesis_is_not_a_credit_code() -> None:
    text = "Pertemuan itu dihadiri wakil Amerika Serikat (AS)."
    assert clean_paragraphs([text]) == [text]


def test_site_rules_extend_the_shared_ones() -> None:
    import re

    out = clean_paragraphs([STORY, "KLIK INI: promo", STORY + " Dua."], drop=[re.compile(r"^KLIK INI")])
    assert out == [STORY, STORY + " Dua."]


def test_clean_is_idempotent_on_the_seed() -> None:
    once = clean_text(SEED.read_text(encoding="utf-8"))
    assert clean_text(once) == once


def test_seed_keeps_exactly_the_story() -> None:
    lines = clean_text(SEED.read_text(encoding="utf-8")).split("\n")
    assert lines[0].startswith("Suara.com - Presiden Prancis Emmanuel Macron")
    assert lines[-1].endswith('demiliterisasi Ukraina."')
    assert len(lines) == 15  # 18 lines before "Berita Terkait": a "Baca Juga" link and two ad markers
    joined = "\n".join(lines)
    for leak in ("Baca Juga", "Trump Beli Tesla", "Berita Terkait", "Terpopuler", "Pilihan", "Terkini",
                 "Deal Rahasia AS-Ukraina", "ADVERTISEMENT", "SCROLL TO CONTINUE"):
        assert leak not in joined


def test_seed_text_fixture_is_derived_from_the_suara_page() -> None:
    """fixtures/text/suara-seed.txt is the suara fixture page's text, line for line."""
    assert SEED_TEXT.read_text(encoding="utf-8") == seed_text_from_page(SEED_PAGE.read_text(encoding="utf-8"))


def test_lone_dateline_joins_the_first_paragraph() -> None:
    from scraper.boilerplate import join_dateline

    assert join_dateline(["JAKARTA, KOMPAS.com -", STORY, "Dua."]) == [f"JAKARTA, KOMPAS.com - {STORY}", "Dua."]
    assert join_dateline(["Jakarta -", STORY]) == [f"Jakarta - {STORY}"]
    assert join_dateline([STORY, "Solo -"]) == [STORY, "Solo -"]  # only a leading one
    assert join_dateline(["Jakarta - " + STORY]) == ["Jakarta - " + STORY]
