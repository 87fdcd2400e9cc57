# iso_compliance: the two commands of the README's Quick start, and a few helpers.
# Settings (environment or make variables): ODOO_PATH, PYTHON, PGHOST/PGPORT/PGUSER/PGPASSWORD,
# ODOO_RC, HTTP_INTERFACE, HTTP_PORT, GEVENT_PORT, DEMO_DB. See README.md.
SHELL := /bin/bash
export ODOO_PATH PYTHON ODOO_RC HTTP_INTERFACE HTTP_PORT GEVENT_PORT DEMO_DB

.PHONY: run test setup lint bench bench-load i18n clean help

help:
	@echo "make run    set up, then serve Odoo with the demo database on http://127.0.0.1:8069"
	@echo "make test   set up, then run the whole test suite on a throwaway database"
	@echo "make lint   pylint-odoo and ruff only"
	@echo "make i18n   regenerate iso_compliance/i18n/iso_compliance.pot from a fresh database"
	@echo "make bench  run the benchmarks in bench/ (N=1000 by default; ARGS=--profile)"
	@echo "make bench-load  USERS simulated users (50) for DURATION s (60) on a multi-worker server"
	@echo "make run ARGS=\"--workers=3 --max-cron-threads=1\"  serve as in production (README)"

setup:
	@scripts/setup.sh all

run: setup
	@scripts/run.sh $(ARGS)

test: setup
	@scripts/test.sh $(ARGS)

lint: setup
	@.venv/bin/pytest -p no:odoo tests/test_lint.py

i18n: setup
	@scripts/i18n.sh

bench: N ?= 1000
bench: setup
	@scripts/bench.sh $(N) $(ARGS)

bench-load: USERS ?= 50
bench-load: DURATION ?= 60
bench-load: setup
	@scripts/bench_load.sh $(USERS) $(DURATION)

clean:
	rm -rf .venv .venv-lint .odoo .pytest_cache .ruff_cache
