# The two commands of the README: `make demo` and `make test`. Each creates or updates .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install lint typecheck unit system-deps lock clean docs docs-images

# Installed with compiled bytecode: where bytecode cannot be written at run time (containers commonly set
# PYTHONDONTWRITEBYTECODE) every start would otherwise compile every module again (benchmarks/cli_startup.py).
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8
	$(BIN)/uv pip sync --compile-bytecode --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install --compile-bytecode --python $(BIN)/python --no-deps -e .
	$(BIN)/python -m compileall -q src
	touch $(STAMP)

install: $(STAMP)

# Debian packages the tests need (browser for end-to-end tests, LibreOffice and poppler-utils for document
# checks and page images, Java for Spark).
system-deps:
	@sh scripts/install-system-deps.sh

demo: install
	$(BIN)/uppfolj demo --arbetsyta demo-arbetsyta

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/python -m pytest -q

test: install system-deps lint typecheck unit

# Regenerate the docs that are generated from the code (tests check that they are current).
docs: install
	$(BIN)/python -m uppfolj.importing.docs
	$(BIN)/python -m uppfolj.indicators.docgen
	$(BIN)/python -m uppfolj.docs_cli
	$(BIN)/python -m uppfolj.docs_registries
	$(MAKE) docs-images

# First-page images of the demo reports for docs/rapporter.md (runs the demo when demo-arbetsyta has none).
docs-images: install
	sh scripts/report-images.sh demo-arbetsyta

lock:
	uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) demo-arbetsyta
