# Shared helpers for the benchmark scripts (sourced, not run).
# Starts servers in their own process group, waits for their ready line on
# stdout (with a deadline), runs the load generator with a hard time bound,
# and on exit stops only the processes this script started, by pid.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
BIN="$BENCH_DIR/bin"
NETTOOL="$REPO_ROOT/scripts/nettool"

BENCH_SECONDS="${BENCH_SECONDS:-5}"
BENCH_WARMUP="${BENCH_WARMUP:-2}"
BENCH_ROUNDS="${BENCH_ROUNDS:-3}"
NETTOOL_ARGS="${NETTOOL_ARGS:-}"
NETTOOL_READY_TIMEOUT="${NETTOOL_READY_TIMEOUT:-120}"

STARTED_PIDS=()   # servers (each the leader of its own process group)
HELPER_PIDS=()    # stdout drainers
LOAD_PID=""       # the load run in progress
NOTES=()
SERVER_PID=""
SERVER_PORT=""
START_FAIL=""

for _v in BENCH_SECONDS BENCH_WARMUP NETTOOL_READY_TIMEOUT; do
    if ! [[ ${!_v} =~ ^[0-9]+$ ]] || (( ${!_v} > 3600 )); then
        echo "$_v must be a whole number of seconds (0..3600), got '${!_v}'" >&2
        exit 2
    fi
done
(( BENCH_SECONDS >= 1 )) || { echo "BENCH_SECONDS must be at least 1" >&2; exit 2; }
[[ $BENCH_ROUNDS =~ ^[0-9]+$ ]] && (( BENCH_ROUNDS >= 1 && BENCH_ROUNDS <= 20 )) \
    || { echo "BENCH_ROUNDS must be 1..20, got '$BENCH_ROUNDS'" >&2; exit 2; }

BENCH_TMP="$(mktemp -d "${TMPDIR:-/tmp}/nettool-bench.XXXXXX")"

note() { NOTES+=("$*"); echo "note: $*" >&2; }

# stop_pid PID: TERM its process group (when it leads one) or itself, wait up
# to 5 s, then KILL. Only ever called with pids this script started.
stop_pid() {
    local pid="$1" pgid
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    pgid="$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ' || true)"
    if [[ "$pgid" == "$pid" ]]; then
        kill -TERM -- "-$pid" 2>/dev/null || true
    else
        kill -TERM "$pid" 2>/dev/null || true
    fi
    timeout 5 tail --pid="$pid" -f /dev/null 2>/dev/null || true
    if kill -0 "$pid" 2>/dev/null; then
        if [[ "$pgid" == "$pid" ]]; then kill -KILL -- "-$pid" 2>/dev/null || true
        else kill -KILL "$pid" 2>/dev/null || true; fi
    fi
    wait "$pid" 2>/dev/null || true
}

bench_cleanup() {
    local pid
    if [[ -n "${LOAD_PID:-}" ]]; then   # a load run in progress (timeout, which ends its loadgen)
        kill -TERM "$LOAD_PID" 2>/dev/null || true
        wait "$LOAD_PID" 2>/dev/null || true
    fi
    for pid in "${STARTED_PIDS[@]}"; do stop_pid "$pid"; done
    for pid in "${HELPER_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    STARTED_PIDS=()
    HELPER_PIDS=()
    rm -rf "$BENCH_TMP"
}
trap bench_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start_server NAME TIMEOUT_S CMD...
# Runs CMD in a new session/process group with stdout on a FIFO, reads its
# stdout until a line "listening <proto> HOST:PORT ..." shows up (lines
# before it are kept in the log), or until TIMEOUT_S pass, or the server
# exits. On success sets SERVER_PID and SERVER_PORT and returns 0.
start_server() {
    local name="$1" timeout_s="$2"; shift 2
    local fifo="$BENCH_TMP/$name.fifo" log="$BENCH_TMP/$name.log"
    local pid fd line port="" left deadline
    SERVER_PID="" SERVER_PORT=""
    rm -f "$fifo"
    mkfifo "$fifo"
    setsid "${SERVER_PIN[@]}" "$@" >"$fifo" 2>>"$log" </dev/null &
    pid=$!
    STARTED_PIDS+=("$pid")
    exec {fd}<"$fifo"
    rm -f "$fifo"
    local rs=142
    deadline=$((SECONDS + timeout_s))
    while :; do
        left=$((deadline - SECONDS))
        (( left > 0 )) || { rs=142; break; }
        rs=0
        IFS= read -r -t "$left" -u "$fd" line || rs=$?
        (( rs == 0 )) || break   # >128: timeout, else EOF (stdout closed)
        printf '%s\n' "$line" >>"$log"
        if [[ $line =~ listening\ [^:]*:([0-9]+) ]]; then
            port="${BASH_REMATCH[1]}"
            break
        fi
    done
    if [[ -z "$port" ]]; then
        exec {fd}<&-
        if (( rs > 128 )); then START_FAIL="no ready line within ${timeout_s}s"
        else START_FAIL="it closed its stdout (exited?) without printing a ready line"; fi
        stop_pid "$pid"
        echo "--- last lines from $name:" >&2
        tail -n 15 "$log" >&2 || true
        return 1
    fi
    # keep reading its stdout so the server can never block on a full pipe
    cat <&"$fd" >>"$log" &
    HELPER_PIDS+=("$!")
    exec {fd}<&-
    SERVER_PID="$pid"
    SERVER_PORT="$port"
    return 0
}

