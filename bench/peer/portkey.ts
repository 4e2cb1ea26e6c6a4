// Portkey's open-source gateway, the peer the HTTP gateway is measured against: installed
// pinned into its own cache folder outside the project (idempotent), started headless.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PORTKEY_VERSION = '1.15.2';

// Portkey 1.15.2 as published resolves newer hono releases, with which every streamed
// answer fails with HTTP 500; these are the versions it works with.
const PACKAGE_JSON = {
  name: 'llm-router-bench-portkey',
  private: true,
  dependencies: { '@portkey-ai/gateway': PORTKEY_VERSION },
  overrides: { hono: '4.9.7', '@hono/node-server': '1.13.5', '@hono/node-ws': '1.2.0' },
};

export const PORTKEY_DIR = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'llm-router-bench', 'portkey');
export const PORTKEY_START = join(PORTKEY_DIR, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js');

/** Installs Portkey into PORTKEY_DIR unless the pinned install is already there. */
export function ensurePortkey(): void {
  const manifest = `${JSON.stringify(PACKAGE_JSON, null, 2)}\n`;
  const manifestFile = join(PORTKEY_DIR, 'package.json');
  const installed = join(PORTKEY_DIR, 'node_modules', '@portkey-ai', 'gateway', 'package.json');
  const current = existsSync(manifestFile) && readFileSync(manifestFile, 'utf8') === manifest;
  if (current && existsSync(PORTKEY_START) && (JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version === PORTKEY_VERSION) return;
  mkdirSync(PORTKEY_DIR, { recursive: true });
  writeFileSync(manifestFile, manifest);
  console.log(`installing @portkey-ai/gateway ${PORTKEY_VERSION} into ${PORTKEY_DIR} ...`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: PORTKEY_DIR, stdio: 'inherit', timeout: 600_000 });
  if (run.status !== 0 || !existsSync(PORTKEY_START)) throw new Error(`npm install of the Portkey gateway in ${PORTKEY_DIR} failed`);
}

/** Headers that make Portkey forward to an OpenAI-compatible upstream at `baseUrl`. */
export function portkeyHeaders(baseUrl: string): Record<string, string> {
  return { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': baseUrl, authorization: 'Bearer sk-bench' };
}
