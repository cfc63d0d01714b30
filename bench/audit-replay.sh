#!/usr/bin/env bash
# Tandem audit replay benchmark: how fast `audit rebuild` replays each read-model processing group, and all of
# them at once, over a synthetic consistent history in the embedded H2 event store, next to the raw rate at
# which the event store can be read (io.tandem.infra.audit.rebuild.AuditReplayBench in infra's test sources).
#   bench/audit-replay.sh [--events 1000000] [--groups portfolio,orders] [--java-opts "-Xmx3g"]
# Builds infra's test classes, starts the application on a temporary data directory with its processors
# stopped, appends the history, then prints:
#   BENCH_EVENT_READ events=.. seconds=.. events_per_s=..
#   BENCH_AUDIT_REPLAY group=.. events=.. handled=.. seconds=.. events_per_s=..   (one per group, then group=all)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
EVENTS=1000000; GROUPS_=; JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx3g -XX:+UseG1GC -Daxoniq.update-checker.disabled=true}
while [ $# -gt 0 ]; do
    case "$1" in
        --events) EVENTS=$2; shift;; --groups) GROUPS_=$2; shift;; --java-opts) JAVA_OPTS=$2; shift;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0;;
        *) echo "unknown argument: $1" >&2; exit 2;;
    esac
    shift
done
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
(cd "$repo" && mvn -B -q -o -pl infra -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$cp_file" -DskipTests >/dev/null)
cp="$repo/infra/target/test-classes:$repo/infra/target/classes"
for module in api-contracts command-side sagas projections query-side; do
    cp="$cp:$repo/$module/target/classes"
done
args=(--events="$EVENTS")
[ -n "$GROUPS_" ] && args+=(--groups="$GROUPS_")
# shellcheck disable=SC2086
java $JAVA_OPTS -cp "$cp:$(cat "$cp_file")" io.tandem.infra.audit.rebuild.AuditReplayBench "${args[@]}"
