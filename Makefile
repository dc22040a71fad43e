# Everyday tasks. The README's Quick start needs none of these.
PY := .venv/bin/python

.PHONY: install test lint docs bench bench-web demo serve

install:
	python3 -m venv .venv && .venv/bin/pip install -e '.[dev]'

test:
	$(PY) -m pytest

lint:
	.venv/bin/ruff check src tests bench && .venv/bin/ruff format --check src tests bench && .venv/bin/mypy

docs:
	$(PY) -m kith.cli.reference > docs/cli.md

bench:
	$(PY) bench/run.py

bench-web:
	$(PY) bench/web.py

demo:
	.venv/bin/kith demo

serve:
	.venv/bin/kith serve
