#!/usr/bin/env bash
# WebSocket echo messages per second, in one run, against:
#   the C reference bin/ws_echo (src/ws_echo.c: one thread, epoll, frames echoed cut-through)
#   nettool ws-server --mode echo
#   Node's ws package (scripts/bench/src/node-ws.js; ws installed here by npm when missing)
#   python3 websockets (scripts/bench/src/py-ws.py; Debian's python3-websockets)
# Loads, from the native generator bin/wsload (src/wsload.c; C, epoll, one
# thread, zero masking key, so the generator is not the bottleneck):
#   pingpong x64   64 connections, each a 32-byte text message, wait for its echo, repeat
#   stream x1      one connection sending 1 MB binary messages, 4 in flight, echoes checked
# Every server first gets BENCH_SERVER_WARMUP seconds of pingpong x64, then
# each load its BENCH_WARMUP run before the measured one.
#
# Env: BENCH_SECONDS (5), BENCH_WARMUP (2), BENCH_SERVER_WARMUP (10),
# NETTOOL_ARGS (extra ws-server flags), NETTOOL_READY_TIMEOUT (120).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_SERVER_WARMUP="${BENCH_SERVER_WARMUP:-10}"
[[ $BENCH_SERVER_WARMUP =~ ^[0-9]+$ ]] && (( BENCH_SERVER_WARMUP <= 3600 )) || { echo "BENCH_SERVER_WARMUP must be 0..3600 seconds" >&2; exit 2; }
# Debian's python3-websockets lives in the system python3, whatever python3 comes first on PATH.
PYTHON=/usr/bin/python3
[[ -x $PYTHON ]] || PYTHON=python3

LOADS=("pingpong 64" "stream 1")
SERVERS=(c nettool node python)
declare -A LABEL=([c]="C epoll" [nettool]="nettool" [node]="Node ws" [python]="python3")
declare -A VAL=()

# ws_rate MODE CONNS SECONDS: sets R_VALUE to echoed messages/s, or ERR.
ws_rate() {
    local mode="$1" conns="$2" secs="$3" out rc=0
    timeout --kill-after=5 $((secs + 30)) "${LOAD_PIN[@]}" "$BIN/wsload" "$mode" 127.0.0.1 "$SERVER_PORT" / \
        "$conns" "$secs" >"$BENCH_TMP/wsload.out" 2>"$BENCH_TMP/wsload.err" </dev/null &
    LOAD_PID=$!
    wait "$LOAD_PID" || rc=$?
    LOAD_PID=""
    out="$(cat "$BENCH_TMP/wsload.out")"
    LAST_RESULT="$(grep '^result ' <<<"$out" | tail -n 1 || true)"
    R_VALUE="$(sed -n 's/.* value=\([^ ]*\).*/\1/p' <<<"$LAST_RESULT" | awk '{printf "%.0f", $1}')"
    if (( rc != 0 )) || [[ -z $R_VALUE ]]; then
        echo "wsload $mode x$conns failed (exit $rc): ${LAST_RESULT:-$(head -c 300 "$BENCH_TMP/wsload.err")}" >&2
        R_VALUE="ERR"
        return 1
    fi
}

measure() {
    local server="$1" load mode n
    (( BENCH_SERVER_WARMUP > 0 )) && { ws_rate pingpong 64 "$BENCH_SERVER_WARMUP" || true; }
    for load in "${LOADS[@]}"; do
        read -r mode n <<<"$load"
        (( BENCH_WARMUP > 0 )) && { ws_rate "$mode" "$n" "$BENCH_WARMUP" || true; }
        if ws_rate "$mode" "$n" "$BENCH_SECONDS"; then
            VAL[$server,$load]="$R_VALUE"
        else
            VAL[$server,$load]="ERR"
            note "${LABEL[$server]} $mode x$n failed"
        fi
        printf '  %-8s %-12s %s msg/s\n' "${LABEL[$server]}" "$mode x$n" "${VAL[$server,$load]}" >&2
    done
}

