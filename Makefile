# PM Planner. The two commands that matter: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM_PATH ?= /usr/bin/chromium
export CHROMIUM_PATH
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: gettext messages run test test-browser test-fast test-postgres test-scale lint format superuser bench bench-insights lighthouse screenshots chromium migrate content clean help

help:
	@echo "make run        set up and serve http://$(HOST):$(PORT) (SQLite, DEBUG on)"
	@echo "make test       set up and run the whole suite, browser tests included"
	@echo "make test-fast  the suite without the browser tests"
	@echo "make test-browser  only the browser tests (HEADED=1 to watch them)"
	@echo "make test-postgres  the suite against PostgreSQL (DATABASE_URL or a throw-away local server)"
	@echo "make test-scale  two gunicorn servers sharing PostgreSQL and Redis, checked over HTTP"
	@echo "make lint       ruff check + ruff format --check"
	@echo "make superuser  create an admin account"
	@echo "make bench      load-test the app under gunicorn"
	@echo "make bench-insights  the staff insights page at 1,000 users: queries and time"
	@echo "make lighthouse Lighthouse scores of the main pages (production mode, mobile); fails under 95"
	@echo "make screenshots  the gallery in docs/screenshots/ (light and dark, desktop and phone)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "PM Planner needs Python 3.11 or newer: found " + sys.version.split()[0])'
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null && rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); \
	  else echo "Could not create a virtualenv: install python3-venv (sudo apt-get install python3-venv) and run make again." >&2; exit 1; fi; }

$(STAMP): $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

# Development server settings; override any of them in the environment.
DEV_ENV := DEBUG=$${DEBUG:-1}

migrate: $(STAMP)
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput

content: migrate
	$(DEV_ENV) $(BIN)/python manage.py load_content

run: content
	@echo
	@echo "PM Planner is starting on http://$(HOST):$(PORT)/"
	@echo "To make an admin account for the content editor (/admin/): make superuser"
	@echo
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

superuser: migrate
	$(DEV_ENV) $(BIN)/python manage.py createsuperuser

# Browser tests need Chromium; get it when we can, or say exactly what to install.
chromium:
	@if [ -x "$(CHROMIUM_PATH)" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Chromium for the browser tests (apt-get install chromium)…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi; \
	if [ ! -x "$(CHROMIUM_PATH)" ]; then \
	  echo "Browser tests need Chromium at $(CHROMIUM_PATH). Install it (sudo apt-get install chromium)" >&2; \
	  echo "or point CHROMIUM_PATH at a Chromium/Chrome binary, then run make test again." >&2; exit 1; \
	fi

# The catalogue test extracts the marked strings with gettext's xgettext (tests/i18n/test_catalogue.py).
gettext:
	@if command -v xgettext >/dev/null && command -v msgfmt >/dev/null; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing gettext for the catalogue test (apt-get install gettext)…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	fi; \
	command -v xgettext >/dev/null || { echo "The tests need gettext (sudo apt-get install gettext)." >&2; exit 1; }

# After marking or changing a string: extract into locale/zh_Hans/LC_MESSAGES/django.po,
# translate what it lists as new (empty msgstr), then compile the .mo that is committed.
messages: $(STAMP) gettext
	$(DEV_ENV) $(BIN)/python manage.py makemessages -l zh_Hans --no-obsolete --no-location -i "staticfiles/*" -i "node_modules/*" -i "bench/*" -i "tests/*"
	$(DEV_ENV) $(BIN)/python manage.py compilemessages -l zh_Hans -i ".venv" -i "node_modules"
	@$(BIN)/python -c "import polib; po = polib.pofile('locale/zh_Hans/LC_MESSAGES/django.po'); \
	  left = po.untranslated_entries() + po.fuzzy_entries(); print(f'{len(left)} strings to translate'); \
	  [print('  ', e.msgid) for e in left]"

PYTEST := $(BIN)/python -m pytest

test: $(STAMP) chromium gettext
	$(PYTEST) -n 2 --dist loadfile

test-fast: $(STAMP) gettext
	$(PYTEST) -n 2 --dist loadfile -m "not browser"

test-browser: $(STAMP) chromium
	$(PYTEST) -m browser $(if $(HEADED),--headed --slowmo 300,)

test-postgres: $(STAMP) chromium gettext
	bash scripts/with-postgres.sh $(PYTEST) -n 2 --dist loadfile

# Not part of `make test`: it starts its own servers (tests/scale/two_servers.py).
test-scale: $(STAMP)
	bash scripts/with-postgres.sh bash scripts/with-redis.sh $(BIN)/python -m tests.scale.two_servers

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python bench/run.py

# The staff insights page at BENCH_USERS (default 1,000) people: queries and time per request.
bench-insights: $(STAMP)
	$(BIN)/python bench/insights.py

# Lighthouse 12 from npm, installed on first use into .lighthouse/ (git-ignored).
LIGHTHOUSE := .lighthouse/node_modules/.bin/lighthouse
$(LIGHTHOUSE):
	@command -v npm >/dev/null || { echo "make lighthouse needs Node.js and npm (sudo apt-get install nodejs npm)." >&2; exit 1; }
	npm install --prefix .lighthouse --no-audit --no-fund --loglevel=error lighthouse@12

lighthouse: $(STAMP) chromium $(LIGHTHOUSE)
	CHROME_PATH=$(CHROMIUM_PATH) $(BIN)/python bench/lighthouse.py

screenshots: $(STAMP) chromium
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .lighthouse
