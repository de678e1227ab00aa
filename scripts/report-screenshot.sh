#!/usr/bin/env bash
# Renders the HTML run report of the bundled samples in headless Chromium and writes a PNG, so a
# person can look at the page as a browser draws it. Usage: scripts/report-screenshot.sh [OUT_DIR]
# Installs Debian's chromium when it is missing. Writes OUT_DIR/report.html, report.json, report.png.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
bin="${LEADSMITH_BIN:-$here/.build/debug/leadsmith}"
if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
cd "$here"
"$bin" run samples/leads/newsletter_signups.csv samples/leads/chatbot_export.json samples/leads/download_forms.ndjson \
  --sites samples/sites --all --out /dev/null --report "$out/report.json" --quiet
"$bin" report --from "$out/report.json" --out "$out/report.html"
# A tall window: the whole page in one image. No network is needed: the page is self-contained.
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
  --window-size="${REPORT_WIDTH:-1200},${REPORT_HEIGHT:-3600}" --screenshot="$out/report.png" "file://$out/report.html" \
  2>"$out/chromium.log" || { cat "$out/chromium.log" >&2; exit 1; }
echo "$out/report.png"
