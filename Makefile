# Lintas — everyday commands. `make run` and `make test` are the README's Quick start.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8080

.PHONY: setup run test check unit pytest bench translations clean

$(STAMP): pyproject.toml
	sh .ci/debian-packages
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

## Run Lintas on the embedded SQLite database with the demo pemda and the bundled processes.
run: $(STAMP)
	$(BIN)/lintas serve --demo --host $(HOST) --port $(PORT)

## Static checks (ruff, import-linter layer contracts, mypy), then every test layer.
test: check pytest

check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest -p no:cacheprovider

unit: $(STAMP)
	$(BIN)/python -m pytest -p no:cacheprovider tests/unit

bench: $(STAMP)
	$(BIN)/python bench/loop.py

## Web app messages: extract the Indonesian msgids, merge them into the English catalog, compile it.
## Translate the new (empty) entries of web/translations/en/LC_MESSAGES/messages.po, then run it again.
translations: $(STAMP)
	$(BIN)/pybabel extract -F web/babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
		-o web/translations/messages.pot web
	$(BIN)/pybabel update -i web/translations/messages.pot -d web/translations -l en \
		--no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile -d web/translations

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache
