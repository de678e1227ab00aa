#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the queue tests and prints the variables to eval:
#
#   eval "$(scripts/ci-postgres.sh)"      # sets LEADSMITH_TEST_POSTGRES_URL (and ..._DIR)
#   eval "$(scripts/ci-postgres.sh tls)"  # a second server, TLS only: LEADSMITH_TEST_POSTGRES_TLS_URL,
#                                         # ..._TLS_CA (the CA file) and ..._TLS_DIR
#   swift test --filter LeadQueueTests    # the PostgreSQL tests now run instead of skipping
#   scripts/ci-postgres.sh stop "$LEADSMITH_TEST_POSTGRES_DIR"   # (and the TLS dir)
#
# The TLS server has `ssl=on` with a certificate for localhost and 127.0.0.1 signed by a CA made
# here with openssl, and pg_hba.conf accepts only `hostssl` (an unencrypted connection is refused).
# It also listens on 127.0.0.2, a loopback address its certificate does not name, so
# `sslmode=verify-full` against the wrong name can be tested. Its URL is verify-full against the CA.
#
# Installs Debian's `postgresql` (and `openssl`) when missing. PostgreSQL refuses to run as root,
# so as root the server runs as the `postgres` system user (created if missing).
# Everything lives in a temp dir on a free loopback port; fsync is off (test data only).
# All progress goes to stderr; stdout carries only the export lines.
set -euo pipefail

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "${1:-}" = "stop" ]; then
    dir=${2:?usage: ci-postgres.sh stop DIR}
    bin=$(find_bin)
    [ -d "$dir/data" ] && as_pg "$bin/pg_ctl" -D "$dir/data" -m fast stop >&2
    rm -rf "$dir"
    exit 0
fi

mode=${1:-plain}
case "$mode" in plain|tls) ;; *) echo "usage: ci-postgres.sh [plain|tls] | stop DIR" >&2; exit 64 ;; esac

bin=$(find_bin)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ] || { [ "$mode" = tls ] && ! command -v openssl >/dev/null; }; then
    echo "ci-postgres: installing postgresql and openssl…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql openssl >&2
    bin=$(find_bin)
fi

if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
fi

dir=$(mktemp -d /tmp/leadsmith-pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
port=${LEADSMITH_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}

as_pg "$bin/initdb" -D "$dir/data" -U leadsmith --auth=trust -E UTF8 --locale=C >&2
listen=127.0.0.1
opts=""
if [ "$mode" = tls ]; then
    # A CA and a server certificate for localhost / 127.0.0.1 (not 127.0.0.2), valid for a day.
    tls="$dir/tls"
    mkdir -p "$tls"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=leadsmith test CA" \
        -keyout "$tls/ca.key" -out "$tls/ca.crt" -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$tls/server.key" -out "$tls/server.csr" 2>/dev/null
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > "$tls/ext.cnf"
    openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -days 2 \
        -extfile "$tls/ext.cnf" -out "$tls/server.crt" 2>/dev/null
    chmod 644 "$tls/ca.crt" "$tls/server.crt"
    chmod 600 "$tls/server.key" "$tls/ca.key"
    [ "$(id -u)" = 0 ] && chown -R postgres "$tls"
    # TLS only: no plain `host` line, so an unencrypted connection is refused by pg_hba.conf.
    printf 'local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostssl all all 127.0.0.2/32 trust\n' > "$dir/data/pg_hba.conf"
    [ "$(id -u)" = 0 ] && chown postgres "$dir/data/pg_hba.conf"
    listen="127.0.0.1,127.0.0.2"
    opts="-c ssl=on -c ssl_cert_file=$tls/server.crt -c ssl_key_file=$tls/server.key"
fi
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=$listen -c fsync=off -c synchronous_commit=off -c max_connections=100 $opts" start >&2
as_pg "$bin/createdb" -h "$dir" -p "$port" -U leadsmith leadsmith_test >&2

if [ "$mode" = tls ]; then
    echo "export LEADSMITH_TEST_POSTGRES_TLS_URL='postgres://leadsmith@localhost:$port/leadsmith_test?sslmode=verify-full&sslrootcert=$tls/ca.crt'"
    echo "export LEADSMITH_TEST_POSTGRES_TLS_CA=$tls/ca.crt"
    echo "export LEADSMITH_TEST_POSTGRES_TLS_DIR=$dir"
else
    echo "export LEADSMITH_TEST_POSTGRES_URL=postgres://leadsmith@127.0.0.1:$port/leadsmith_test"
    echo "export LEADSMITH_TEST_POSTGRES_DIR=$dir"
fi
