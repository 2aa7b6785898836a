# Manchette: `make run` starts the demo site, `make test` runs every test.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup test conformance lint test-deps messages bench clean constraints production production-stop week week-day

$(BIN)/python:
	@PY=$$(scripts/find-python) && echo "Using $$PY" && "$$PY" -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# constraints.txt pins every package to the versions CI tested; `make constraints`
# refreshes it from the ranges in pyproject.toml.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet --constraint constraints.txt -e '.[test]'
	@touch $@

constraints: | $(BIN)/python
	rm -rf var/constraints-venv
	$(BIN)/python -m venv var/constraints-venv
	var/constraints-venv/bin/pip install --quiet -e '.[test,bench]'
	var/constraints-venv/bin/pip freeze --exclude-editable | grep -v '^manchette' > constraints.txt
	rm -rf var/constraints-venv

setup: $(VENV)/.installed
	@scripts/install-run-deps
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) set_up_site
	$(MANAGE) load_demo
	$(MANAGE) load_wire_demo

# Canonical links, feeds and JSON-LD name the address the site runs on (make run PORT=8001),
# unless SITE_URL says otherwise; `setup` records it in the site's settings.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: setup
	@scripts/run-site $(HOST) $(PORT)

# The production stack on loopback (PostgreSQL, Redis, gunicorn, workers, Varnish on
# http://127.0.0.1:8080/), production settings, the demo's articles; see scripts/production.
production: $(VENV)/.installed
	@scripts/production start

production-stop:
	@scripts/production stop

test-deps: $(VENV)/.installed
	@scripts/install-test-deps

lint: $(VENV)/.installed
	$(BIN)/ruff check manchette tests bench simulation
	$(BIN)/python scripts/check-imports
	$(BIN)/mypy manchette

test: test-deps lint
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(BIN)/pytest $(PYTEST_ARGS)

# The wire parsers and the WordPress importer on the real files of ../shared (beside the
# repository, never copied into it): CI runs it after `make test`.
conformance: $(VENV)/.installed
	$(BIN)/pytest tests/conformance

# A newsroom's week on the production stack, every process on one clock moved by libfaketime
# (simulation/): prints a table of invariants and fails when one does. DAYS=1 is CI's short
# run; SEED=N replays a run (each prints its seed).
DAYS ?= 7
week: test-deps
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(BIN)/python -m simulation --days $(DAYS) $(if $(SEED),--seed $(SEED))

week-day:
	@$(MAKE) --no-print-directory week DAYS=1

# Rebuilds the English catalogue after strings change (needs gettext's msgfmt).
messages: $(VENV)/.installed
	cd manchette && ../$(BIN)/python ../manage.py makemessages -l en --no-obsolete \
		&& ../$(BIN)/python ../manage.py compilemessages -l en

# Every bench/*.py with a main() runs, one after the other, each printing its figures and
# the load average. The worker first runs what loading the demo queued (picture sizes).
bench: setup
	$(BIN)/pip install --quiet --constraint constraints.txt -e '.[test,bench]'
	@command -v nginx >/dev/null && command -v wrk >/dev/null && command -v varnishd >/dev/null || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk varnish >/dev/null)
	$(MANAGE) db_worker --batch --no-startup-delay --no-reload --queue-name default >/dev/null
	@for script in bench/*.py; do \
		grep -q '^def main' $$script || continue; \
		echo; echo "=== $$script"; $(BIN)/python $$script || exit 1; \
	done

clean:
	rm -rf $(VENV) var static-collected test-output
