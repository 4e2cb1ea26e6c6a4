#!/usr/bin/env bash
# Installs PostgreSQL 15 and Redis 7 from Debian's packages when they are missing: the team
# gateway's tests (npm run test:team) start throwaway servers of both on 127.0.0.1. The
# packages' own system services are not used (the tests run their own on free ports).
set -euo pipefail
missing=()
[ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing ${missing[*]} (Debian packages) for the team gateway's tests"
sudo_=""
[ "$(id -u)" -eq 0 ] || sudo_="sudo"
$sudo_ apt-get update -qq || true
DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq "${missing[@]}"
