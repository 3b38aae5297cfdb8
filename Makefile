# AnchorHub: every set-up step lives here. See README.md.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := sqlite:///$(CURDIR)/var/demo.sqlite3
# The demo runs in development mode, but shows the service's own error pages (core/error_pages.py).
DEMO_ENV := DEBUG=1 DEBUG_ERROR_PAGES=0 DATABASE_URL=$(DEMO_DB)

.PHONY: install demo serve worker test lint bench assets clean

install: $(VENV)/.installed node_modules/.installed core/static/anchorhub/anchorhub.css

$(VENV)/.installed: pyproject.toml requirements.lock
	bash scripts/ensure-pango
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock --config-settings editable_mode=compat -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# GOV.UK Frontend compiled with the AnchorHub settings (Arial, no GDS Transport: not a GOV.UK service).
core/static/anchorhub/anchorhub.css: core/scss/anchorhub.scss $(wildcard core/scss/_*.scss) node_modules/.installed
	mkdir -p core/static/anchorhub
	node_modules/.bin/sass --no-source-map --style=compressed --pkg-importer=node --quiet-deps $< $@

assets: core/static/anchorhub/anchorhub.css

demo: install
	mkdir -p var
	$(DEMO_ENV) $(BIN)/anchorhub migrate --no-input
	$(DEMO_ENV) $(BIN)/anchorhub load_reference \
	  || echo "CPV list not loaded (no data folder): codes show without descriptions."
	$(DEMO_ENV) $(BIN)/anchorhub demo_data
	@echo "Starting the background worker and the web server (Ctrl+C stops both)."
# The worker runs in a session of its own (where setsid exists), so Ctrl+C reaches it once, from
# the trap: django-q2 can hang when a second stop signal arrives while it is stopping. The
# sign-in details are printed again once the server answers, below its start-up lines.
	setsid=$$(command -v setsid); $(DEMO_ENV) $$setsid $(BIN)/anchorhub worker & worker=$$!; \
	  $(DEMO_ENV) $(BIN)/anchorhub demo_sign_ins --when-serving 127.0.0.1:8000 & sign_ins=$$!; \
	  trap 'kill $$worker $$sign_ins 2>/dev/null' EXIT INT TERM; \
	  $(DEMO_ENV) $(BIN)/anchorhub runserver 127.0.0.1:8000

# Production (README, "Running in production"): DATABASE_URL, SECRET_KEY and ALLOWED_HOSTS come
# from the environment. `serve` checks migrations, collects static files and runs gunicorn;
# `worker` runs the background jobs. Run each under a process supervisor.
serve: install
	$(BIN)/anchorhub serve

worker: install
	$(BIN)/anchorhub worker

test: install
	bash scripts/ensure-chromium
	$(BIN)/pytest --numprocesses=auto --dist=worksteal --cov --cov-report=term-missing:skip-covered

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	modules=$$(scripts/pure-modules) && $(BIN)/mypy $$modules
	$(BIN)/vulture --min-confidence 100
	DEBUG=1 $(BIN)/anchorhub makemigrations --check --dry-run
	SECRET_KEY=lint-only-not-a-secret $(BIN)/anchorhub check --fail-level WARNING

bench: install
	bash scripts/ensure-wrk
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) node_modules var core/static/anchorhub/anchorhub.css
