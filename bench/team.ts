// The team gateway's figures (`npm run bench:team`): one replica against three behind a
// round-robin balancer, all on the same throwaway PostgreSQL and Redis, in front of a
// zero-latency OpenAI-compatible upstream on loopback; and what the shared state costs: the
// same single replica on its embedded SQLite ledger without Redis. Per setup: the latency a
// replica adds to one client's call (p50/p99 over the direct call, JSON and streamed) and
// requests per second under CLIENTS keep-alive clients; for the team setups, PostgreSQL
// statements (pg_stat_statements) and Redis commands (INFO) per request, which is what a
// larger team sizes its servers by. Bounded in count and time; prints figures, asserts nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent } from 'node:http';
import { timedChatCall } from './chat-call';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { GatewayProcess } from '../test/integration/gateway-process';
import { createToken } from '../test/team/harness/admin';
import { startPostgres, type TestPostgres } from '../test/team/harness/postgres';
import { RedisServer } from '../test/team/harness/redis';
import { RoundRobin } from '../test/team/harness/round-robin';
import { callInLoop } from './load-loop';
import { summarise } from './stats';

const CLIENTS = 32;
const SINGLE_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const SINGLE_WARMUP = 50;
const LOAD_REQUESTS = Number(process.env.BENCH_LOAD_REQUESTS ?? 2000);
const LOAD_WARMUP = 200;
const LOAD_MAX_MS = 15_000;
/** Requests of the short run whose Redis commands are read one by one (MONITOR). */
const MONITORED_REQUESTS = 200;

interface Target {
  name: string;
  url: URL;
  model: string;
  headers: Record<string, string>;
}

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS * 2 });
/** One chat completion read to its end; resolves with its duration in ms. */
function call(target: Target, stream: boolean): Promise<number> {
  return timedChatCall(agent, { ...target, host: target.url.hostname, port: target.url.port }, stream);
}

/** One client, calls one after another: each call's duration. */
async function singleClient(target: Target, stream: boolean): Promise<number[]> {
  for (let i = 0; i < SINGLE_WARMUP; i++) await call(target, stream);
  const samples: number[] = [];
  for (let i = 0; i < SINGLE_ROUNDS; i++) samples.push(await call(target, stream));
  return samples;
}

/** CLIENTS keep-alive clients calling in a loop until `count` are answered or LOAD_MAX_MS passed: answered per second. */
async function underLoad(target: Target, stream: boolean, count = LOAD_REQUESTS): Promise<{ perSecond: number; done: number }> {
  const start = performance.now();
  const done = await callInLoop(CLIENTS, count, LOAD_MAX_MS, () => call(target, stream));
  return { perSecond: (done * 1000) / (performance.now() - start), done };
}

/** What one request costs the shared servers: PostgreSQL statements and Redis commands, read around a load run. */
class SharedCounters {
  constructor(
    private readonly pg: Pool,
    private readonly redis: Redis,
  ) {}

  async reset(): Promise<void> {
    await this.pg.query('SELECT pg_stat_statements_reset()');
    await this.redis.config('RESETSTAT');
  }

