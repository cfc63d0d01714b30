#!/usr/bin/env bash
# Tandem read-model benchmark: the leaderboard and the portfolio query under load.
#   bench/read-models.sh [--jar infra/target/tandem.jar] [--url http://host:port] [--traders 10000] [--active 200]
#                        [--connections 16] [--duration 30] [--warmup 10] [--out ./bench-results]
# Starts the jar (free port, fresh temp data dir, JAVA_OPTS default "-Xms1g -Xmx1g -XX:+UseG1GC", rate limits off)
# unless --url names a running server; seeds --traders ranked traders (bench/read_models_setup.py), then runs wrk
# (bench/graphql.lua) with `leaderboard(period: D30, first: 20)` and then with one account's `portfolio` (two positions).
# Prints a last line  BENCH_READ traders=.. leaderboard_rps=.. leaderboard_p50_ms=.. leaderboard_p99_ms=..
#                     portfolio_rps=.. portfolio_p50_ms=.. portfolio_p99_ms=.. non2xx=..
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
JAR=$repo/infra/target/tandem.jar; URL=""; TRADERS=10000; ACTIVE=200; CONNECTIONS=16
DURATION=30; WARMUP=10; OUT_ROOT=$PWD/bench-results; JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}
while [ $# -gt 0 ]; do
    case "$1" in
        --jar) JAR=$2; shift;; --url) URL=${2%/}; shift;; --traders) TRADERS=$2; shift;; --active) ACTIVE=$2; shift;;
        --connections|-c) CONNECTIONS=$2; shift;; --duration|-d) DURATION=$2; shift;; --warmup) WARMUP=$2; shift;;
        --out) OUT_ROOT=$2; shift;; --java-opts) JAVA_OPTS=$2; shift;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0;;
        *) echo "unknown argument: $1" >&2; exit 2;;
    esac
    shift
done
command -v wrk >/dev/null || { echo "wrk missing: apt-get update && apt-get install -y wrk" >&2; exit 1; }
stamp=$(date +%Y%m%d-%H%M%S); out=$(realpath -m "$OUT_ROOT")/read-models-$stamp; mkdir -p "$out"
log() { echo "[read-models] $*" | tee -a "$out/progress.log" >&2; }
. "$here/server.sh"
start_server read-models --tandem.rate-limits.order-entry.enabled=false --tandem.rate-limits.social.enabled=false \
    --tandem.leaderboard.refresh-interval=2s
python3 "$here/read_models_setup.py" "$URL" "$out" --traders "$TRADERS" --active "$ACTIVE" --tag "$stamp" 2>&1 \
    | tee "$out/setup.log" >&2
run() { # name body-file tokens-file must-contain
    if [ "$WARMUP" -gt 0 ]; then
        wrk -t1 -c"$CONNECTIONS" -d"$WARMUP"s --timeout 10s -s "$here/graphql.lua" "$URL" -- "$3" "$2" "$4" \
            >"$out/$1-warmup.txt" 2>&1 || true
    fi
    wrk -t1 -c"$CONNECTIONS" -d"$DURATION"s --timeout 10s --latency -s "$here/graphql.lua" "$URL" -- "$3" "$2" "$4" \
        >"$out/$1.txt" 2>&1 || true
    grep -q '^RESULT ' "$out/$1.txt" || { log "wrk failed for $1"; cat "$out/$1.txt" >&2; exit 1; }
    grep '^RESULT ' "$out/$1.txt"
}
kv() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }
lb=$(run leaderboard "$out/leaderboard.json" "$out/tokens.txt" '"rank"')
log "leaderboard(period: D30, first: 20), $TRADERS ranked, $CONNECTIONS connections, ${DURATION} s: $lb"
pf=$(run portfolio "$out/portfolio.json" "$out/reader.txt" '"equity"')
log "portfolio, $CONNECTIONS connections, ${DURATION} s: $pf"
echo "BENCH_READ traders=$TRADERS connections=$CONNECTIONS leaderboard_rps=$(kv ok_rps "$lb")" \
     "leaderboard_p50_ms=$(kv p50_ms "$lb") leaderboard_p99_ms=$(kv p99_ms "$lb") portfolio_rps=$(kv ok_rps "$pf")" \
     "portfolio_p50_ms=$(kv p50_ms "$pf") portfolio_p99_ms=$(kv p99_ms "$pf") non2xx=$(( $(kv non2xx "$lb") + $(kv non2xx "$pf") ))"
