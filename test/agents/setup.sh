#!/usr/bin/env bash
# Installs the open-source coding agents the agent tests drive headless through the gateway,
# pinned, from the npm registry only, into a cache folder outside the project (they are test
# tools, not dependencies of the extension). Idempotent: a second run returns at once.
#   AGENTS_ROOT=/some/cache/dir test/agents/setup.sh     (default: $HOME/.cache/llm-router-agents)
# Cold: about a minute (Qwen Code and Continue's CLI are Node bundles; Claude Code, opencode and
# Codex ship a native binary inside an npm package for the platform: opencode-linux-x64, ~185 MB).
# At run time none needs more than this: opencode is run with its offline switches (no
# models.dev, no plugin install; see agents.test.ts), Continue's CLI with a local config.yaml
# and telemetry off, Codex with a config.toml naming the gateway as its model provider and its
# update check and analytics off; none needs a login.
set -euo pipefail
ROOT=${AGENTS_ROOT:-$HOME/.cache/llm-router-agents}
QWEN=@qwen-code/qwen-code@0.24.4
CLAUDE=@anthropic-ai/claude-code@2.1.328
OPENCODE=opencode-ai@1.18.33
CONTINUE=@continuedev/cli@1.5.47
CODEX=@openai/codex@0.171.0
mkdir -p "$ROOT"; cd "$ROOT"
if [ -x node_modules/.bin/qwen ] && [ -x node_modules/.bin/claude ] \
  && node_modules/.bin/qwen --version 2>/dev/null | grep -qx "${QWEN##*@}" \
  && node_modules/.bin/claude --version 2>/dev/null | grep -q "^${CLAUDE##*@} " \
  && [ -x node_modules/.bin/opencode ] && node_modules/.bin/opencode --version 2>/dev/null | grep -qx "${OPENCODE##*@}" \
  && [ -x node_modules/.bin/cn ] && node_modules/.bin/cn --version 2>/dev/null | grep -qx "${CONTINUE##*@}" \
  && [ -x node_modules/.bin/codex ] && node_modules/.bin/codex --version 2>/dev/null | grep -qx "codex-cli ${CODEX##*@}"; then
  exit 0
fi
[ -f package.json ] || echo '{ "name": "llm-router-agents", "private": true }' > package.json
# Like the e2e setup: the outer npm's user agent would tell nested installs they run on Node 22.
env -u npm_config_user_agent npm install --no-audit --no-fund --loglevel=error "$QWEN" "$CLAUDE" "$OPENCODE" "$CONTINUE" "$CODEX" >&2
node_modules/.bin/qwen --version >&2
node_modules/.bin/claude --version >&2
node_modules/.bin/opencode --version >&2
node_modules/.bin/cn --version >&2
node_modules/.bin/codex --version >&2
