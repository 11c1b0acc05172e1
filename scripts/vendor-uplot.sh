#!/usr/bin/env bash
# The status page's interactive chart: uPlot (MIT) from the npm registry at a pinned version,
# copied into bot/web/static/uplot/ with its license. The bot serves these files itself; the
# browser fetches nothing from the internet. To update: change VERSION, run this, commit the
# files and the new SHA256SUMS (tests/test_web.py checks them).
set -euo pipefail
VERSION=1.6.32
cd "$(dirname "$0")/.."
dest=bot/web/static/uplot
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack "uplot@$VERSION" --silent >/dev/null && tar xzf "uplot-$VERSION.tgz")
mkdir -p "$dest"
cp "$tmp/package/dist/uPlot.iife.min.js" "$tmp/package/dist/uPlot.min.css" "$tmp/package/LICENSE" "$dest/"
echo "$VERSION" > "$dest/VERSION"
(cd "$dest" && sha256sum uPlot.iife.min.js uPlot.min.css LICENSE VERSION > SHA256SUMS)
echo "uPlot $VERSION in $dest"
