#!/usr/bin/env bash
# Set up everything KA Playbook needs, skipping what is already there.
#   bash scripts/setup.sh            Python venv + packages, npm packages (Pyodide, virtual-core, axe-core)
#   bash scripts/setup.sh --test     ... plus Debian's chromium and the wheels for the Pyodide tests
# Nothing is downloaded outside the package registries: PyPI, npm and Debian's archive.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# 1. npm: Pyodide and @tanstack/virtual-core (served by the site itself), axe-core and
#    playwright-core, pinned by the lock. In the background, beside step 2: they share nothing,
#    and a fresh checkout waits for the longer of the two instead of both.
npm_install=""
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error &
  npm_install=$!
fi

# 2. Python: a project venv with the package (editable) and its docs and test extras.
if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  "${PYTHON:-python3}" -m venv .venv
fi
if [ ! -f .venv/.installed ] || [ pyproject.toml -nt .venv/.installed ]; then
  say "installing Python packages"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[docs,test,xlsx]"
  touch .venv/.installed
fi

if [ -n "$npm_install" ]; then
  wait "$npm_install"  # its failure stops the setup here
fi

# 3. openpyxl's pure-Python wheels, served by the site and installed into Pyodide the first time
#    a reader imports or exports an Excel file (the versions pinned in pyproject.toml's xlsx extra).
xlsx_wheels=.cache/xlsx-wheels
if [ ! -f "$xlsx_wheels/.complete" ] || [ pyproject.toml -nt "$xlsx_wheels/.complete" ]; then
  say "downloading the openpyxl wheels for the browser"
  rm -rf "$xlsx_wheels" && mkdir -p "$xlsx_wheels"
  .venv/bin/python -m pip download --quiet --disable-pip-version-check --dest "$xlsx_wheels" \
    --only-binary=:all: --no-deps --implementation py --platform any \
    --python-version "$(.venv/bin/python -m ka_site.build.engine.pyodide_seam python)" \
    "$(.venv/bin/python -m ka_site.build.engine.xlsx_pins openpyxl)" "$(.venv/bin/python -m ka_site.build.engine.xlsx_pins et-xmlfile)"
  touch "$xlsx_wheels/.complete"
fi

if [ "$want_test" = 1 ]; then
  # 3. Debian's chromium for the browser tests (never a browser download), and CJK fonts so
  #    that screenshots of the Chinese pages show characters.
  if ! command -v chromium >/dev/null 2>&1 || [ ! -d /usr/share/fonts/opentype/noto ]; then
    say "installing Debian's chromium and Noto CJK fonts"
    SUDO=""
    [ "$(id -u)" != 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  fi
  # 3b. poppler-utils: pdftotext reads and pdftoppm renders the PDFs the print tests make;
  #     zbar-tools: zbarimg decodes the room mode's join-page QR code in its test.
  if ! command -v pdftotext >/dev/null 2>&1 || ! command -v zbarimg >/dev/null 2>&1; then
    say "installing Debian's poppler-utils (pdftotext) and zbar-tools (zbarimg)"
    SUDO=""
    [ "$(id -u)" != 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils zbar-tools >/dev/null
  fi
  # 4. Pure-Python wheels to run the engine's pytest suite inside Pyodide (its Python:
  #    ka_site.build.engine.pyodide_seam).
  wheels=.cache/pyodide-wheels
  if [ ! -f "$wheels/.complete" ] || [ pyproject.toml -nt "$wheels/.complete" ]; then
    say "downloading pytest and hypothesis wheels for Pyodide"
    rm -rf "$wheels" && mkdir -p "$wheels"
    .venv/bin/python -m pip download --quiet --disable-pip-version-check --dest "$wheels" \
      --only-binary=:all: --implementation py --platform any \
      --python-version "$(.venv/bin/python -m ka_site.build.engine.pyodide_seam python)" \
      pytest hypothesis
    touch "$wheels/.complete"
  fi
fi
say "ready"
