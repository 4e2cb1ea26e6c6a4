// Where the gateway's time goes early and late in its life at 1 client (not part of `npm run
// bench`): one --cpu-prof of a gateway started fresh and called PROFILE_CALLS times, its
// samples split into two windows of calls (by the time each window began and ended here),
// each summed per call by kind (our bundle, Node's own JavaScript, system calls, GC) and
// by function. Run a second time with PROFILE_FLAGS=--no-turbofan to see the early window's
// cost at the baseline tier. Figures count samples (PROFILE_INTERVAL µs each): a sampler
// delayed on a busy machine takes fewer, so compare windows of one run, not runs.
// Run: node --import tsx bench/profile-windows.ts [dist/server.js]
//   PROFILE_CALLS (3500), PROFILE_EARLY ('100-520': bench:gateway's cold calls), PROFILE_LATE ('2000-3500'),
//   PROFILE_STREAM=1, PROFILE_FLAGS, PROFILE_INTERVAL (100), PROFILE_TOP (30).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { timedChatCall } from './chat-call';
import { spawnWithPort, upstreamSettings } from './processes';

const CALLS = Number(process.env.PROFILE_CALLS ?? 3500);
const STREAM = process.env.PROFILE_STREAM === '1';
const FLAGS = (process.env.PROFILE_FLAGS ?? '').split(' ').filter(Boolean);
const INTERVAL_US = Number(process.env.PROFILE_INTERVAL ?? 100);
const TOP = Number(process.env.PROFILE_TOP ?? 30);
const range = (text: string) => text.split('-').map(Number) as [number, number];
const WINDOWS = { early: range(process.env.PROFILE_EARLY ?? '100-520'), late: range(process.env.PROFILE_LATE ?? '2000-3500') };

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number }


/** The profiler's clock (µs, monotonic) as this process reads it. */
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

function kindOf(node: ProfileNode): string | undefined {
  const { functionName: name, url } = node.callFrame;
  if (name === '(idle)') return undefined;
  if (name.startsWith('(')) return name;
  if (url.endsWith('server.js')) return 'our bundle';
  if (url === '') return `native ${name}`;
  return url.startsWith('node:') || !url.includes('/') || url.includes('internal') ? "Node's JavaScript" : 'other JavaScript';
}

async function main() {
  const file = resolve(process.argv[2] ?? join(__dirname, '..', 'dist', 'server.js'));
  const dir = mkdtempSync(join(tmpdir(), 'llm-router-profile-windows-'));
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const marks = new Map<number, number>();
  try {
    const upstream = await spawnWithPort(['--import', 'tsx', join(__dirname, 'peer', 'zero-latency-upstream.ts')]);
    const settings = upstreamSettings(dir, upstream.port);
    const profiles = join(dir, 'profiles');
    const args = [...FLAGS, '--cpu-prof', '--cpu-prof-interval', String(INTERVAL_US), '--cpu-prof-dir', profiles, file, '--http', '127.0.0.1:0', '--storage', dir, '--settings', settings];
    const gateway = await spawnWithPort(args, { LLM_ROUTER_GATEWAY_TOKEN: '' });
    const target = { name: 'router', host: '127.0.0.1', port: gateway.port, model: 'up/m', headers: {} };
    for (let i = 0; i <= CALLS; i++) {
      marks.set(i, nowUs());
      if (i < CALLS) await timedChatCall(agent, target, STREAM);
    }
    gateway.child.kill('SIGINT');
    await new Promise((done) => gateway.child.once('exit', done));
    upstream.child.kill('SIGTERM');
    const profile = JSON.parse(readFileSync(join(profiles, readdirSync(profiles)[0]), 'utf8')) as Profile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    for (const [name, [from, to]] of Object.entries(WINDOWS)) {
      const start = marks.get(from)!;
      const end = marks.get(to)!;
      const calls = to - from;
      const byKind = new Map<string, number>();
      const byFunction = new Map<string, number>();
      let t = profile.startTime;
      for (let i = 0; i < profile.samples.length; i++) {
        t += profile.timeDeltas[i];
        if (t < start || t >= end) continue;
        const node = byId.get(profile.samples[i])!;
        const kind = kindOf(node);
        if (kind === undefined) continue;
        byKind.set(kind, (byKind.get(kind) ?? 0) + INTERVAL_US);
        const fn = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber + 1}`;
        byFunction.set(fn, (byFunction.get(fn) ?? 0) + INTERVAL_US);
      }
      const busy = [...byKind.values()].reduce((a, b) => a + b, 0);
      console.log(`\n${name}: calls ${from}-${to}, ${((end - start) / calls).toFixed(0)} µs per call, ${(busy / calls).toFixed(0)} µs of it sampled busy`);
      const show = (map: Map<string, number>, count: number) => {
        for (const [label, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, count)) console.log(`${(us / calls).toFixed(1).padStart(8)} µs  ${label}`);
      };
      show(byKind, 8);
      console.log('  by function:');
      show(byFunction, TOP);
    }
  } finally {
    agent.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
