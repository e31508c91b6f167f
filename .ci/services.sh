#!/usr/bin/env bash
# Installs the servers that the source and probe tests start themselves (PostgreSQL, Redis) when
# they are missing. Idempotent; needs root (CI and developer machines run as root) and Debian's
# package lists. Tests start and stop their own server processes on free loopback ports.
set -euo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The packages start system-wide services; the tests run their own, so stop those if running.
if command -v service >/dev/null 2>&1; then
  service redis-server stop >/dev/null 2>&1 || true
fi
echo "services.sh: postgresql $(ls /usr/lib/postgresql 2>/dev/null | tr '\n' ' ')and redis-server $(redis-server --version | awk '{print $3}') present"
# moto's server (for the CloudWatch Logs test) comes with the machine (pyenv); it is not in Debian.
if ! command -v moto_server >/dev/null 2>&1 && ! ls /root/.pyenv/versions/*/bin/moto_server >/dev/null 2>&1; then
  echo "services.sh: moto_server not found; CloudWatchLogsSourceTest will fail until moto[server] is installed" >&2
fi