stop_server() {
    [[ -n "$SERVER_PID" ]] && stop_pid "$SERVER_PID"
    SERVER_PID="" SERVER_PORT=""
}

# wrk_rps URL CONNECTIONS SECONDS ERRORS [HEADER]: wrk with WRK_THREADS threads; sets R_VALUE to
# requests/s, or ERR when wrk fails or its output matches the grep pattern ERRORS.
wrk_rps() {
    local url="$1" conns="$2" secs="$3" errors="$4" header="${5:-}" out rc=0 args=()
    [[ -n $header ]] && args=(-H "$header")
    timeout --kill-after=5 $((secs + 30)) "${LOAD_PIN[@]}" wrk -t"$WRK_THREADS" -c"$conns" -d"${secs}s" \
        "${args[@]}" "$url" >"$BENCH_TMP/wrk.out" 2>&1 </dev/null &
    LOAD_PID=$!
    wait "$LOAD_PID" || rc=$?
    LOAD_PID=""
    out="$(cat "$BENCH_TMP/wrk.out")"
    R_VALUE="$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")"
    LAST_RESULT="$(tr '\n' ' ' <<<"$out" | sed 's/  */ /g')"
    if (( rc != 0 )) || [[ -z $R_VALUE ]] || grep -q "$errors" <<<"$out"; then
        echo "wrk failed or saw errors: $LAST_RESULT" >&2
        R_VALUE="ERR"
        return 1
    fi
}

# start_nginx HTTP_BLOCK_FN: nginx on a free port (nginx cannot take port 0:
# try a few), with its own prefix, config, temp dirs and logs in the bench
# temp dir, in the foreground. HTTP_BLOCK_FN PORT prints what goes inside
# "http { }" besides the temp paths. Sets SERVER_PID and SERVER_PORT.
start_nginx() {
    local block_fn="$1" try port conf="$BENCH_TMP/nginx.conf" log="$BENCH_TMP/nginx.log" pid
    for try in 1 2 3 4 5; do
        port=$(( 20000 + RANDOM % 40000 ))
        {
            echo "worker_processes $(nproc);"
            echo "pid $BENCH_TMP/nginx.pid;"
            echo "error_log $BENCH_TMP/nginx-error.log warn;"
            echo "events { worker_connections 4096; }"
            echo "http {"
            echo "    client_body_temp_path $BENCH_TMP/nginx-body;"
            echo "    proxy_temp_path $BENCH_TMP/nginx-proxy;"
            echo "    fastcgi_temp_path $BENCH_TMP/nginx-fcgi;"
            echo "    uwsgi_temp_path $BENCH_TMP/nginx-uwsgi;"
            echo "    scgi_temp_path $BENCH_TMP/nginx-scgi;"
            "$block_fn" "$port"
            echo "}"
        } >"$conf"
        setsid nginx -p "$BENCH_TMP" -c "$conf" -g 'daemon off;' >"$log" 2>&1 </dev/null &
        pid=$!
        STARTED_PIDS+=("$pid")
        if "$NETTOOL" wait-for "127.0.0.1:$port" --timeout 10s >/dev/null 2>&1 && kill -0 "$pid" 2>/dev/null; then
            SERVER_PID="$pid" SERVER_PORT="$port"
            return 0
        fi
        stop_pid "$pid"
    done
    START_FAIL="nginx did not start: $(tail -n 2 "$log" "$BENCH_TMP/nginx-error.log" 2>/dev/null | tr '\n' ' ')"
    return 1
}

