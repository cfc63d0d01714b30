#!/usr/bin/env bash
# Tandem copy-mirror benchmark: one leader trade mirrored into N copies.
#   bench/copy-mirror.sh [--jar infra/target/tandem.jar] [--url http://host:port] [--copies 1000]
#                        [--workers 16] [--timeout 600] [--out ./bench-results]
# Starts the jar (free port, fresh temp data dir, JAVA_OPTS default "-Xms1g -Xmx1g -XX:+UseG1GC", rate limits off)
# unless --url names a running server, then (bench/copy_bench.py): a market maker with one deep ask, a leader and
# --copies copiers copying it PROPORTIONAL (set up --workers at a time); a warm-up leader trade whose mirrors are
# all skipped shows the copy-mirror process has caught up; then one leader market buy, and the time until every
# copy's mirror has traded (the trade tape) and until every COPY account holds its position with nothing reserved.
# Prints a last line  BENCH_COPY copies=.. placed_s=.. settled_s=.. mirrored_per_s=..
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
JAR=$repo/infra/target/tandem.jar; URL=""; COPIES=1000; WORKERS=16; TIMEOUT=600; OUT_ROOT=$PWD/bench-results
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}
while [ $# -gt 0 ]; do
    case "$1" in
        --jar) JAR=$2; shift;; --url) URL=${2%/}; shift;; --copies) COPIES=$2; shift;;
        --workers) WORKERS=$2; shift;; --timeout) TIMEOUT=$2; shift;; --out) OUT_ROOT=$2; shift;;
        --java-opts) JAVA_OPTS=$2; shift;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0;;
        *) echo "unknown argument: $1" >&2; exit 2;;
    esac
    shift
done
stamp=$(date +%Y%m%d-%H%M%S); out=$(realpath -m "$OUT_ROOT")/copy-mirror-$stamp; mkdir -p "$out"
log() { echo "[copy-mirror] $*" | tee -a "$out/progress.log" >&2; }
. "$here/server.sh"
start_server copy --tandem.rate-limits.order-entry.enabled=false --tandem.rate-limits.social.enabled=false \
    --tandem.rate-limits.copy.enabled=false
python3 "$here/copy_bench.py" "$URL" --copies "$COPIES" --workers "$WORKERS" --timeout "$TIMEOUT" --tag "$stamp" \
    2>&1 | tee "$out/bench.log" >&2
line=$(grep '^BENCH_COPY ' "$out/bench.log" || true)
[ -n "$line" ] || { log "no result (see $out/bench.log)"; exit 1; }
echo "$line"
