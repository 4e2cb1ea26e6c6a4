// Profiles the HTTP gateway under the bench load (not part of `npm run bench`): starts the
// zero-latency upstream and the gateway with --cpu-prof, sends PROFILE_REQUESTS calls from 64
// keep-alive clients (JSON or streamed: PROFILE_STREAM=1), stops the gateway and prints where
// its .cpuprofile went. Read it in Chrome DevTools, or summarise it with bench/profile-top.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SERVER_JS } from '../test/integration/server-process';

const REQUESTS = Number(process.env.PROFILE_REQUESTS ?? 8000);
const STREAM = process.env.PROFILE_STREAM === '1';
const CLIENTS = Number(process.env.PROFILE_CLIENTS ?? 64);
const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS * 2 });

async function spawnWithLine(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; line: Record<string, unknown> }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  return { child, line: JSON.parse(line) as Record<string, unknown> };
}

function call(port: number): Promise<void> {
  const body = JSON.stringify(STREAM
    ? { model: 'up/m', messages: [{ role: 'user', content: 'In one short sentence: what is the answer to everything?' }], stream: true, stream_options: { include_usage: true } }
    : { model: 'up/m', messages: [{ role: 'user', content: 'In one short sentence: what is the answer to everything?' }] });
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: '127.0.0.1', port, method: 'POST', path: '/v1/chat/completions', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'llm-router-profile-'));
  const upstream = await spawnWithLine(['--import', 'tsx', join(__dirname, 'peer', 'zero-latency-upstream.ts')]);
  const settings = join(dir, 'settings.json');
  const upstreamUrl = `http://127.0.0.1:${upstream.line.port as number}/v1`;
  writeFileSync(settings, JSON.stringify({
    providers: [{ id: 'up', type: 'openai-compatible', baseUrl: upstreamUrl, models: [{ id: 'm', inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.4, contextWindow: 32_000 }] }],
    cache: { enabled: false },
  }));
  const gateway = await spawnWithLine(['--cpu-prof', '--cpu-prof-interval', process.env.PROFILE_INTERVAL ?? '1000', '--cpu-prof-dir', dir, SERVER_JS, '--http', '127.0.0.1:0', '--storage', dir, '--settings', settings], { LLM_ROUTER_GATEWAY_TOKEN: '' });
  const port = gateway.line.port as number;
  let started = 0;
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (started++ < REQUESTS) await call(port);
  }));
  gateway.child.kill('SIGINT');
  await new Promise((resolve) => gateway.child.once('exit', resolve));
  upstream.child.kill('SIGTERM');
  agent.destroy();
  console.log(dir);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
