#!/usr/bin/env bash
# Create .venv (if missing) and install channel-counter's dependencies into it, exactly as locked
# (requirements.lock, or requirements-dev.lock with "dev"): pinned versions, checked hashes.
# The code itself runs from this checkout (run_bot.py, pytest, mypy), so it is not installed.
# Safe to run again. To change a dependency: edit pyproject.toml, then bash scripts/lock.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "error: Python 3.11 or newer is needed (found $("$PYTHON" --version 2>&1))" >&2; exit 1; }
extras="${1:-}"
case "$extras" in
  "") lock=requirements.lock ;;
  dev) lock=requirements-dev.lock ;;
  *) echo "error: unknown extra '$extras' (use nothing or dev)" >&2; exit 2 ;;
esac
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
stamp=".venv/.installed-from-${lock%.lock}"
if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check \
    --require-hashes --no-deps -r "$lock"
  touch "$stamp"
fi
