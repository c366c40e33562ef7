# Migration Governance Knowledge Base: the verbs. Every target sets up what it needs first,
# is safe to run again, and says what it is doing.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup system-deps html downloads site serve preview test linkcheck linkcheck-record linkcheck-online bench lock clean

help:
	@echo "make serve            build everything and serve it on http://$(HOST):$(PORT)"
	@echo "make test             build everything and run the whole test suite"
	@echo "make site             the full build into site/ (downloads, then pages and search)"
	@echo "make downloads        only the downloads, into build/downloads/"
	@echo "make preview          live-reloading preview for authors (no search, no downloads)"
	@echo "make linkcheck        check every link, anchor and asset in the built site"
	@echo "make linkcheck-record add new external links to data/external-links.tsv (no network)"
	@echo "make linkcheck-online request every external link and record its status (needs a network)"
	@echo "make bench            measure page weight, search cost and build times against default Material"
	@echo "make lock             re-pin requirements.txt (with hashes) from requirements.in"

# Python packages, pinned with hashes; reinstalled only when requirements.txt changes.
$(STAMP): requirements.txt
	@echo "==> Setting up $(VENV) with the pinned Python packages"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	@touch $(STAMP)

# Debian packages (Chromium for PDFs and browser tests, fonts for print).
system-deps:
	@scripts/setup_system.sh

setup: $(STAMP) system-deps

# The HTML pages: strict build (with the downloads built so far, if any), then the search index.
html: $(STAMP)
	@echo "==> Building the pages (mkdocs build --strict)"
	@$(BIN)/mkdocs build --strict --quiet
	@$(BIN)/python scripts/build_search.py

# PDFs, Word files, ZIPs, the offline copy and the Kiwix file, into build/downloads/.
downloads: setup
	@echo "==> Building the downloads"
	@$(BIN)/python scripts/build_downloads.py

# Downloads first, so the pages can list them with their sizes and publish them.
site: setup downloads html
	@echo "==> Site ready in site/"

serve: site
	@echo "==> Serving site/ on http://$(HOST):$(PORT) (Ctrl+C to stop)"
	@$(BIN)/python scripts/serve_site.py --host $(HOST) --port $(PORT)

preview: $(STAMP)
	@$(BIN)/mkdocs serve --strict -a $(HOST):$(PORT)

test: site
	@echo "==> Running the test suite"
	@$(BIN)/python -m pytest tests

linkcheck: html
	@echo "==> Checking links in site/"
	@$(BIN)/python scripts/check_links.py

linkcheck-record: html
	@$(BIN)/python scripts/check_links.py --update-record

linkcheck-online: html
	@$(BIN)/python scripts/check_links.py --online

bench: site
	@echo "==> Benchmarking (several runs; this takes a few minutes)"
	@$(BIN)/python scripts/run_bench.py

lock:
	@echo "==> Re-pinning requirements.txt from requirements.in"
	@$(PYTHON) -m venv build/lockenv && build/lockenv/bin/pip install --quiet pip-tools==7.6.2
	@build/lockenv/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements.txt requirements.in

clean:
	rm -rf site build test-artifacts bench-results
