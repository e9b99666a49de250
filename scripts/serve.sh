#!/usr/bin/env bash
# Set everything up, build the playbook and serve it at http://127.0.0.1:8000/ (English) and
# /zh/ (中文): precompressed, with cache headers, as a real static host (scripts/ka_site/commands/serve.py).
# KA_ADDR=host:port chooses another address.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# --room: serve the training room's local network (scripts/ka_site/commands/room/), only when asked
if [ "${1:-}" = "--room" ]; then
  shift
  exec .venv/bin/python -m ka_site.commands.room "$@"
fi
exec .venv/bin/python -m ka_site.commands.serve "$@"
