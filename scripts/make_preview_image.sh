#!/usr/bin/env bash
# Regenerate assets/app.png, the 1200x630 preview image that Dash puts in every page's
# og:image / twitter:image meta tags: the overview's main chart (its embed view), so a shared
# link shows the chart as its card.
# Needs Debian's chromium; serves the app from a throwaway database on a spare port.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
export DATABASE_URL="sqlite:///$work/preview.db" INSTANCE_PATH="$work" SECRET_KEY=preview
.venv/bin/python -m dashboard.cli serve --port 8097 >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -fsS http://127.0.0.1:8097/healthz >/dev/null 2>&1 && break; sleep 0.5; done
/usr/bin/chromium --headless=new --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --force-prefers-reduced-motion \
  --window-size=1200,630 --virtual-time-budget=15000 \
  --screenshot="$PWD/assets/app.png" "http://127.0.0.1:8097/embed/overview?lang=lv"
echo "wrote assets/app.png"
