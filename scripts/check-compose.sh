#!/usr/bin/env bash
# Checks docker-compose.yml without a Docker engine: the file must validate (`docker compose config`,
# or the standalone docker-compose), and Kafka's log directory must be on a mounted volume, so
# `docker compose down` keeps every point, anomaly, subscription and alert.
set -euo pipefail
cd "$(dirname "$0")/.."

if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
else
  echo "check-compose: neither 'docker compose' nor 'docker-compose' is installed" >&2
  exit 1
fi

rendered="$("${compose[@]}" config)"
log_dir="$(printf '%s\n' "$rendered" | sed -n 's/^ *KAFKA_LOG_DIRS: *//p' | tr -d '"' | head -n1)"
[ -n "$log_dir" ] || { echo "check-compose: the kafka service sets no KAFKA_LOG_DIRS" >&2; exit 1; }
if ! printf '%s\n' "$rendered" | grep -Eq "^ *- *[A-Za-z0-9_.-]+:${log_dir}(:rw)?\$|^ *target: *${log_dir}\$"; then
  echo "check-compose: KAFKA_LOG_DIRS=${log_dir} is not a mounted volume of the kafka service" >&2
  exit 1
fi
echo "check-compose: docker-compose.yml is valid; Kafka's log (${log_dir}) is on a volume"
