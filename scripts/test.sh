#!/usr/bin/env bash
# Set everything up, then run every check: ruff, and the whole pytest suite (the engine, the
# site build, the browser tests in Debian's headless chromium, the engine's tests inside Pyodide).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export NO_MKDOCS_2_WARNING=1
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
npm run --silent check:js  # TypeScript's checker on the JavaScript (scripts/tsconfig.*.json)
# One pytest worker per core (pytest-xdist; KA_TEST_WORKERS to choose another number); the run's
# controller builds and serves the site once for all of them (tests/conftest.py), and each test
# file stays on one worker (--dist loadfile: one room server, one page a module). The files go
# to the workers in the order tests/conftest.py gives them (--no-loadscope-reorder; xdist would
# otherwise hand out the files with the most tests first): the unit tests while the site builds,
# the engine's suite in Pyodide next, the slow tiers after.
exec .venv/bin/python -m pytest -n "${KA_TEST_WORKERS:-auto}" --dist loadfile --no-loadscope-reorder "$@"