  /**
   * Redis round trips per request: MONITOR tells the commands clients sent from those scripts ran
   * inside Redis (source "lua"). It slows Redis down, so it runs only around a short run of its own.
   */
  async redisRoundTrips(requests: number, work: () => Promise<unknown>): Promise<{ sent: number; inScripts: number }> {
    const monitor = await this.redis.monitor();
    let sent = 0;
    let inScripts = 0;
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (['info', 'config', 'monitor'].includes(String(args[0]).toLowerCase())) return;
      if (source === 'lua') inScripts++;
      else sent++;
    });
    try {
      await work();
      await new Promise((resolve) => setTimeout(resolve, 200)); // the last settlements land after the answers
    } finally {
      monitor.disconnect();
    }
    return { sent: sent / requests, inScripts: inScripts / requests };
  }

  async perRequest(requests: number): Promise<{ statements: number; transactions: number; redisCommands: number; topStatements: string[]; topRedis: string[] }> {
    const { rows } = await this.pg.query<{ query: string; calls: number }>(
      `SELECT query, calls::int AS calls FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%'
        ORDER BY calls DESC`,
    );
    const statements = rows.reduce((sum, r) => sum + r.calls, 0);
    const transactions = rows.filter((r) => /^\s*begin/i.test(r.query)).reduce((sum, r) => sum + r.calls, 0);
    // total_commands_processed counts what clients sent (a script call is one); commandstats also lists the scripts' inner calls.
    const processed = Number(/total_commands_processed:(\d+)/.exec(await this.redis.info('stats'))?.[1] ?? 0);
    const stats = await this.redis.info('commandstats');
    const commands = [...stats.matchAll(/^cmdstat_([\w|]+):calls=(\d+)/gm)]
      .map(([, name, calls]) => ({ name, calls: Number(calls) }))
      .filter((c) => !['info', 'config'].includes(c.name))
      .sort((a, b) => b.calls - a.calls);
    const perReq = (n: number) => (n / requests).toFixed(2);
    return {
      statements: statements / requests,
      transactions: transactions / requests,
      redisCommands: processed / requests,
      topStatements: rows.filter((r) => r.calls / requests >= 0.01).slice(0, 14).map((r) => `${perReq(r.calls)}  ${r.query.replace(/\s+/g, ' ').slice(0, 100)}`),
      topRedis: commands.slice(0, 10).map((c) => `${perReq(c.calls)}  ${c.name}`),
    };
  }
}

interface SetupFigures {
  name: string;
  json: { p50: number; p99: number };
  streamed: { p50: number; p99: number };
  jsonPerSecond: number;
  streamedPerSecond: number;
  shared?: Awaited<ReturnType<SharedCounters['perRequest']>>;
  redisTrips?: { sent: number; inScripts: number };
}

async function measure(name: string, target: Target, counters?: SharedCounters): Promise<SetupFigures> {
  console.log(`${name}: 1 client x ${SINGLE_ROUNDS} calls (JSON, streamed), then ${CLIENTS} clients x ${LOAD_REQUESTS} calls (JSON, streamed) ...`);
  const json = summarise(await singleClient(target, false));
  const streamed = summarise(await singleClient(target, true));
  await underLoad(target, false, LOAD_WARMUP);
  await counters?.reset();
  const load = await underLoad(target, false);
  const shared = await counters?.perRequest(load.done);
  const streamedLoad = await underLoad(target, true);
  const redisTrips = await counters?.redisRoundTrips(MONITORED_REQUESTS, () => underLoad(target, false, MONITORED_REQUESTS));
  return { name, json, streamed, jsonPerSecond: load.perSecond, streamedPerSecond: streamedLoad.perSecond, shared, redisTrips };
}

function table(head: string[], lines: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const print = (cells: string[]) => console.log(`| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`);
  print(head);
  print(widths.map((w) => '-'.repeat(w)));
  for (const line of lines) print(line);
}

function settings(upstreamPort: number) {
  return {
    providers: [{ id: 'up', type: 'openai-compatible', baseUrl: `http://127.0.0.1:${upstreamPort}/v1`, models: [{ id: 'm', inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.4, contextWindow: 32_000 }] }],
    cache: { enabled: false },
  };
}

async function spawnUpstream(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'peer', 'zero-latency-upstream.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the upstream exited (${code})`)));
  });
  return { child, port: (JSON.parse(line) as { port: number }).port };
}

const loadLine = () => loadavg().map((v) => v.toFixed(2)).join(' / ');

