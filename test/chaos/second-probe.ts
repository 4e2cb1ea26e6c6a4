// The faults the second outside probe found, each run against real processes on 127.0.0.1 and
// summed up in one line: input that used to hold the event loop, providers that misbehave
// after their 200, and clients that stop reading. Bounded in count and time.
import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import type { Behaviour } from '../fakes/behaviours';
import { FakeProviders } from '../fakes/fake-providers';
import { fakeSettings } from '../integration/fixtures';
import { gatewayEnv, gatewaySettings } from '../integration/gateway-fixtures';
import { GatewayProcess } from '../integration/gateway-process';

async function withGateway<T>(settings: (fake: FakeProviders) => unknown, run: (gateway: GatewayProcess, fake: FakeProviders) => Promise<T>): Promise<T> {
  const fake = await FakeProviders.start();
  try {
    const gateway = await GatewayProcess.start({ settings: settings(fake), env: gatewayEnv });
    try {
      return await run(gateway, fake);
    } finally {
      await gateway.stop();
    }
  } finally {
    await fake.stop();
  }
}

/** The gateway's CPU time so far (utime + stime), in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

/** 7. Bodies that used to hold the event loop: what each costs the gateway, and the longest wait of GET /v1/models meanwhile. */
export function inputStalls(): Promise<string> {
  return withGateway((fake) => gatewaySettings(fake), async (gateway) => {
    const pid = gateway.child.pid!;
    const tool = (i: number) => ({ type: 'function', function: { name: `tool_${i}`, description: 'd'.repeat(100), parameters: { type: 'object', properties: { a: { type: 'string' } } } } });
    const bodies: [string, string, string][] = [
      ['for comparison, one small request', 'chat/completions', JSON.stringify({ model: 'local/tiny-coder', messages: [{ role: 'user', content: 'hi' }] })],
      ['10,000 messages (4 MB)', 'chat/completions', JSON.stringify({ model: 'auto', messages: Array.from({ length: 10_000 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `message ${i} explain `.repeat(20) })) })],
      ['19 MB nested 10 million deep', 'chat/completions', `{"model":"auto","messages":${'['.repeat(10_000_000)}${']'.repeat(10_000_000)}}`],
      ['1,000 tools', 'chat/completions', JSON.stringify({ model: 'local/tiny-coder', messages: [{ role: 'user', content: 'hi' }], tools: Array.from({ length: 1_000 }, (_, i) => tool(i)) })],
      ['a 16 KB path of slashes', `${'/'.repeat(16_000)}x`, '{}'],
    ];
    // Warmed up first: the first request loads the classifier and the token tables.
    await (await fetch(`${gateway.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[0][2] })).arrayBuffer();
    const parts: string[] = [];
    for (const [label, path, body] of bodies) {
      let slowest = 0;
      let failedPolls = 0;
      let polling = true;
      const poll = (async () => {
        while (polling) {
          const started = performance.now();
          try {
            await (await fetch(`${gateway.url}/models`)).arrayBuffer();
          } catch {
            failedPolls++;
          }
          slowest = Math.max(slowest, performance.now() - started);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const before = cpuMs(pid);
      const statuses: number[] = [];
      // The path is sent 20 times: one costs little, many at once held the loop.
      for (let i = 0; i < (path.startsWith('/') ? 20 : 1); i++) {
        try {
          const response = await fetch(`${gateway.url}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          await response.arrayBuffer();
          statuses.push(response.status);
        } catch {
          statuses.push(0); // the connection failed: no answer at all
        }
      }
      polling = false;
      await poll;
      parts.push(`${label}: ${[...new Set(statuses)].map((st) => (st === 0 ? 'connection failed' : st)).join('/')} in ${cpuMs(pid) - before} ms of gateway CPU, GET /v1/models waited at most ${slowest.toFixed(0)} ms${failedPolls ? ` (${failedPolls} failed)` : ''}`);
    }
    return `input stalls: ${parts.join('; ')}`;
  });
}

