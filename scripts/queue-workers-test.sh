#!/usr/bin/env bash
# Three `work` processes on one PostgreSQL queue at once (issue 6): each lead is processed once and
# each company domain researched once. Evidence: the workers' own counts (leads completed, domains
# researched) add up to exactly the batch's jobs and domains, and the export holds every lead once
# with the same lines as `run --all`.
#
#   eval "$(scripts/ci-postgres.sh)"; scripts/queue-workers-test.sh [N] [WORKERS]   (default 5000 3)
#
# Also works on SQLite (one machine) with QUEUE=sqlite:/tmp/x.sqlite.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5000}
workers=${2:-3}
bin=${LEADSMITH_BIN:-.build/debug/leadsmith}
queue=${QUEUE:-${LEADSMITH_TEST_POSTGRES_URL:?set LEADSMITH_TEST_POSTGRES_URL (eval \"\$(scripts/ci-postgres.sh)\") or QUEUE}}
[ -x "$bin" ] || swift build --product leadsmith >&2
tmp=$(mktemp -d /tmp/leadsmith-workers.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
python3 scripts/gen-leads.py "$n" > "$tmp/leads.csv"
"$bin" run "$tmp/leads.csv" --sites samples/sites --all --out "$tmp/run.ndjson" --quiet --rules rules
batch="workers-$RANDOM$RANDOM"
q=(--queue "$queue" --batch "$batch" --rules rules)
"$bin" enqueue "$tmp/leads.csv" "${q[@]}"
start=$(date +%s.%N)
pids=()
for i in $(seq 1 "$workers"); do
    "$bin" work "${q[@]}" --sites samples/sites 2> "$tmp/worker$i.log" &
    pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
end=$(date +%s.%N)
cat "$tmp"/worker*.log
"$bin" status "${q[@]}" --json > "$tmp/status.json"
"$bin" export "${q[@]}" --all --out "$tmp/export.ndjson" --quiet
python3 - "$tmp" "$workers" "$start" "$end" <<'PY'
import collections, glob, json, re, sys
tmp, workers, start, end = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
leads = domains = 0
for path in glob.glob(tmp + "/worker*.log"):
    m = re.search(r"(\d+) leads, (\d+) domains researched", open(path).read())
    leads += int(m.group(1)); domains += int(m.group(2))
status = json.load(open(tmp + "/status.json"))
jobs = status["jobs"].get("done", 0); done_domains = status["domains"].get("done", 0)
run = [json.loads(l) for l in open(tmp + "/run.ndjson")]
exp = [json.loads(l) for l in open(tmp + "/export.ndjson")]
ids = collections.Counter(l["lead_id"] for l in exp)
problems = []
if leads != jobs: problems.append(f"workers completed {leads} leads for {jobs} jobs")
if domains != done_domains: problems.append(f"workers researched {domains} domains for {done_domains} domains")
if any(c > 1 for c in ids.values()): problems.append("a lead exported twice")
if set(ids) != {l["lead_id"] for l in run}: problems.append("lead ids differ from run --all")
if sorted(json.dumps(l, sort_keys=True) for l in run) != sorted(json.dumps(l, sort_keys=True) for l in exp):
    problems.append("lead lines differ from run --all")
if problems:
    print("FAIL: " + "; ".join(problems)); sys.exit(1)
print(f"OK: {workers} workers, {jobs} leads each processed once, {done_domains} domains each researched once; "
      f"{jobs / (end - start):.0f} jobs/s wall clock ({end - start:.1f} s)")
PY
