#!/usr/bin/env bash
# Tandem event-chain benchmark (io.tandem.infra.audit.chain.ChainBench in infra's test sources): writes a synthetic
# store of --events events (real serialized payloads, --aggregates interleaved account streams) into Axon's event
# table on an H2 file, chains all of it from nothing, then verifies it.
#   bench/audit-chain.sh [--events 1000000] [--aggregates 20000] [--java-opts "-Xmx2g"] [--tandem.audit.chain.batch-size=N ...]
# Prints: BENCH_CHAIN events=.. chain_events_per_s=.. verify_events_per_s=.. read_events_per_s=..
# (read_events_per_s: a plain ordered scan of the event table, the floor under both).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
EVENTS=1000000; AGGREGATES=20000; EXTRA=(); JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx2g -XX:+UseG1GC}
while [ $# -gt 0 ]; do
    case "$1" in
        --events) EVENTS=$2; shift;; --aggregates) AGGREGATES=$2; shift;; --java-opts) JAVA_OPTS=$2; shift;;
        --tandem.*) EXTRA+=("$1");;
        -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0;;
        *) echo "unknown argument: $1" >&2; exit 2;;
    esac
    shift
done
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
(cd "$repo" && mvn -B -q ${MVN_OFFLINE:+-o} -pl infra -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$cp_file" >/dev/null)
# shellcheck disable=SC2086
java $JAVA_OPTS -cp "$repo/infra/target/test-classes:$repo/infra/target/classes:$(cat "$cp_file")" \
    io.tandem.infra.audit.chain.ChainBench --events="$EVENTS" --aggregates="$AGGREGATES" ${EXTRA[@]+"${EXTRA[@]}"}
