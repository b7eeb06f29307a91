#!/usr/bin/env bash
# HTTPS requests per second, in one run, against:
#   nettool https-server --route 'GET /hello 200 Hello World'
#   Node's https hello world (scripts/bench/src/node-https.js)
#   nginx with 'return 200 "Hello World"' over TLS (and HTTP/2)
#   the least Netty HTTPS server (src/NettyHello.java, HTTP/1.1 and h2 by ALPN,
#   on the same TLS engine as nettool): what Netty itself allows here
#   the Netty floor (NettyHello.java https-floor): the same TLS with no HTTP work on HTTP/1.1 (no codec,
#   one prepared answer per blank line read), and h2 answered by one handler on the frame codec, with no
#   channel and pipeline per stream (the least server takes Netty's multiplexer, a new channel per stream;
#   nettool keeps a stream's channel for the connection's next stream);
#   no handshake load, as it reads no Connection header and never closes
# All five serve the same certificate (ECDSA P-256, made by nettool cert) and
# negotiate what their client offers (TLS 1.3).
# Loads, with wrk: keep-alive x64 (one handshake per connection), and
# handshake x64 ('Connection: close' on every request, so every request makes
# a new connection and a full TLS handshake). With h2load (when installed):
# HTTP/2 x64 connections x10 streams, all but Node.
# All servers run at once. Each, when it starts, gets BENCH_SERVER_WARMUP seconds of keep-alive load, as
# much handshake load (and as much h2 load, where it speaks h2). Then come BENCH_ROUNDS rounds: in each,
# every load is measured on every server in turn (a BENCH_WARMUP run, then the measured one), starting
# with the next server each round. The table gives each cell's median over the rounds, and each ratio
# is the median of its rounds' ratios: the two servers of a ratio were measured within a minute of each
# other, so a machine that slows down or speeds up over the run moves both alike. Measured one server
# after the other over four minutes, nettool/nginx on keep-alive moved between 0.80 and 1.01 from run
# to run; alternating the two within one minute gave 0.91-1.00.
#
# Env: BENCH_SECONDS (5), BENCH_WARMUP (2), BENCH_SERVER_WARMUP (10), BENCH_ROUNDS (3),
# NETTOOL_ARGS (extra https-server flags), NETTOOL_READY_TIMEOUT (120),
# WRK_THREADS (2), H2LOAD_THREADS (2).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WRK_THREADS="${WRK_THREADS:-2}"
H2LOAD_THREADS="${H2LOAD_THREADS:-2}"
BENCH_SERVER_WARMUP="${BENCH_SERVER_WARMUP:-10}"
[[ $BENCH_SERVER_WARMUP =~ ^[0-9]+$ ]] && (( BENCH_SERVER_WARMUP <= 3600 )) || { echo "BENCH_SERVER_WARMUP must be 0..3600 seconds" >&2; exit 2; }
[[ $WRK_THREADS =~ ^[0-9]+$ ]] && (( WRK_THREADS >= 1 && WRK_THREADS <= 64 )) || { echo "WRK_THREADS must be 1..64" >&2; exit 2; }
[[ $H2LOAD_THREADS =~ ^[0-9]+$ ]] && (( H2LOAD_THREADS >= 1 && H2LOAD_THREADS <= 64 )) || { echo "H2LOAD_THREADS must be 1..64" >&2; exit 2; }
command -v wrk >/dev/null || { echo "https.sh needs wrk (apt-get install wrk)" >&2; exit 2; }
HAVE_H2LOAD=1
command -v h2load >/dev/null || HAVE_H2LOAD=0

LOADS=("keep-alive 64" "handshake 64" "h2 64")
SERVERS=(nettool netty floor node nginx)
declare -A LABEL=([nettool]="nettool" [netty]="Netty" [floor]="floor" [node]="Node" [nginx]="nginx")
declare -A VAL=()

