# Vitrine des emplois — the two commands of the README are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
export HOST PORT

.PHONY: run test lint stop services install install-dev browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

## run: the whole platform (web, worker, beat) on http://$(HOST):$(PORT)/, Ctrl-C stops everything
run: install
	$(BIN)/python -m vitrine.run

## test: the whole test suite, on real PostgreSQL and Redis, browser tests included
test: install-dev browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## browser: Debian's Chromium for the browser tests (installed when missing and we are root)
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Chromium for the browser tests"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null \
	      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }; \
	  else \
	    echo "Chromium is missing at $(CHROMIUM): install it (apt-get install chromium) or set CHROMIUM=/path"; exit 1; \
	  fi; \
	fi

lint: install-dev
	$(BIN)/ruff check .
	@# No server is needed to compare the models with the migrations: the URLs point nowhere.
	SECRET_KEY=lint DATABASE_URL=postgres://lint@127.0.0.1:1/lint REDIS_URL=redis://127.0.0.1:1/0 \
	  $(BIN)/python -W ignore::RuntimeWarning manage.py makemigrations --check --dry-run

## stop: stop the embedded PostgreSQL and Redis left running (after a crash, or started by manage.py)
stop:
	$(BIN)/python -m vitrine.embedded stop

services: install
	$(BIN)/python -m vitrine.embedded start

clean: stop
	rm -rf .local staticfiles
