// Starts the pieces the UI talks to: the fake LLM providers (test/fakes) and code-server
// (through start.sh), each on a free port of 127.0.0.1 and in its own process group.
'use strict';
const { execFile } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');
const readline = require('node:readline');
const { adoptGroup, startGroup } = require('./processes');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs test/fakes/serve.ts on a random port with the project's Node and resolves to the URLs
 * it prints on its first stdout line: `{ openai, anthropic, control }`. `listed` is what each
 * API's `GET /v1/models` lists: `{ openai: [ids], anthropic: [ids] }`.
 */
function startFakes({ repo, node, logFile, listed = {}, timeoutMs = 60_000 }) {
  const lists = Object.entries(listed).flatMap(([api, ids]) => [`--${api}-models`, ids.join(',')]);
  const child = startGroup(node, ['--import', 'tsx', path.join(repo, 'test/fakes/serve.ts'), '--port', '0', ...lists], {
    cwd: repo,
    logFile,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`fake providers printed nothing in ${timeoutMs} ms; see ${logFile}`)), timeoutMs);
    child.once('exit', (code) => reject(new Error(`fake providers exited with ${code}; see ${logFile}`)));
    readline.createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve({ ...JSON.parse(line), pgid: child.pid });
      } catch {
        reject(new Error(`fake providers printed "${line}", expected a JSON line of base URLs`));
      }
    });
  });
}

/**
 * Starts code-server with start.sh and resolves to `{ url, pgid }` once it answers /healthz.
 * `extensionTests` turns on the smoke-test driver that running a mocha suite in the extension
 * host needs; it also hides notification toasts, so UI tests run without it.
 */
async function startCodeServer({ here, env, logFile, extensionTests = false }) {
  const port = await freePort();
  const flags = extensionTests ? ['--vscode-option', 'enable-smoke-test-driver'] : [];
  const stdout = await new Promise((resolve, reject) => {
    execFile(path.join(here, 'start.sh'), flags, { env: { ...env, PORT: String(port), CS_LOG: logFile }, timeout: 60_000 }, (error, out, err) =>
      error ? reject(new Error(`start.sh failed: ${err || error.message}`)) : resolve(out),
    );
  });
  const pgid = Number(stdout.trim().split('\n').pop());
  if (!Number.isInteger(pgid) || pgid <= 1) throw new Error(`start.sh printed "${stdout}", expected a process-group id`);
  adoptGroup(pgid);
  return { url: `http://127.0.0.1:${port}`, pgid };
}

module.exports = { freePort, startFakes, startCodeServer };
