# Sourced by the bench scripts (social.sh, copy-mirror.sh): starts the jar on a free port with a fresh
# temporary data directory unless URL names a running server, waits until it is healthy, and stops it
# (TERM, then KILL after 30 s) and removes the data directory on exit.
#   start_server NAME [extra --property=value ...]   needs JAR, JAVA_OPTS, out, repo and log(); sets URL
PID=""; data=""
stop_server() {
    if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
        kill -TERM "$PID" 2>/dev/null || true
        for _ in $(seq 30); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
        kill -KILL "$PID" 2>/dev/null || true
    fi
    [ -n "$data" ] && rm -rf "$data"
}
trap stop_server EXIT
start_server() {
    local name=$1; shift
    [ -z "$URL" ] || return 0
    JAR=$(realpath -m "$JAR"); [ -f "$JAR" ] || { echo "no jar at $JAR (mvn -B -q -o -DskipTests package)" >&2; exit 1; }
    data=$(mktemp -d -t "tandem-$name.XXXXXX"); cp "$JAR" "$data/tandem.jar"
    PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    URL=http://127.0.0.1:$PORT
    # shellcheck disable=SC2086
    java $JAVA_OPTS -jar "$data/tandem.jar" --server.port="$PORT" --tandem.data-dir="$data/data" "$@" \
        >"$out/server.log" 2>&1 &
    PID=$!
    log "started $JAR (git $(git -C "$repo" rev-parse --short HEAD)) pid $PID on $URL"
    local t0=$SECONDS
    until curl -sf "$URL/actuator/health" 2>/dev/null | grep -q '"UP"'; do
        kill -0 "$PID" 2>/dev/null || { tail -30 "$out/server.log" >&2; exit 1; }
        [ $((SECONDS - t0)) -lt 240 ] || { log "not healthy after 240 s"; exit 1; }
        sleep 1
    done
}
