"""The Indonesian boilerplate filter, shared by every extraction path and ``scraper clean``.

Rules are data (the tables below), each a named regex with one of three effects:

* ``DROP``: a paragraph that matches is removed (inline related links, ad markers,
  promos, credit lines and credit codes);
* ``STOP``: a paragraph that *is* a trailing-block heading ("Berita Terkait",
  "Terpopuler", ...) ends the story: it and everything after it are removed;
* ``STRIP``: the matched text is cut out of a paragraph (a credit code at its end).

Headings must match the whole paragraph, so a genuine sentence that merely uses the word
("... masuk daftar terpopuler tahun ini") is kept. Site profiles add their own rules on
top; these are the ones every Indonesian site shares.

Two rules look at a paragraph's place in the story: a bare "Baca juga:" label opens a
block of related headlines (skipped up to the next real paragraph), and the story's
closing credit, a reporter's name in parentheses ("(Nama Reporter)", "(***/Nama)"), is cut
from its last paragraph. :func:`pop_closing_bylines` takes the capitals byline closing a
story ("DINI TEJA", "ANTARA") off the end, for the caller to credit.
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # the stdlib's own regex parser: is a rule anchored?
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from scraper.extract.dates import date_line
from scraper.extract.paragraphs import normalize_space


@dataclass(frozen=True)
class Rule:
    """One boilerplate rule: ``name`` for tests and reports, ``pattern`` as a regex."""

    name: str
    pattern: str
    #: Lower-case strings of which the paragraph must hold one for the rule to match at
    #: all (a cheap test before the regex; () = always try the regex).
    needs: tuple[str, ...] = ()
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern, re.IGNORECASE))

    def could_match(self, lower: str) -> bool:
        """False when the (lower-cased) paragraph lacks every string the rule needs."""
        return not self.needs or any(need in lower for need in self.needs)


_LABEL_END = r"\s*[:：\-–—]?"  # optional colon or dash after a label

#: A person's name as a credit prints it: two to four capitalised words (case-sensitive).
_NAME = r"(?-i:[A-Z][a-z'’.-]+(?:\s+[A-Z][a-z'’.-]+){1,3})"
#: Newsrooms, agencies and stock sources that photo credits name beside the photographer.
_OUTLET = (r"(?:detik\w*|kompas\w*(?:\.com)?|tribun\w*(?:\.com)?|liputan6(?:\.com)?|merdeka(?:\.com)?|okezone(?:\.com)?|"
           r"antara(?:\s+foto)?|reuters|afp|ap|epa|xinhua|getty\s+images|istimewa|dok(?:umentasi)?\.?|"
           r"[\w-]+\.(?:com|co\.id|id))")

DROP: tuple[Rule, ...] = (
    Rule("related-link", r"^\W{0,3}(baca|lihat|simak|tonton|saksikan|cek|klik)\s+"
         r"(juga|pula|lainnya|berita|selanjutnya|berikutnya)\b"),
    Rule("related-label", r"^\W{0,3}(artikel|berita|video)\s+terkait\s*[:：]"),
    Rule("watch-video", r"^\W{0,3}(lihat|tonton|saksikan|simak|cek)\s+(juga\s+)?video\b"),
    Rule("embed-placeholder", r"^\W{0,3}\[gambas:"),
    Rule("reporter-line", r"^laporan\s+(wartawan|reporter|koresponden)\s+[\w.]+(\s+[\w.]+){0,3}\s*,\s*[\w .'-]{2,40}$"),
    Rule("editor-pick", r"^\W{0,3}pilihan\s+editor\s*[:：]"),
    Rule("video-promo", r"^\W{0,3}saksikan\s+(juga\s+)?video\s+pilihan\b"),
    Rule("ad-marker", r"^\W{0,3}(advertisement|iklan|scroll to continue with content|scroll to resume content|"
         r"lanjutkan membaca artikel di bawah|konten berbayar|sponsored)\W{0,3}$"),
    Rule("follow-promo", r"^\W{0,3}(ikuti|follow|gabung|join|dapatkan|subscribe|langganan|simak breaking news)\b.{0,160}"
         r"\b(google news|whatsapp|wa channel|saluran|channel|telegram|instagram|tiktok|youtube|twitter|facebook|"
         r"newsletter|update berita|berita terkini)\b"),
    Rule("app-promo", r"^\W{0,3}(download|unduh)\s+(aplikasi|apps?)\b"),
    Rule("yuk-promo", r"^\W{0,3}yuk,?\s+(simak|baca|tonton|saksikan|cek|ikuti)\b.{0,120}$"),
    Rule("read-also", r"^\W{0,3}(read also|also read|read more|see also)\s*[:：]"),
    Rule("credit-line", r"^\W{0,3}(editor|penulis|reporter|pewarta|penyunting|redaktur|kontributor|sumber|source|"
         r"foto|video|ilustrasi|copyright|hak cipta|\(?c\)?\s*copyright)" + _LABEL_END
         + r"\s*\S([^.!?]|\.(?=[a-z]))*$"),
    Rule("credit-code", r"^\W{0,2}\(\s*\*?[a-z0-9]{2,6}(\s*/\s*[a-z0-9]{1,6})*\s*\)\W{0,2}$"),
    Rule("copyright", r"^(©|\(c\)\s|copyright\s|hak cipta\s)"),
    Rule("desk-code", r"^\W{0,2}\(\s*([a-z]{2,5}/)?[A-Z]{1,3}-\d{1,3}\s*\)\W{0,2}$"),
    Rule("lone-punctuation", r"^[\W_]+$"),
    Rule("pagination", r"^(halaman\s+(selanjutnya|berikutnya|sebelumnya)|selanjutnya|sebelumnya|next|prev|"
         r"tampilkan semua|lihat semua|load more|muat lebih banyak|(\d+\s*){2,}(selanjutnya|next)?)\W*$"),
    # Photo captions: a line that ends with its photographer's credit "(Nama/detikcom)",
    # "(REUTERS/Nama Fotografer)" (but see clean_paragraphs: closing the story, the same
    # credit names its reporter), with "Foto: Sumber", or that carries an agency's
    # "Mandatory Credit:" or a "©2021 Merdeka.com" credit.
    Rule("caption-credit", r"\(\s*(" + _OUTLET + r"\s*/\s*" + _NAME + r"|" + _NAME + r"\s*/\s*" + _OUTLET
         + r")\s*\)\s*$", ("/",)),
    Rule("caption-foto", r"(?-i:\bFoto|\bFOTO)\s*:\s*[^.!?]{1,40}$", ("foto",)),
    Rule("caption-mandatory-credit", r"(?-i:\bMandatory Credit)\s*:", ("mandatory credit",)),
    Rule("caption-copyright", r"\S\s*©\s*\d{4}\s+[\w.]{2,30}\W{0,2}$", ("©",)),
    Rule("caption-source", r"^(?-i:(Twitter|Instagram|Facebook|YouTube|TikTok)\s+@\w+\s+[A-Z])"),
    # Embedded posts: the tweet's signature line and text ending in its picture link,
    # an Instagram post's "A post shared by ..." line; a line that is only a hashtag.
    Rule("embed-signature", r"^[—–-]\s*[^()\n]{1,60}\(@\w{1,30}\)\s+\w+\s+\d{1,2},\s+\d{4}$"),
    Rule("embed-text", r"\bpic\.twitter\.com/\w+\W{0,3}$|^(a post shared by|sebuah kiriman dibagikan oleh)\b",
         ("pic.twitter.com", "a post shared by", "sebuah kiriman dibagikan oleh")),
    Rule("hashtag-line", r"^#\w+(\s+(with|bersama|x)\s+\S+)?\W{0,3}$"),
    # Rating and reaction widgets: "- Rate artikel ini", "Like (0)", "Credits (3)".
    Rule("widget", r"^\W{0,3}(rate (this|artikel ini)\b.{0,20}|(like|dislike|suka|credits?|komentar|comments?)"
         r"\s*\(\d+\))\W{0,3}$"),
    # Syndication trailers: "Artikel ini telah tayang di Kompas.com dengan judul ...".
    Rule("syndication", r"^\W{0,3}(sebagian\s+)?(artikel|berita|tulisan|konten)\s+ini\s+((telah|sudah|pernah|juga|"
         r"lebih\s+dulu)\s+)*(tayang|naik|terbit|dimuat|diterbitkan|dipublikasikan|ditayangkan)\s+(di|pada|dalam)\b"),
)

_CAPTION_CREDIT = next(r for r in DROP if r.name == "caption-credit")
_EMBED_SIGNATURE = next(r for r in DROP if r.name == "embed-signature")
_EMBED_TEXT = next(r for r in DROP if r.name == "embed-text")
_POST_WORDS = 60

#: A bare related-links label ("Baca juga:"): the short headline lines after it are its items.
_RELATED_LABEL = re.compile(r"^\W{0,3}(baca|lihat|simak)\s+(juga|pula|lainnya)\s*[:：]?\W{0,3}$", re.IGNORECASE)
_MAX_RELATED_ITEMS = 10

_BLOCK_HEADINGS = (
    "berita terkait", "artikel terkait", "topik terkait", "tag terkait", "video terkait", "foto terkait",
    "terpopuler", "populer", "berita populer", "paling populer", "terpopuler hari ini", "most popular",
    "pilihan", "pilihan editor", "pilihan redaksi", "editor's pick", "editor picks", "video pilihan",
    "terkini", "berita terkini", "terbaru", "berita terbaru", "artikel terbaru",
    "rekomendasi", "rekomendasi untuk anda", "rekomendasi berita", "berita rekomendasi",
    "berita lainnya", "artikel lainnya", "baca lainnya", "lainnya", "komentar", "tulis komentar",
    "topik", "topik pilihan", "tags", "tag", "trending", "trending topic", "hot topic",
    "baca berita menarik lainnya", "berita menarik lainnya", "jangan lewatkan", "related news",
    "related articles", "read more", "next article",
)

STOP: tuple[Rule, ...] = (
    Rule("block-heading", r"^\W{0,3}(" + "|".join(re.escape(h) for h in _BLOCK_HEADINGS) + r")\s*[:：]?\W{0,3}$"),
)

STRIP: tuple[Rule, ...] = (
    Rule("trailing-credit-code", r"\s*[\[(]\s*\*?[a-z]{2,6}(\s*/\s*[a-z0-9]{1,6})+\s*[\])]\s*$", ("/",)),
    Rule("trailing-single-code", r"(?<=[.!?\"”'])\s*\(\s*[a-z]{2,5}\s*\)\s*$", (")",)),
    Rule("trailing-desk-code", r"(?<=[.!?\"”'])\s*\(\s*([A-Za-z]{2,5}/)?[A-Z]{1,3}-\d{1,3}\s*\)\s*$", ("-",)),
    Rule("inline-ad-marker", r"\b(ADVERTISEMENT|SCROLL TO CONTINUE WITH CONTENT)\b", ("advertisement", "scroll to")),
)

#: A heading before any story text is a block above the story, not its end; the short,
#: headline-like lines that follow it are its items.
_HEADLINE_WORDS = 25


def _matches(rules: tuple[Rule, ...], text: str) -> Rule | None:
    """The first of ``rules`` (in table order) that matches ``text``.

    Most paragraphs match no rule, and most rules are anchored at the paragraph's start:
    one ``match`` of those joined together rejects them all at once, and only the
    unanchored rules are then tried one by one (the first that matches is still the
    first in table order, since no anchored rule matched)."""
    anchored, others = _split(rules)
    lower = text.lower()
    for rule in rules if anchored is not None and anchored.match(text) else others:
        if rule.could_match(lower) and rule.regex.search(text):
            return rule
    return None


_SPLITS: dict[int, tuple[re.Pattern[str] | None, tuple[Rule, ...]]] = {}


def _split(rules: tuple[Rule, ...]) -> tuple[re.Pattern[str] | None, tuple[Rule, ...]]:
    """(the anchored rules joined in one regex, the other rules), computed once per table."""
    found = _SPLITS.get(id(rules))
    if found is None:
        anchored = [r for r in rules if _is_anchored(r.pattern)]
        joined = re.compile("|".join(f"(?:{r.pattern})" for r in anchored), re.IGNORECASE) if anchored else None
        found = _SPLITS[id(rules)] = (joined, tuple(r for r in rules if r not in anchored))
    return found


def _is_anchored(pattern: str) -> bool:
    """True when every match of ``pattern`` starts at the string's start (a leading ``^``
    and no top-level alternation that could match elsewhere)."""
    parsed = sre_parse.parse(pattern, re.IGNORECASE)
    return len(parsed) > 0 and parsed[0] == (sre_parse.AT, sre_parse.AT_BEGINNING)


def strip_inline(text: str, extra: Sequence[re.Pattern[str]] = ()) -> str:
    """Cut credit codes and ad markers out of one paragraph (repeated until nothing changes)."""
    for _ in range(5):
        before, lower = text, text.lower()
        for rule in STRIP:
            if rule.could_match(lower):
                text = rule.regex.sub("", text)
        for regex in extra:
            text = regex.sub("", text)
        text = normalize_space(text)
        if text == before:
            break
    return text


def is_boilerplate(text: str) -> bool:
    """True when a single paragraph is a drop or stop line on its own."""
    text = normalize_space(text)
    return bool(_matches(DROP, text) or _matches(STOP, text))


def _looks_like_headline(text: str) -> bool:
    return len(text.split()) <= _HEADLINE_WORDS and not text.rstrip().endswith((".", '."', '.”'))


def clean_paragraphs(
    paragraphs: Iterable[str],
    *,
    drop: Sequence[re.Pattern[str]] = (),
    stop: Sequence[re.Pattern[str]] = (),
    strip: Sequence[re.Pattern[str]] = (),
) -> list[str]:
    """Filter a story's paragraphs; ``drop``/``stop``/``strip`` add a site's own rules."""
    out: list[str] = []
    skipping_block = False
    related_items = 0  # headline lines still to skip after a bare "Baca juga:" label
    post_text_dropped = False
    caption: str | None = None  # a "(Nama/Outlet)" line: a caption, unless it closes the story
    for raw in paragraphs:
        # Strip first, judge after: a paragraph that is a heading once its credit code is
        # cut must be treated as the heading (and cleaning stays idempotent).
        text = strip_inline(normalize_space(raw), strip)
        if not text:
            continue
        if _matches(STOP, text) or any(r.search(text) for r in stop):
            if out:
                break
            skipping_block = True  # a block above the story: skip its heading and items
            continue
        if skipping_block:
            if _looks_like_headline(text) or text.startswith(("-", "•")):
                continue
            skipping_block = False
        if _RELATED_LABEL.match(text):
            related_items = _MAX_RELATED_ITEMS
            continue
        if related_items:
            related_items -= 1
            if _looks_like_headline(text):
                continue
            related_items = 0
        rule = _matches(DROP, text)
        if rule is not None or any(r.search(text) for r in drop):
            # An embedded post's text sits right above its signature line, unless its last
            # line (the one with the picture link) was dropped already.
            if rule is _EMBED_SIGNATURE and out and not post_text_dropped and _is_post_text(out[-1]):
                out.pop()
            post_text_dropped = rule is _EMBED_TEXT
            if rule is _CAPTION_CREDIT and not any(r.search(text) for r in drop):
                caption = text
            continue
        post_text_dropped = False
        out.append(text)
        caption = None
    if caption is not None:
        # Nothing followed it: the story's last paragraph, closed by its reporter's credit.
        out.append(_CAPTION_CREDIT.regex.sub("", caption).rstrip())
    return _strip_closing_credit(out)


def _is_post_text(text: str) -> bool:
    """Short text that does not introduce what follows ("Berikut cuitannya:" is story)."""
    return len(text.split()) <= _POST_WORDS and not text.rstrip().endswith((":", "："))


#: The reporter's credit closing a story: "... di Denpasar. (Luh Wayanti)", "(***/Nama)".
_CREDIT_NAME = r"(?:\*{1,3}\s*/\s*)?(?-i:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})"
_CLOSING_CREDIT = re.compile(r"(?<=[.!?\"”'])\s*\(\s*" + _CREDIT_NAME + r"\s*\)\s*$", re.IGNORECASE)
_LONE_CREDIT = re.compile(r"^\(\s*" + _CREDIT_NAME + r"\s*\)$", re.IGNORECASE)


def _strip_closing_credit(paragraphs: list[str]) -> list[str]:
    """Cut the reporter's name in parentheses that closes the story (its last paragraph)."""
    if not paragraphs:
        return paragraphs
    last = paragraphs[-1]
    if _LONE_CREDIT.match(last):
        return paragraphs[:-1]
    cut = _CLOSING_CREDIT.sub("", last)
    return paragraphs if cut == last else [*paragraphs[:-1], cut]