CERTS="$BENCH_TMP/certs"
can_run_nettool || exit 1
"$NETTOOL" cert --out "$CERTS" -q >/dev/null 2>"$BENCH_TMP/cert.err" \
    || { echo "nettool cert failed: $(cat "$BENCH_TMP/cert.err")" >&2; exit 1; }
# nginx's workers drop root for an unprivileged user, who reads nothing here; its master reads the key.
chmod 711 "$BENCH_TMP"

# https_rps PORT CONNECTIONS SECONDS [HEADER]: sets R_VALUE to requests/s, or ERR. With
# Connection: close, wrk counts the server's closes as read errors; only others fail the run.
https_rps() {
    wrk_rps "https://127.0.0.1:$1/hello" "$2" "$3" 'Non-2xx\|connect [1-9]\|timeout [1-9]\|write [1-9]' "${4:-}"
}

# h2load_rps PORT CONNECTIONS SECONDS: 10 concurrent streams per connection; sets R_VALUE, or ERR.
h2load_rps() {
    local port="$1" conns="$2" secs="$3" out rc=0
    timeout --kill-after=5 $((secs + 30)) "${LOAD_PIN[@]}" h2load -t"$H2LOAD_THREADS" -c"$conns" -m10 -D"$secs" \
        "https://127.0.0.1:$port/hello" >"$BENCH_TMP/h2load.out" 2>&1 </dev/null &
    LOAD_PID=$!
    wait "$LOAD_PID" || rc=$?
    LOAD_PID=""
    out="$(cat "$BENCH_TMP/h2load.out")"
    R_VALUE="$(awk '/^finished in/ {gsub(",", "", $4); printf "%.0f", $4}' <<<"$out")"
    LAST_RESULT="$(grep -E '^(finished|requests:|status codes:)' <<<"$out" | tr '\n' ' ')"
    if (( rc != 0 )) || [[ -z $R_VALUE ]] || ! grep -q '^Application protocol: h2' <<<"$out" \
        || ! grep -qE '^requests: .* 0 failed, 0 errored' <<<"$out"; then
        echo "h2load failed, saw errors or did not speak h2: $LAST_RESULT" >&2
        R_VALUE="ERR"
        return 1
    fi
}

# run KIND CONNECTIONS SECONDS
run() {
    case "$1" in
        keep-alive) https_rps "$SERVER_PORT" "$2" "$3" ;;
        handshake) https_rps "$SERVER_PORT" "$2" "$3" "Connection: close" ;;
        h2) h2load_rps "$SERVER_PORT" "$2" "$3" ;;
    esac
}

# warm_up SERVER: keep-alive, then new connections (but the floor, which never closes), then h2 where spoken.
warm_up() {
    local server="$1"
    (( BENCH_SERVER_WARMUP > 0 )) || return 0
    run keep-alive 64 "$BENCH_SERVER_WARMUP" || true
    # Accepting, handshaking and closing a connection per request runs other code than keep-alive
    # requests: every server gets the same warm-up on it (nettool measured 2,022 req/s over its first
    # 10 s of this load and 3,326 over the next 12).
    if [[ $server != floor ]]; then
        run handshake 64 "$BENCH_SERVER_WARMUP" || true
    fi
    # HTTP/2 runs other code than HTTP/1.1: a JIT-compiled server needs its own warm-up for it.
    if (( HAVE_H2LOAD )) && [[ $server != node ]]; then
        run h2 64 "$BENCH_SERVER_WARMUP" || true
    fi
}

# takes SERVER KIND: whether the server takes that load (Node no h2, the floor no handshakes).
takes() {
    case "$2" in
        h2) [[ $1 != node ]] && (( HAVE_H2LOAD )) ;;
        handshake) [[ $1 != floor ]] ;;
        *) true ;;
    esac
}

# load_once SERVER KIND CONNECTIONS SECONDS
load_once() {
    SERVER_PORT="${PORT[$1]}"
    run "$2" "$3" "$4"
}

