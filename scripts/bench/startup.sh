#!/usr/bin/env bash
# Start-up cost of a one-shot client: connect to an echo server (the C
# reference), send "x", wait for "x" back, exit. Timed end to end (process
# start to exit) for:
#   nettool   scripts/nettool tcp-client 127.0.0.1:PORT --data x --expect x
#   nc        printf x | nc -N 127.0.0.1 PORT
#   node      a node -e one-liner doing the same with 'net'
# Uses hyperfine (installed from Debian when missing and possible); without
# it, a bash loop of STARTUP_RUNS runs timed with date +%s%N.
#
# Env: STARTUP_RUNS (20), STARTUP_WARMUP (3), NETTOOL_ARGS (extra flags for
# tcp-client), NETTOOL_READY_TIMEOUT (120: first nettool run may build the jar).
# STARTUP_NO_HYPERFINE=1 forces the bash loop.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS="${STARTUP_RUNS:-20}"
WARM="${STARTUP_WARMUP:-3}"
[[ $RUNS =~ ^[0-9]+$ ]] && (( RUNS >= 2 && RUNS <= 1000 )) || { echo "STARTUP_RUNS must be 2..1000" >&2; exit 2; }
[[ $WARM =~ ^[0-9]+$ ]] && (( WARM <= 100 )) || { echo "STARTUP_WARMUP must be 0..100" >&2; exit 2; }

echo "client start-up benchmark: connect, send x, expect x, exit (C epoll echo server)"
machine_line

start_server c 10 "$BIN/epoll_echo" tcp 0 || { echo "the C echo server did not start: $START_FAIL" >&2; exit 1; }
PORT="$SERVER_PORT"

NODE_JS="const s=require('net').connect($PORT,'127.0.0.1',()=>s.write('x'));let b='';"
NODE_JS+="s.on('data',d=>{b+=d;if(b==='x'){process.exitCode=0;s.destroy();}});"
NODE_JS+="s.on('error',e=>{console.error(e.message);process.exit(1);});"
NODE_JS+="process.exitCode=1;setTimeout(()=>process.exit(124),5000).unref();"

NAMES=()
CMDS=()
# add NAME CMD: keep the command when one checked run (bounded) echoes x
add() {
    local name="$1" cmd="$2" out rc=0
    out="$(timeout 30 sh -c "$cmd" </dev/null 2>"$BENCH_TMP/check.err")" || rc=$?
    if (( rc != 0 )); then
        note "$name skipped: check run failed (exit $rc): $(head -c 300 "$BENCH_TMP/check.err" | tr '\n' ' ')"
        return 0
    fi
    if [[ $name == nc && "$out" != "x" ]]; then
        note "nc skipped: it did not print the echoed x (got '$out')"
        return 0
    fi
    NAMES+=("$name")
    CMDS+=("$cmd")
}

if [[ -x "$NETTOOL" ]]; then
    # First use may build the jar: let that happen outside the measurement.
    timeout "$NETTOOL_READY_TIMEOUT" "$NETTOOL" --version >/dev/null 2>"$BENCH_TMP/nettool-version.err" || true
    add nettool "'$NETTOOL' tcp-client 127.0.0.1:$PORT --data x --expect x ${NETTOOL_ARGS}"
else
    note "nettool skipped: scripts/nettool is missing or not executable"
fi
nc_help="$(nc -h 2>&1 || true)"
if command -v nc >/dev/null && [[ $nc_help == *"-N"* ]]; then
    add nc "printf x | nc -N -w 5 127.0.0.1 $PORT"
else
    note "nc skipped: needs OpenBSD netcat (nc -N)"
fi
if command -v node >/dev/null; then
    add node "node -e \"$NODE_JS\""
else
    note "node skipped: not installed"
fi
(( ${#NAMES[@]} > 0 )) || { echo "nothing to measure" >&2; exit 1; }

USE_HF=1
[[ "${STARTUP_NO_HYPERFINE:-0}" == 1 ]] && USE_HF=0
if (( USE_HF )) && ! command -v hyperfine >/dev/null && [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "installing hyperfine from Debian..." >&2
    { apt-get install -y -q hyperfine || { apt-get update -q && apt-get install -y -q hyperfine; }; } >&2 || true
fi

declare -A MEDIAN=()   # seconds
if (( USE_HF )) && command -v hyperfine >/dev/null; then
    args=(--style basic --warmup "$WARM" --runs "$RUNS" --export-json "$BENCH_TMP/hf.json")
    for i in "${!NAMES[@]}"; do args+=(-n "${NAMES[$i]}" "${CMDS[$i]}"); done
    # hyperfine has no per-run timeout: bound the whole run instead
    timeout --kill-after=5 $(( (RUNS + WARM) * 3 * 30 )) hyperfine "${args[@]}" >&2
    while read -r name median; do
        MEDIAN[$name]="$median"
    done < <(node -e '
        const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results;
        for (const x of r) console.log(x.command, x.median);' "$BENCH_TMP/hf.json")
    METHOD="hyperfine (shell spawn time subtracted), $RUNS runs, $WARM warm-up"
else
    note "timing with a bash loop (hyperfine unavailable or STARTUP_NO_HYPERFINE=1); times include sh + timeout start-up, the same for every client"
    for i in "${!NAMES[@]}"; do
        times=()
        for ((r = 0; r < WARM + RUNS; r++)); do
            t0=$(date +%s%N)
            timeout 30 sh -c "${CMDS[$i]}" >/dev/null 2>&1 </dev/null || { note "${NAMES[$i]} run $r failed"; }
            t1=$(date +%s%N)
            (( r >= WARM )) && times+=($(( t1 - t0 )))
        done
        MEDIAN[${NAMES[$i]}]="$(printf '%s\n' "${times[@]}" | sort -n | awk '
            { v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.6f\n", m / 1e9 }')"
    done
    METHOD="bash loop, $RUNS runs, $WARM warm-up"
fi

echo
echo "method: $METHOD"
printf '%-10s %12s\n' "client" "median ms"
for n in "${NAMES[@]}"; do
    printf '%-10s %12s\n' "$n" "$(awk -v s="${MEDIAN[$n]:-}" 'BEGIN { if (s == "") print "-"; else printf "%.1f\n", s * 1000 }')"
done
echo
printf 'nettool/nc: %s   nettool/node: %s   node/nc: %s\n' \
    "$(ratio "${MEDIAN[nettool]:-}" "${MEDIAN[nc]:-}")" \
    "$(ratio "${MEDIAN[nettool]:-}" "${MEDIAN[node]:-}")" \
    "$(ratio "${MEDIAN[node]:-}" "${MEDIAN[nc]:-}")"
if (( ${#NOTES[@]} > 0 )); then
    echo
    for n in "${NOTES[@]}"; do echo "note: $n"; done
fi
