#!/usr/bin/env bash
# Tandem order-entry load benchmark: throughput, latency, errors and settlement lag of POST /api/v1/orders.
#   bench/order-entry.sh [--jar infra/target/tandem.jar] [--connections 16] [--duration 20] [--instruments 1]
#                        [--accounts 20] [--sellers 10] [--warmup 15] [--threads 1] [--settle-timeout 60]
#                        [--url http://host:port] [--floor] [--out ./bench-results] [--keep-data]
# Starts the jar (free port, fresh temp data dir, JAVA_OPTS, default "-Xms1g -Xmx1g -XX:+UseG1GC", order-entry rate
# limit off) unless --url names a running server (its rate limit should be off too), lists BENCH1..N and opens
# the accounts (bench/setup.py), warms up with wrk for --warmup s (0: none) and waits for it to settle, runs the
# measured wrk --latency for --duration s with bench/orders.lua, then measures how long the platform takes to
# settle (bench/settle.py: ledger balanced, trade tapes complete, reservations = open orders). --floor then also
# runs ../shared/perf/run-order-entry.sh (floor and target side by side, one instrument; its knobs come from the
# environment, e.g. ROUNDS, WARMUP_MIN) and adds its ratio. Prints a table and a last line
#   BENCH connections=.. instruments=.. ok_rps=.. p50_ms=.. p99_ms=.. non2xx=.. min_window_rps=.. settle_s=.. ...
# Results, raw wrk output and the server log: <out>/<stamp>/. Exit: 0 settled, 3 not settled in time, else failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }

JAR=$repo/infra/target/tandem.jar; CONNECTIONS=16; DURATION=20; INSTRUMENTS=1; ACCOUNTS=20; SELLERS=10
WARMUP=15; THREADS=1; SETTLE_TIMEOUT=60; URL=""; FLOOR=0; OUT_ROOT=$PWD/bench-results; KEEP_DATA=0
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-240}; JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}
while [ $# -gt 0 ]; do
    case "$1" in
        --jar) JAR=$2; shift;; --connections|-c) CONNECTIONS=$2; shift;; --duration|-d) DURATION=$2; shift;;
        --instruments) INSTRUMENTS=$2; shift;; --accounts) ACCOUNTS=$2; shift;; --sellers) SELLERS=$2; shift;;
        --warmup) WARMUP=$2; shift;; --threads|-t) THREADS=$2; shift;; --settle-timeout) SETTLE_TIMEOUT=$2; shift;;
        --url) URL=${2%/}; shift;; --floor) FLOOR=1;; --out) OUT_ROOT=$2; shift;; --keep-data) KEEP_DATA=1;;
        --java-opts) JAVA_OPTS=$2; shift;;
        -h|--help) usage 0;;
        *) echo "unknown argument: $1" >&2; usage;;
    esac
    shift
done
for v in CONNECTIONS DURATION INSTRUMENTS ACCOUNTS SELLERS WARMUP THREADS SETTLE_TIMEOUT; do
    [[ ${!v} =~ ^[0-9]+$ ]] || { echo "--${v,,} must be a whole number, got '${!v}'" >&2; exit 2; }
done
[ "$THREADS" -ge 1 ] && [ "$CONNECTIONS" -ge "$THREADS" ] || { echo "need 1 <= --threads <= --connections" >&2; exit 2; }
[ "$DURATION" -ge 1 ] && [ "$INSTRUMENTS" -ge 1 ] && [ "$ACCOUNTS" -ge 1 ] || { echo "duration, instruments, accounts >= 1" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk missing: apt-get update && apt-get install -y wrk" >&2; exit 1; }
command -v python3 >/dev/null && command -v curl >/dev/null || { echo "python3 and curl are needed" >&2; exit 1; }

stamp=$(date +%Y%m%d-%H%M%S)
OUT_ROOT=$(realpath -m "$OUT_ROOT"); out=$OUT_ROOT/$stamp; mkdir -p "$out"
log() { echo "[bench] $*" | tee -a "$out/progress.log" >&2; }
HZ=$(getconf CLK_TCK); PID=""; data=""

cleanup() {
    if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
        kill -TERM "$PID" 2>/dev/null || true
        for _ in $(seq 30); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
        kill -KILL "$PID" 2>/dev/null || true
    fi
    if [ -n "$data" ]; then
        rm -f "$data/tandem.jar"
        if [ "$KEEP_DATA" = 1 ]; then echo "[bench] data dir kept: $data" >&2; else rm -rf "$data"; fi
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

proc_ticks() {  # utime+stime (clock ticks) of a process and its descendants
    local t=0 c
    [ -r "/proc/$1/stat" ] && t=$(sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12+$13}')
    for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do t=$((t + $(proc_ticks "$c"))); done
    echo "$t"
}
alive() {
    [ -z "$PID" ] && return 0
    kill -0 "$PID" 2>/dev/null || { log "server exited; last log lines:"; tail -30 "$out/server.log" >&2; exit 1; }
}
kv() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }
jar_id() {  # jar_id PATH [COPY]: size, time and hash of COPY (what runs), git revision of PATH's checkout
    local f=${2:-$1}
    echo "$1 ($(stat -c %s "$f") bytes, $(date -r "$1" '+%F %T'), sha256 $(sha256sum "$f" | cut -c1-12)$(
    rev=$(git -C "$(dirname "$1")" rev-parse --short HEAD 2>/dev/null) && echo ", git $rev$(
    [ -n "$(git -C "$(dirname "$1")" status --porcelain 2>/dev/null | grep -v '^??' | head -1)" ] && echo " + local changes")"))"
}

