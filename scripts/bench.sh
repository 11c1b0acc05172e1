#!/usr/bin/env bash
# Set up (first time) and run the benchmarks; prints a table. Options: see `--help`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
exec .venv/bin/python -m bench "$@"
