#!/usr/bin/env bash
# TCP echo throughput/latency: the C epoll reference, nettool, Node and
# (when it works as an echo) socat, each under the same loads:
#   bulk x1, bulk x16        echoed MB/s (64 KiB writes, both directions at once)
#   pingpong x1, pingpong x64  64-byte round trips per second
# Each load gets an uncounted warm-up run first (same load, BENCH_WARMUP s),
# then the measured run (BENCH_SECONDS s).
#
# The generator runs one thread, except on bulk x16 where it runs two: with one,
# it was the bottleneck there (97% of its core against nettool while the
# machine stayed 17% idle); ping-pong keeps one, as a one-threaded server and
# a one-threaded generator split two cores evenly.
#
# Env: BENCH_SECONDS (5), BENCH_WARMUP (2), NETTOOL_ARGS (extra nettool
# flags), NETTOOL_READY_TIMEOUT (120), BENCH_PIN (off|split), LOADGEN_THREADS
# (generator threads for every load, instead of the choice above).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LOADS=("bulk 1" "bulk 16" "pingpong 1" "pingpong 64")
declare -A GEN_THREADS=([bulk 16]=2)
USER_LOADGEN_THREADS="${LOADGEN_THREADS:-}"
SERVERS=(c nettool node socat)
declare -A LABEL=([c]="C epoll" [nettool]="nettool" [node]="Node" [socat]="socat")
declare -A VAL=()

# measure SERVER: run every load against the server on SERVER_PORT
measure() {
    local server="$1" load mode n
    for load in "${LOADS[@]}"; do
        read -r mode n <<<"$load"
        export LOADGEN_THREADS="${USER_LOADGEN_THREADS:-${GEN_THREADS[$load]:-1}}"
        if (( BENCH_WARMUP > 0 )); then
            run_load "$mode" "$SERVER_PORT" "$n" "$BENCH_WARMUP" || true
        fi
        if run_load "$mode" "$SERVER_PORT" "$n" "$BENCH_SECONDS"; then
            VAL[$server,$load]="$R_VALUE"
        else
            VAL[$server,$load]="ERR"
            note "${LABEL[$server]} $mode x$n failed: ${LAST_RESULT:-no result}"
        fi
        printf '  %-8s %-12s %s\n' "${LABEL[$server]}" "$mode x$n" "${LAST_RESULT:-failed}" >&2
    done
}

# socat_works PORT: a short ping-pong and bulk run must echo correctly
socat_works() {
    local saved_drain="${LOADGEN_DRAIN_MS:-}"
    export LOADGEN_DRAIN_MS=3000
    local ok=0
    run_load pingpong "$1" 1 1 || ok=1
    (( ok == 0 )) && { run_load bulk "$1" 1 1 || ok=1; }
    if [[ -n "$saved_drain" ]]; then export LOADGEN_DRAIN_MS="$saved_drain"; else unset LOADGEN_DRAIN_MS; fi
    return "$ok"
}

echo "tcp echo benchmark: ${BENCH_SECONDS}s per measurement, ${BENCH_WARMUP}s warm-up, pin=${BENCH_PIN:-off}, generator threads ${USER_LOADGEN_THREADS:-1 (bulk x16: 2)}"
machine_line

for server in "${SERVERS[@]}"; do
    echo "== ${LABEL[$server]}" >&2
    case "$server" in
        c)
            start_server c 10 "$BIN/epoll_echo" tcp 0 || { note "C reference skipped: $START_FAIL"; continue; }
            ;;
        nettool)
            can_run_nettool || continue
            # shellcheck disable=SC2086  # NETTOOL_ARGS is split into flags on purpose
            if ! start_server nettool "$NETTOOL_READY_TIMEOUT" "$NETTOOL" tcp-echo --port 0 -q $NETTOOL_ARGS; then
                note "nettool skipped: $START_FAIL"
                continue
            fi
            echo "  nettool: $(grep -m1 '^listening' "$BENCH_TMP/nettool.log" || true)" >&2
            ;;
        node)
            command -v node >/dev/null || { note "Node skipped: node not installed"; continue; }
            start_server node 30 node "$BENCH_DIR/src/node-echo.js" tcp 0 || { note "Node skipped: $START_FAIL"; continue; }
            ;;
        socat)
            command -v socat >/dev/null || { note "socat skipped: not installed"; continue; }
            # -d -d makes socat log "listening on AF=2 127.0.0.1:PORT" (stderr)
            if ! start_server socat 10 sh -c 'exec socat -d -d -b65536 TCP-LISTEN:0,bind=127.0.0.1,reuseaddr,fork PIPE 2>&1'; then
                note "socat skipped: $START_FAIL"
                continue
            fi
            if ! socat_works "$SERVER_PORT"; then
                note "socat skipped: 'socat -b65536 TCP-LISTEN:...,fork PIPE' does not work as an echo here (it can block writing a full block into its own pipe under bulk load)"
                stop_server
                continue
            fi
            ;;
    esac
    measure "$server"
    stop_server
done

# ---------------------------------------------------------------- report
unit_of() { [[ $1 == bulk* ]] && echo "MB/s" || echo "rt/s"; }
echo
printf '%-13s %-5s' "load" "unit"
for s in "${SERVERS[@]}"; do printf ' %12s' "${LABEL[$s]}"; done
printf ' %12s %13s %8s\n' "nettool/C" "nettool/Node" "Node/C"
for load in "${LOADS[@]}"; do
    read -r mode n <<<"$load"
    printf '%-13s %-5s' "$mode x$n" "$(unit_of "$mode")"
    for s in "${SERVERS[@]}"; do printf ' %12s' "${VAL[$s,$load]:--}"; done
    printf ' %12s %13s %8s\n' \
        "$(ratio "${VAL[nettool,$load]:-}" "${VAL[c,$load]:-}")" \
        "$(ratio "${VAL[nettool,$load]:-}" "${VAL[node,$load]:-}")" \
        "$(ratio "${VAL[node,$load]:-}" "${VAL[c,$load]:-}")"
done
if [[ ${BENCH_PIN:-off} == off ]]; then
    echo "(pingpong x1 swings with CPU placement of client and server; BENCH_PIN=split makes it repeatable, see README)"
fi
if (( ${#NOTES[@]} > 0 )); then
    echo
    for n in "${NOTES[@]}"; do echo "note: $n"; done
fi
