#!/usr/bin/env bash
# Set up (first time) and run the bot; settings come from .env and the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python run_bot.py "$@"