# ---- server -----------------------------------------------------------------------------------------------------
if [ -z "$URL" ]; then
    JAR=$(realpath -m "$JAR")
    [ -f "$JAR" ] || { echo "no jar at $JAR (build: mvn -B -q -o -DskipTests package)" >&2; exit 1; }
    data=$(mktemp -d -t tandem-bench.XXXXXX)
    cp "$JAR" "$data/tandem.jar"   # a concurrent rebuild must not swap classes under the running server
    JAR_ID=$(jar_id "$JAR" "$data/tandem.jar")
    PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    URL=http://127.0.0.1:$PORT
    # shellcheck disable=SC2086
    java $JAVA_OPTS -jar "$data/tandem.jar" --server.port="$PORT" --tandem.data-dir="$data/data" \
        --tandem.rate-limits.order-entry.enabled=false >"$out/server.log" 2>&1 &
    PID=$!
    log "started $JAR_ID: pid $PID, $URL, data $data/data, JAVA_OPTS=$JAVA_OPTS"
    t0=$SECONDS
    until curl -sf "$URL/actuator/health" 2>/dev/null | grep -q '"UP"'; do
        alive
        [ $((SECONDS - t0)) -lt "$STARTUP_TIMEOUT" ] || { log "not healthy after ${STARTUP_TIMEOUT}s"; tail -30 "$out/server.log" >&2; exit 1; }
        sleep 1
    done
    log "healthy after $((SECONDS - t0)) s"
    SERVER="started by bench on $URL"
else
    curl -sf "$URL/actuator/health" | grep -q '"UP"' || { echo "$URL/actuator/health is not UP" >&2; exit 1; }
    JAR_ID="(running server, not started by bench)"; SERVER="$URL (already running)"
    [ "$FLOOR" = 1 ] && JAR=$(realpath -m "$JAR")
    log "using the running server at $URL"
fi

# ---- setup ------------------------------------------------------------------------------------------------------
accounts=$out/accounts.txt
log "setup: $INSTRUMENTS instrument(s), $ACCOUNTS buyers, $SELLERS sellers"
python3 "$here/setup.py" "$URL" "$accounts" --instruments "$INSTRUMENTS" --accounts "$ACCOUNTS" --sellers "$SELLERS" \
    --tag "$stamp" >"$out/setup.log" 2>&1 || { log "setup failed:"; cat "$out/setup.log" >&2; alive; exit 1; }
grep -v '^TRADEMAX' "$out/setup.log" | sed 's/^/  /' >&2

run_wrk() {  # run_wrk SECONDS TAG OUTFILE
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1"s --timeout 10s --latency -s "$here/orders.lua" "$URL" -- "$accounts" "$2" \
        >"$3" 2>&1 || true
    grep -q '^RESULT ' "$3" || { log "wrk failed:"; cat "$3" >&2; exit 1; }
}
settle() {  # settle OUTFILE SINCE -> rc; the TRADEMAX lines of setup and every wrk run give the expected tapes
    local rc=0
    python3 "$here/settle.py" "$URL" "$accounts" --since "$2" --timeout "$SETTLE_TIMEOUT" \
        --trades "$out/setup.log" "$out"/warmup.txt "$out"/measured.txt >"$1" 2>&1 || rc=$?
    grep -v '^settle: t+' "$1" | grep -v '^settled_after_s' | sed 's/^/  /' >&2 || true
    return $rc
}

# ---- warm-up ----------------------------------------------------------------------------------------------------
WARM_RPS=none; WARM_SETTLE=-
if [ "$WARMUP" -gt 0 ]; then
    log "warm-up: wrk -t$THREADS -c$CONNECTIONS -d${WARMUP}s"
    : >"$out/measured.txt"
    run_wrk "$WARMUP" "w$stamp" "$out/warmup.txt"; alive
    since=$(date +%s.%N)
    WARM_RPS=$(kv ok_rps "$(grep '^RESULT ' "$out/warmup.txt")")
    if settle "$out/warmup-settle.log" "$since"; then
        WARM_SETTLE=$(sed -n 's/^settled_after_s=\([^ ]*\).*/\1/p' "$out/warmup-settle.log")
    else
        WARM_SETTLE=timeout; log "warning: the warm-up did not settle within $SETTLE_TIMEOUT s; measuring anyway"
    fi
    log "warm-up: ok req/s $WARM_RPS, settled after $WARM_SETTLE s"
