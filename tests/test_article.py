"""The Article's JSON form is a contract: key order unchanged, new keys only at the end."""

from __future__ import annotations

import random
import re

from scraper.article import JSON_KEYS, Article, count_words, error_article

#: The keys as they were before ``editors`` was added; users rely on this order.
ORIGINAL_KEYS = (
    "status", "url", "site", "title", "published", "published_raw", "updated", "authors",
    "section", "tags", "description", "image", "language", "body", "word_count",
    "extractor", "pages",
)


def test_new_keys_come_after_every_original_key() -> None:
    assert JSON_KEYS[: len(ORIGINAL_KEYS)] == ORIGINAL_KEYS
    assert JSON_KEYS[len(ORIGINAL_KEYS):] == ("editors", "subsection")


def test_editors_is_on_every_output_and_never_mixed_into_authors() -> None:
    article = Article(authors=["Rina Amelia"], editors=["Budi Santoso"], paragraphs=["Satu.", "Dua."])
    data = article.to_dict()
    assert data["authors"] == ["Rina Amelia"] and data["editors"] == ["Budi Santoso"]
    assert Article.from_dict(data).editors == ["Budi Santoso"]
    assert Article(status="not_article").to_dict()["editors"] == []
    assert error_article("rusak").to_dict()["editors"] == []


def test_word_count_fast_path_counts_the_same_runs_as_the_regex() -> None:
    """ASCII text takes translate+split; it must count exactly the ``\\w+`` runs."""
    rng = random.Random(5)
    alphabet = [chr(c) for c in range(128)]
    for _ in range(5_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
        assert count_words(text) == len(re.findall(r"\w+", text)), repr(text)


def test_word_count_of_non_ascii_text_counts_letters_beyond_ascii() -> None:
    assert count_words("Kata-kata ‘penting’: café déjà vu—Rp 1.000,5") == 10
    assert count_words("snake_case and\ttabs\n\nnew") == 4
