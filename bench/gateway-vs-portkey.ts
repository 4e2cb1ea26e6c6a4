// The HTTP gateway side by side with Portkey's gateway (`npm run bench:gateway`): both in
// front of the same zero-latency OpenAI-compatible upstream on loopback, our gateway with
// its ledger on and its cache off. Measures, in one run and for both: the latency each
// adds to a call (1 client, JSON and streamed; cold right after start and warm after the
// load phase, beside a bare node:http proxy that does no work), requests per second under 64 keep-alive
// clients, CPU per request and resident memory of the gateway process (idle and peak
// under load), and the idle memory of our stdio server. Bounded in count and time.
// Our gateway runs twice: as it ships (OpenAI-wire calls over the raw node:http transport)
// and with LLM_ROUTER_OPENAI_TRANSPORT=sdk (the same calls through the official openai
// SDK), so the table shows what each path costs. The load average is printed with the
// figures: on a shared machine compare the ratios to Portkey, taken in the same run.
// The npm script measures the production build (what ships); after `npm run build` the
// development bundle is measured instead (comments kept: ~90 MB idle instead of ~86).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { timedChatCall } from './chat-call';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { SERVER_JS as BUILT_SERVER_JS } from '../test/integration/server-process';
import { serverEnvironment } from '../shared/server-env';
import { cpuMs, rssMb, watchPeakRss } from './peer/proc-stats';
import { ensurePortkey, PORTKEY_DIR, PORTKEY_START, PORTKEY_VERSION, portkeyHeaders } from './peer/portkey';
import { summarise } from './stats';
import { callInLoop } from './load-loop';
import { freePort } from '../test/integration/free-port';

const SINGLE_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 400);
const SINGLE_WARMUP = Number(process.env.BENCH_SINGLE_WARMUP ?? 100);
/**
 * Calls in a row to one target at 1 client (see singleClient). BENCH_SINGLE_BLOCK=100 switches
 * targets less often: the other gateways' work between blocks evicts our caches (warm, 20-call
 * blocks measured ~1.15 ms added, 100-call blocks ~0.73 ms).
 */
const SINGLE_BLOCK = Number(process.env.BENCH_SINGLE_BLOCK ?? 20);
const CLIENTS = 64;
const LOAD_REQUESTS = Number(process.env.BENCH_LOAD_REQUESTS ?? 4000);
// Calls each target serves before its load is measured. V8 optimises a function only after
// about 3,000 calls (--invocation-count-for-turbofan), so with fewer the load phase would
// measure code still running in its first tiers, which a gateway in use leaves within
// minutes. Both gateways get the same warm-up.
const LOAD_WARMUP = Number(process.env.BENCH_LOAD_WARMUP ?? 3000);
const LOAD_MAX_MS = 20_000;
const IDLE_SETTLE_MS = 1500;
// Another build to measure (e.g. an older commit's dist/server.js), for before/after figures.
const SERVER_JS = process.env.BENCH_SERVER_JS ?? BUILT_SERVER_JS;

interface Target {
  name: string;
  port: number;
  model: string;
  headers: Record<string, string>;
  pid?: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS * 3 });
/** One chat completion, read to the end; resolves with its duration in ms. */
function call(target: Target, stream: boolean): Promise<number> {
  return timedChatCall(agent, { ...target, host: '127.0.0.1' }, stream);
}

/** Spawns a process that prints one JSON line once listening; returns it and that line. */
async function spawnWithLine(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; line: Record<string, unknown> }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}): ${stderr}`)));
  });
  return { child, line: JSON.parse(line) as Record<string, unknown> };
}

async function startPortkey(upstreamPort: number): Promise<{ child: ChildProcess; target: Target }> {
  const port = await freePort();
  const child = spawn(process.execPath, [PORTKEY_START, `--port=${port}`, '--headless'], { cwd: PORTKEY_DIR, stdio: ['ignore', 'ignore', 'pipe'] });
  const target: Target = { name: 'Portkey', port, model: 'm', headers: portkeyHeaders(`http://127.0.0.1:${upstreamPort}/v1`), pid: child.pid };
  for (let tries = 0; ; tries++) {
    try {
      await call(target, false);
      return { child, target };
    } catch (error) {
      if (tries > 100 || child.exitCode !== null) throw new Error(`Portkey did not start: ${(error as Error).message}`);
      await sleep(100);
    }
  }
}

