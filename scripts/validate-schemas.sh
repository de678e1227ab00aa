#!/usr/bin/env bash
# Runs leadsmith on the bundled samples (every lead, rejects, and the CRM/retention options) and
# validates every line against schemas/ with Python's jsonschema; extra OUTPUT_DIRs holding
# leads.ndjson/rejects.ndjson (e.g. the dev-corpus run of scripts/score-dev.sh) are validated too.
# Usage: scripts/validate-schemas.sh [OUTPUT_DIR...]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${LEADSMITH_BIN:-$here/.build/debug/leadsmith}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$here"
samples=(samples/leads/newsletter_signups.csv samples/leads/chatbot_export.json samples/leads/download_forms.ndjson)
"$bin" run "${samples[@]}" --sites samples/sites --all --out "$tmp/leads.ndjson" --rejects "$tmp/rejects.ndjson" --quiet
"$bin" run "${samples[@]}" --sites samples/sites --all --retain-days 30 --out "$tmp/retained.ndjson" --quiet
args=(lead "$tmp/leads.ndjson" "$tmp/retained.ndjson" reject "$tmp/rejects.ndjson")
for dir in "$@"; do
  [ -f "$dir/leads.ndjson" ] && args+=(lead "$dir/leads.ndjson")
  [ -f "$dir/rejects.ndjson" ] && args+=(reject "$dir/rejects.ndjson")
done
python3 "$here/scripts/validate-schemas.py" "${args[@]}"
