# Social Value Network: everyday commands. `make` alone lists them.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PY := .venv/bin/python
RUFF := .venv/bin/ruff
# Which benchmark `make bench` runs: benchmarks/$(BENCH).py, with BENCH_ARGS passed on;
# without BENCH it lists them (import_rate, search, load, pages, digests, …).
BENCH ?=
BENCH_ARGS ?=
# Extra arguments for pytest in `make test`, e.g. PYTEST_ARGS='-k search -x'.
PYTEST_ARGS ?=
export PYTEST_ARGS

.PHONY: help install-system venv services stop run serve test test-fast lint typecheck format bench

help: ## List the targets
	@awk 'BEGIN { FS = ":.*## " } /^[a-zA-Z_-]+:.*## / { printf "  %-15s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

install-system: ## Install the missing Debian packages (root; otherwise only lists them)
	@scripts/install-system.sh

venv: ## Create .venv and install the project with its dev dependencies
	@scripts/venv.sh

services: ## Start PostgreSQL and Elasticsearch; print DATABASE_URL and ELASTICSEARCH_URL
	@scripts/services.sh start

stop: ## Stop PostgreSQL and Elasticsearch
	@scripts/services.sh stop

run: ## Development server on 127.0.0.1:8000 with demo content (SQLite, Elasticsearch if Java)
	@scripts/run.sh

serve: ## Production server (gunicorn, production settings) on 127.0.0.1:8000, local values
	@scripts/serve.sh

test: ## Everything CI checks: services, Django checks, migrations, ruff, pytest
	@scripts/test.sh

# No service is started or reached: the database is an in-memory SQLite that no test
# opens (pytest-django refuses database access to tests not marked for it), Elasticsearch
# is unset, and CI is off so tests/conftest.py does not demand PostgreSQL.
test-fast: venv ## The tests that need no service (no PostgreSQL, Elasticsearch or Chromium), in under a minute
	env -u ELASTICSEARCH_URL CI= DATABASE_URL=sqlite://:memory: \
		DJANGO_SETTINGS_MODULE=network.settings.test \
		$(PY) -m pytest -m "not services" $(PYTEST_ARGS)

lint: venv ## ruff check, ruff format --check and the import contracts (as pre-commit runs them)
	$(RUFF) check .
	$(RUFF) format --check .
	.venv/bin/lint-imports

typecheck: venv ## Type-check the code with mypy and django-stubs (settings in pyproject.toml)
	.venv/bin/mypy

format: venv ## Format the code and apply ruff's safe fixes
	$(RUFF) format .
	$(RUFF) check --fix .

bench: venv ## List the benchmarks; BENCH=<name> runs benchmarks/<name>.py with BENCH_ARGS
	$(PY) benchmarks/$(if $(BENCH),$(BENCH).py $(BENCH_ARGS),)
