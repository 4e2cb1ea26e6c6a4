// The faults an outside probe found, each run against real processes on 127.0.0.1 and
// summed up in one line. Bounded in count and time; `npm run test:chaos` runs them all.
import { connect } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEDGER_FILE } from '../../server/src/ledger/database';
import { Ledger } from '../../server/src/ledger/ledger';
import { loadSqlite } from '../../server/src/ledger/sqlite';
import { FakeProviders } from '../fakes/fake-providers';
import { fakeSettings, API_KEYS } from '../integration/fixtures';
import { FAULTS, sendFault } from '../integration/framing-faults';
import { GatewayProcess, runGatewayExpectingExit } from '../integration/gateway-process';
import { countRequests, holdWriteLock } from '../integration/ledger-lock';
import { ServerProcess } from '../integration/server-process';
import { ledgerWithRequests, zeroRequestsRootPage } from '../server/ledger/damage';
import { chat, percentile, seconds, sendAtRate, type Sent } from './load';

const NO_TOKEN = { LLM_ROUTER_GATEWAY_TOKEN: '' };

function localOnly(fake: FakeProviders, extra: Record<string, unknown> = {}) {
  return fakeSettings(fake, { cache: { enabled: false }, providers: fakeSettings(fake).providers.filter((p) => p.id === 'local'), ...extra });
}

async function withFakes<T>(run: (fake: FakeProviders) => Promise<T>): Promise<T> {
  const fake = await FakeProviders.start();
  try {
    return await run(fake);
  } finally {
    await fake.stop();
  }
}

/** 1. The first choice never answers, at a steady rate, with the default timeouts (60 s call, 15 s first byte). */
export function hangingFirstChoice(rps = 10, durationS = 20): Promise<string> {
  return withFakes(async (fake) => {
    const resilience = { retriesPerModel: 0, breakerFailures: 3, breakerHalfOpenAfterMs: 120_000 };
    const gateway = await GatewayProcess.start({ settings: localOnly(fake, { resilience }), env: NO_TOKEN });
    try {
      fake.script({ kind: 'hang' }, { model: 'tiny-coder', times: 'always' });
      const sent = await sendAtRate(gateway.url, rps * durationS, 1000 / rps, { model: 'local/tiny-coder' });
      const ok = sent.filter((s) => s.status === 200);
      const calledHanging = fake.requestsFor('tiny-coder').length;
      const ms = sent.map((s) => s.ms);
      return `hanging first choice: ${sent.length} requests at ${rps}/s, p50 ${seconds(percentile(ms, 50))}, max ${seconds(Math.max(...ms))}, ` +
        `${ok.length} answered (by ${[...new Set(ok.map((s) => s.model))].join(', ')}), ${calledHanging} called the hanging model`;
    } finally {
      await gateway.stop();
    }
  });
}

/** 2. Another process holds the ledger's write lock while requests run. */
export function ledgerLocked(rps = 10, durationS = 10): Promise<string> {
  return withFakes(async (fake) => {
    const gateway = await GatewayProcess.start({ settings: localOnly(fake), env: NO_TOKEN });
    const file = join(gateway.storageDir, LEDGER_FILE);
    try {
      const lock = await holdWriteLock(file);
      const modelsMs: number[] = [];
      let sent: Sent[];
      try {
        const polling = (async () => {
          for (let i = 0; i < durationS; i++) {
            const started = performance.now();
            await (await fetch(`${gateway.url}/models`)).arrayBuffer();
            modelsMs.push(performance.now() - started);
            await new Promise((r) => setTimeout(r, 1000));
          }
        })();
        sent = await sendAtRate(gateway.url, rps * durationS, 1000 / rps);
        await polling;
      } finally {
        await lock.release();
      }
      const answered = sent.filter((s) => s.status === 200).length;
      const errors = sent.filter((s) => s.status >= 500).length;
      const released = performance.now();
      while (countRequests(file) < answered && performance.now() - released < 10_000) await new Promise((r) => setTimeout(r, 50));
      const rows = countRequests(file);
      return `ledger locked by another process for ${durationS} s: ${sent.length} requests, ${answered} answered, ${errors} errors, ` +
        `GET /v1/models max ${(Math.max(...modelsMs)).toFixed(0)} ms, ${rows} of ${answered} answers in the ledger ${seconds(performance.now() - released)} after release`;
    } finally {
      await gateway.stop();
    }
  });
}

