#!/usr/bin/env bash
# Starts code-server (installed by setup.sh) on 127.0.0.1:$PORT in its own process group and
# waits until it answers. Prints the process-group id: `kill -- -PGID` stops code-server and
# every extension host and router server under it (they outlive a closed browser otherwise).
#   PORT=8766 CS_USER_DATA_DIR=/tmp/p/data CS_EXTENSIONS_DIR=/tmp/p/exts test/e2e/start.sh [code-server flags]
# Handy by hand too: open http://127.0.0.1:$PORT/?folder=/abs/path in a browser.
set -euo pipefail
ROOT=${E2E_ROOT:-$HOME/.cache/llm-router-e2e}
PORT=${PORT:-8766}
LOG=${CS_LOG:-$ROOT/code-server.log}
[ -x "$ROOT/code-server.sh" ] || { echo "run test/e2e/setup.sh first ($ROOT/code-server.sh missing)" >&2; exit 1; }
# To run an extension's own tests, add `--vscode-option enable-smoke-test-driver`: a built product
# then honours extensionDevelopmentPath/extensionTestsPath in the page URL's ?payload=. Leave it
# out for UI tests: with it, VS Code shows no notification toasts.
setsid "$ROOT/code-server.sh" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override --ignore-last-opened \
  "$@" > "$LOG" 2>&1 < /dev/null &
PGID=$!
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && { echo "$PGID"; exit 0; }
  kill -0 "$PGID" 2>/dev/null || break
  sleep 0.1
done
echo "code-server did not answer on port $PORT; log: $LOG" >&2
tail -20 "$LOG" >&2 || true
kill -- -"$PGID" 2>/dev/null || true
exit 1
