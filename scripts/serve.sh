#!/usr/bin/env bash
# Set everything up, then serve the playbook at http://127.0.0.1:8000/ (English) and /zh/ (中文).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/mkdocs serve --dev-addr "${KA_ADDR:-127.0.0.1:8000}" "$@"
