"""A generated evaluation set for syndicated-copy detection, and its precision/recall.

Stories are generated text (our own word lists, no third-party text) with what makes the
task hard in real Indonesian news:

- positives: copies of one story republished by other sites of a network, each with its
  own dateline prefix ("TRIBUNJOGJA.COM, YOGYAKARTA -"), often a trailer ("Artikel ini telah
  tayang di ..."), some paragraphs dropped (up to 40 %) or moved, a few words edited, or
  two paragraphs added (an updated copy); published before or after the original;
- hard negatives: different stories on the same topic, written with the same topic words
  and the stock phrases of news prose ("kata dia kepada wartawan"), sharing the site's
  boilerplate sentences, an official statement quoted word for word, or a background
  paragraph carried over from an earlier story ("Sebelumnya diberitakan, ...").

``evaluate`` saves the set in a real store, runs the dedupe pass and scores the stories it
found pair by pair. Run ``python tests/neardup_eval.py`` for the report at several
thresholds (``make eval-neardup``).
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FUNCTION = _words(
    "yang di dan itu dengan untuk tidak ini dari dalam akan pada juga ke karena tersebut bisa ada mereka lebih "
    "sudah atau saat oleh menjadi telah secara masih hal bahwa hingga namun para seperti harus jika belum agar "
    "sebagai setelah antara hanya sementara bagi sejak kepada serta lalu pihak melalui terhadap sekitar cukup "
    "banyak beberapa semua setiap tanpa sehingga maupun yakni yaitu tetap kembali baru sama besar kecil"
)
STOCK = (
    "kata dia kepada wartawan", "dalam keterangan tertulis yang diterima", "menurut dia", "ujar dia saat ditemui",
    "pada Senin pagi", "pada Selasa malam", "hingga berita ini diturunkan", "saat dikonfirmasi melalui telepon",
    "di kantornya", "pihaknya akan terus berupaya", "hal itu disampaikan", "sejauh ini", "tidak ada korban jiwa",
    "pihak berwenang masih menyelidiki", "menurut keterangan warga setempat", "dalam kesempatan tersebut",
)
TOPICS = {
    "banjir": "banjir air hujan sungai tanggul warga mengungsi posko BPBD pompa genangan debit rumah jalan "
              "perahu evakuasi bantuan logistik tenda dapur umum relawan lumpur drainase kelurahan",
    "pemilu": "pemilu suara TPS KPU Bawaslu calon partai kampanye pemilih rekapitulasi saksi kotak surat "
              "legislatif koalisi debat survei elektabilitas dukungan kursi dapil",
    "pangan": "harga beras cabai bawang pasar pedagang pasokan stok Bulog inflasi petani panen kilogram "
              "operasi pasar distribusi gudang impor kenaikan konsumen minyak gula",
    "gempa": "gempa magnitudo BMKG tsunami guncangan episentrum kedalaman bangunan retak pengungsi "
             "susulan getaran pesisir sirene mitigasi rusak warga tenda lapangan",
    "bola": "pertandingan gol pelatih pemain klub liga skor babak kiper penalti stadion suporter "
            "klasemen poin laga tandang kandang timnas cedera taktik",
    "korupsi": "KPK tersangka korupsi penyidik suap anggaran proyek kerugian negara sidang jaksa hakim "
               "vonis saksi penahanan gratifikasi pengadaan dakwaan terdakwa",
}
BOILERPLATE = (
    "Simak berita terkini lainnya melalui kanal WhatsApp dan Google News kami.",
    "Dapatkan informasi terbaru seputar peristiwa di daerah Anda setiap hari.",
)
PREFIXES = ("TRIBUNNEWS.COM", "TRIBUNJOGJA.COM", "SURYA.CO.ID", "TRIBUNJATIM.COM", "SERAMBINEWS.COM",
            "KOMPAS.com", "Liputan6.com", "ANTARA")
PLACES = ("JAKARTA", "YOGYAKARTA", "SURABAYA", "BANDUNG", "MEDAN", "MAKASSAR", "SEMARANG", "PALU")
SYLLABLES = tuple(a + b for a in "bdgjklmnprstw" for b in "aiueo")


@dataclass
class Item:
    """One generated article: ``story`` is the truth (copies share it)."""

    url: str
    site: str
    story: int
    title: str
    body: str
    published: datetime
    kind: str  # original, copy, or the hard-negative kind


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def name(self) -> str:
        return "".join(self.rng.choices(SYLLABLES, k=self.rng.randint(2, 3))).capitalize()

    def sentence(self, topic: str, names: list[str]) -> str:
        rng = self.rng
        topic_words = TOPICS[topic].split()
        words = [rng.choice(names)]
        for _ in range(rng.randint(9, 18)):
            words.append(rng.choice(topic_words) if rng.random() < 0.45 else rng.choice(FUNCTION))
        if rng.random() < 0.6:
            words.insert(rng.randint(1, len(words)), rng.choice(STOCK))
        return " ".join(words) + "."

    def paragraph(self, topic: str, names: list[str]) -> str:
        return " ".join(self.sentence(topic, names) for _ in range(self.rng.randint(2, 3)))

    def story(self, topic: str, paragraphs: int) -> tuple[str, list[str]]:
        names = [self.name() for _ in range(4)] + [self.name() + " " + self.name()]
        title = " ".join(self.rng.choice(TOPICS[topic].split()) for _ in range(5)).capitalize()
        return title, [self.paragraph(topic, names) for _ in range(paragraphs)]

    def copy(self, paragraphs: list[str], topic: str) -> tuple[list[str], str]:
        """A syndicated copy and what was done to it."""
        rng, body, done = self.rng, list(paragraphs), []
        if rng.random() < 0.5 and len(body) >= 5:
            drop = rng.randint(1, max(1, int(len(body) * 0.4)))
            for index in sorted(rng.sample(range(1, len(body)), drop), reverse=True):
                del body[index]
            done.append(f"drop{drop}")
        if rng.random() < 0.4 and len(body) >= 4:
            i, j = rng.sample(range(1, len(body)), 2)
            body[i], body[j] = body[j], body[i]
            done.append("move")
        if rng.random() < 0.5:
            body = [self.edit(p, rng.uniform(0.01, 0.04)) for p in body]
            done.append("edit")
        if rng.random() < 0.15:
            body += [self.paragraph(topic, [self.name()]) for _ in range(2)]
            done.append("added")
        if rng.random() < 0.6:
            body.append(f"Artikel ini telah tayang di {rng.choice(PREFIXES)} dengan judul yang sama.")
            done.append("trailer")
        return body, "+".join(done) or "prefix"

    def edit(self, text: str, rate: float) -> str:
        words = text.split()
        for _ in range(max(1, round(len(words) * rate))):
            i = self.rng.randrange(len(words))
            action = self.rng.random()
            if action < 0.5:
                words[i] = self.rng.choice(FUNCTION)
            elif action < 0.75 and len(words) > 5:
                del words[i]
            else:
                words.insert(i, self.rng.choice(FUNCTION))
        return " ".join(words)


def dateline(paragraphs: list[str], prefix: str, place: str) -> list[str]:
    return [f"{prefix}, {place} - {paragraphs[0]}", *paragraphs[1:]]


def generate(stories: int, seed: int = 1) -> list[Item]:
    """``stories`` original stories, each with 0-4 copies; about a third of the originals are
    hard negatives of an earlier one (same topic, shared quote, boilerplate or background)."""
    gen = Generator(seed)
    rng = gen.rng
    items: list[Item] = []
    originals: dict[str, list[list[str]]] = defaultdict(list)
    start = datetime(2025, 3, 1, tzinfo=UTC)
    for story in range(stories):
        topic = rng.choice(list(TOPICS))
        title, body = gen.story(topic, rng.randint(3, 10))
        kind = "original"
        earlier = originals[topic]
        if earlier and rng.random() < 0.35:  # a different story that shares text with an earlier one
            other = rng.choice(earlier)
            kind = rng.choice(("quote", "background", "boilerplate"))
            if kind == "quote":  # the same official statement, quoted word for word
                body.insert(rng.randint(1, len(body)), rng.choice(other[1:] or other))
            elif kind == "background":  # "Sebelumnya diberitakan, ..." + one or two earlier paragraphs
                carried = rng.sample(other[1:] or other, min(len(other) - 1 or 1, rng.randint(1, 2)))
                body += ["Sebelumnya diberitakan, " + carried[0], *carried[1:]]
            else:  # the network's boilerplate sentences, and two of the same stock lines
                body += list(BOILERPLATE)
        originals[topic].append(body)
        when = start + timedelta(minutes=37 * story)
        site = rng.choice(PREFIXES)
        items.append(Item(f"https://{site.lower()}.example/berita/{story}", site.lower(), story, title,
                          "\n\n".join(dateline(body, site, rng.choice(PLACES))), when, kind))
        for n in range(rng.choice((0, 0, 1, 1, 2, 3, 4))):
            copied, how = gen.copy(body, topic)
            other_site = rng.choice([p for p in PREFIXES if p != site])
            items.append(Item(f"https://{other_site.lower()}.example/read/{story}-{n}", other_site.lower(), story,
                              title, "\n\n".join(dateline(copied, other_site, rng.choice(PLACES))),
                              when + timedelta(minutes=rng.randint(-90, 600)), f"copy:{how}"))
    rng.shuffle(items)  # the crawl does not meet them in order
    return items


@dataclass
class Score:
    precision: float
    recall: float
    true_pairs: int
    found_pairs: int
    stories: int
    found_stories: int
    earliest_ok: float

    def line(self, threshold: float) -> str:
        return (f"threshold {threshold:.2f}: precision {self.precision:.4f} recall {self.recall:.4f} "
                f"(pairs: {self.true_pairs} true, {self.found_pairs} found; stories: {self.stories} true, "
                f"{self.found_stories} found; representative is the earliest: {self.earliest_ok:.3f})")


def evaluate(items: list[Item], db: Path, threshold: float | None = None) -> Score:
    """Save ``items`` in a new store at ``db``, run the dedupe pass, score its stories."""
    from scraper.article import Article
    from scraper.dedupe.neardup import THRESHOLD
    from scraper.dedupe.stories import dedupe
    from scraper.store import Store

    with Store(db) as store:
        store.save_articles(Article(url=i.url, site=i.site, title=i.title, published=i.published.isoformat(),
                                    paragraphs=i.body.split("\n\n")) for i in items)
        dedupe(store, threshold=THRESHOLD if threshold is None else threshold)
        found = {row["url"]: (row["id"], row["story_id"], row["duplicate_of"])
                 for row in store.select_articles()}
    return score(items, found)


def score(items: list[Item], found: dict[str, tuple[int, int, int | None]]) -> Score:
    truth = {i.url: i.story for i in items}
    true_pairs = found_pairs = both = 0
    for a, b in itertools.combinations(items, 2):
        same_truth = truth[a.url] == truth[b.url]
        same_found = found[a.url][1] == found[b.url][1]
        true_pairs += same_truth
        found_pairs += same_found
        both += same_truth and same_found
    by_story: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        by_story[item.story].append(item)
    earliest = sum(1 for members in by_story.values()
                   if found[min(members, key=lambda i: i.published).url][2] is None)
    return Score(both / found_pairs if found_pairs else 1.0, both / true_pairs if true_pairs else 1.0,
                 true_pairs, found_pairs, len(by_story), len({f[1] for f in found.values()}),
                 earliest / len(by_story))


def main() -> None:
    parser = argparse.ArgumentParser(description="precision/recall of near-duplicate detection")
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.25, 0.3, 0.35, 0.4, 0.5])
    args = parser.parse_args()
    items = generate(args.stories, args.seed)
    kinds = defaultdict(int)
    for item in items:
        kinds[item.kind.split(":")[0]] += 1
    print(f"{len(items)} articles, {args.stories} stories: {dict(sorted(kinds.items()))}")
    with tempfile.TemporaryDirectory() as folder:
        for n, threshold in enumerate(args.thresholds):
            print(evaluate(items, Path(folder) / f"eval{n}.db", threshold).line(threshold), flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    main()