# Optional CPU pinning (BENCH_PIN=split: servers on CPU 0, loadgen on the
# others). Off by default; see README.
SERVER_PIN=()
LOAD_PIN=()
case "${BENCH_PIN:-off}" in
    off) ;;
    split)
        if (( $(nproc) >= 2 )) && command -v taskset >/dev/null; then
            SERVER_PIN=(taskset -c 0)
            LOAD_PIN=(taskset -c "1-$(( $(nproc) - 1 ))")
        else
            echo "BENCH_PIN=split needs taskset and 2+ CPUs; running unpinned" >&2
        fi ;;
    *) echo "BENCH_PIN must be off or split" >&2; exit 2 ;;
esac

# run_load MODE PORT N SECONDS
# Runs the load generator (hard-bounded by timeout) and sets R_VALUE, R_LOST,
# R_ERRORS and LAST_RESULT (its result line). R_VALUE=ERR when the run
# failed or reported errors.
R_VALUE="" R_LOST="" R_ERRORS="" LAST_RESULT=""
run_load() {
    local mode="$1" port="$2" n="$3" secs="$4" out rc=0
    # in the background + wait, so a TERM/INT to this script acts at once
    timeout --kill-after=5 $((secs + 40)) "${LOAD_PIN[@]}" "$BIN/loadgen" "$mode" 127.0.0.1 "$port" "$n" "$secs" \
        >"$BENCH_TMP/loadgen.out" 2>"$BENCH_TMP/loadgen.err" </dev/null &
    LOAD_PID=$!
    wait "$LOAD_PID" || rc=$?
    LOAD_PID=""
    out="$(cat "$BENCH_TMP/loadgen.out")"
    LAST_RESULT="$(grep '^result ' <<<"$out" | tail -n 1 || true)"
    R_VALUE="$(sed -n 's/.* value=\([^ ]*\).*/\1/p' <<<"$LAST_RESULT")"
    R_LOST="$(sed -n 's/.* lost=\([^ ]*\).*/\1/p' <<<"$LAST_RESULT")"
    R_ERRORS="$(sed -n 's/.* errors=\([^ ]*\).*/\1/p' <<<"$LAST_RESULT")"
    : "${R_LOST:=-}" "${R_ERRORS:=-}"
    if [[ $rc -ne 0 || -z "$R_VALUE" ]]; then
        echo "loadgen $mode x$n failed (exit $rc)${LAST_RESULT:+: $LAST_RESULT}" >&2
        head -n 3 "$BENCH_TMP/loadgen.err" >&2 || true
        R_VALUE="ERR"
        return 1
    fi
    return 0
}

# ratio A B -> A/B with two decimals, or "-" when either is missing/zero
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b + 0 == 0) { print "-"; exit }
        printf "%.2f\n", a / b }'
}

# Rounds (http.sh, https.sh): all servers run at once and every load is measured on every server in
# turn, BENCH_ROUNDS times, into VAL[SERVER,LOAD,ROUND]. A table cell is the median over the rounds and
# a ratio the median of the rounds' ratios, so a machine that drifts over the run moves both sides alike.
# The script sets LOADS ("KIND CONNECTIONS" each), LABEL, PORT (of each server up), UP (the servers up, in
# order) and VAL, and defines takes SERVER KIND (whether that server takes that kind of load) and
# load_once SERVER KIND CONNECTIONS SECONDS (one run; sets R_VALUE, or ERR and returns 1).

