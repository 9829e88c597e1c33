#!/usr/bin/env bash
# Rebuild assets/vendor/plotly-custom.min.js from the npm registry, reproducibly: exact versions
# from scripts/plotly-bundle/package-lock.json (plotly.js at the version the installed `plotly`
# Python package ships, which is what Dash would otherwise serve), bundled by esbuild.
# Needs node + npm. Check the version after upgrading plotly:
#   .venv/bin/python -c 'from plotly.offline import get_plotlyjs_version as v; print(v())'
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/plotly-bundle/package.json" "$here/plotly-bundle/package-lock.json" \
   "$here/plotly-bundle/entry.js" "$work/"
cd "$work"
npm ci --no-audit --no-fund --ignore-scripts >/dev/null
version="$(node -p 'require("plotly.js/package.json").version')"
npx esbuild entry.js --bundle --minify --format=iife --global-name=Plotly \
  --define:global=window --define:process.env.NODE_ENV='"production"' \
  --legal-comments=none --log-level=warning --outfile=bundle.js
out="$repo/assets/vendor/plotly-custom.min.js"
{
  echo "/*! plotly.js v$version (core + bar + lv locale), MIT licence, Plotly, Inc."
  echo "    Built by scripts/build_plotly_bundle.sh; do not edit. */"
  cat bundle.js
} >"$out"
echo "wrote $out ($(wc -c <"$out") bytes, $(gzip -9c "$out" | wc -c) gzipped), plotly.js $version"
