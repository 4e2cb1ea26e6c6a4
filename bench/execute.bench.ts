// The router's overhead: router/execute through the real server process (JSON-RPC,
// classify, select, ledger commit, usage notification) against calling the same fake
// provider directly with the OpenAI SDK; and the same router with an all-workspaces budget that
// blocks, whose reservation is one more write transaction in the ledger file per paid request
// (shared by every window: ledger/reservations.ts). Loopback only; stops by itself.
// Run after `npm run build`: node --import tsx bench/execute.bench.ts
import OpenAI from 'openai';
import { ExecuteRequest } from '../shared/protocol';
import { FakeProviders } from '../test/fakes/fake-providers';
import { fakeSettings } from '../test/integration/fixtures';
import { ServerProcess } from '../test/integration/server-process';
import { ms, sample, summarise } from './stats';

const N = 400;
const WARMUP = 50;

async function main() {
  const fake = await FakeProviders.start();
  const server = await ServerProcess.start({ settings: fakeSettings(fake, { cache: { enabled: false } }) });
  // A limit no run reaches: every request reserves and releases, none is refused.
  const blockBudget = { onExceed: 'warn', allWorkspaces: { dailyUsd: 1_000_000, onExceed: 'block' } };
  const budgeted = await ServerProcess.start({ settings: fakeSettings(fake, { cache: { enabled: false }, budget: blockBudget }) });
  try {
    const params = (i: number) => ({ workspaceId: 'bench', kind: 'explain' as const, model: 'local/tiny-coder', prompt: `explain closures, take ${i}` });
    const viaRouter = (i: number) => server.connection.sendRequest(ExecuteRequest.type, params(i));
    const viaBudgeted = (i: number) => budgeted.connection.sendRequest(ExecuteRequest.type, params(i));
    const client = new OpenAI({ baseURL: fake.openaiUrl, apiKey: 'unused', maxRetries: 0 });
    const direct = (i: number) =>
      client.chat.completions.create({
        model: 'tiny-coder',
        messages: [{ role: 'user', content: `explain closures, take ${i}` }],
        max_tokens: 1500,
        temperature: 0,
      });
    await sample(WARMUP, viaRouter);
    await sample(WARMUP, direct);
    await sample(WARMUP, viaBudgeted);
    // Interleave the two so drift in machine load hits both alike.
    const routed: number[] = [];
    const straight: number[] = [];
    const reserved: number[] = [];
    for (let i = 0; i < N; i++) {
      routed.push(...(await sample(1, () => viaRouter(i))));
      straight.push(...(await sample(1, () => direct(i))));
      reserved.push(...(await sample(1, () => viaBudgeted(i))));
    }
    const r = summarise(routed);
    const d = summarise(straight);
    const b = summarise(reserved);
    console.log(`direct SDK call to fake provider:  p50 ${ms(d.p50)}  p99 ${ms(d.p99)}`);
    console.log(`router/execute (server process):   p50 ${ms(r.p50)}  p99 ${ms(r.p99)}`);
    console.log(`router overhead:                   p50 ${ms(r.p50 - d.p50)}  p99 ${ms(r.p99 - d.p99)}  (${N} requests each)`);
    console.log(`with an all-workspaces block limit: p50 ${ms(b.p50)}  p99 ${ms(b.p99)}  (shared reservation: p50 ${ms(b.p50 - r.p50)}  p99 ${ms(b.p99 - r.p99)})`);
  } finally {
    await budgeted.stop();
    await server.stop();
    await fake.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
