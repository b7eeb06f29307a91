#!/usr/bin/env bash
# HTTP requests per second with wrk, in one run, against:
#   nettool http-server --route 'GET /hello 200 Hello World' (and --dir for the file)
#   Node's http hello world (scripts/bench/src/node-http.js)
#   nginx with 'return 200 "Hello World"' (and its static file serving)
#   the least Netty HTTP server (src/NettyHello.java; hello only): what Netty itself allows here
#   the Netty floor (NettyHello.java http-floor; hello only): Netty's transport with no HTTP work at all,
#     no codec, one prepared answer per blank line read; no HTTP server on Netty can pass it
# Loads: hello and a 1 MiB static file, each x64 and x256 connections.
# All servers run at once. Each, when it starts, gets BENCH_SERVER_WARMUP
# seconds of hello x64 (a JIT-compiled server, the JVM or V8, is slow for its
# first seconds). Then come BENCH_ROUNDS rounds: in each, every load is
# measured on every server in turn (a BENCH_WARMUP run, then the measured
# one), starting with the next server each round. The table gives each cell's
# median over the rounds, and each ratio is the median of its rounds' ratios
# (see lib.sh).
# Then nettool's own load mode (http-client --duration) against nettool's
# hello route, right after wrk's figure for the same server and connections.
#
# Env: BENCH_SECONDS (5), BENCH_WARMUP (2), BENCH_SERVER_WARMUP (10), BENCH_ROUNDS (3),
# NETTOOL_ARGS (extra http-server flags), NETTOOL_READY_TIMEOUT (120),
# WRK_THREADS (2).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WRK_THREADS="${WRK_THREADS:-2}"
BENCH_SERVER_WARMUP="${BENCH_SERVER_WARMUP:-10}"
[[ $BENCH_SERVER_WARMUP =~ ^[0-9]+$ ]] && (( BENCH_SERVER_WARMUP <= 3600 )) || { echo "BENCH_SERVER_WARMUP must be 0..3600 seconds" >&2; exit 2; }
[[ $WRK_THREADS =~ ^[0-9]+$ ]] && (( WRK_THREADS >= 1 && WRK_THREADS <= 64 )) || { echo "WRK_THREADS must be 1..64" >&2; exit 2; }
command -v wrk >/dev/null || { echo "http.sh needs wrk (apt-get install wrk)" >&2; exit 2; }

LOADS=("hello 64" "hello 256" "file 64" "file 256")
SERVERS=(nettool netty floor node nginx)
declare -A LABEL=([nettool]="nettool" [netty]="Netty" [floor]="floor" [node]="Node" [nginx]="nginx")
declare -A VAL=()
declare -A PATH_OF=([nettool,hello]="/hello" [nettool,file]="/file.bin" [node,hello]="/hello" [node,file]="/file"
                    [nginx,hello]="/hello" [nginx,file]="/file.bin" [netty,hello]="/hello" [floor,hello]="/hello")

DOCROOT="$BENCH_TMP/docroot"
mkdir -p "$DOCROOT"
head -c $((1 << 20)) /dev/urandom >"$DOCROOT/file.bin"
# nginx's workers drop root for an unprivileged user, who must be able to reach the file.
chmod 711 "$BENCH_TMP"
chmod 755 "$DOCROOT"
chmod 644 "$DOCROOT/file.bin"

# http_rps PORT PATH CONNECTIONS SECONDS: sets R_VALUE to requests/s, or ERR.
http_rps() {
    wrk_rps "http://127.0.0.1:$1$2" "$3" "$4" 'Non-2xx\|Socket errors'
}

# takes SERVER KIND: whether the server serves that load (the Netty servers serve no file).
takes() {
    [[ -n ${PATH_OF[$1,$2]:-} ]]
}

# load_once SERVER KIND CONNECTIONS SECONDS
load_once() {
    http_rps "${PORT[$1]}" "${PATH_OF[$1,$2]}" "$3" "$4"
}

# nginx_http PORT: the plain server block (hello and the static file with sendfile).
nginx_http() {
    cat <<CONF
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$1;
        root $DOCROOT;
        location = /hello { default_type text/plain; return 200 "Hello World"; }
    }
CONF
}

