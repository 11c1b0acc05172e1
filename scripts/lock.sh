#!/usr/bin/env bash
# Pin every dependency of pyproject.toml, with hashes, into requirements.lock and
# requirements-dev.lock (pip-tools in a throwaway virtual environment). Needs the package index.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
tools="$(mktemp -d)"
trap 'rm -rf "$tools"' EXIT
"$PYTHON" -m venv "$tools"
"$tools/bin/python" -m pip install --quiet pip-tools
common=(--quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url
  --no-emit-find-links pyproject.toml)
"$tools/bin/pip-compile" "${common[@]}" --output-file requirements.lock
"$tools/bin/pip-compile" "${common[@]}" --extra dev --output-file requirements-dev.lock
