#!/usr/bin/env bash
# Tandem social benchmark: fan-out of one post to many followers, and home-feed reads under load.
#   bench/social.sh [--jar infra/target/tandem.jar] [--url http://host:port] [--followers 10000]
#                   [--readers 16] [--authors 10] [--posts-per-author 80] [--connections 16] [--duration 30]
#                   [--warmup 10] [--out ./bench-results]
# Starts the jar (free port, fresh temp data dir, JAVA_OPTS default "-Xms1g -Xmx1g -XX:+UseG1GC", rate limits off)
# unless --url names a running server, then (bench/social_setup.py):
#   1. fan-out: one author and --followers followers with profiles, every follower following the author; the author
#      posts once and the time until that post is in the first and the last follower's feed is measured;
#   2. feed read: --authors authors post --posts-per-author posts each, followed by --readers readers, so every
#      reader's timeline holds authors x posts items (800 by default, the cap); then wrk runs
#      `feed(first: 20)` over POST /graphql on --connections connections, each a reader's token (bench/feed.lua).
# Prints a last line  BENCH_SOCIAL followers=.. fanout_s=.. feed_rps=.. feed_p50_ms=.. feed_p99_ms=.. non2xx=..
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
JAR=$repo/infra/target/tandem.jar; URL=""; FOLLOWERS=10000; READERS=16; AUTHORS=10; PPA=80; CONNECTIONS=16
DURATION=30; WARMUP=10; OUT_ROOT=$PWD/bench-results; JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}
while [ $# -gt 0 ]; do
    case "$1" in
        --jar) JAR=$2; shift;; --url) URL=${2%/}; shift;; --followers) FOLLOWERS=$2; shift;;
        --readers) READERS=$2; shift;; --authors) AUTHORS=$2; shift;; --posts-per-author) PPA=$2; shift;;
        --connections|-c) CONNECTIONS=$2; shift;; --duration|-d) DURATION=$2; shift;; --warmup) WARMUP=$2; shift;;
        --out) OUT_ROOT=$2; shift;; --java-opts) JAVA_OPTS=$2; shift;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0;;
        *) echo "unknown argument: $1" >&2; exit 2;;
    esac
    shift
done
command -v wrk >/dev/null || { echo "wrk missing: apt-get update && apt-get install -y wrk" >&2; exit 1; }
stamp=$(date +%Y%m%d-%H%M%S); out=$(realpath -m "$OUT_ROOT")/social-$stamp; mkdir -p "$out"
log() { echo "[social] $*" | tee -a "$out/progress.log" >&2; }
. "$here/server.sh"
start_server social --tandem.rate-limits.order-entry.enabled=false --tandem.rate-limits.social.enabled=false
python3 "$here/social_setup.py" "$URL" "$out/readers.txt" --followers "$FOLLOWERS" --readers "$READERS" \
    --authors "$AUTHORS" --posts-per-author "$PPA" --tag "$stamp" 2>&1 | tee "$out/setup.log" >&2
fanout=$(sed -n 's/^FANOUT .*seconds=\([^ ]*\).*/\1/p' "$out/setup.log")
if [ "$WARMUP" -gt 0 ]; then
    wrk -t1 -c"$CONNECTIONS" -d"$WARMUP"s --timeout 10s -s "$here/feed.lua" "$URL" -- "$out/readers.txt" >"$out/warmup.txt" 2>&1 || true
fi
wrk -t1 -c"$CONNECTIONS" -d"$DURATION"s --timeout 10s --latency -s "$here/feed.lua" "$URL" -- "$out/readers.txt" \
    >"$out/measured.txt" 2>&1 || true
grep -q '^RESULT ' "$out/measured.txt" || { log "wrk failed"; cat "$out/measured.txt" >&2; exit 1; }
r=$(grep '^RESULT ' "$out/measured.txt")
kv() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }
log "feed(first: 20), $CONNECTIONS connections, ${DURATION} s: $r"
echo "BENCH_SOCIAL followers=$FOLLOWERS fanout_s=$fanout timeline_items=$((AUTHORS * PPA)) connections=$CONNECTIONS" \
     "feed_rps=$(kv ok_rps "$r") feed_p50_ms=$(kv p50_ms "$r") feed_p99_ms=$(kv p99_ms "$r") non2xx=$(kv non2xx "$r")"
