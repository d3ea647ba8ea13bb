# Every target works on a fresh clone: `make install` builds .venv from pyproject.toml.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
CORPUS ?= $(SHARED)/corpus

.PHONY: install test lint eval eval-generic eval-aeb bench bench-extract bench-store bench-crawl demo crawl explore soak clean-venv

$(BIN)/scraper: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/scraper

install: $(BIN)/scraper

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check scraper pipelines tests bench
	$(BIN)/mypy

# Our extractor beside trafilatura on the gold corpus, in one run.
eval: install
	$(BIN)/python $(SHARED)/tools/score_extraction.py --corpus $(CORPUS) \
	  --cmd '$(BIN)/scraper extract {file} --url {url} --format json' --baseline trafilatura $(EVAL_ARGS)

# The generic path alone (profiles disabled): how we do on sites we have no profile for.
eval-generic: install
	$(BIN)/python $(SHARED)/tools/score_extraction.py --corpus $(CORPUS) \
	  --cmd '$(BIN)/scraper extract {file} --url {url} --format json --no-profiles' --baseline trafilatura $(EVAL_ARGS)

clean-venv:
	rm -rf $(VENV)

# The generic path on a public English benchmark (181 pages): no worse than trafilatura.
eval-aeb: install
	$(BIN)/python $(SHARED)/tools/score_extraction.py --corpus $(SHARED)/bench/scrapinghub-aeb \
	  --cmd '$(BIN)/scraper extract {file} --url {url} --format json' --baseline trafilatura $(EVAL_ARGS)

# The main job against a local mirror of synthetic sites (no internet needed): data/demo.db.
demo: install
	$(BIN)/python -m pipelines.demo

# The main job against the real sites: data/articles.db (CRAWL_ARGS="--site detik --max-articles 50").
crawl: install
	$(BIN)/scraper crawl $(CRAWL_ARGS)

# Browse the database read-only in Datasette: data/articles.db, or data/demo.db when only
# `make demo` has run (DB=path to pick another database).
explore: install
	$(BIN)/scraper explore $(if $(DB),--db '$(DB)')

bench: bench-extract bench-store bench-crawl

bench-extract: install
	$(BIN)/python bench/bench_extract.py --corpus $(CORPUS)

bench-store: install
	$(BIN)/python bench/bench_store.py

bench-crawl: install
	$(BIN)/python bench/bench_crawl.py --sizes 1000 5000

# The fault crawl at full size (2,000 pages, ~30 % faulty responses).
soak: install
	$(BIN)/python -m pipelines.soak --pages 2000