async function main() {
  const cores = cpus().length;
  console.log(`load average (1/5/15 min) at start: ${loadLine()} on ${cores} cores`);
  console.log('note: other work on this machine (other processes, other benchmarks) shares these cores; every replica, PostgreSQL, Redis, the upstream and the load generator run here too.');
  const started: { stop: () => Promise<unknown> }[] = [];
  let postgres: TestPostgres | undefined;
  let redisServer: RedisServer | undefined;
  let upstream: ChildProcess | undefined;
  try {
    const up = await spawnUpstream();
    upstream = up.child;
    postgres = await startPostgres({ serverOptions: '-c shared_preload_libraries=pg_stat_statements' });
    redisServer = await RedisServer.start();
    const pool = new Pool({ connectionString: postgres.url, max: 2 });
    started.push({ stop: () => pool.end() });
    const redis = new Redis(redisServer.url);
    started.push({ stop: async () => redis.disconnect() });
    await pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const counters = new SharedCounters(pool, redis);
    const token = await createToken(postgres.url, 'bench', 'core');
    const team = { headers: { authorization: `Bearer ${token}` }, model: 'up/m' };
    const env = { LLM_ROUTER_GATEWAY_TOKEN: '' };
    const teamArgs = ['--postgres', postgres.url, '--redis', redisServer.url];

    const direct: Target = { name: 'direct', url: new URL(`http://127.0.0.1:${up.port}/v1`), model: 'm', headers: {} };
    console.log(`direct to the upstream: 1 client x ${SINGLE_ROUNDS} calls ...`);
    const base = { json: summarise(await singleClient(direct, false)), streamed: summarise(await singleClient(direct, true)) };

    // One setup at a time, its processes stopped before the next starts: they share the cores.
    const figures: SetupFigures[] = [];
    const run = async (name: string, replicas: number, args: string[], headers: Record<string, string>, balanced: boolean, shared?: SharedCounters) => {
      const gateways: GatewayProcess[] = [];
      let balancer: RoundRobin | undefined;
      try {
        // Each is kept as soon as it runs, so it is stopped even if another fails to start.
        await Promise.all(Array.from({ length: replicas }, async () => gateways.push(await GatewayProcess.start({ settings: settings(up.port), env, extraArgs: args }))));
        balancer = balanced ? await RoundRobin.start(gateways.map((g) => g.url)) : undefined;
        const url = new URL(balancer?.url ?? gateways[0].url);
        figures.push(await measure(name, { name, url, model: team.model, headers }, shared));
      } finally {
        await balancer?.stop();
        await Promise.all(gateways.map((g) => g.stop()));
      }
    };
    await run('1 replica, SQLite, no Redis', 1, [], {}, false);
    await run('1 replica, PostgreSQL + Redis', 1, teamArgs, team.headers, false, counters);
    await run('1 replica, PG + Redis, via balancer', 1, teamArgs, team.headers, true, counters);
    await run('3 replicas, PG + Redis, via balancer', 3, teamArgs, team.headers, true, counters);

    const msFmt = (v: number) => `${v.toFixed(2)} ms`;
    console.log(`\ndirect to the upstream: p50 ${msFmt(base.json.p50)} / p99 ${msFmt(base.json.p99)} JSON, p50 ${msFmt(base.streamed.p50)} / p99 ${msFmt(base.streamed.p99)} streamed`);
    table(
      ['setup', 'added p50 JSON', 'added p99 JSON', 'added p50 streamed', 'added p99 streamed', `req/s JSON (${CLIENTS} clients)`, `req/s streamed (${CLIENTS} clients)`],
      figures.map((f) => [
        f.name,
        msFmt(f.json.p50 - base.json.p50),
        msFmt(f.json.p99 - base.json.p99),
        msFmt(f.streamed.p50 - base.streamed.p50),
        msFmt(f.streamed.p99 - base.streamed.p99),
        f.jsonPerSecond.toFixed(0),
        f.streamedPerSecond.toFixed(0),
      ]),
    );
    console.log('\nshared servers per request (JSON load run):');
    table(
      ['setup', 'PostgreSQL statements', 'of which BEGIN (transactions)', 'Redis commands sent (round trips)', 'Redis commands run inside scripts', 'Redis commands in all'],
      figures.filter((f) => f.shared).map((f) => [
        f.name,
        f.shared!.statements.toFixed(2),
        f.shared!.transactions.toFixed(2),
        f.redisTrips!.sent.toFixed(2),
        f.redisTrips!.inScripts.toFixed(2),
        f.shared!.redisCommands.toFixed(2),
      ]),
    );
    const last = figures.at(-1)!.shared!;
    console.log(`\nPostgreSQL statements per request, most called (${figures.at(-1)!.name}):`);
    for (const line of last.topStatements) console.log(`  ${line}`);
    console.log('Redis commands per request, most called (the calls scripts make inside Redis included):');
    for (const line of last.topRedis) console.log(`  ${line}`);
  } finally {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    upstream?.kill('SIGTERM');
    await redisServer?.remove();
    await postgres?.destroy();
    agent.destroy();
    console.log(`\nload average (1/5/15 min) at end: ${loadLine()} on ${cpus().length} cores`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
