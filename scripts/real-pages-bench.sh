#!/usr/bin/env bash
# Runs every real page through leadsmith: the bare libxml2 parse and the full extraction of the same
# bytes, in one run, and prints pages/s for both and the failures (there should be none).
#
# Usage: scripts/real-pages-bench.sh [PAGES_DIR] [REPEATS]
#   PAGES_DIR defaults to $LEADSMITH_REAL_PAGES, else ../shared/corpus/real-pages beside the repo.
#   CONFIG=debug measures the debug build instead of release.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pages="${1:-${LEADSMITH_REAL_PAGES:-$root/../shared/corpus/real-pages}}"
repeats="${2:-3}"
config="${CONFIG:-release}"
if [[ ! -d "$pages" ]]; then
    echo "real-pages-bench: no page folder at $pages (pass one, or set LEADSMITH_REAL_PAGES)" >&2
    exit 66
fi
cd "$root"
swift build -c "$config" --product leadsmith >/dev/null
".build/$config/leadsmith" bench pages "$pages" --repeats "$repeats" --rules "$root/rules"
