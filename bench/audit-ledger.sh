#!/usr/bin/env bash
# Tandem ledger-verification benchmark: events per second of `audit verify ledger`'s fold (JSON deserialization
# plus the fold) over a synthetic, consistent history (io.tandem.infra.audit.ledger.LedgerBench in infra's test sources).
#   bench/audit-ledger.sh [--trades 40000] [--java-opts "-Xmx2g"]
# About 6 events per trade (40,000 trades: ~262,000 events). Prints:
#   BENCH_LEDGER events=.. seconds=.. events_per_s=.. fold_only_events_per_s=.. ok=true
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
TRADES=40000; JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx2g -XX:+UseG1GC}
while [ $# -gt 0 ]; do
    case "$1" in
        --trades) TRADES=$2; shift;; --java-opts) JAVA_OPTS=$2; shift;;
        -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0;;
        *) echo "unknown argument: $1" >&2; exit 2;;
    esac
    shift
done
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
(cd "$repo" && mvn -B -q -pl infra -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$cp_file" >/dev/null)
classes="$repo/infra/target/test-classes:$repo/infra/target/classes"
for module in api-contracts command-side sagas projections query-side; do classes="$classes:$repo/$module/target/classes"; done
# shellcheck disable=SC2086
java $JAVA_OPTS -cp "$classes:$(cat "$cp_file")" io.tandem.infra.audit.ledger.LedgerBench --trades="$TRADES"
