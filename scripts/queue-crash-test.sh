#!/usr/bin/env bash
# Crash test for durable batches (issue 6): enqueue 5,000 leads, start `work`, kill -9 it at random
# points three times, restart it each time; at the end `export` must hold every lead exactly once
# (lead ids compared with `run --all` on the same input, and every input record in exactly one
# lead's sources). Runs on SQLite, and on PostgreSQL when LEADSMITH_TEST_POSTGRES_URL is set
# (eval "$(scripts/ci-postgres.sh)" first).
#
#   scripts/queue-crash-test.sh [sqlite|postgres|all] [N]     (default: all 5000)
#
# LEADSMITH_BIN picks the binary (default .build/debug/leadsmith, built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-all}
n=${2:-5000}
bin=${LEADSMITH_BIN:-.build/debug/leadsmith}
[ -x "$bin" ] || swift build --product leadsmith >&2
tmp=$(mktemp -d /tmp/leadsmith-crash.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
python3 scripts/gen-leads.py "$n" > "$tmp/leads.csv"
common=(--rules rules)
"$bin" run "$tmp/leads.csv" --sites samples/sites --all --out "$tmp/run.ndjson" --quiet "${common[@]}"

crash_test() {
    local name=$1 queue=$2 batch="crash-$RANDOM$RANDOM"
    local q=(--queue "$queue" --batch "$batch")
    echo "== $name: enqueue $n leads (batch $batch)"
    "$bin" enqueue "$tmp/leads.csv" "${q[@]}" "${common[@]}" 2>&1 | sed "s/^/   /"
    for round in 1 2 3; do
        "$bin" work "${q[@]}" --sites samples/sites --lease 2 --claim 16 --quiet "${common[@]}" &
        local pid=$!
        local pause
        pause=$(python3 -c 'import random; print(round(random.uniform(0.5, 3.0), 2))')
        sleep "$pause"
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        echo "   round $round: kill -9 after ${pause}s; $("$bin" status "${q[@]}" "${common[@]}" | head -1)"
    done
    echo "   restart and drain"
    "$bin" work "${q[@]}" --sites samples/sites --lease 2 --quiet "${common[@]}"
    "$bin" status "${q[@]}" "${common[@]}" | sed 's/^/   /'
    "$bin" export "${q[@]}" --all --out "$tmp/$name.ndjson" --quiet "${common[@]}"
    python3 - "$tmp/run.ndjson" "$tmp/$name.ndjson" "$n" <<'PY'
import collections, json, sys
run = [json.loads(l) for l in open(sys.argv[1])]
exp = [json.loads(l) for l in open(sys.argv[2])]
n = int(sys.argv[3])
ids_run = collections.Counter(l["lead_id"] for l in run)
ids_exp = collections.Counter(l["lead_id"] for l in exp)
twice = [i for i, c in ids_exp.items() if c > 1]
missing = set(ids_run) - set(ids_exp)
extra = set(ids_exp) - set(ids_run)
records = collections.Counter((s["file"], s["record"]) for l in exp for s in l["sources"])
rec_twice = [r for r, c in records.items() if c > 1]
problems = []
if twice: problems.append(f"{len(twice)} leads exported twice")
if missing: problems.append(f"{len(missing)} leads missing")
if extra: problems.append(f"{len(extra)} unexpected leads")
if rec_twice: problems.append(f"{len(rec_twice)} input records in two leads")
if len(records) != n: problems.append(f"{len(records)} of {n} input records exported")
if sorted(json.dumps(l, sort_keys=True) for l in run) != sorted(json.dumps(l, sort_keys=True) for l in exp):
    problems.append("lead lines differ from run --all")
if problems:
    print("   FAIL: " + "; ".join(problems)); sys.exit(1)
print(f"   OK: {len(exp)} leads exactly once ({n} input records), same lines as run --all")
PY
}

status=0
if [ "$which" = all ] || [ "$which" = sqlite ]; then
    crash_test sqlite "sqlite:$tmp/queue.sqlite" || status=1
fi
if [ "$which" = all ] || [ "$which" = postgres ]; then
    if [ -n "${LEADSMITH_TEST_POSTGRES_URL:-}" ]; then
        crash_test postgres "$LEADSMITH_TEST_POSTGRES_URL" || status=1
    elif [ "$which" = postgres ]; then
        echo "LEADSMITH_TEST_POSTGRES_URL is not set (eval \"\$(scripts/ci-postgres.sh)\")" >&2; exit 2
    else
        echo "== postgres: skipped, LEADSMITH_TEST_POSTGRES_URL is not set (eval \"\$(scripts/ci-postgres.sh)\")"
    fi
fi
exit $status
