#!/usr/bin/env bash
# Compile the benchmark's C programs into scripts/bench/bin/ (gitignored),
# only when a binary is missing or older than its source (or bench_server.h, or this script).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$BENCH_DIR/src"
BIN="$BENCH_DIR/bin"
CC="${CC:-gcc}"
CFLAGS=(-O2 -Wall -Wextra -std=gnu11)

mkdir -p "$BIN"

build_one() { # name extra-flags...
    local name="$1"; shift
    local src="$SRC/$name.c" out="$BIN/$name"
    if [[ ! -x "$out" || "$src" -nt "$out" || "$SRC/bench_server.h" -nt "$out" || "${BASH_SOURCE[0]}" -nt "$out" ]]; then
        echo "build: $CC ${CFLAGS[*]} -o bin/$name src/$name.c $*" >&2
        "$CC" "${CFLAGS[@]}" -o "$out.tmp" "$src" "$@"
        mv -f "$out.tmp" "$out"
    fi
}

build_one epoll_echo
build_one loadgen -pthread
build_one wsload
build_one ws_echo
