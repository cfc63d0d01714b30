#!/usr/bin/env bash
# Tandem read-model replay benchmark: events per second of the market-data and performance processing groups
# replaying a synthetic, consistent history (io.tandem.projection.bench.ReplayBench in projections' test sources).
#   bench/read-model-replay.sh [--events 1000000] [--groups market-data,performance] [--replay] [--java-opts "-Xmx3g"]
# Builds projections' test classes, then runs the bench on their class path. Prints one line per group:
#   BENCH_REPLAY group=.. events=.. from_start_s=.. events_per_s=.. [replay_s=.. replay_events_per_s=..]
# (from the start of the log to its head, as a rebuild; --replay resets the tokens and replays it once more)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
REPLAY=false; EVENTS=1000000; GROUPS_=market-data,performance; JAVA_OPTS=${JAVA_OPTS:--Xms2g -Xmx3g -XX:+UseG1GC}
while [ $# -gt 0 ]; do
    case "$1" in
        --events) EVENTS=$2; shift;; --replay) REPLAY=true;; --groups) GROUPS_=$2; shift;; --java-opts) JAVA_OPTS=$2; shift;;
        -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0;;
        *) echo "unknown argument: $1" >&2; exit 2;;
    esac
    shift
done
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
(cd "$repo" && mvn -B -q -pl projections -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$cp_file" >/dev/null)
# shellcheck disable=SC2086
java $JAVA_OPTS -cp "$repo/projections/target/test-classes:$repo/projections/target/classes:$repo/api-contracts/target/classes:$(cat "$cp_file")" \
    io.tandem.projection.bench.ReplayBench --events="$EVENTS" --groups="$GROUPS_" --replay="$REPLAY"
