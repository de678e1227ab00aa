#!/usr/bin/env bash
# scripts/fuzz.sh TARGET SECONDS: build the libFuzzer harness TARGET (csv, chatbot, forms, research,
# robots, icp; see Fuzz/README.md) with -sanitize=fuzzer,address and run it for SECONDS.
# Exits non-zero when libFuzzer finds a crash, a leak, a timeout (a hang) or an out-of-memory input;
# the input is saved as .build-fuzz/artifacts/TARGET/crash-… (timeout-…, leak-…, oom-…).
# The working corpus grows in .build-fuzz/corpus/TARGET, seeded from the test fixtures each run.
# Env: FUZZ_NICE (default 10), FUZZ_JOBS (swift build -j), FUZZ_NO_BUILD=1 (skip the build).
set -euo pipefail
cd "$(dirname "$0")/.."
targets="csv chatbot forms research robots icp"
if [ $# -ne 2 ] || ! [[ " $targets " == *" $1 "* ]] || ! [[ "$2" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh TARGET SECONDS   (TARGET: ${targets// /, })" >&2
  exit 64
fi
target=$1 seconds=$2
root=$PWD
scratch=$root/.build-fuzz
nice_level=${FUZZ_NICE:-10}

if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
  buildlog=$(mktemp)
  if ! (cd Fuzz && nice -n "$nice_level" swift build --scratch-path "$scratch" ${FUZZ_JOBS:+-j "$FUZZ_JOBS"} \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --product "fuzz-$target") >"$buildlog" 2>&1; then
    grep -vE '^\[[0-9]+/[0-9]+\]|Cannot export local symbol|unhandled; explicitly declare|CMakeLists.txt' "$buildlog" | tail -n 40 >&2
    rm -f "$buildlog"
    echo "fuzz.sh: building fuzz-$target failed" >&2
    exit 1
  fi
  rm -f "$buildlog"
fi
bin=$scratch/debug/fuzz-$target
[ -x "$bin" ] || { echo "fuzz.sh: $bin was not built" >&2; exit 1; }

# Seeds: the test fixtures and samples of each format (copied, so libFuzzer never writes into the repo).
seeds=$scratch/seeds/$target
rm -rf "$seeds"; mkdir -p "$seeds"
add() { for f in "$@"; do [ -f "$f" ] && cp "$f" "$seeds/$(echo "$f" | tr '/' '_')"; done; return 0; }
shopt -s nullglob globstar
case $target in
  csv)      add Tests/LeadIntakeTests/Fixtures/*.csv Tests/LeadPipelineTests/Fixtures/**/*.csv samples/leads/*.csv Tests/LeadIntakeTests/Fixtures/Real/*.{csv,txt} ;;
  chatbot)  add Tests/LeadIntakeTests/Fixtures/chat_*.json Tests/LeadIntakeTests/Fixtures/chat_*.ndjson samples/leads/*.json ;;
  forms)    add Tests/LeadIntakeTests/Fixtures/*.ndjson Tests/LeadPipelineTests/Fixtures/**/*.ndjson samples/leads/*.ndjson ;;
  research) add Tests/LeadHTMLTests/Fixtures/*.html Tests/LeadPipelineTests/Fixtures/sites/**/*.html samples/sites/**/*.html ;;
  robots)   add Fuzz/Seeds/robots/* ;;
  icp)      add rules/icp.yaml rules/examples/*.yaml ;;
esac
add Fuzz/Regressions/$target/*

corpus=$scratch/corpus/$target artifacts=$scratch/artifacts/$target
mkdir -p "$corpus" "$artifacts"
log=$scratch/fuzz-$target.log
echo "== fuzz $target for ${seconds}s ($(ls "$seeds" | wc -l) seeds, corpus $(ls "$corpus" | wc -l) inputs)"
set +e
SWIFT_BACKTRACE=enable=no LEADSMITH_RULES=$root/rules FUZZ_WARMUP_DIR=$seeds \
LSAN_OPTIONS=suppressions=$root/Fuzz/lsan.supp:print_suppressions=0 nice -n "$nice_level" "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "$seeds" >"$log" 2>&1
rc=$?
set -e
execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
echo "fuzz $target: ${seconds}s, $execs executions ($speed/s), corpus $(ls "$corpus" | wc -l), exit $rc"
if [ $rc -ne 0 ]; then
  grep -E 'ERROR: |SUMMARY: |Fatal error|artifact_prefix|Test unit written|==[0-9]+==' "$log" | head -n 20 >&2
  echo "fuzz $target FAILED (log: $log)" >&2
fi
exit $rc
