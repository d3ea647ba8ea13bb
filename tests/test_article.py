"""The Article's JSON form is a contract: key order unchanged, new keys only at the end."""

from __future__ import annotations

from scraper.article import JSON_KEYS, Article, error_article

#: The keys as they were before ``editors`` was added; users rely on this order.
ORIGINAL_KEYS = (
    "status", "url", "site", "title", "published", "published_raw", "updated", "authors",
    "section", "tags", "description", "image", "language", "body", "word_count",
    "extractor", "pages",
)


def test_editors_comes_after_every_original_key() -> None:
    assert JSON_KEYS[: len(ORIGINAL_KEYS)] == ORIGINAL_KEYS
    assert JSON_KEYS[len(ORIGINAL_KEYS):] == ("editors",)


def test_editors_is_on_every_output_and_never_mixed_into_authors() -> None:
    article = Article(authors=["Rina Amelia"], editors=["Budi Santoso"], paragraphs=["Satu.", "Dua."])
    data = article.to_dict()
    assert data["authors"] == ["Rina Amelia"] and data["editors"] == ["Budi Santoso"]
    assert Article.from_dict(data).editors == ["Budi Santoso"]
    assert Article(status="not_article").to_dict()["editors"] == []
    assert error_article("rusak").to_dict()["editors"] == []
