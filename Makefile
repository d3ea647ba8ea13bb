# Every target works on a fresh clone: `make install` builds .venv from pyproject.toml.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
CORPUS ?= $(SHARED)/corpus

.PHONY: install test lint eval eval-generic bench clean-venv demo

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
