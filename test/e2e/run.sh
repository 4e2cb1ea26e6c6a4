#!/usr/bin/env bash
# Runs the whole end-to-end suite in a real VS Code (code-server): see test/e2e/README.md.
#   test/e2e/run.sh                     (E2E_ROOT=cache dir, E2E_TIMEOUT_MS=overall limit)
# Prints one line per check and, last, `N passed, N failed`; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
# The project's pinned Node 22 (node_modules/.bin/node): node:sqlite reads the ledger, tsx
# loads the fakes and the client's money formatting. A fresh clone needs `npm ci` first.
if [ ! -x node_modules/.bin/node ]; then
  echo "node_modules/.bin/node missing: run 'npm ci' first" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
# The run keeps its own deadline (E2E_TIMEOUT_MS, default 30 min) and stops everything it
# started when it passes; `timeout` is the backstop should the runner itself wedge.
exec timeout -k 30 $(( ${E2E_TIMEOUT_MS:-1800000} / 1000 + 120 )) \
  node_modules/.bin/node --disable-warning=ExperimentalWarning --import tsx test/e2e/run.js "$@"
