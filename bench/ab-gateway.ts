// Two builds of the gateway compared under the same load, for a change's before and after
// (not part of `npm run bench`): both run at once in front of the zero-latency upstream,
// each served the same warm-up, then blocks of calls to one and the other in turn (the order
// flipped every round), so whatever else the machine is doing weighs on both alike. Prints
// each build's median CPU per request over the blocks and their ratio, and the median of its
// blocks' p50 latencies (the figure to compare at AB_CLIENTS=1). CPU time is read from /proc in
// ticks of 10 ms, so a block should cost the gateway well over a second. Also each build's
// peak RSS during its blocks (sampled as bench/gateway-vs-portkey.ts does), the median and the
// highest over the blocks: both builds share the machine, so compare them to each other.
// Run: node --import tsx bench/ab-gateway.ts BEFORE/dist/server.js AFTER/dist/server.js
//   AB_STREAM=1 (streamed calls), AB_CLIENTS (64), AB_BLOCK (calls per block, 4000),
//   AB_ROUNDS (8), AB_WARMUP (calls per build before the first block, 5000).
// A build copied out of its checkout must stay beside a node_modules (dist/ of a checkout).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { timedChatCall } from './chat-call';
import { callInLoop } from './load-loop';
import { cpuMs, watchPeakRss } from './peer/proc-stats';
import { spawnWithPort, median, upstreamSettings } from './processes';

const STREAM = process.env.AB_STREAM === '1';
const CLIENTS = Number(process.env.AB_CLIENTS ?? 64);
const BLOCK = Number(process.env.AB_BLOCK ?? 4000);
const ROUNDS = Number(process.env.AB_ROUNDS ?? 8);
const WARMUP = Number(process.env.AB_WARMUP ?? 5000);
const BLOCK_MAX_MS = 60_000;

interface Build {
  label: string;
  child: ChildProcess;
  port: number;
  cpuPerRequest: number[];
  p50Ms: number[];
  peakRssMb: number[];
}



async function main() {
  const files = process.argv.slice(2, 4).map((f) => resolve(f));
  if (files.length !== 2) throw new Error('usage: bench/ab-gateway.ts BEFORE/dist/server.js AFTER/dist/server.js');
  const dir = mkdtempSync(join(tmpdir(), 'llm-router-ab-'));
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS * 4 });
  const children: ChildProcess[] = [];
  try {
    const upstream = await spawnWithPort(['--import', 'tsx', join(__dirname, 'peer', 'zero-latency-upstream.ts')]);
    children.push(upstream.child);
    const settings = upstreamSettings(dir, upstream.port);
    const builds: Build[] = [];
    for (const [i, file] of files.entries()) {
      const label = i === 0 ? 'before' : 'after';
      const storage = join(dir, label);
      const { child, port } = await spawnWithPort([file, '--http', '127.0.0.1:0', '--storage', storage, '--settings', settings], { LLM_ROUTER_GATEWAY_TOKEN: '' });
      children.push(child);
      builds.push({ label, child, port, cpuPerRequest: [], p50Ms: [], peakRssMb: [] });
    }
    let durations: number[] = [];
    const load = (build: Build, count: number) =>
      callInLoop(CLIENTS, count, BLOCK_MAX_MS, async () => {
        durations.push(await timedChatCall(agent, { name: build.label, host: '127.0.0.1', port: build.port, model: 'up/m', headers: {} }, STREAM));
      });
    for (const build of builds) await load(build, WARMUP);
    for (let round = 0; round < ROUNDS; round++) {
      for (const build of round % 2 === 0 ? builds : [...builds].reverse()) {
        const before = cpuMs(build.child.pid!);
        const peak = watchPeakRss(build.child.pid!);
        durations = [];
        const done = await load(build, BLOCK);
        build.peakRssMb.push(peak.stop());
        build.cpuPerRequest.push((cpuMs(build.child.pid!) - before) / done);
        build.p50Ms.push(median(durations));
      }
    }
    const [a, b] = builds.map((build) => median(build.cpuPerRequest));
    const blocks = (build: Build) => build.cpuPerRequest.map((ms) => ms.toFixed(3)).join(' ');
    console.log(`${STREAM ? 'streamed' : 'JSON'}, ${CLIENTS} clients, ${ROUNDS} blocks of ${BLOCK} calls each`);
    console.log(`CPU per request, median: before ${a.toFixed(3)} ms, after ${b.toFixed(3)} ms, after/before ${(b / a).toFixed(3)}`);
    console.log(`  before: ${blocks(builds[0])}\n  after:  ${blocks(builds[1])}`);
    const [pa, pb] = builds.map((build) => median(build.p50Ms));
    console.log(`p50 latency, median of the blocks: before ${pa.toFixed(3)} ms, after ${pb.toFixed(3)} ms, after - before ${(pb - pa).toFixed(3)} ms`);
    const rss = (build: Build) => `median ${median(build.peakRssMb).toFixed(1)} MB, highest ${Math.max(...build.peakRssMb).toFixed(1)} MB`;
    console.log(`peak RSS of the blocks: before ${rss(builds[0])}; after ${rss(builds[1])}`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    agent.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