/** `transport`: how our gateway calls the upstream (raw node:http, or the openai SDK). */
async function startRouter(upstreamPort: number, storageDir: string, transport: 'raw' | 'sdk'): Promise<{ child: ChildProcess; target: Target }> {
  const dir = join(storageDir, transport);
  mkdirSync(dir, { recursive: true });
  const settingsFile = join(dir, 'settings.json');
  writeFileSync(settingsFile, JSON.stringify(routerSettings(upstreamPort)));
  const env = { LLM_ROUTER_GATEWAY_TOKEN: '', LLM_ROUTER_OPENAI_TRANSPORT: transport };
  const { child, line } = await spawnWithLine([SERVER_JS, '--http', '127.0.0.1:0', '--storage', dir, '--settings', settingsFile], env);
  const name = transport === 'raw' ? 'LLM Router' : 'LLM Router (SDK)';
  return { child, target: { name, port: line.port as number, model: 'up/m', headers: {}, pid: child.pid } };
}

function routerSettings(upstreamPort: number) {
  return {
    providers: [{ id: 'up', type: 'openai-compatible', baseUrl: `http://127.0.0.1:${upstreamPort}/v1`, models: [{ id: 'm', inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.4, contextWindow: 32_000 }] }],
    cache: { enabled: false },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * p50 of each target's latency: one client calling each target back to back, in short
 * blocks that take turns so drift hits all alike. Not call by call in turn: a process then
 * waits out every other target's call before each of its own (over 30 ms after Portkey's
 * streamed answer), and a process woken after such a gap answers up to ~1.5 ms slower, so
 * each target would be measured after a gap the length of the others' calls. In blocks,
 * every target is measured as a client calling it in a loop sees it; the first call of each
 * block (the one after the gap) is not counted.
 */
async function singleClient(targets: Target[], stream: boolean): Promise<Map<string, number>> {
  for (const target of targets) for (let i = 0; i < SINGLE_WARMUP; i++) await call(target, stream);
  const samples = new Map<string, number[]>(targets.map((t) => [t.name, []]));
  for (let block = 0; block < SINGLE_ROUNDS / SINGLE_BLOCK; block++) {
    for (const target of targets) {
      await call(target, stream);
      for (let i = 0; i < SINGLE_BLOCK; i++) samples.get(target.name)!.push(await call(target, stream));
    }
  }
  return new Map(targets.map((t) => [t.name, summarise(samples.get(t.name)!).p50]));
}

interface LoadFigures {
  perSecond: number;
  cpuPerRequestMs: number;
  peakRssMb: number;
  /** What the same load cost this process (the load generator, alike for every target) and the upstream, per request. */
  generatorCpuMs: number;
  upstreamCpuMs: number;
}

/** CLIENTS keep-alive clients, each calling in a loop, until LOAD_REQUESTS are answered (or LOAD_MAX_MS passed). */
async function underLoad(target: Target, stream: boolean, upstreamPid: number): Promise<LoadFigures> {
  const run = (count: number) => callInLoop(CLIENTS, count, LOAD_MAX_MS, () => call(target, stream));
  await run(LOAD_WARMUP);
  const peak = watchPeakRss(target.pid!);
  const cpuBefore = cpuMs(target.pid!);
  const upstreamBefore = cpuMs(upstreamPid);
  const generatorBefore = process.cpuUsage();
  const start = performance.now();
  const done = await run(LOAD_REQUESTS);
  const elapsed = performance.now() - start;
  const cpu = cpuMs(target.pid!) - cpuBefore;
  const generator = process.cpuUsage(generatorBefore);
  return {
    perSecond: (done * 1000) / elapsed,
    cpuPerRequestMs: cpu / done,
    peakRssMb: peak.stop(),
    generatorCpuMs: (generator.user + generator.system) / 1000 / done,
    upstreamCpuMs: (cpuMs(upstreamPid) - upstreamBefore) / done,
  };
}

/** The editor-mode server, initialized as an editor would, then left idle. */
async function stdioIdleRss(upstreamPort: number, storageDir: string): Promise<number> {
  // Started as the editor starts it (client/src/server/startClient.ts).
  const env = { ...process.env, ...serverEnvironment(process.env) };
  const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'], env });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.listen();
  try {
    const initializationOptions = { storageDir: join(storageDir, 'stdio'), settings: routerSettings(upstreamPort) };
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions });
    await connection.sendNotification('initialized', {});
    await sleep(IDLE_SETTLE_MS);
    return rssMb(child.pid!);
  } finally {
    connection.dispose();
    child.kill('SIGTERM');
  }
}