echo "http benchmark: wrk -t$WRK_THREADS, ${BENCH_SECONDS}s per measurement, ${BENCH_SERVER_WARMUP}s server warm-up, ${BENCH_WARMUP}s warm-up per load, pin=${BENCH_PIN:-off}"
machine_line
echo "nginx: $(nginx -v 2>&1 || echo 'not installed'); wrk: $(wrk --version 2>&1 | head -n 1 || true)"

CLIENT_VAL="" WRK_SAME=""
declare -A PORT=()
UP=()
for server in "${SERVERS[@]}"; do
    echo "== ${LABEL[$server]}: start and warm up" >&2
    case "$server" in
        nettool)
            can_run_nettool || continue
            # shellcheck disable=SC2086  # NETTOOL_ARGS is split into flags on purpose
            if ! start_server nettool "$NETTOOL_READY_TIMEOUT" "$NETTOOL" http-server --port 0 -q \
                --route 'GET /hello 200 Hello World' --dir "$DOCROOT" $NETTOOL_ARGS; then
                note "nettool skipped: $START_FAIL"
                continue
            fi
            ;;
        netty)
            if ! netty_hello_cmd || ! start_server netty 60 "${NETTY_HELLO[@]}" http; then
                note "Netty reference skipped: $START_FAIL"
                continue
            fi
            ;;
        floor)
            if ! netty_hello_cmd || ! start_server floor 60 "${NETTY_HELLO[@]}" http-floor; then
                note "Netty floor skipped: $START_FAIL"
                continue
            fi
            ;;
        node)
            command -v node >/dev/null || { note "Node skipped: node not installed"; continue; }
            start_server node 30 node "$BENCH_DIR/src/node-http.js" "$DOCROOT/file.bin" || { note "Node skipped: $START_FAIL"; continue; }
            ;;
        nginx)
            command -v nginx >/dev/null || { note "nginx skipped: not installed (apt-get install nginx-light)"; continue; }
            start_nginx nginx_http || { note "nginx skipped: $START_FAIL"; continue; }
            ;;
    esac
    PORT[$server]="$SERVER_PORT"
    UP+=("$server")
    if (( BENCH_SERVER_WARMUP > 0 )); then
        http_rps "$SERVER_PORT" "${PATH_OF[$server,hello]}" 64 "$BENCH_SERVER_WARMUP" || true
    fi
done

run_rounds

if [[ -n ${PORT[nettool]:-} ]]; then
    # nettool's own load mode against the same route, right after wrk on the same connections. The client
    # gets the warm-up wrk's measurement had (BENCH_WARMUP of the same load), left out of its figures.
    echo "== nettool: http-client load mode, after wrk" >&2
    (( BENCH_WARMUP > 0 )) && { http_rps "${PORT[nettool]}" /hello 64 "$BENCH_WARMUP" || true; }
    if http_rps "${PORT[nettool]}" /hello 64 "$BENCH_SECONDS"; then WRK_SAME="$R_VALUE"; fi
    out="$(timeout $((BENCH_WARMUP + BENCH_SECONDS + 60)) "$NETTOOL" http-client --duration "${BENCH_SECONDS}s" \
        --warm-up "${BENCH_WARMUP}s" --concurrency 64 \
        --json-output "http://127.0.0.1:${PORT[nettool]}/hello" 2>&1 || true)"
    CLIENT_VAL="$(sed -n 's/.*"requestsPerSecond" *: *\([0-9.]*\).*/\1/p' <<<"$out" | head -n 1 | awk '{printf "%.0f", $1}')"
    [[ -n $CLIENT_VAL ]] || note "http-client load mode gave no figure: $(head -c 300 <<<"$out")"
fi

# ---------------------------------------------------------------- report
echo
round_table 11
echo "(req/s, the median of $BENCH_ROUNDS rounds; each ratio is the median of its rounds' ratios; file = 1 MiB"
echo " static file; Netty = the least Netty HTTP server, src/NettyHello.java, hello only; floor = Netty with no"
echo " HTTP work, NettyHello.java http-floor, hello only)"
echo
round_spread 11
echo
echo "http-client load mode x64 on nettool /hello: ${CLIENT_VAL:--} req/s; wrk just before it: ${WRK_SAME:--} req/s; ratio $(ratio "$CLIENT_VAL" "$WRK_SAME")"
if (( ${#NOTES[@]} > 0 )); then
    echo
    for n in "${NOTES[@]}"; do echo "note: $n"; done
fi
