#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages given that are not installed yet (checked with dpkg-query;
# on a system without dpkg the C libraries are checked with pkg-config instead and nothing is
# installed). apt-get runs directly as root, through `sudo -n` otherwise; without either it prints
# the command to run and exits 1. Progress goes to stderr.
#
#   scripts/ensure-packages.sh pkg-config libxml2-dev libpsl-dev libidn2-dev publicsuffix
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: ensure-packages.sh PACKAGE..." >&2; exit 64; }

if ! command -v dpkg-query >/dev/null; then
    # Not Debian: the build only needs the two pkg-config modules Package.swift names.
    missing=()
    for m in libxml-2.0 libpsl; do pkg-config --exists "$m" 2>/dev/null || missing+=("$m"); done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "leadsmith: missing C libraries (pkg-config): ${missing[*]}; install libxml2, libpsl and libidn2 development packages" >&2
        exit 1
    fi
    exit 0
fi

missing=()
for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ]; then
    apt=(apt-get)
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    apt=(sudo -n apt-get)
else
    echo "leadsmith: these packages are missing and installing them needs root: ${missing[*]}" >&2
    echo "  run: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi
echo "leadsmith: installing ${missing[*]}…" >&2
export DEBIAN_FRONTEND=noninteractive
"${apt[@]}" update -qq >&2
"${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >&2
