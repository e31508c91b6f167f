#!/usr/bin/env bash
# Installs the programs Vigil's tests drive for real, when they are missing: Debian's chromium and
# chromium-driver (dashboard browser test), PostgreSQL and Redis servers (probe and wait-for
# tests, which start their own instances in temporary folders), Prometheus Alertmanager (the
# webhook-format test compares its body with Vigil's), and docker-compose (checks the
# compose file without a Docker engine). Called by `mvn verify` before any
# test runs; safe to run again. Needs root (or sudo) only when something is missing.
set -uo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v prometheus-alertmanager >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
# Validates docker-compose.yml without an engine (scripts/check-compose.sh).
docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)

# moto's server (CloudWatch Logs and SNS tests) comes with these machines (pyenv); it is in no
# registry the build can reach, so it is only looked for.
if ! command -v moto_server >/dev/null 2>&1 && ! ls /root/.pyenv/versions/*/bin/moto_server >/dev/null 2>&1; then
  echo "test-tools: moto_server not found; the CloudWatch Logs and SNS tests will fail until moto[server] is installed" >&2
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "test-tools: installing ${missing[*]} (needed by the browser and probe tests)"
if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1; then
  run=(sudo)
else
  echo "test-tools: cannot install ${missing[*]} without root; the tests that need them will fail and say so." >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -qq && "${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || echo "test-tools: installing ${missing[*]} failed; the tests that need them will fail and say so." >&2
# Debian starts the packaged services on install; the tests run their own instances instead.
for service in redis-server postgresql prometheus-alertmanager; do
  "${run[@]}" service "$service" stop >/dev/null 2>&1 || true
done
exit 0
