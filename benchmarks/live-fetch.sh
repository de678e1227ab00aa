#!/bin/sh
# Live-fetch benchmark (not a unit test): 500 loopback sites, 50 ms added latency per answer,
# 32 requests in flight. The bound is concurrency / latency = 32 / 0.05 s = 640 pages/s; each site
# is 5 sequential requests (robots.txt, home, about, contact, team).
#
#   benchmarks/live-fetch.sh            # release build, fetcher alone and full research
#   CONFIG=debug benchmarks/live-fetch.sh
set -eu
cd "$(dirname "$0")/.."
CONFIG="${CONFIG:-release}"
swift build -c "$CONFIG" --product leadsmith >/dev/null
BIN=".build/$CONFIG/leadsmith"
echo "fetcher only:";  "$BIN" bench live --sites 500 --latency-ms 50 --concurrency 32 --fetch-only
echo "full research:"; "$BIN" bench live --sites 500 --latency-ms 50 --concurrency 32
