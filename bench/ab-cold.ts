// Builds of the gateway compared right after start (not part of `npm run bench`): the
// 1-client added latency that `npm run bench:gateway` calls cold, for a change's before and
// after. Every repetition starts each build afresh, then measures as bench:gateway's cold
// phase does: 100 calls of warm-up each, then 400 calls in blocks of 20 taking turns with
// direct calls to the upstream and a bare node:http proxy (the first call of each block not
// counted). Prints each repetition and, per build, the median over the repetitions of its
// added p50 (its p50 minus the direct calls' p50). A build may carry node flags.
// Run: node --import tsx bench/ab-cold.ts 'before=BEFORE/dist/server.js' 'after=AFTER/dist/server.js --some-flag'
//   AB_STREAM=1 (streamed calls), AB_REPS (8), AB_CALLS (400), AB_WARMUP (100).
// A build copied out of its checkout must stay beside a node_modules (dist/ of a checkout).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { timedChatCall, type ChatTarget } from './chat-call';
import { median, spawnWithPort, stopProcess, upstreamSettings } from './processes';

const STREAM = process.env.AB_STREAM === '1';
const REPS = Number(process.env.AB_REPS ?? 8);
const CALLS = Number(process.env.AB_CALLS ?? 400);
const WARMUP = Number(process.env.AB_WARMUP ?? 100);
const BLOCK = 20;

interface Variant {
  label: string;
  file: string;
  flags: string[];
}

/** `label=path/server.js [--flag ...]` */
function variantOf(arg: string): Variant {
  const eq = arg.indexOf('=');
  if (eq < 1) throw new Error(`expected label=path/server.js, got ${arg}`);
  const [file, ...flags] = arg.slice(eq + 1).split(' ').filter(Boolean);
  return { label: arg.slice(0, eq), file: resolve(file), flags };
}



const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function main() {
  const variants = process.argv.slice(2).map(variantOf);
  if (variants.length === 0) throw new Error("usage: bench/ab-cold.ts 'label=path/server.js [--flag ...]' ...");
  const dir = mkdtempSync(join(tmpdir(), 'llm-router-ab-cold-'));
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const children: ChildProcess[] = [];
  const added = new Map<string, number[]>(variants.map((v) => [v.label, []]));
  try {
    const upstream = await spawnWithPort(['--import', 'tsx', join(__dirname, 'peer', 'zero-latency-upstream.ts')]);
    children.push(upstream.child);
    const bare = await spawnWithPort(['--import', 'tsx', join(__dirname, 'peer', 'bare-proxy.ts'), String(upstream.port)]);
    children.push(bare.child);
    const settings = upstreamSettings(dir, upstream.port);
    const direct: ChatTarget = { name: 'direct', host: '127.0.0.1', port: upstream.port, model: 'm', headers: {} };
    const bareProxy: ChatTarget = { name: 'bare proxy', host: '127.0.0.1', port: bare.port, model: 'm', headers: {} };
    for (let rep = 0; rep < REPS; rep++) {
      const builds: { label: string; child: ChildProcess; target: ChatTarget }[] = [];
      for (const [i, v] of variants.entries()) {
        const args = [...v.flags, v.file, '--http', '127.0.0.1:0', '--storage', join(dir, `${rep}-${i}`), '--settings', settings];
        const { child, port } = await spawnWithPort(args, { LLM_ROUTER_GATEWAY_TOKEN: '' });
        children.push(child);
        builds.push({ label: v.label, child, target: { name: v.label, host: '127.0.0.1', port, model: 'up/m', headers: {} } });
      }
      await sleep(1000);
      // The builds' order flips every repetition, so neither always follows the other.
      const ordered = rep % 2 === 0 ? builds : [...builds].reverse();
      const targets = [{ label: 'direct', target: direct }, { label: 'bare proxy', target: bareProxy }, ...ordered];
      const samples = new Map<string, number[]>(targets.map((t) => [t.label, []]));
      for (const { target } of targets) for (let i = 0; i < WARMUP; i++) await timedChatCall(agent, target, STREAM);
      for (let block = 0; block < CALLS / BLOCK; block++) {
        for (const { label, target } of targets) {
          await timedChatCall(agent, target, STREAM);
          for (let i = 0; i < BLOCK; i++) samples.get(label)!.push(await timedChatCall(agent, target, STREAM));
        }
      }
      const directP50 = median(samples.get('direct')!);
      const line = [`start ${rep + 1}: bare proxy ${(median(samples.get('bare proxy')!) - directP50).toFixed(3)} ms (kept running)`];
      for (const build of builds) {
        const p50 = median(samples.get(build.label)!) - directP50;
        added.get(build.label)!.push(p50);
        line.push(`${build.label} ${p50.toFixed(3)} ms`);
      }
      await Promise.all(builds.map((build) => stopProcess(build.child)));
      console.log(`${line.join(', ')}; load ${loadavg()[0].toFixed(2)}`);
    }
    console.log(`${STREAM ? 'streamed' : 'JSON'}, 1 client, cold: added p50, median over ${REPS} fresh starts`);
    for (const v of variants) console.log(`  ${v.label}: ${median(added.get(v.label)!).toFixed(3)} ms`);
  } finally {
    await Promise.all(children.map(stopProcess));
    agent.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
