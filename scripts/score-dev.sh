#!/usr/bin/env bash
# Runs leadsmith on a generated corpus (default ../shared/corpus/dev) and scores the output with the
# shared scorer. Usage: scripts/score-dev.sh [CORPUS_DIR] [FLOORS_FILE...]
# Exit status is the scorer's: non-zero when a floor is missed.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-$here/../shared/corpus/dev}"
shift || true
scorer="$(cd "$corpus/../.." && pwd)/eval/score.py"
bin="${LEADSMITH_BIN:-$here/.build/debug/leadsmith}"
out="${LEADSMITH_SCORE_OUT:-$(mktemp -d)}"
mkdir -p "$out"

# Lead files in processing order: sorted by path, as the corpus truth numbers them.
mapfile -t files < <(cd "$corpus" && find leads -type f \( -name '*.csv' -o -name '*.json' -o -name '*.ndjson' \) | LC_ALL=C sort)
(cd "$corpus" && "$bin" run "${files[@]}" --sites sites --rules "$here/rules" --icp "$here/rules/examples/icp-reference.yaml" --all \
    --out "$out/leads.ndjson" --rejects "$out/rejects.ndjson" --report "$out/report.json" --quiet)

status=0
if [ "$#" -eq 0 ]; then
  python3 "$scorer" --truth "$corpus/truth.ndjson" --leads "$out/leads.ndjson" --rejects "$out/rejects.ndjson" || status=$?
else
  for floors in "$@"; do
    python3 "$scorer" --truth "$corpus/truth.ndjson" --leads "$out/leads.ndjson" --rejects "$out/rejects.ndjson" \
      --floors "$floors" || status=$?
  done
fi
echo "output kept in $out"
exit "$status"
