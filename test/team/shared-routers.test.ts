// Two Routers (two replicas, each with its own SQLite ledger) sharing one real Redis, calling
// the fake providers through the official SDKs: they act as one for breakers, key cooldowns
// and budgets, stay within the stated overspend bound under concurrency, and keep answering
// when Redis goes away mid-load, converging when it returns.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Ledger } from '../../server/src/ledger/ledger';
import { SqliteLedgerStore } from '../../server/src/ledger/sqlite-store';
import { Router } from '../../server/src/pipeline/router';
import { RedisState } from '../../server/src/shared-state/redis/state';
import { ErrorCodes, type ExecuteParams, type ExecuteResult } from '../../shared/protocol';
import { parseSettings } from '../../shared/settings';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { fakeSettings, PRICES } from '../integration/fixtures';
import { useRedis } from './harness/redis';

const KEYS = { claude: ['test-key-claude-a', 'test-key-claude-b'] };
const MAX_TOKENS = 16;

interface Replica {
  router: Router;
  ledger: Ledger;
  state: RedisState;
  logs: string[];
}

describe('two gateway replicas sharing Redis (real redis-server, fake providers)', function () {
  this.timeout(60_000);
  const fake = useFakeProviders();
  const redis = useRedis();
  let dir: string;
  let replicas: Replica[] = [];

  beforeEach(async () => {
    const admin = new Redis(redis().url);
    await admin.flushall();
    admin.disconnect();
    dir = mkdtempSync(join(tmpdir(), 'llmr-team-'));
  });
  afterEach(async () => {
    for (const r of replicas) {
      await r.state.close();
      r.ledger.close();
    }
    replicas = [];
    rmSync(dir, { recursive: true, force: true });
  });

  function settingsWith(extra: Record<string, unknown>) {
    const parsed = parseSettings(fakeSettings(fake(), { cache: { enabled: false }, ...extra }));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    return parsed.settings;
  }

  async function start(extra: Record<string, unknown> = {}): Promise<[Replica, Replica]> {
    for (const name of ['a', 'b']) {
      const logs: string[] = [];
      const state = await RedisState.connect(redis().url, (line) => logs.push(line));
      const ledger = Ledger.open(join(dir, name));
      const router = new Router(new SqliteLedgerStore(ledger), settingsWith(extra), KEYS, {}, Date.now, process.env.NO_SHARE ? undefined : state);
      replicas.push({ router, ledger, state, logs });
    }
    return [replicas[0], replicas[1]];
  }

  const sink = () => ({ signal: new AbortController().signal });
  const ask = (r: Replica, over: Partial<ExecuteParams> = {}) =>
    r.router.execute({ workspaceId: 'ws', kind: 'ask', prompt: 'how do I reverse a list in python', maxTokens: MAX_TOKENS, ...over }, sink());
  const isBlocked = (e: unknown) => (e as { code?: number }).code === ErrorCodes.BudgetBlocked;
  const spentIn = (r: Replica, workspaceId = 'ws') => r.ledger.spend(workspaceId, new Date()).todayUsd;

  it('skips on replica B a model whose breaker opened on failures seen by replica A', async () => {
    const [a, b] = await start({ resilience: { retriesPerModel: 0, breakerFailures: 3, breakerHalfOpenAfterMs: 60_000 } });
    fake().script({ kind: 'status', status: 500 }, { model: 'tiny-coder', times: 'always' });
    for (let i = 0; i < 3; i++) {
      const result = await ask(a, { prompt: `question ${i}` });
      assert.notEqual(result.model, 'local/tiny-coder');
    }
    assert.equal(fake().requestsFor('tiny-coder').length, 3);
    const onB = await ask(b, { prompt: 'a question for B' });
    assert.notEqual(onB.model, 'local/tiny-coder');
    assert.equal(fake().requestsFor('tiny-coder').length, 3, 'B made no call to the model A found failing');
    assert.equal(onB.attempts.some((x) => x.model === 'local/tiny-coder'), false);
    assert.equal(b.router.resilience.breakers.state('local/tiny-coder'), 'open');
  });

  it('skips on replica B a key that hit a rate limit on replica A', async () => {
    const [a, b] = await start();
    fake().script({ kind: 'status', status: 429, retryAfter: '60' }, { key: KEYS.claude[0], model: 'claude-fake', times: 'always' });
    const onA = await ask(a, { model: 'claude/claude-fake' });
    assert.equal(onA.model, 'claude/claude-fake');
    assert.deepEqual(fake().requestsFor('claude-fake').map((r) => r.apiKey), KEYS.claude, 'A rotated past the limited key');
    for (let i = 0; i < 3; i++) await ask(b, { model: 'claude/claude-fake', prompt: `from B ${i}` });
    const keysUsed = fake().requestsFor('claude-fake').map((r) => r.apiKey);
    assert.deepEqual(keysUsed.slice(2), [KEYS.claude[1], KEYS.claude[1], KEYS.claude[1]], 'B never tried the resting key');
  });

  it('skips on replica B a key the provider rejected (401) on replica A, storing only a digest of it in Redis', async () => {
    const [a, b] = await start();
    fake().script({ kind: 'status', status: 401 }, { key: KEYS.claude[0], model: 'claude-fake', times: 'always' });
    const onA = await ask(a, { model: 'claude/claude-fake' });
    assert.equal(onA.model, 'claude/claude-fake');
    assert.deepEqual(fake().requestsFor('claude-fake').map((r) => r.apiKey), KEYS.claude, 'A rotated past the rejected key');
    for (let i = 0; i < 3; i++) await ask(b, { model: 'claude/claude-fake', prompt: `from B ${i}` });
    const keysUsed = fake().requestsFor('claude-fake').map((r) => r.apiKey);
    assert.deepEqual(keysUsed.slice(2), [KEYS.claude[1], KEYS.claude[1], KEYS.claude[1]], 'B never sent the rejected key');
    const admin = new Redis(redis().url);
    try {
      const stored = [...(await admin.keys('*')), ...(await Promise.all((await admin.keys('*')).map((k) => admin.get(k).catch(() => ''))))];
      assert.ok(stored.every((s) => !KEYS.claude.some((key) => (s ?? '').includes(key))), 'no key in Redis, by name or value');
    } finally {
      admin.disconnect();
    }
  });

  it('gives a rejected key another chance on a replica whose key list changed, and not on the others', async () => {
    const [a, b] = await start();
    fake().script({ kind: 'status', status: 401 }, { key: KEYS.claude[0], model: 'claude-fake', times: 1 });
    await ask(a, { model: 'claude/claude-fake' });
    // B is given a new list holding the same key (the user fixed it at the provider and added a key).
    b.router.resilience.setKeys(new Map([['claude', [...KEYS.claude, 'test-key-claude-c']]]));
    fake().reset();
    for (let i = 0; i < 3; i++) await ask(b, { model: 'claude/claude-fake', prompt: `from B ${i}` });
    assert.ok(fake().requestsFor('claude-fake').some((r) => r.apiKey === KEYS.claude[0]), 'B tried the key again');
    fake().reset();
    for (let i = 0; i < 3; i++) await ask(a, { model: 'claude/claude-fake', prompt: `from A ${i}` });
    assert.ok(fake().requestsFor('claude-fake').every((r) => r.apiKey !== KEYS.claude[0]), 'A, whose list is unchanged, still skips it');
  });

  it('counts a budget spent through A and B together once, and blocks both once it is spent', async () => {
    const [a, b] = await start();
    const first = await ask(a, { model: 'local/big-coder' });
    const cost = first.usage.costUsd;
    assert.ok(cost > 0);
    // Room for two and a half answers: the third is admitted (spend is still under), then none.
    for (const r of [a, b]) {
      assert.ok(r.router.updateSettings({ ...fakeSettings(fake()), cache: { enabled: false }, budget: { dailyUsd: cost * 2.5, onExceed: 'block' } }).ok);
    }
    await ask(b, { model: 'local/big-coder' });
    await ask(a, { model: 'local/big-coder' });
    await assert.rejects(ask(b, { model: 'local/big-coder' }), isBlocked, 'B knows what A spent');
    await assert.rejects(ask(a, { model: 'local/big-coder' }), isBlocked);
    const total = spentIn(a) + spentIn(b);
    assert.ok(Math.abs(total - 3 * cost) < 1e-12, `spent ${total}, expected ${3 * cost}`);
  });

  it('keeps concurrent requests on both replicas within the budget plus one request\'s maximum cost', async () => {
    const [a, b] = await start();
    const probe = await ask(a, { workspaceId: 'probe', model: 'local/big-coder' });
    const cost = probe.usage.costUsd;
    // The reservation: the prompt plus the longest answer allowed (MAX_TOKENS), on the dearest model.
    const price = PRICES['local/big-coder'];
    const maxCost = (probe.usage.inputTokens * price.in + MAX_TOKENS * price.out) / 1_000_000;
    assert.ok(maxCost >= cost);
    const limit = cost * 3;
    for (const r of [a, b]) {
      assert.ok(r.router.updateSettings({ ...fakeSettings(fake()), cache: { enabled: false }, budget: { dailyUsd: limit, onExceed: 'block' } }).ok);
    }
    const settled = await Promise.allSettled(
      Array.from({ length: 16 }, (_, i) => ask(i % 2 ? a : b, { workspaceId: 'load', model: 'local/big-coder' })),
    );
    const answered = settled.filter((s): s is PromiseFulfilledResult<ExecuteResult> => s.status === 'fulfilled');
    const refused = settled.filter((s) => s.status === 'rejected');
    assert.ok(refused.every((s) => isBlocked((s as PromiseRejectedResult).reason)), 'only budget refusals');
    assert.ok(answered.length >= 1 && refused.length >= 1, `${answered.length} answered, ${refused.length} refused`);
    const total = spentIn(a, 'load') + spentIn(b, 'load');
    // Each replica alone would have let all 16 through (16 x cost); the shared bound holds instead.
    assert.ok(total <= limit + maxCost + 1e-12, `spent ${total} > limit ${limit} + one maximum cost ${maxCost}`);
    assert.ok(16 * cost > limit + maxCost, 'the test would catch an unshared budget');
  });

  it('keeps answering with local state when Redis stops mid-load, and shares state again once it returns', async () => {
    const [a, b] = await start({ resilience: { retriesPerModel: 0, breakerFailures: 2, breakerHalfOpenAfterMs: 60_000 } });
    const results: PromiseSettledResult<ExecuteResult>[] = [];
    const batch = async (n: number, model?: string) => {
      const batchResults = await Promise.allSettled(
        Array.from({ length: 4 }, (_, i) => ask(i % 2 ? a : b, { prompt: `load ${n} ${i}`, model })),
      );
      results.push(...batchResults);
    };
    for (let n = 0; n < 3; n++) await batch(n);
    await redis().stop();
    for (let n = 3; n < 6; n++) await batch(n);
    for (const r of [a, b]) assert.equal(r.logs.filter((l) => /unreachable/.test(l)).length, 1, r.logs.join('\n'));
    // While away, A opens a breaker by itself.
    fake().script({ kind: 'status', status: 500 }, { model: 'tiny-coder', times: 2 });
    await ask(a, { prompt: 'fails over 1' });
    await ask(a, { prompt: 'fails over 2' });
    assert.equal(a.router.resilience.breakers.state('local/tiny-coder'), 'open');
    await redis().restart();
    // (On the strong model: a success of tiny-coder on B would rightly close the circuit for all.)
    for (let n = 6; n < 9; n++) await batch(n, 'local/big-coder');
    await waitFor(() => a.state.connected && b.state.connected);
    assert.equal(results.filter((r) => r.status === 'rejected').length, 0, 'every request was answered');
    assert.equal(results.length, 36);
    for (const r of [a, b]) assert.equal(r.logs.filter((l) => /is back/.test(l)).length, 1, r.logs.join('\n'));
    // Converged: the circuit A opened alone is open for B.
    const before = fake().requestsFor('tiny-coder').length;
    const onB = await ask(b, { prompt: 'after the outage' });
    assert.notEqual(onB.model, 'local/tiny-coder');
    assert.equal(fake().requestsFor('tiny-coder').length, before);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
