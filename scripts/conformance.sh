#!/usr/bin/env bash
# scripts/conformance.sh [DIR]: run the third-party conformance suites (DIR, default ../shared/conformance:
# Google's robots.txt tests, the Public Suffix List's tests, isemail, libphonenumber's example numbers)
# through leadsmith's public API (Tests/ConformanceTests) and print `conformance SUITE: passed/total`.
# Fails when a suite is below its floor: robots >= 141/145 (only Google-specific cases may differ),
# psl 78/78, phone >= 295/297, isemail: every case decided as the documented e-mail rule says.
# Set LEADSMITH_CONFORMANCE_VERBOSE=1 to list every case the e-mail rule rejects on purpose.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$(cd "${1:-../shared/conformance}" && pwd)"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
LEADSMITH_CONFORMANCE="$dir" swift test --filter ConformanceTests >"$log" 2>&1 || status=$?
grep -E '^conformance |^  [a-z]+ differs' "$log" | cut -c1-220 || true
suites=$(grep -cE '^conformance (robots|psl|isemail|phone):' "$log" || true)
if [ "$status" -ne 0 ] || [ "$suites" -ne 4 ]; then
  grep -E '✘|error:' "$log" | cut -c1-400 | head -n 40
  echo "conformance: FAILED ($suites of 4 suites reported, swift test exit $status)"
  exit 1
fi
echo "conformance: 4 suites at their floors"
