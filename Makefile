# Every target works on a fresh clone: `make install` builds .venv from pyproject.toml.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
CORPUS ?= $(SHARED)/corpus

.PHONY: install test lint eval eval-generic eval-aeb eval-cpe eval-benches eval-neardup bench bench-extract bench-store bench-crawl bench-reextract \
	bench-export bench-distributed bench-regex bench-multipage bench-page-transfer demo crawl explore soak clean-venv \
	need-scorer need-aeb need-cpe need-corpus bench-generic docs

# EXTRAS: the optional dependency groups installed. `dev` (tests, lint) needs no service;
# CI adds `distributed` (psycopg, Celery, Redis) for the PostgreSQL/Redis tests:
# make test EXTRAS=dev,distributed. One stamp per set, so changing EXTRAS installs again.
EXTRAS ?= dev
comma := ,
STAMP := $(VENV)/.installed-$(subst $(comma),+,$(EXTRAS))

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[$(EXTRAS)]'
	touch $@

install: $(STAMP)

# eval*, bench-extract read the gold corpus and the scoring tool in $(SHARED), which a clone of
# the project does not have: they stop with one line saying what is missing (before installing).
SCORER := $(SHARED)/tools/score_extraction.py
missing = $(firstword $(foreach f,$(1),$(if $(wildcard $(f)),,$(f))))
need = $(if $(call missing,$(1)),$(error $(call missing,$(1)) not found: this target needs the project's shared \
	folder (gold corpus and tools), which is not part of a clone; point SHARED= at it, e.g. make $(or \
	$(MAKECMDGOALS),eval) SHARED=/path/to/shared))

need-scorer:
	$(call need,$(SCORER) $(CORPUS))

need-corpus:
	$(call need,$(CORPUS))

need-aeb:
	$(call need,$(SCORER) $(SHARED)/bench/scrapinghub-aeb)

need-cpe:
	$(call need,$(SCORER) $(SHARED)/bench/cleanportaleval)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check scraper pipelines devtools tests bench
	$(BIN)/mypy

# The numbers and lists the docs state, regenerated from the code (tests/test_docs_current.py
# and tests/test_sites_doc.py fail while they are stale).
docs: install
	$(BIN)/cog -r README.md data/README.md
	$(BIN)/scraper sites --format markdown > docs/SITES.md

# Our extractor beside trafilatura on the gold corpus, in one run.
eval: need-scorer install
	$(BIN)/python $(SCORER) --corpus $(CORPUS) \
	  --cmd '$(BIN)/scraper extract {file} --url {url} --format json' --baseline trafilatura $(EVAL_ARGS)

# The generic path alone (profiles disabled): how we do on sites we have no profile for.
eval-generic: need-scorer install
	$(BIN)/python $(SCORER) --corpus $(CORPUS) \
	  --cmd '$(BIN)/scraper extract {file} --url {url} --format json --no-profiles' --baseline trafilatura $(EVAL_ARGS)

clean-venv:
	rm -rf $(VENV)

# The generic path on a public English benchmark (181 pages): no worse than trafilatura.
eval-aeb: need-aeb install
	$(BIN)/python $(SCORER) --corpus $(SHARED)/bench/scrapinghub-aeb \
	  --cmd '$(BIN)/scraper extract {file} --url {url} --format json' --baseline trafilatura $(EVAL_ARGS)

# The generic path on CleanPortalEval (71 pages of 4 portal domains, body gold only).
eval-cpe: need-cpe install
	$(BIN)/python $(SCORER) --corpus $(SHARED)/bench/cleanportaleval \
	  --cmd '$(BIN)/scraper extract {file} --url {url} --format json' --baseline trafilatura $(EVAL_ARGS)

# Both public benchmarks, one after the other (EVAL_ARGS="--json r.json" is per benchmark: pass
# it to eval-aeb / eval-cpe instead).
eval-benches: eval-aeb eval-cpe

# Generic-path extraction time per page beside trafilatura (same run), on the gold corpus and
# both public benchmarks: the ratio is what to compare between versions.
bench-generic: need-aeb need-cpe install
	$(BIN)/python bench/bench_generic.py --corpus $(CORPUS) $(SHARED)/bench/scrapinghub-aeb \
	  $(SHARED)/bench/cleanportaleval $(BENCH_ARGS)

# The main job against a local mirror of synthetic sites (no internet needed): data/demo.db.
demo: install
	$(BIN)/python -m devtools.demo

# The main job against the real sites: data/articles.db (CRAWL_ARGS="--site detik --max-articles 50").
crawl: install
	$(BIN)/scraper crawl $(CRAWL_ARGS)

# Browse the database read-only in Datasette (charts at /-/dashboard): the newest of
# data/articles.db and data/demo.db that has articles, named when it starts (DB=path for another).
explore: install
	$(BIN)/scraper explore $(if $(DB),--db '$(DB)')

bench: bench-extract bench-store bench-crawl bench-reextract

# Precision/recall of syndicated-copy detection on the generated set, per threshold.
eval-neardup: install
	$(BIN)/python tests/neardup_eval.py $(EVAL_ARGS)

# rows/s and peak memory of every export format over a million-row store (builds it: ~15 min).
# The shared boilerplate and date rules on 100k-character runs of spaces, dashes, digits, <br>.
bench-regex: install
	$(BIN)/python bench/bench_regex.py $(BENCH_ARGS)

bench-export: install
	$(BIN)/python bench/bench_export.py $(BENCH_ARGS)

bench-extract: need-corpus install
	$(BIN)/python bench/bench_extract.py --corpus $(CORPUS)

# BENCH_STORE_ARGS="--backend both" adds PostgreSQL (needs EXTRAS=dev,distributed and a server).
bench-store: install
	$(BIN)/python bench/bench_store.py $(BENCH_STORE_ARGS)

# Synthetic 8 KB pages and real-size copies of the corpus's detik pages (nginx if installed).
bench-crawl: need-corpus install
	$(BIN)/python bench/bench_crawl.py --mode both --sizes 1000 5000 --corpus $(CORPUS)

bench-reextract: need-corpus install
	$(BIN)/python bench/bench_reextract.py --pages 20000 --workers 1 2 --corpus $(CORPUS)

# Parses and ms of a 1-, 5- and 20-page article (~100 KB pages) against main's code, same run.
bench-multipage: install
	$(BIN)/python bench/bench_multipage.py --kb 100 --baseline main

# A page on its way to an extraction process: its text piped, or its body decoded again.
bench-page-transfer: need-corpus install
	$(BIN)/python bench/bench_page_transfer.py --corpus $(CORPUS)

# Scale-out on real services (Redis, PostgreSQL, nginx; EXTRAS=dev,distributed): the distributed
# crawl with 1/2/4 workers, politeness on and off, and reextract --distributed of 50,000 pages.
bench-distributed: need-corpus install
	$(BIN)/python bench/bench_distributed.py --corpus $(CORPUS) $(BENCH_ARGS)

# The fault crawl at full size (2,000 pages, ~30 % faulty responses).
soak: install
	$(BIN)/python -m devtools.soak --pages 2000