else
    : >"$out/warmup.txt"
fi

# ---- measured run -----------------------------------------------------------------------------------------------
log "measured: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency, $INSTRUMENTS instrument(s)"
[ -n "$PID" ] && c0=$(proc_ticks "$PID")
run_wrk "$DURATION" "m$stamp" "$out/measured.txt"; since=$(date +%s.%N); alive
line=$(grep '^RESULT ' "$out/measured.txt")
log "load stopped: $line"
log "settling (ledger balanced, trade tapes complete, reservations = open orders; at most $SETTLE_TIMEOUT s)"
SETTLE_RC=0; settle "$out/settle.log" "$since" || SETTLE_RC=$?
CPU=-
if [ -n "$PID" ]; then
    c1=$(proc_ticks "$PID")
    CPU=$(awk -v c=$((c1 - c0)) -v hz="$HZ" -v n="$(kv requests "$line")" 'BEGIN{printf "%.0f", (n>0 ? c*1e6/hz/n : 0)}')
fi

# ---- optional: the shared floor side by side ---------------------------------------------------------------------
extra=()
if [ "$FLOOR" = 1 ]; then
    harness=${FLOOR_HARNESS:-$repo/../shared/perf/run-order-entry.sh}
    if [ ! -f "$harness" ]; then
        log "--floor: no shared harness at $harness; skipped"; extra+=(floor_ratio=n/a)
    else
        [ -n "$PID" ] && { kill -TERM "$PID"; wait "$PID" 2>/dev/null || true; PID=""; }   # free the cores
        floor_jar=${FLOOR_JAR:-$OUT_ROOT/floor-build/target/floor.jar}
        if [ ! -f "$floor_jar" ]; then
            log "--floor: building the floor jar into $OUT_ROOT/floor-build"
            rm -rf "$OUT_ROOT/floor-build"; cp -r "$(dirname "$harness")/floor" "$OUT_ROOT/floor-build"; chmod -R u+w "$OUT_ROOT/floor-build"
            (cd "$OUT_ROOT/floor-build" && { mvn -q -B -o package -DskipTests || mvn -q -B package -DskipTests; }) \
                >"$out/floor-build.log" 2>&1 ||
                { log "--floor: floor build failed, see $out/floor-build.log"; }
        fi
        target_jar=$JAR; [ -n "$data" ] && target_jar=$data/tandem.jar   # the copy measured above
        log "--floor: $harness $target_jar $DURATION $CONNECTIONS (floor and target side by side)"
        if JAVA_OPTS="$JAVA_OPTS -Dtandem.rate-limits.order-entry.enabled=false" ACCOUNTS=$ACCOUNTS SELLERS=$SELLERS \
            THREADS=$THREADS PERF_OUT="$out/floor" FLOOR_JAR="$floor_jar" \
            bash "$harness" "$target_jar" "$DURATION" "$CONNECTIONS" >"$out/floor.log" 2>&1; then
            ratio=$(sed -n 's/^RATIO target\/floor.*= *//p' "$out/floor.log" | tail -1)
            grep -E '^(median|RATIO|WARNING)' "$out/floor.log" | sed 's/^/  /' >&2 || true
            extra+=(floor_ratio="${ratio:-n/a}")
        else
            log "--floor: the shared harness failed; see $out/floor.log"; tail -20 "$out/floor.log" >&2; extra+=(floor_ratio=failed)
        fi
    fi
fi

# ---- report -----------------------------------------------------------------------------------------------------
echo "[bench] results: $out/" >&2
if [ "$SETTLE_RC" -ne 0 ]; then
    log "FAIL: the platform did not settle within $SETTLE_TIMEOUT s after the load stopped (see $out/settle.log):"
    { grep '^settle:   ' "$out/settle.log" || tail -5 "$out/settle.log"; } | tee -a "$out/progress.log" >&2
fi
echo
python3 "$here/report.py" "$out/measured.txt" "$out/settle.log" "$out" stamp="$stamp" server="$SERVER" \
    jar_id="$JAR_ID" java_opts="$([ -n "$data" ] && echo "$JAVA_OPTS" || echo "n/a (running server)")" \
    connections="$CONNECTIONS" duration="$DURATION" instruments="$INSTRUMENTS" accounts="$ACCOUNTS" sellers="$SELLERS" \
    threads="$THREADS" warmup="$WARMUP" warm_ok_rps="$WARM_RPS" warm_settle_s="$WARM_SETTLE" cpu_us_per_req="$CPU" \
    ${extra[@]+"${extra[@]}"} | tee "$out/report.txt"
[ "$SETTLE_RC" -eq 0 ] || exit 3