/** 8. Providers that misbehave after their 200: an endless line, keep-alive events only, a 1e12-token usage report. */
export function providerAfter200(): Promise<string> {
  const resilience = { retriesPerModel: 0, timeoutMs: 2_000, firstByteTimeoutMs: 2_000, breakerFailures: 100 };
  return withGateway((fake) => gatewaySettings(fake, { resilience, budget: { dailyUsd: 5, onExceed: 'block' } }), async (gateway, fake) => {
    const pid = gateway.child.pid!;
    const ask = async (model: string, behaviour: Behaviour) => {
      fake.script(behaviour, { model: model.split('/')[1] });
      const started = performance.now();
      try {
        const response = await fetch(`${gateway.url}/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
          signal: AbortSignal.timeout(30_000),
        });
        await response.arrayBuffer();
        return `${response.headers.get('x-llm-router-model') === model ? 'answered by it' : 'fell back'} in ${((performance.now() - started) / 1000).toFixed(1)} s`;
      } catch {
        return `no answer after ${((performance.now() - started) / 1000).toFixed(1)} s`;
      } finally {
        fake.clearScripts();
      }
    };
    const rssBefore = peakRssMb(pid);
    const line = [await ask('local/tiny-coder', { kind: 'endless-line', megabytes: 300 }), await ask('claude/claude-fake', { kind: 'endless-line', megabytes: 300 })];
    const rssAfter = peakRssMb(pid);
    const alive = [await ask('local/tiny-coder', { kind: 'keep-alive', everyMs: 100 }), await ask('claude/claude-fake', { kind: 'keep-alive', everyMs: 100 })];
    await ask('local/tiny-coder', { kind: 'usage', inputTokens: 1e12, outputTokens: 1e12 });
    const usage = (await (await fetch(`${gateway.url}/router/usage`)).json()) as { today: { costUsd: number }; budget: { state: string } };
    return `provider faults after 200: 300 MB line without end (OpenAI, Anthropic): ${line.join(', ')}, peak RSS ${rssBefore} -> ${rssAfter} MB; ` +
      `empty events every 100 ms (timeout 2 s): ${alive.join(', ')}; 1e12-token usage: day's spend $${usage.today.costUsd.toFixed(6)}, budget ${usage.budget.state}`;
  });
}

/** 9. Clients that send a streamed request and read nothing of a 200,000-token answer. */
export function unreadClients(clients = 5): Promise<string> {
  // A generous timeout: the fake streaming 5 x 200,000 events shares this process's CPU.
  const settings = (fake: FakeProviders) => {
    const base = fakeSettings(fake);
    return { ...base, cache: { enabled: false }, providers: base.providers.filter((p) => p.id === 'local'), resilience: { ...base.resilience, timeoutMs: 60_000 } };
  };
  return withGateway(settings, async (gateway, fake) => {
    const pid = gateway.child.pid!;
    const { port } = new URL(gateway.url);
    fake.script({ kind: 'reply', text: 'word '.repeat(200_000) }, { model: 'tiny-coder', times: clients });
    const rssBefore = peakRssMb(pid);
    const body = JSON.stringify({ model: 'local/tiny-coder', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const sockets = Array.from({ length: clients }, (_, i) => {
      const socket = connect(Number(port), '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write(`POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\n` +
        `x-llm-router-workspace: unread-${i}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      socket.pause();
      return socket;
    });
    type Row = { outcome: string; outputTokens: number };
    const rows = async () => (await Promise.all(sockets.map(async (_, i) =>
      ((await (await fetch(`${gateway.url}/router/history`, { headers: { 'x-llm-router-workspace': `unread-${i}` } })).json()) as { history: Row[] }).history))).flat();
    const started = performance.now();
    let recorded: Row[] = [];
    while (recorded.length < clients && performance.now() - started < 60_000) {
      await new Promise((r) => setTimeout(r, 500));
      recorded = await rows();
    }
    const rssAfter = peakRssMb(pid);
    for (const socket of sockets) socket.destroy();
    const outcomes = Object.entries(recorded.reduce<Record<string, number>>((t, r) => ((t[r.outcome] = (t[r.outcome] ?? 0) + 1), t), {}))
      .map(([outcome, n]) => `${n} ${outcome}`).join(', ');
    const tokens = recorded.map((r) => r.outputTokens);
    return `unread clients: ${clients} streams of a 200,000-token answer nobody reads: recorded ${outcomes || 'nothing'} ` +
      `(${Math.min(...tokens)}-${Math.max(...tokens)} streamed tokens billed) within ${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS ${rssBefore} -> ${rssAfter} MB`;
  });
}
