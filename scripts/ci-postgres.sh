#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the queue tests and prints the variables to eval:
#
#   eval "$(scripts/ci-postgres.sh)"      # sets LEADSMITH_TEST_POSTGRES_URL (and ..._DIR)
#   swift test --filter LeadQueueTests    # the PostgreSQL tests now run instead of skipping
#   scripts/ci-postgres.sh stop "$LEADSMITH_TEST_POSTGRES_DIR"
#
# Installs Debian's `postgresql` package when no server binaries are found. PostgreSQL refuses
# to run as root, so as root the server runs as the `postgres` system user (created if missing).
# Everything lives in a temp dir on a free loopback port; fsync is off (test data only).
# All progress goes to stderr; stdout carries only the export lines.
set -euo pipefail

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

if [ "${1:-}" = "stop" ]; then
    dir=${2:?usage: ci-postgres.sh stop DIR}
    bin=$(find_bin)
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast stop >&2; else "$bin/pg_ctl" -D "$dir/data" -m fast stop >&2; fi
    rm -rf "$dir"
    exit 0
fi

bin=$(find_bin)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "ci-postgres: installing postgresql…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    bin=$(find_bin)
fi

run=()
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
    run=(runuser -u postgres --)
fi

dir=$(mktemp -d /tmp/leadsmith-pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
port=${LEADSMITH_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}

"${run[@]}" "$bin/initdb" -D "$dir/data" -U leadsmith --auth=trust -E UTF8 --locale=C >&2
"${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=100" start >&2
"${run[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U leadsmith leadsmith_test >&2

echo "export LEADSMITH_TEST_POSTGRES_URL=postgres://leadsmith@127.0.0.1:$port/leadsmith_test"
echo "export LEADSMITH_TEST_POSTGRES_DIR=$dir"