#: A closing line that is only a name in capitals: the byline Tempo (and others) print
#: under the story ("DINI TEJA"), or the agency it came from ("ANTARA").
_CAPS_BYLINE = re.compile(r"^[A-Z][A-Z.'’ -]{2,40}$")
_CAPS_BYLINE_WORDS = 4


def pop_closing_bylines(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Split off the capitals bylines closing a story: (story paragraphs, those lines)."""
    story = list(paragraphs)
    credits: list[str] = []
    while len(story) > 1 and _CAPS_BYLINE.match(story[-1]) and len(story[-1].split()) <= _CAPS_BYLINE_WORDS:
        credits.insert(0, story.pop())
    return story, credits


#: A paragraph that is only a dateline: a short place name (maybe with the site label)
#: ending in a dash, e.g. "Jakarta -", "JAKARTA, KOMPAS.com -", "Solo -". Many sites put
#: it in its own inline node before the first <p>, so the paragraph walk yields it alone.
_DATELINE = re.compile(r"^[A-Z][\w.,'()/ ]{1,48}\s*[-–—]$")


def join_dateline(paragraphs: list[str]) -> list[str]:
    """Glue a lone leading dateline ("Jakarta -") to the paragraph after it."""
    if len(paragraphs) >= 2 and _DATELINE.match(paragraphs[0]):
        return [f"{paragraphs[0]} {paragraphs[1]}", *paragraphs[2:]]
    return paragraphs


#: How far into the body the page header (kicker, headline, date line, byline) may reach.
_HEADER_PARAGRAPHS = 6
#: A paragraph this long is story text: the header ends before it.
_STORY_WORDS = 12
#: A headline this long is never also the wording of a story paragraph.
_TITLE_WORDS = 4
#: A kicker or breadcrumb line above a headline is this short.
_KICKER_WORDS = 6
_NOT_WORD = re.compile(r"\W+")
_BYLINE_LABEL = r"(?:oleh|penulis|reporter|pewarta|wartawan|laporan\s+wartawan|kontributor|editor|by)"
_BYLINE = re.compile(r"^" + _BYLINE_LABEL + r"\s*[:：]?\s*(?:" + _NAME + r"(?:\s*(?:,|&|dan|and)\s*" + _NAME
                     + r")*)?\s*$", re.IGNORECASE)
_LONE_NAME = re.compile(r"^" + _NAME + r"$")
_BARE_BYLINE_LABEL = re.compile(r"^" + _BYLINE_LABEL + r"\s*[:：]?\s*$", re.IGNORECASE)


def _same_text(a: str, b: str) -> bool:
    return _comparable(a) == _comparable(b)


def _comparable(text: str) -> str:
    """``text`` as two lines are compared: words only, case folded."""
    return _NOT_WORD.sub(" ", text).strip().casefold()


def _is_header_line(text: str) -> bool:
    """A line a page prints above its headline: date, byline, or a short kicker/breadcrumb."""
    if date_line(text) is not None or _BYLINE.match(text):
        return True
    return len(text.split()) <= _KICKER_WORDS and not text.rstrip().endswith((".", "!", "?", '."', ".”"))


def _header_length(paragraphs: list[str]) -> int:
    """How many leading paragraphs are too short to be story text (capped)."""
    head = 0
    while head < min(len(paragraphs), _HEADER_PARAGRAPHS) and len(paragraphs[head].split()) < _STORY_WORDS:
        head += 1
    return head


def drop_page_header(paragraphs: list[str], title: str | None) -> list[str]:
    """Drop the page header a generic reading puts before the story (GOLD_GUIDE: the body
    excludes headline, byline and date line): the headline (equal to ``title`` once
    normalised) and the short lines above it (kicker, date), then the date and byline
    lines among the short paragraphs before the first one that reads as story text."""
    out = list(paragraphs)
    if title:
        for i in range(min(_header_length(out) + 1, len(out))):
            if _same_text(out[i], title):
                if all(_is_header_line(p) for p in out[:i]):
                    out = out[i + 1:]
                break
    head = _header_length(out)
    kept: list[str] = []
    after_label = False  # "Oleh :" alone: the name follows as its own line
    for text in out[:head]:
        if date_line(text) is not None or _BYLINE.match(text) or (after_label and _LONE_NAME.match(text)):
            after_label = bool(_BARE_BYLINE_LABEL.match(text))
            continue
        after_label = False
        kept.append(text)
    kept.extend(out[head:])
    # A story never repeats its headline as a paragraph: further down it heads a widget.
    if title and len(title.split()) >= _TITLE_WORDS:
        key = _comparable(title)
        return [p for p in kept if _comparable(p) != key]
    return kept


def split_text(text: str) -> tuple[list[str], str]:
    """Split plain text into paragraphs; also return the separator the text used."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if re.search(r"\n\s*\n", text):
        return [p for p in re.split(r"\n\s*\n", text) if p.strip()], "\n\n"
    return [p for p in text.split("\n") if p.strip()], "\n"


def clean_text(text: str) -> str:
    """``scraper clean``: plain text in, only the story's paragraphs out, same layout."""
    paragraphs, sep = split_text(text)
    return sep.join(clean_paragraphs(paragraphs))
