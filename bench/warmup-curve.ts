// How the gateway's 1-client latency falls from its start (not part of `npm run bench`):
// one build, started fresh, called in windows of CURVE_WINDOW calls (blocks of 20 taking
// turns with direct calls to the upstream), each window printed with its added p50 and the
// gateway's CPU per call. Node flags in CURVE_FLAGS show what the fall is made of: with
// `--no-turbofan` it stays flat (measured: 1.03 ms from the first window to the 3,000th call),
// so what a gateway loses over its first few thousand calls is V8 optimising its code.
// (Since optimise-sooner.ts the fall comes by ~600 calls; on a busy machine the first few hundred
// calls can be slower than before it, while V8 compiles the request path all at once.)
// Run: node --import tsx bench/warmup-curve.ts dist/server.js
//   CURVE_WINDOWS (15), CURVE_WINDOW (200), CURVE_STREAM=1, CURVE_FLAGS ('--no-turbofan' ...).
// CPU is read from /proc in ticks of 10 ms: per window a rough figure.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { timedChatCall, type ChatTarget } from './chat-call';
import { cpuMs } from './peer/proc-stats';
import { median, spawnWithPort, stopProcess, upstreamSettings } from './processes';

const WINDOWS = Number(process.env.CURVE_WINDOWS ?? 15);
const WINDOW = Number(process.env.CURVE_WINDOW ?? 200);
const STREAM = process.env.CURVE_STREAM === '1';
const FLAGS = (process.env.CURVE_FLAGS ?? '').split(' ').filter(Boolean);
const BLOCK = 20;




async function main() {
  const file = resolve(process.argv[2] ?? join(__dirname, '..', 'dist', 'server.js'));
  const dir = mkdtempSync(join(tmpdir(), 'llm-router-curve-'));
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const children: ChildProcess[] = [];
  try {
    const upstream = await spawnWithPort(['--import', 'tsx', join(__dirname, 'peer', 'zero-latency-upstream.ts')]);
    children.push(upstream.child);
    const settings = upstreamSettings(dir, upstream.port);
    const gateway = await spawnWithPort([...FLAGS, file, '--http', '127.0.0.1:0', '--storage', dir, '--settings', settings], { LLM_ROUTER_GATEWAY_TOKEN: '' });
    children.push(gateway.child);
    const direct: ChatTarget = { name: 'direct', host: '127.0.0.1', port: upstream.port, model: 'm', headers: {} };
    const router: ChatTarget = { name: 'router', host: '127.0.0.1', port: gateway.port, model: 'up/m', headers: {} };
    console.log(`${STREAM ? 'streamed' : 'JSON'}, 1 client${FLAGS.length ? `, node ${FLAGS.join(' ')}` : ''}`);
    for (let w = 0; w < WINDOWS; w++) {
      const directMs: number[] = [];
      const routerMs: number[] = [];
      let cpu = 0;
      for (let block = 0; block < WINDOW / BLOCK; block++) {
        await timedChatCall(agent, direct, STREAM);
        for (let i = 0; i < BLOCK; i++) directMs.push(await timedChatCall(agent, direct, STREAM));
        const before = cpuMs(gateway.child.pid!);
        await timedChatCall(agent, router, STREAM);
        for (let i = 0; i < BLOCK; i++) routerMs.push(await timedChatCall(agent, router, STREAM));
        cpu += cpuMs(gateway.child.pid!) - before;
      }
      const calls = WINDOW + WINDOW / BLOCK;
      console.log(`calls ${String(w * calls).padStart(5)}-: added p50 ${(median(routerMs) - median(directMs)).toFixed(3)} ms, ` +
        `gateway CPU ${(cpu / calls).toFixed(2)} ms per call`);
    }
    console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
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