# nginx_https PORT: TLS with HTTP/1.1 and h2 by ALPN, the same certificate as the others.
nginx_https() {
    cat <<CONF
    access_log off;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$1 ssl http2;
        ssl_certificate $CERTS/server.pem;
        ssl_certificate_key $CERTS/server-key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
        location = /hello { default_type text/plain; return 200 "Hello World"; }
    }
CONF
}

echo "https benchmark: wrk -t$WRK_THREADS, h2load -t$H2LOAD_THREADS -m10, ${BENCH_SECONDS}s per measurement, ${BENCH_SERVER_WARMUP}s server warm-up, ${BENCH_WARMUP}s warm-up per load, pin=${BENCH_PIN:-off}"
machine_line
echo "nginx: $(nginx -v 2>&1 || echo 'not installed'); wrk: $(wrk --version 2>&1 | head -n 1 || true); h2load: $( (( HAVE_H2LOAD )) && h2load --version 2>&1 | head -n 1 || echo 'not installed (apt-get install nghttp2-client)')"
echo "nettool $("$NETTOOL" --version 2>/dev/null | grep '^tls engine' || true)"
(( HAVE_H2LOAD )) || note "h2 loads skipped: h2load is not installed (apt-get install nghttp2-client)"

declare -A PORT=()
UP=()
for server in "${SERVERS[@]}"; do
    echo "== ${LABEL[$server]}: start and warm up" >&2
    case "$server" in
        nettool)
            # shellcheck disable=SC2086  # NETTOOL_ARGS is split into flags on purpose
            if ! start_server nettool "$NETTOOL_READY_TIMEOUT" "$NETTOOL" https-server --port 0 -q \
                --cert "$CERTS/server.pem" --key "$CERTS/server-key.pem" \
                --route 'GET /hello 200 Hello World' $NETTOOL_ARGS; then
                note "nettool skipped: $START_FAIL"
                continue
            fi
            ;;
        netty)
            if ! netty_hello_cmd \
                || ! start_server netty 60 "${NETTY_HELLO[@]}" https "$CERTS/server.pem" "$CERTS/server-key.pem"; then
                note "Netty reference skipped: $START_FAIL"
                continue
            fi
            ;;
        floor)
            if ! netty_hello_cmd \
                || ! start_server floor 60 "${NETTY_HELLO[@]}" https-floor "$CERTS/server.pem" "$CERTS/server-key.pem"; then
                note "Netty floor skipped: $START_FAIL"
                continue
            fi
            ;;
        node)
            command -v node >/dev/null || { note "Node skipped: node not installed"; continue; }
            start_server node 30 node "$BENCH_DIR/src/node-https.js" "$CERTS/server.pem" "$CERTS/server-key.pem" \
                || { note "Node skipped: $START_FAIL"; continue; }
            ;;
        nginx)
            command -v nginx >/dev/null || { note "nginx skipped: not installed (apt-get install nginx-light)"; continue; }
            start_nginx nginx_https || { note "nginx skipped: $START_FAIL"; continue; }
            ;;
    esac
    PORT[$server]="$SERVER_PORT"
    UP+=("$server")
    warm_up "$server"
done

run_rounds

# ---------------------------------------------------------------- report
echo
round_table 14
echo "(req/s, the median of $BENCH_ROUNDS rounds; each ratio is the median of its rounds' ratios; handshake = a new"
echo " connection and full TLS handshake per request; h2 = HTTP/2, 10 streams per connection; Netty = the least"
echo " Netty HTTPS server, src/NettyHello.java; floor = Netty with no HTTP work and h2 without a channel per"
echo " stream, NettyHello.java https-floor)"
echo
round_spread 14
if (( ${#NOTES[@]} > 0 )); then
    echo
    for n in "${NOTES[@]}"; do echo "note: $n"; done
fi
