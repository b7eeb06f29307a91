#!/usr/bin/env bash
# UDP echo rate: the C epoll reference, nettool and Node dgram, each under
# FLOWS UDP sockets with one 64-byte datagram in flight per socket.
# Reports echoed datagrams/s, lost datagrams (per-datagram timeout, default
# 200 ms: LOADGEN_UDP_TIMEOUT_MS) and the ratios.
# An uncounted warm-up run (BENCH_WARMUP s) precedes the measured run.
#
# Env: BENCH_SECONDS (5), BENCH_WARMUP (2), BENCH_FLOWS (64), NETTOOL_ARGS,
# NETTOOL_READY_TIMEOUT (120), BENCH_PIN (off|split), LOADGEN_THREADS.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FLOWS="${BENCH_FLOWS:-64}"
[[ $FLOWS =~ ^[0-9]+$ ]] && (( FLOWS >= 1 && FLOWS <= 10000 )) || { echo "BENCH_FLOWS must be 1..10000" >&2; exit 2; }
SERVERS=(c nettool node)
declare -A LABEL=([c]="C epoll" [nettool]="nettool" [node]="Node")
declare -A VAL=() LOST=()

echo "udp echo benchmark: $FLOWS flows, ${BENCH_SECONDS}s per measurement, ${BENCH_WARMUP}s warm-up, pin=${BENCH_PIN:-off}"
machine_line

for server in "${SERVERS[@]}"; do
    echo "== ${LABEL[$server]}" >&2
    case "$server" in
        c)
            start_server c 10 "$BIN/epoll_echo" udp 0 || { note "C reference skipped: $START_FAIL"; continue; }
            ;;
        nettool)
            can_run_nettool || continue
            # shellcheck disable=SC2086  # NETTOOL_ARGS is split into flags on purpose
            if ! start_server nettool "$NETTOOL_READY_TIMEOUT" "$NETTOOL" udp-echo --port 0 -q $NETTOOL_ARGS; then
                note "nettool skipped: $START_FAIL"
                continue
            fi
            echo "  nettool: $(grep -m1 '^listening' "$BENCH_TMP/nettool.log" || true)" >&2
            ;;
        node)
            command -v node >/dev/null || { note "Node skipped: node not installed"; continue; }
            start_server node 30 node "$BENCH_DIR/src/node-echo.js" udp 0 || { note "Node skipped: $START_FAIL"; continue; }
            ;;
    esac
    if (( BENCH_WARMUP > 0 )); then
        run_load udp "$SERVER_PORT" "$FLOWS" "$BENCH_WARMUP" || true
    fi
    if run_load udp "$SERVER_PORT" "$FLOWS" "$BENCH_SECONDS"; then
        VAL[$server]="$R_VALUE"
    else
        VAL[$server]="ERR"
        note "${LABEL[$server]} udp x$FLOWS failed: ${LAST_RESULT:-no result}"
    fi
    LOST[$server]="$R_LOST"
    printf '  %-8s %s\n' "${LABEL[$server]}" "${LAST_RESULT:-failed}" >&2
    stop_server
done

echo
printf '%-10s %14s %10s\n' "server" "dgram/s" "lost"
for s in "${SERVERS[@]}"; do
    printf '%-10s %14s %10s\n' "${LABEL[$s]}" "${VAL[$s]:--}" "${LOST[$s]:--}"
done
echo
printf 'nettool/C: %s   nettool/Node: %s   Node/C: %s\n' \
    "$(ratio "${VAL[nettool]:-}" "${VAL[c]:-}")" \
    "$(ratio "${VAL[nettool]:-}" "${VAL[node]:-}")" \
    "$(ratio "${VAL[node]:-}" "${VAL[c]:-}")"
if (( ${#NOTES[@]} > 0 )); then
    echo
    for n in "${NOTES[@]}"; do echo "note: $n"; done
fi
