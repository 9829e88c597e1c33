# Developer and CI entry points. CI runs `.ci/run`, which ends in `make test`, so what passes
# here passes there: one definition of "the tests", no drift between a laptop and CI.

SHELL := /bin/bash

# The project pins Python 3.11 (pyproject: requires-python >=3.11,<3.12). A pyenv shim can exist
# without its interpreter installed, so probe by running it rather than by `command -v`.
PYTHON ?= $(shell python3.11 -c '' >/dev/null 2>&1 && echo python3.11 || echo python3)

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Extra service backends for the second test run; override on the command line if needed.
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
PG_PROBE_URL ?= postgresql://postgres@127.0.0.1:5432/test
REDIS_URL_TEST ?= redis://127.0.0.1:6379/15

# Extra arguments for every pytest run, e.g. `make test PYTEST_ARGS='-x -k maps'`.
PYTEST_ARGS ?=

.PHONY: run serve-production test lint format clean

# `.venv` is a real file target: it is "up to date" once the stamp is newer than pyproject.toml,
# so editing dependencies re-runs the install and an unchanged project skips it.
$(VENV): $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

run: $(VENV)
	$(BIN)/remigration serve

# The production layout on this machine: nginx on 127.0.0.1:$(PORT) buffering for gunicorn as the
# Procfile runs it (docs/DEPLOYMENT.md), in the foreground; SIGTERM or Ctrl-C stops both.
# `exec`, so the launcher gets the signals itself (make would otherwise stand in between).
PORT ?= 8080
serve-production: $(VENV)
	exec $(BIN)/python deploy/serve_production.py --port $(PORT)

# First run: the default backends (SQLite, in-process cache), all tests including e2e.
# Second run, only if a service answers: the same unit + HTTP tests against real PostgreSQL
# and/or Redis, so dialect- and cache-specific bugs surface. Any failing run fails the target.
test: $(VENV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@echo "==> pytest run 1/2: backends: sqlite only (TEST_*_URL unset); all tests incl. e2e"
	@rc=0; env -u TEST_DATABASE_URL -u TEST_REDIS_URL $(BIN)/python -m pytest $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "==> pytest collected no tests: failing, a suite that tests nothing is not green"; fi; \
	exit $$rc
	@set -eu; \
	backends=""; extra_env=""; \
	if $(BIN)/python -c 'import sys, psycopg; psycopg.connect(sys.argv[1], connect_timeout=3).close()' \
	     '$(PG_PROBE_URL)' >/dev/null 2>&1; then \
	  backends="$$backends postgresql"; extra_env="$$extra_env TEST_DATABASE_URL=$(PG_URL)"; \
	else \
	  echo "==> PostgreSQL not reachable at $(PG_PROBE_URL): not testing against it"; \
	fi; \
	if $(BIN)/python -c 'import sys, redis; redis.Redis.from_url(sys.argv[1], socket_timeout=3).ping()' \
	     '$(REDIS_URL_TEST)' >/dev/null 2>&1; then \
	  backends="$$backends redis"; extra_env="$$extra_env TEST_REDIS_URL=$(REDIS_URL_TEST)"; \
	else \
	  echo "==> Redis not reachable at $(REDIS_URL_TEST): not testing against it"; \
	fi; \
	if [ -z "$$backends" ]; then \
	  echo "==> pytest run 2/2 skipped: no service backend reachable"; \
	  echo "==> backends used: sqlite"; \
	  exit 0; \
	fi; \
	echo "==> pytest run 2/2: backends:$$backends; unit + http tests (-m 'not e2e')"; \
	echo "    with$$extra_env"; \
	rc=0; env -u TEST_DATABASE_URL -u TEST_REDIS_URL $$extra_env \
	  $(BIN)/python -m pytest -m 'not e2e' $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "==> run 2/2 selected no tests (only e2e tests exist)"; rc=0; fi; \
	if [ $$rc -ne 0 ]; then echo "==> run 2/2 FAILED (backends:$$backends)"; exit $$rc; fi; \
	echo "==> backends used: sqlite (run 1),$$backends (run 2)"

# Extract the messages from the code, update the lv/en catalogues, compile them (then translate
# any new Latvian entry in dashboard/i18n/translations/lv/LC_MESSAGES/messages.po and run it again).
translations: $(VENV)
	$(BIN)/python -m dashboard.i18n.catalogues

lint: $(VENV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) instance/
