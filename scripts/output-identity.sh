#!/usr/bin/env bash
# Checks that two leadsmith builds write the same bytes: runs OLD and NEW on the samples (NDJSON and
# every CRM CSV format) and, when present, on the dev corpus (--all, reference ICP), and compares the
# leads, the rejects and the run report without its timings. For speed work: build today's code
# once, keep its binary, and compare after every change.
#
#   scripts/output-identity.sh OLD_BIN NEW_BIN [DEV_CORPUS]     (DEV_CORPUS: ../shared/corpus/dev)
#
# Exit 0 when every output is byte-identical, 1 when any differs (the first diff lines are printed).
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: output-identity.sh OLD_BIN NEW_BIN [DEV_CORPUS]" >&2; exit 64; }
old="$(realpath "$1")"; new="$(realpath "$2")"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${3:-$root/../shared/corpus/dev}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
status=0

# run NAME DIR ARGS...: both builds, same arguments, inside DIR; outputs in $work/{old,new}/NAME.*
run() {
    local name="$1" dir="$2"; shift 2
    for side in old new; do
        local bin="$old"; [ "$side" = new ] && bin="$new"
        mkdir -p "$work/$side"
        (cd "$dir" && "$bin" run "$@" --rules "$root/rules" --out "$work/$side/$name.out" \
            --rejects "$work/$side/$name.rejects" --report "$work/$side/$name.report.json" --quiet)
        # The report's timings, run time and lead ages (hours before now) differ run to run; nothing else may.
        python3 - "$work/$side/$name.report.json" <<'PY'
import json, sys
p = sys.argv[1]
r = json.load(open(p))
def drop(o):
    if isinstance(o, dict):
        return {k: drop(v) for k, v in o.items() if k not in ("timings_ms", "at", "mean_hours", "max_hours")}
    if isinstance(o, list):
        return [drop(v) for v in o]
    return o
json.dump(drop(r), open(p, "w"), sort_keys=True, indent=1)
PY
    done
    for part in out rejects report.json; do
        if cmp -s "$work/old/$name.$part" "$work/new/$name.$part"; then
            printf '  same   %-22s %s (%s bytes)\n' "$name" "$part" "$(wc -c <"$work/new/$name.$part")"
        else
            printf '  DIFFER %-22s %s\n' "$name" "$part"
            diff "$work/old/$name.$part" "$work/new/$name.$part" | head -6 | sed 's/^/      /' | cut -c1-200
            status=1
        fi
    done
}

echo "output-identity: $old vs $new"
samples=(leads/newsletter_signups.csv leads/chatbot_export.json leads/download_forms.ndjson)
run samples "$root/samples" "${samples[@]}" --sites sites --all
run samples-qualified "$root/samples" "${samples[@]}" --sites sites
for fmt in pipedrive hubspot salesforce csv; do
    run "samples-$fmt" "$root/samples" "${samples[@]}" --sites sites --all --format "$fmt"
done
if [ -d "$corpus/leads" ]; then
    mapfile -t files < <(cd "$corpus" && find leads -type f \( -name '*.csv' -o -name '*.json' -o -name '*.ndjson' \) | LC_ALL=C sort)
    run dev "$corpus" "${files[@]}" --sites sites --icp "$root/rules/examples/icp-reference.yaml" --all
else
    echo "  (no dev corpus at $corpus: skipped)"
fi
[ "$status" = 0 ] && echo "output-identity: all outputs byte-identical" || echo "output-identity: outputs differ"
exit "$status"