type Row = [figure: string, portkey: number, router: number, routerSdk: number, target: string, format: (v: number) => string];

function table(rows: Row[]): void {
  const head = ['figure', `Portkey ${PORTKEY_VERSION}`, 'LLM Router', 'Router/Portkey', 'target', 'LLM Router over the SDK', 'SDK/Portkey'];
  const ratio = (value: number, portkey: number) => (Number.isFinite(portkey) && Number.isFinite(value) ? `${(value / portkey).toFixed(2)}x` : '-');
  const shown = (value: number, format: (v: number) => string) => (Number.isFinite(value) ? format(value) : '-');
  const lines = rows.map(([figure, portkey, router, routerSdk, target, format]) => [
    figure, shown(portkey, format), shown(router, format), ratio(router, portkey), target, shown(routerSdk, format), ratio(routerSdk, portkey),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const print = (cells: string[]) => console.log(`| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`);
  print(head);
  print(widths.map((w) => '-'.repeat(w)));
  for (const line of lines) print(line);
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

async function main() {
  ensurePortkey();
  console.log(`LLM Router: ${SERVER_JS}`);
  const storageDir = mkdtempSync(join(tmpdir(), 'llm-router-bench-'));
  const children: ChildProcess[] = [];
  try {
    const upstream = await spawnWithLine(['--import', 'tsx', join(__dirname, 'peer', 'zero-latency-upstream.ts')]);
    children.push(upstream.child);
    const upstreamPort = upstream.line.port as number;
    const direct: Target = { name: 'direct', port: upstreamPort, model: 'm', headers: {} };
    const router = await startRouter(upstreamPort, storageDir, 'raw');
    children.push(router.child);
    const routerSdk = await startRouter(upstreamPort, storageDir, 'sdk');
    children.push(routerSdk.child);
    const portkey = await startPortkey(upstreamPort);
    children.push(portkey.child);
    const bare = await spawnWithLine(['--import', 'tsx', join(__dirname, 'peer', 'bare-proxy.ts'), String(upstreamPort)]);
    children.push(bare.child);
    const bareTarget: Target = { name: 'bare proxy', port: bare.line.port as number, model: 'm', headers: {}, pid: bare.child.pid };
    await sleep(IDLE_SETTLE_MS);
    // Our idle figures are taken before any request; Portkey's after its readiness probe.
    const idle = { router: rssMb(router.target.pid!), routerSdk: rssMb(routerSdk.target.pid!), portkey: rssMb(portkey.target.pid!) };
    const stdioIdle = await stdioIdleRss(upstreamPort, storageDir);
    console.log(`load average at start (1, 5, 15 min; ${cpus().length} cores): ${load()}`);

    const targets = [direct, bareTarget, router.target, routerSdk.target, portkey.target];
    console.log(`1 client, ${SINGLE_ROUNDS} calls each (in blocks of ${SINGLE_BLOCK}, taking turns) ...`);
    // Right after start (cold: most code not yet optimised by V8), and again after the load
    // phase (warm: every target has served thousands of calls, as a gateway in use has).
    const json = await singleClient(targets, false);
    const streamed = await singleClient(targets, true);
    console.log(`${CLIENTS} clients, ${LOAD_WARMUP} calls of warm-up, then ${LOAD_REQUESTS} calls each ...`);
    const loads = new Map<string, { json: LoadFigures; stream: LoadFigures }>();
    for (const target of [router.target, routerSdk.target, portkey.target]) {
      loads.set(target.name, { json: await underLoad(target, false, upstream.child.pid!), stream: await underLoad(target, true, upstream.child.pid!) });
    }
    console.log('1 client again, warm ...');
    const warmJson = await singleClient(targets, false);
    const warmStreamed = await singleClient(targets, true);
    const added = (p50: Map<string, number>, name: string) => p50.get(name)! - p50.get('direct')!;
    const msFmt = (v: number) => `${v.toFixed(2)} ms`;
    const mbFmt = (v: number) => `${v.toFixed(0)} MB`;
    const rps = (v: number) => v.toFixed(0);
    const names = ['Portkey', 'LLM Router', 'LLM Router (SDK)'] as const;
    const each = (figure: (name: string) => number): [number, number, number] => [figure(names[0]), figure(names[1]), figure(names[2])];
    const peak = (name: string) => Math.max(loads.get(name)!.json.peakRssMb, loads.get(name)!.stream.peakRssMb);
    console.log(`\nload average at the end: ${load()}`);
    console.log(`direct to the upstream, p50 cold / warm: ${msFmt(json.get('direct')!)} / ${msFmt(warmJson.get('direct')!)} JSON, ` +
      `${msFmt(streamed.get('direct')!)} / ${msFmt(warmStreamed.get('direct')!)} streamed`);
    console.log(`added p50 of a bare node:http pass-through proxy (no work at all: the floor of the extra hop), cold / warm: ` +
      `${msFmt(added(json, 'bare proxy'))} / ${msFmt(added(warmJson, 'bare proxy'))} JSON, ` +
      `${msFmt(added(streamed, 'bare proxy'))} / ${msFmt(added(warmStreamed, 'bare proxy'))} streamed`);
    // The same load generator (this process) and upstream serve every target: their share of the 2 cores, per request.
    for (const name of names) {
      const { json: j, stream: s } = loads.get(name)!;
      console.log(`under load via ${name}, CPU per request of the load generator / the upstream: ` +
        `JSON ${msFmt(j.generatorCpuMs)} / ${msFmt(j.upstreamCpuMs)}, streamed ${msFmt(s.generatorCpuMs)} / ${msFmt(s.upstreamCpuMs)}`);
    }
    table([
      ['added p50, JSON, 1 client, cold', ...each((n) => added(json, n)), '< 1.0 ms', msFmt],
      ['added p50, streamed, 1 client, cold', ...each((n) => added(streamed, n)), '< 1.0 ms', msFmt],
      ['added p50, JSON, 1 client, warm', ...each((n) => added(warmJson, n)), '< 1.0 ms', msFmt],
      ['added p50, streamed, 1 client, warm', ...each((n) => added(warmStreamed, n)), '< 1.0 ms', msFmt],
      [`requests/s, ${CLIENTS} clients, JSON`, ...each((n) => loads.get(n)!.json.perSecond), '>= 2.5x', rps],
      [`requests/s, ${CLIENTS} clients, streamed`, ...each((n) => loads.get(n)!.stream.perSecond), '>= 2.5x', rps],
      ['CPU per request, JSON', ...each((n) => loads.get(n)!.json.cpuPerRequestMs), '< 0.5 ms', msFmt],
      ['CPU per request, streamed', ...each((n) => loads.get(n)!.stream.cpuPerRequestMs), '< 0.5 ms', msFmt],
      ['RSS idle (HTTP gateway)', idle.portkey, idle.router, idle.routerSdk, '< 80 MB', mbFmt],
      ['RSS peak under load', ...each(peak), '< 150 MB', mbFmt],
      ['RSS idle, stdio server', NaN, stdioIdle, NaN, '< 80 MB', mbFmt],
    ]);
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await sleep(300);
    rmSync(storageDir, { recursive: true, force: true });
    agent.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
