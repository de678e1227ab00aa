#!/usr/bin/env bash
# Parses every page of the real-world page corpus with LeadHTML and prints counts and timings.
#
# Usage: scripts/real-pages-bench.sh [PAGES_DIR]
#   PAGES_DIR defaults to $LEADSMITH_REAL_PAGES, else ../shared/corpus/real-pages beside the repo.
#   CONFIG=release scripts/real-pages-bench.sh  measures an optimised build (slower to build).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pages="${1:-${LEADSMITH_REAL_PAGES:-$root/../shared/corpus/real-pages}}"
config="${CONFIG:-debug}"

if [[ ! -d "$pages" ]]; then
    echo "real-pages-bench: no page folder at $pages (pass one, or set LEADSMITH_REAL_PAGES)" >&2
    exit 66
fi
pages="$(cd "$pages" && pwd)"

cd "$root"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
LEADSMITH_REAL_PAGES="$pages" swift test -c "$config" --filter 'LeadHTMLTests.RealPagesTests' >"$log" 2>&1 || status=$?
grep -E '^real-pages:|✘|error:' "$log" || true
grep -E 'Test run with' "$log" | tail -1 || true
if [[ $status -ne 0 ]]; then
    echo "real-pages-bench: failed (exit $status); full log:" >&2
    tail -40 "$log" >&2
fi
exit "$status"
