# Idébanken: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
DATA_DIR ?= ../shared/data
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in e-mail and notifications point here.
WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
export WAGTAILADMIN_BASE_URL

.DEFAULT_GOAL := help
.PHONY: help install migrate demo run test lint format messages bench clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet ".[dev]"
	touch $@

install: $(VENV)/.installed ## Create the virtualenv and install the dependencies

migrate: install ## Apply the database migrations
	$(MANAGE) migrate --no-input --verbosity 0

demo: migrate ## Load the demo users, the real ideas and their process (once)
	$(MANAGE) load_demo --data-dir $(DATA_DIR)

# The mail worker sends queued notification e-mail and stops with the server.
# Under the dev settings it prints each message, so its output goes to
# var/mail-worker.log, where it does not bury the demo sign-ins and the
# server's log in the terminal.
MAIL_LOG := var/mail-worker.log
run: demo ## Install, migrate, load the demo, serve http://127.0.0.1:8000 and send mail
	@mkdir -p var
	@echo "The mail worker writes its output and the e-mail it sends to $(MAIL_LOG)."
	$(MANAGE) db_worker --backend mail --no-reload --interval 5 >>$(MAIL_LOG) 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

test: install ## Run the whole test suite (DATABASE_URL picks the database)
	$(BIN)/pytest

lint: install ## Check code style, migrations and the message catalogue
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	@cp locale/sv/LC_MESSAGES/django.po $(VENV)/django.po.before
	$(MAKE) --no-print-directory messages
	@diff -q -I 'POT-Creation-Date' $(VENV)/django.po.before locale/sv/LC_MESSAGES/django.po >/dev/null || { \
		echo "The Swedish catalogue missed messages: translate the new entries in locale/sv/LC_MESSAGES/django.po."; \
		diff -I 'POT-Creation-Date' $(VENV)/django.po.before locale/sv/LC_MESSAGES/django.po | head -40; exit 1; }

format: install ## Format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## Update and compile the Swedish message catalogue
	$(MANAGE) makemessages --locale sv --no-obsolete --ignore '.venv/*' --ignore 'var/*' --add-location file --verbosity 0
	$(MANAGE) compilemessages --locale sv --ignore '.venv/*' --verbosity 0

bench: demo ## Measure page times and query counts against a bare Wagtail page
	$(BIN)/python bench/pages.py

clean: ## Remove the virtualenv and the local database and media
	rm -rf $(VENV) var