/** 3. A ledger with a zeroed interior page, given to both faces. */
export function damagedLedger(requests = 20): Promise<string> {
  return withFakes(async (fake) => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-router-chaos-'));
    try {
      ledgerWithRequests(dir);
      zeroRequestsRootPage(dir);
      const gateway = await GatewayProcess.start({ settings: localOnly(fake), env: NO_TOKEN, storageDir: dir });
      let sent: Sent[];
      try {
        sent = await sendAtRate(gateway.url, requests, 10);
      } finally {
        gateway.child.kill('SIGTERM');
        await new Promise((r) => gateway.child.once('exit', r));
      }
      const told = /moved to \S+unreadable-/.test(gateway.stderr);
      ledgerWithRequests(dir);
      zeroRequestsRootPage(dir);
      const server = await ServerProcess.start({ settings: fakeSettings(fake), apiKeys: API_KEYS, storageDir: dir });
      try {
        await server.waitFor(() => server.messages.length > 0).catch(() => undefined);
      } finally {
        await server.stop();
      }
      const warned = server.messages.some((m) => m.type === 2 && /unreadable-/.test(m.message));
      return `damaged ledger (zeroed interior page): gateway ${sent.filter((s) => s.status === 200).length}/${requests} answered, ` +
        `stderr names the kept copy: ${told ? 'yes' : 'NO'}; stdio server warned the user with the path: ${warned ? 'yes' : 'NO'}`;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** 4. Every framing fault, each to its own stdio server. */
export async function framingFaults(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'llm-router-chaos-'));
  try {
    let answered = 0;
    let exited = 0;
    let deaf = 0;
    for (const fault of FAULTS) {
      const outcome = await sendFault(fault.bytes, dir);
      if (outcome.answered) answered++;
      else if (outcome.exitCode !== null && outcome.exitCode !== 0 && /malformed message frame/.test(outcome.stderr)) exited++;
      else deaf++;
    }
    return `framing faults: ${FAULTS.length} sent, ${answered} answered normally, ${exited} exited non-zero with a stderr line, ${deaf} alive but deaf`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 5. Silent sockets, too many sockets, large bodies, weak tokens. */
export function httpExhaustion(): Promise<string> {
  return withFakes(async (fake) => {
    const gateway = await GatewayProcess.start({ settings: localOnly(fake), env: NO_TOKEN });
    const { port } = new URL(gateway.url);
    const open = () =>
      new Promise<{ closed: Promise<number> }>((resolve) => {
        const started = performance.now();
        const socket = connect(Number(port), '127.0.0.1');
        socket.on('error', () => undefined);
        // Read whatever the gateway sends before it closes (Node's own 408 on a timed-out socket):
        // an unread reply would hold back the socket's 'end', and so its 'close', forever.
        socket.resume();
        const closed = new Promise<number>((r) => socket.once('close', () => r(performance.now() - started)));
        socket.once('connect', () => resolve({ closed }));
        socket.once('close', () => resolve({ closed }));
      });
    try {
      const silent = await Promise.all(Array.from({ length: 200 }, open));
      const closedAfter = await Promise.all(silent.map((s) => s.closed));
      const flood = await Promise.all(Array.from({ length: 300 }, open));
      const refusedAt = await Promise.all(flood.map((s) => Promise.race([s.closed, new Promise<number>((r) => setTimeout(() => r(Infinity), 500))])));
      const refused = refusedAt.filter((ms) => ms < 500).length;
      await Promise.all(flood.map((s) => s.closed));

      const rssBefore = peakRssMb(gateway.child.pid!);
      // Buffered whole, then refused as JSON (unterminated): what matters is the memory held while reading.
      const big = `{"model":"auto","messages":[{"role":"user","content":"${'x'.repeat(31 * 1024 * 1024)}`;
      const statuses = await Promise.all(
        Array.from({ length: 10 }, () =>
          fetch(`${gateway.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big, signal: AbortSignal.timeout(30_000) })
            .then(async (r) => (await r.arrayBuffer(), r.status))
            .catch(() => 0),
        ),
      );
      const rssAfter = peakRssMb(gateway.child.pid!);
      const tally = Object.entries(statuses.reduce<Record<number, number>>((t, s) => ((t[s] = (t[s] ?? 0) + 1), t), {}))
        .map(([status, n]) => `${n}x ${status}`).join(', ');
      const spaces = await runGatewayExpectingExit(['--http', '127.0.0.1:0', '--storage', join(tmpdir(), 'llm-router-never-opened')], { LLM_ROUTER_GATEWAY_TOKEN: '   ' });
      const short = await runGatewayExpectingExit(['--http', '127.0.0.1:0', '--storage', join(tmpdir(), 'llm-router-never-opened')], { LLM_ROUTER_GATEWAY_TOKEN: 'x' });
      return `HTTP exhaustion: 200 silent sockets all closed by ${seconds(Math.max(...closedAfter))}; ` +
        `300 more at once: ${refused} refused at the connection cap; ten 31 MB bodies: ${tally}, peak RSS ${rssBefore} -> ${rssAfter} MB; ` +
        `whitespace token: exit ${spaces.code}, 1-character token: exit ${short.code}`;
    } finally {
      await gateway.stop();
    }
  });
}

/** 6. kill -9 under load: every request answered before the kill is in the ledger. */
export async function killUnderLoad(durationMs = 3_000, concurrency = 8): Promise<string> {
  const { answered, missing } = await answeredThenKilled(durationMs, concurrency);
  return `kill -9 under load: ${answered.length} answered before the kill, ${answered.length - missing.length} of them in the ledger, ${missing.length} missing`;
}

/** Workspaces of the requests answered before a SIGKILL, and those of them the ledger lacks. */
export function answeredThenKilled(durationMs: number, concurrency: number): Promise<{ answered: string[]; missing: string[] }> {
  return withFakes(async (fake) => {
    const gateway = await GatewayProcess.start({ settings: localOnly(fake), env: NO_TOKEN });
    try {
      const answered: string[] = [];
      let next = 0;
      let stop = false;
      const workers = Array.from({ length: concurrency }, async () => {
        while (!stop) {
          const sent = await chat(gateway.url, `kill-${next++}`);
          if (sent.status === 200) answered.push(sent.workspace);
        }
      });
      await new Promise((r) => setTimeout(r, durationMs));
      const exited = new Promise((r) => gateway.child.once('exit', r));
      gateway.child.kill('SIGKILL');
      await exited;
      stop = true;
      await Promise.all(workers);
      // What the next process to open the ledger finds: opening copies in the killed one's journal.
      Ledger.open(gateway.storageDir).close();
      const db = new (loadSqlite().DatabaseSync)(join(gateway.storageDir, LEDGER_FILE));
      let recorded: Set<string>;
      try {
        recorded = new Set(db.prepare('SELECT workspace_id FROM requests').all().map((r) => String(r.workspace_id)));
      } finally {
        db.close();
      }
      return { answered, missing: answered.filter((w) => !recorded.has(w)) };
    } finally {
      await gateway.stop();
    }
  });
}

function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}
