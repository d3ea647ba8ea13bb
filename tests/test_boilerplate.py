"""The Indonesian boilerplate filter: each rule drops what it must and keeps real story text."""

from __future__ import annotations

import pytest
from seed_text import SEED_PAGE, SEED_TEXT, seed_text_from_page

from scraper.extract.boilerplate import DROP, STOP, STRIP, clean_paragraphs, clean_text, is_boilerplate

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
    ("related-link", "Baca Selanjutnya: Pasar Terapung Kembali Ramai..."),
    ("watch-video", "Cek Video di Bawah Ini"),
    ("caption-credit", "Petugas memeriksa barang bukti di halaman Mapolres. (Rina Amelia/detikcom)"),
    ("caption-credit", "Staf laboratorium memeriksa sampel di Bangkok. (REUTERS / Budi Santoso)"),
    ("caption-foto", "Warga antre di depan posko banjir. Foto: Istimewa"),
    ("caption-mandatory-credit", "Pemain merayakan gol kedua. Mandatory Credit: Nama Fotografer-Agensi Contoh"),
    ("caption-copyright", "Suasana peluncuran produk baru di Jakarta ©2021 Merdeka.com"),
    ("caption-source", "Twitter @contoh_fc Dua pemain baru bergabung dengan skuad untuk turnamen pramusim."),
    ("embed-text", "Selamat untuk tim nasional! pic.twitter.com/AbCdEf123"),
    ("embed-text", "A post shared by Akun Contoh (@akun_contoh)"),
    ("hashtag-line", "#ChangeMaker with FIMELA"),
    ("widget", "- Rate artikel ini"),
    ("widget", "Like (0)"),
    ("syndication", 'Artikel ini telah tayang di Kompas.com dengan judul "Harga Cabai Naik", Klik untuk baca: https://x.id/a'),
    ("syndication", "Artikel ini telah naik di detikBali."),
    ("syndication", "Sebagian artikel ini sudah tayang di TribunJogja.com"),
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
    # the caption, credit, embed and syndication rules leave these alone
    "Polisi menyita foto dan dokumen dari rumah tersangka pada Rabu malam.",
    "Ia menunjukkan foto: rumah yang rusak diterjang banjir di Garut",
    "Pameran Foto: Jejak Langkah Bangsa dibuka di Galeri Nasional pada Senin.",
    "Laporan itu dikutip dari kantor berita (Antara/Reuters)",
    "Film ini telah tayang di bioskop sejak pekan lalu dan ditonton sejuta orang.",
    "Berita ini sudah dikonfirmasi kepada pihak kepolisian setempat.",
    "Akun Instagram @kemenkes_ri mengunggah imbauan agar warga memakai masker.",
    "Instagram @kemenkes_ri mengunggah imbauan agar warga memakai masker.",
    "#SaveKPK menjadi trending topic di Twitter sejak Senin pagi.",
    "Cek kesehatan gratis digelar di balai desa pada Minggu pagi.",
    "Unggahan itu mendapat ribuan like (suka) dari warganet dalam sehari.",
    "Bank itu menyalurkan kredit wajib (mandatory credit) bagi petani.",
]


def _rule_names(rules: tuple) -> set[str]:
    return {r.name for r in rules}


@pytest.mark.parametrize(("rule", "line"), DROPPED)
def test_drop_rule_removes_line(rule: str, line: str) -> None:
    assert rule in _rule_names(DROP)
    assert clean_paragraphs([STORY, line, STORY + " Lanjutan."]) == [STORY, STORY + " Lanjutan."]


#: Rules whose effect depends on the paragraphs around them: tested on their own below.
PLACE_AWARE = {"embed-signature"}


def test_every_drop_rule_has_a_case() -> None:
    assert _rule_names(DROP) == {rule for rule, _ in DROPPED} | PLACE_AWARE


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


STRIP_CASES = [
    ("Demikian disampaikan juru bicara. (suc/up)", "Demikian disampaikan juru bicara."),
    ("Ia menutup rapat pukul 12.00 WIB.(mdk/xyz)", "Ia menutup rapat pukul 12.00 WIB."),
    ("Kegiatan itu selesai sore hari. (ant)", "Kegiatan itu selesai sore hari."),
    ("Rapat ditutup pukul 15.00 WIB. (E-2)", "Rapat ditutup pukul 15.00 WIB."),
    ("Harga naik ADVERTISEMENT menjadi Rp10 ribu.", "Harga naik menjadi Rp10 ribu."),
]