# run_rounds: the BENCH_ROUNDS rounds, each starting one server later than the one before.
run_rounds() {
    local round load i server
    for ((round = 1; round <= BENCH_ROUNDS; round++)); do
        echo "== round $round" >&2
        for load in "${LOADS[@]}"; do
            for ((i = 0; i < ${#UP[@]}; i++)); do
                server="${UP[(i + round - 1) % ${#UP[@]}]}"
                if takes "$server" "${load%% *}"; then
                    measure "$round" "$server" "$load"
                fi
            done
        done
    done
}

# measure ROUND SERVER LOAD: a BENCH_WARMUP run, then one measured run into VAL[SERVER,LOAD,ROUND] (or ERR).
measure() {
    local round="$1" server="$2" load="$3" kind n
    read -r kind n <<<"$load"
    if (( BENCH_WARMUP > 0 )); then
        load_once "$server" "$kind" "$n" "$BENCH_WARMUP" || true
    fi
    if load_once "$server" "$kind" "$n" "$BENCH_SECONDS"; then
        VAL[$server,$load,$round]="$R_VALUE"
    else
        VAL[$server,$load,$round]="ERR"
        note "${LABEL[$server]} $kind x$n failed in round $round"
    fi
    printf '  round %d %-8s %-14s %s req/s\n' "$round" "${LABEL[$server]}" "$kind x$n" \
        "${VAL[$server,$load,$round]}" >&2
}

# cell SERVER LOAD: the median req/s over the rounds; "-" when the server is not up or does not take it.
cell() {
    if [[ -n ${PORT[$1]:-} ]] && takes "$1" "${2%% *}"; then median_value "$1" "$2"; else echo "-"; fi
}

# median NUMBER...: the middle one (the mean of the two middle ones for an even count); "-" for none
# or when any is not a number (a failed run).
median() {
    local v
    for v in "$@"; do [[ $v =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "-"; return; }; done
    (( $# > 0 )) || { echo "-"; return; }
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $0 } END {
        printf "%.4f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# median_value SERVER LOAD: the median of VAL[SERVER,LOAD,1..BENCH_ROUNDS] as whole req/s; ERR when a
# round failed or is missing.
median_value() {
    local r vals=()
    for ((r = 1; r <= BENCH_ROUNDS; r++)); do vals+=("${VAL[$1,$2,$r]:-ERR}"); done
    median "${vals[@]}" | awk '{ print ($0 == "-" ? "ERR" : sprintf("%.0f", $0)) }'
}

# round_ratios A B LOAD: A/B in each round, two decimals each.
round_ratios() {
    local r out=()
    for ((r = 1; r <= BENCH_ROUNDS; r++)); do out+=("$(ratio "${VAL[$1,$3,$r]:-}" "${VAL[$2,$3,$r]:-}")"); done
    echo "${out[*]}"
}

# median_ratio A B LOAD: the median of the rounds' A/B, two decimals; "-" when a round lacks either.
median_ratio() {
    local m
    # shellcheck disable=SC2046  # one word per round on purpose
    m="$(median $(round_ratios "$1" "$2" "$3"))"
    [[ $m == - ]] && echo "-" || awk -v m="$m" 'BEGIN { printf "%.2f\n", m }'
}

# round_table WIDTH: the medians of every server on every load and the ratios of nettool, Netty and the
# floor, with loads in a column WIDTH wide.
round_table() {
    local width="$1" load s
    printf "%-${width}s" "load"
    for s in "${SERVERS[@]}"; do printf ' %10s' "${LABEL[$s]}"; done
    printf ' %13s %14s %14s %12s %12s\n' "nettool/Node" "nettool/nginx" "nettool/Netty" "Netty/nginx" "floor/nginx"
    for load in "${LOADS[@]}"; do
        printf "%-${width}s" "${load/ / x}"
        for s in "${SERVERS[@]}"; do printf ' %10s' "$(cell "$s" "$load")"; done
        printf ' %13s %14s %14s %12s %12s\n' "$(median_ratio nettool node "$load")" \
            "$(median_ratio nettool nginx "$load")" "$(median_ratio nettool netty "$load")" \
            "$(median_ratio netty nginx "$load")" "$(median_ratio floor nginx "$load")"
    done
}

# round_spread WIDTH: nettool/nginx and nettool/Node in each round, one load a line.
round_spread() {
    local width="$1" load
    echo "by round (1 to $BENCH_ROUNDS):"
    for load in "${LOADS[@]}"; do
        printf "  %-${width}s nettool/nginx %s   nettool/Node %s\n" "${load/ / x}" \
            "$(round_ratios nettool nginx "$load")" "$(round_ratios nettool node "$load")"
    done
}

# can_run_nettool: scripts/nettool exists and is executable
can_run_nettool() {
    if [[ ! -x "$NETTOOL" ]]; then
        note "nettool skipped: scripts/nettool is missing or not executable"
        return 1
    fi
}

# netty_hello_cmd: sets NETTY_HELLO to the command that runs src/NettyHello.java, the least a Netty HTTP
# server can be (the reference for what Netty itself allows), on the Netty in nettool's jar; returns 1
# when the jar is not built. Netty's leak detector is off, as nettool's Main turns it off: left on, it
# samples buffers with a stack trace each and cost the reference 2.5% of its time over TLS. It runs on
# the Parallel collector, as scripts/nettool runs nettool's servers.
netty_hello_cmd() {
    local jar="$REPO_ROOT/cli/target/nettool.jar" java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
    [[ -f $jar ]] || { START_FAIL="cli/target/nettool.jar is not built"; return 1; }
    NETTY_HELLO=("$java" -XX:+UseParallelGC -Dio.netty.leakDetection.level=disabled -cp "$jar"
                 -Djava.library.path="$REPO_ROOT/cli/target/native/META-INF/native"
                 "$BENCH_DIR/src/NettyHello.java")
}

machine_line() {
    echo "machine: $(nproc) CPUs, $(uname -sr), $(node --version 2>/dev/null || echo 'no node')"
}

"$BENCH_DIR/build.sh"