# node_ws_ready: the ws package resolves from scripts/bench (installed there, gitignored, when missing).
node_ws_ready() {
    command -v node >/dev/null || { START_FAIL="node not installed"; return 1; }
    if ! (cd "$BENCH_DIR" && node -e "require.resolve('ws')" >/dev/null 2>&1); then
        command -v npm >/dev/null || { START_FAIL="the ws package is missing and npm is not installed"; return 1; }
        echo "installing the ws package into scripts/bench/node_modules" >&2
        (cd "$BENCH_DIR" && timeout 300 npm install --no-save --no-audit --no-fund --loglevel=error ws@8.18.3 >&2) \
            || { START_FAIL="npm install ws failed"; return 1; }
    fi
}

echo "ws benchmark: bin/wsload (native), ${BENCH_SECONDS}s per measurement, ${BENCH_SERVER_WARMUP}s server warm-up, ${BENCH_WARMUP}s warm-up per load, pin=${BENCH_PIN:-off}"
machine_line
echo "python3 websockets: $("$PYTHON" -c 'import websockets; print(websockets.__version__)' 2>/dev/null || echo 'not installed (apt-get install python3-websockets)')"

for server in "${SERVERS[@]}"; do
    echo "== ${LABEL[$server]}" >&2
    case "$server" in
        c)
            start_server c 10 "$BIN/ws_echo" 0 || { note "C reference skipped: $START_FAIL"; continue; }
            ;;
        nettool)
            can_run_nettool || continue
            # Messages of 1 MB in one frame: frame and message limits raised above the defaults (64 KB, 1 MB).
            # shellcheck disable=SC2086  # NETTOOL_ARGS is split into flags on purpose
            if ! start_server nettool "$NETTOOL_READY_TIMEOUT" "$NETTOOL" ws-server --mode echo --port 0 -q \
                --max-frame 4MB --max-message 4MB $NETTOOL_ARGS; then
                note "nettool skipped: $START_FAIL"
                continue
            fi
            ;;
        node)
            node_ws_ready || { note "Node ws skipped: $START_FAIL"; continue; }
            start_server node 30 node "$BENCH_DIR/src/node-ws.js" || { note "Node ws skipped: $START_FAIL"; continue; }
            ;;
        python)
            "$PYTHON" -c 'import websockets' 2>/dev/null \
                || { note "python3 skipped: websockets not installed (apt-get install python3-websockets)"; continue; }
            start_server python 30 "$PYTHON" "$BENCH_DIR/src/py-ws.py" || { note "python3 skipped: $START_FAIL"; continue; }
            ;;
    esac
    measure "$server"
    stop_server
done

# ---------------------------------------------------------------- report
echo
printf '%-12s' "load"
for s in "${SERVERS[@]}"; do printf ' %10s' "${LABEL[$s]}"; done
printf ' %10s %13s %15s %7s\n' "nettool/C" "nettool/Node" "nettool/python3" "C/Node"
for load in "${LOADS[@]}"; do
    printf '%-12s' "${load/ / x}"
    for s in "${SERVERS[@]}"; do printf ' %10s' "${VAL[$s,$load]:--}"; done
    printf ' %10s %13s %15s %7s\n' "$(ratio "${VAL[nettool,$load]:-}" "${VAL[c,$load]:-}")" \
        "$(ratio "${VAL[nettool,$load]:-}" "${VAL[node,$load]:-}")" \
        "$(ratio "${VAL[nettool,$load]:-}" "${VAL[python,$load]:-}")" \
        "$(ratio "${VAL[c,$load]:-}" "${VAL[node,$load]:-}")"
done
echo "(echoed messages/s; pingpong = 32-byte text messages; stream = 1 MB binary messages)"
if (( ${#NOTES[@]} > 0 )); then
    echo
    for n in "${NOTES[@]}"; do echo "note: $n"; done
fi
