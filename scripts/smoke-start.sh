#!/usr/bin/env bash
# The README's quick start as a user runs it: `./vigil start` (building the jar if needed) on a
# temporary data directory and a free port, then waits until /ready answers and the demo's anomalies
# show in /api/v1/anomalies. Stops the engine either way; on failure prints the tail of its log.
# With --json-log it runs with --set log.format=json and checks that every line the engine wrote
# to stdout is one JSON object.
#   scripts/smoke-start.sh [--json-log] [--ready-seconds 600] [--anomaly-seconds 120]
set -euo pipefail

ready_seconds=600      # includes building the jar from nothing
anomaly_seconds=120
json_log=false
while [ $# -gt 0 ]; do
  case "$1" in
    --ready-seconds) ready_seconds="$2"; shift 2 ;;
    --anomaly-seconds) anomaly_seconds="$2"; shift 2 ;;
    --json-log) json_log=true; shift ;;
    *) echo "smoke-start: unknown argument $1" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
log="$work/vigil.log"       # stdout: the engine's log
errors="$work/vigil.err"    # stderr: the launcher's build messages, anything the JVM prints
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
pid=""

stop() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop EXIT

fail() {
  echo "smoke-start: FAILED: $*" >&2
  echo "smoke-start: last 80 lines of the engine's log:" >&2
  tail -n 80 "$log" >&2 || true
  echo "smoke-start: last 40 lines of its stderr:" >&2
  tail -n 40 "$errors" >&2 || true
  exit 1
}

args=(start --data-dir "$work/data" --set "http.port=$port")
$json_log && args+=(--set log.format=json)
echo "smoke-start: ./vigil ${args[*]}"
"$root/vigil" "${args[@]}" >"$log" 2>"$errors" &
pid=$!

deadline=$((SECONDS + ready_seconds))
until curl -fsS "$base/ready" >/dev/null 2>&1; do
  kill -0 "$pid" 2>/dev/null || fail "the engine exited before it was ready"
  [ $SECONDS -lt $deadline ] || fail "/ready did not answer 200 within ${ready_seconds}s"
  sleep 2
done
echo "smoke-start: ready after ${SECONDS}s"

started=$SECONDS
deadline=$((SECONDS + anomaly_seconds))
count=0
while :; do
  count="$(curl -fsS "$base/api/v1/anomalies?limit=1000" 2>/dev/null \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); d=d.get("anomalies", d) if isinstance(d, dict) else d; print(len(d))' 2>/dev/null || echo 0)"
  [ "$count" -gt 0 ] && break
  kill -0 "$pid" 2>/dev/null || fail "the engine exited while waiting for anomalies"
  [ $SECONDS -lt $deadline ] || fail "no demo anomaly in /api/v1/anomalies within ${anomaly_seconds}s of ready"
  sleep 3
done
echo "smoke-start: $count demo anomalies $((SECONDS - started))s after ready"
curl -fsS "$base/health" >/dev/null || fail "/health did not answer"
if $json_log; then
  python3 - "$log" <<'PY' || fail "the log is not one JSON object per line"
import json, sys
lines = [line for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
bad = []
for number, line in enumerate(lines, 1):
    try:
        if not isinstance(json.loads(line), dict):
            bad.append(number)
    except ValueError:
        bad.append(number)
if not lines or bad:
    print(f"smoke-start: {len(lines)} lines, not JSON objects: lines {bad[:10]}", file=sys.stderr)
    sys.exit(1)
print(f"smoke-start: {len(lines)} log lines, each one JSON object")
PY
fi
echo "smoke-start: passed"