@pytest.mark.parametrize(
    ("text", "want"),
    STRIP_CASES,
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
    from scraper.extract.boilerplate import join_dateline

    assert join_dateline(["JAKARTA, KOMPAS.com -", STORY, "Dua."]) == [f"JAKARTA, KOMPAS.com - {STORY}", "Dua."]
    assert join_dateline(["Jakarta -", STORY]) == [f"Jakarta - {STORY}"]
    assert join_dateline([STORY, "Solo -"]) == [STORY, "Solo -"]  # only a leading one
    assert join_dateline(["Jakarta - " + STORY]) == ["Jakarta - " + STORY]


# --- place-aware rules: related-link blocks, embedded posts, the closing credit --------

NEXT = "Paragraf cerita berikutnya menjelaskan keputusan rapat pada Senin pagi itu."


def test_bare_related_label_takes_its_headline_items_along() -> None:
    paras = [STORY, "Baca juga:", "Gibran Larang Warga Bepergian ke Zona Merah", "Indekos di Kebayoran Ditutup", NEXT]
    assert clean_paragraphs(paras) == [STORY, NEXT]


def test_bare_related_label_before_a_story_paragraph_takes_nothing() -> None:
    assert clean_paragraphs([STORY, "Baca juga:", NEXT]) == [STORY, NEXT]


def test_embedded_post_text_goes_with_its_signature() -> None:
    paras = [STORY, "Selamat untuk tim nasional, kalian luar biasa!", "— Akun Contoh (@akun_contoh) June 17, 2021", NEXT]
    assert clean_paragraphs(paras) == [STORY, NEXT]


def test_paragraph_introducing_an_embedded_post_stays() -> None:
    intro = "Kementerian Luar Negeri menyampaikan perkembangan itu lewat Twitter:"
    paras = [intro, "Teks cuitan pic.twitter.com/AbCdEf123", "— Kemlu (@akun_kemlu) January 23, 2021", NEXT]
    assert clean_paragraphs(paras) == [intro, NEXT]


@pytest.mark.parametrize(
    ("last", "want"),
    [
        ("Jenazah ditemukan di halaman rumah di Denpasar. (Luh Wayanti)", "Jenazah ditemukan di halaman rumah di Denpasar."),
        ("Acara ditutup dengan doa bersama. (***/Rina Amelia)", "Acara ditutup dengan doa bersama."),
        ("Demikian kata dia kepada wartawan. (Tribunjogja.com/Rina Amelia)", "Demikian kata dia kepada wartawan."),
    ],
)
def test_closing_reporter_credit_is_cut(last: str, want: str) -> None:
    assert clean_paragraphs([STORY, last]) == [STORY, want]


def test_lone_closing_credit_goes() -> None:
    assert clean_paragraphs([STORY, "(Luh Wayanti)"]) == [STORY]


@pytest.mark.parametrize(
    "last",
    [
        "Proyek itu dikerjakan oleh PT Pertamina (Persero).",
        '"Alhamdulillah." (segala puji bagi Allah)',
        "Menurut dia, kebijakan itu sudah disetujui DPR (Dewan Perwakilan Rakyat)",
    ],
)
def test_parenthetical_that_is_part_of_the_story_stays(last: str) -> None:
    assert clean_paragraphs([STORY, last]) == [STORY, last]


def test_name_in_parentheses_mid_story_is_not_the_closing_credit() -> None:
    mid = "Rapat itu dipimpin langsung oleh ketua panitia. (Budi Santoso)"
    assert clean_paragraphs([mid, STORY]) == [mid, STORY]


def test_closing_capitals_byline_is_split_off() -> None:
    from scraper.extract.boilerplate import pop_closing_bylines

    assert pop_closing_bylines([STORY, "DINI TEJA"]) == ([STORY], ["DINI TEJA"])
    assert pop_closing_bylines([STORY, "MERDEKA!"]) == ([STORY, "MERDEKA!"], [])
    assert pop_closing_bylines([STORY, NEXT]) == ([STORY, NEXT], [])


# --- the page header a generic reading puts before the story ---------------------------

TITLE = "Mahasiswa Kembangkan Robot Terapi Pascastroke"


def test_header_before_the_story_goes() -> None:
    from scraper.extract.boilerplate import drop_page_header

    paras = ["Selasa 16 Jun 2015, 14:05 WIB", "MUDA DAN MENGINSPIRASI", TITLE, STORY, NEXT]
    assert drop_page_header(paras, TITLE) == [STORY, NEXT]
    paras = [TITLE.upper() + ".", "Jum'at, 19 Juni 2015 | 13:12 WIB", "Oleh :", "Adrianus Mandey", STORY]
    assert drop_page_header(paras, TITLE) == [STORY]
    assert drop_page_header(["By Silvanus Alvin", STORY], None) == [STORY]


def test_story_lead_with_a_date_or_oleh_stays() -> None:
    from scraper.extract.boilerplate import drop_page_header

    lead = "Rabu, 17 Juni 2015, ribuan warga memadati alun-alun kota untuk menyaksikan pawai budaya."
    assert drop_page_header([lead, STORY], TITLE) == [lead, STORY]
    oleh = "Oleh karena itu, pemerintah menaikkan anggaran."
    assert drop_page_header([oleh, STORY], TITLE) == [oleh, STORY]
    subhead = "Dibuka Sejak Subuh"
    assert drop_page_header([subhead, STORY], TITLE) == [subhead, STORY]


def test_headline_repeated_further_down_goes_but_a_short_title_word_stays() -> None:
    from scraper.extract.boilerplate import drop_page_header

    assert drop_page_header([STORY, NEXT, TITLE, "- Like (0)"], TITLE) == [STORY, NEXT, "- Like (0)"]
    short_quote = '"Kami siap," ujarnya.'  # a short story line above a headline copy is not header
    assert drop_page_header([short_quote, TITLE, STORY], TITLE) == [short_quote, STORY]
    assert drop_page_header([STORY, "Umum", NEXT], "Umum") == [STORY, "Umum", NEXT]


def test_a_rules_needs_are_in_every_text_it_matches() -> None:
    """A rule's ``needs`` skip the regex on paragraphs without them: each positive example
    in this file must hold one of them, or the shortcut would hide a real match."""
    from scraper.extract.boilerplate import DROP, STOP, STRIP

    examples = [text for _, text in DROPPED] + [text for text, _ in STRIP_CASES] + KEPT
    for rule in (*DROP, *STOP, *STRIP):
        for text in examples:
            if rule.regex.search(text):
                assert rule.could_match(text.lower()), (rule.name, text)
