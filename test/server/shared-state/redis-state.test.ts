// The Redis shared state against a real redis-server (test/team/harness/redis.ts): two
// RedisState instances play two replicas, each with its own breaker registry and key pool.
import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { localDay, localMonth } from '../../../server/src/ledger/localTime';
import { ProviderError } from '../../../server/src/providers/errors';
import { BreakerRegistry } from '../../../server/src/resilience/breaker';
import { KeyPool } from '../../../server/src/resilience/keys';
import { COMMAND_TIMEOUT_MS } from '../../../server/src/shared-state/redis/link';
import { RedisState } from '../../../server/src/shared-state/redis/state';
import type { LocalResilience, ResilienceState, ScopeLimit } from '../../../server/src/shared-state/types';
import { useRedis } from '../../team/harness/redis';

const OPTIONS = { breakerFailures: 3, breakerHalfOpenAfterMs: 1_000, timeoutMs: 5_000 };
const REF = 'local/tiny-coder';

interface Replica {
  state: RedisState;
  local: LocalResilience;
  resilience: ResilienceState;
  logs: string[];
}

describe('shared state in Redis (real redis-server)', function () {
  this.timeout(20_000);
  const redis = useRedis();
  let admin: Redis;
  let clock: number;
  const replicas: Replica[] = [];

  before(() => {
    admin = new Redis(redis().url);
  });
  after(() => admin.disconnect());
  beforeEach(async () => {
    await admin.flushall();
    clock = Date.now();
  });
  afterEach(async () => {
    for (const r of replicas.splice(0)) await r.state.close();
  });

  async function replica(): Promise<Replica> {
    const logs: string[] = [];
    const state = await RedisState.connect(redis().url, (line) => logs.push(line));
    const now = () => clock;
    const local: LocalResilience = { breakers: new BreakerRegistry(OPTIONS, now), keys: new KeyPool(now), options: () => OPTIONS, now };
    const r = { state, local, resilience: state.resilience(local), logs };
    replicas.push(r);
    return r;
  }

  const serverError = () => new ProviderError('server', 'boom', 500);
  const scope = (seed: { todayUsd: number; monthUsd: number }, limits: Partial<ScopeLimit> = {}): ScopeLimit => ({
    scope: 'workspace:ws',
    seed: () => seed,
    ...limits,
  });

  it('opens the breaker on replica B once replica A saw breakerFailures failures', async () => {
    const [a, b] = [await replica(), await replica()];
    for (let i = 0; i < OPTIONS.breakerFailures; i++) {
      assert.equal(await a.resilience.acquire(REF), true);
      await a.resilience.failed(REF, serverError(), false);
    }
    assert.equal(await b.resilience.acquire(REF), false);
    assert.equal(b.local.breakers.state(REF), 'open', 'B mirrors the shared circuit for selection and health');
  });

  it('shows replica B a circuit replica A opened before B calls the model (selection and health read it)', async () => {
    const [a, b] = [await replica(), await replica()];
    await a.resilience.stalled(REF);
    assert.equal(b.local.breakers.state(REF), 'closed', 'B has not heard yet');
    await b.resilience.refreshCircuits([REF, 'local/big-coder']);
    assert.equal(b.local.breakers.state(REF), 'open');
    assert.equal(b.local.breakers.state('local/big-coder'), 'closed');
    await a.resilience.succeeded(REF, 5);
    await b.resilience.refreshCircuits([REF]);
    assert.equal(b.local.breakers.state(REF), 'closed');
  });

  it('counts failures seen on two replicas together, and a success on either closes the circuit for both', async () => {
    const [a, b] = [await replica(), await replica()];
    await a.resilience.failed(REF, serverError(), false);
    await b.resilience.failed(REF, serverError(), false);
    await a.resilience.succeeded(REF, 10);
    await b.resilience.failed(REF, serverError(), false);
    await a.resilience.failed(REF, serverError(), false);
    assert.equal(await b.resilience.acquire(REF), true, 'two failures since the success: still closed');
    await b.resilience.failed(REF, serverError(), false);
    assert.equal(await a.resilience.acquire(REF), false, 'the third opens it for both');
  });

  it('lets exactly one half-open probe through across replicas, then closes for all on its success', async () => {
    const [a, b] = [await replica(), await replica()];
    await a.resilience.stalled(REF);
    clock += OPTIONS.breakerHalfOpenAfterMs;
    const verdicts = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).resilience.acquire(REF)));
    assert.equal(verdicts.filter(Boolean).length, 1, `one probe, got ${verdicts.join(',')}`);
    const prober = verdicts.indexOf(true) % 2 ? a : b;
    await prober.resilience.succeeded(REF, 20);
    assert.equal(await a.resilience.acquire(REF), true);
    assert.equal(await b.resilience.acquire(REF), true);
    assert.equal(b.local.breakers.state(REF), 'closed');
  });

  it('keeps a key rejected on replica A out on replica B, Redis holding only when, under a digest of the key', async () => {
    const [a, b] = [await replica(), await replica()];
    for (const r of [a, b]) r.local.keys.setKeys('claude', ['sk-first-secret', 'sk-second-secret']);
    a.local.keys.coolUntil('claude', 'sk-first-secret', Infinity); // as the fallback walk does after a 401
    await a.resilience.cooled('claude', 'sk-first-secret', Infinity);
    await b.resilience.syncKeys('claude');
    for (let i = 0; i < 3; i++) {
      const pick = b.local.keys.pick('claude');
      assert.equal(pick.status === 'ok' && pick.key, 'sk-second-secret');
    }
    const stored = await admin.keys('*');
    assert.ok(stored.some((k) => k.startsWith('llmr:rejected:claude:')), stored.join(' '));
    for (const key of stored) {
      assert.ok(!key.includes('secret'));
      assert.ok(!String(await admin.get(key).catch(() => '')).includes('secret'));
    }
  });

  it('shares a key rejected while Redis was away once it returns', async () => {
    const [a, b] = [await replica(), await replica()];
    for (const r of [a, b]) r.local.keys.setKeys('claude', ['sk-first-secret', 'sk-second-secret']);
    await redis().stop();
    a.local.keys.coolUntil('claude', 'sk-first-secret', Infinity);
    await a.resilience.cooled('claude', 'sk-first-secret', Infinity);
    await redis().restart();
    await waitFor(() => a.state.connected && b.state.connected && a.logs.some((l) => /is back/.test(l)));
    await b.resilience.syncKeys('claude');
    for (let i = 0; i < 3; i++) {
      const pick = b.local.keys.pick('claude');
      assert.equal(pick.status === 'ok' && pick.key, 'sk-second-secret', 'B learned of the rejection A saw alone');
    }
  });

  it('rests a key cooled down on replica A on replica B too, without storing the key in Redis', async () => {
    const [a, b] = [await replica(), await replica()];
    for (const r of [a, b]) r.local.keys.setKeys('claude', ['sk-first-secret', 'sk-second-secret']);
    await a.resilience.cooled('claude', 'sk-first-secret', clock + 60_000);
    await b.resilience.syncKeys('claude');
    for (let i = 0; i < 3; i++) {
      const pick = b.local.keys.pick('claude');
      assert.equal(pick.status === 'ok' && pick.key, 'sk-second-secret');
    }
    const stored = await admin.keys('*');
    assert.ok(stored.some((k) => k.startsWith('llmr:cool:claude:')), stored.join(' '));
    assert.ok(!stored.some((k) => k.includes('secret')), stored.join(' '));
    for (const key of stored) assert.ok(!String(await admin.get(key).catch(() => '')).includes('secret'));
  });

  it('counts spend once across replicas, with reservations in flight, seeding a missing counter from the ledger', async () => {
    const [a, b] = [await replica(), await replica()];
    const now = new Date(clock);
    let ledger = { todayUsd: 1, monthUsd: 5 };
    const limit: ScopeLimit = { scope: 'developer:ana', seed: () => ledger };
    assert.deepEqual(await a.state.budget.spend(limit, now), { todayUsd: 1, monthUsd: 5, inFlightUsd: 0 });
    const reserved = await a.state.budget.reserve([limit], 0.5, now);
    assert.ok(reserved.ok);
    assert.deepEqual(await b.state.budget.spend(limit, now), { todayUsd: 1.5, monthUsd: 5.5, inFlightUsd: 0.5 }, 'the reservation in flight, said apart');
    ledger = { todayUsd: 1.25, monthUsd: 5.25 }; // the ledger records the request, then it settles
    await a.state.budget.settle(reserved.reservation, 0.25);
    assert.deepEqual(await b.state.budget.spend(limit, now), { todayUsd: 1.25, monthUsd: 5.25, inFlightUsd: 0 });
    // Redis loses its data: the ledger is the source of truth.
    await admin.flushall();
    ledger = { todayUsd: 2, monthUsd: 7 };
    assert.deepEqual(await b.state.budget.spend(limit, now), { todayUsd: 2, monthUsd: 7, inFlightUsd: 0 });
  });

  it('seeds every missing counter of a request\'s scopes (a team request: workspace, developer, team) and reserves in Redis, so its cost is counted', async () => {
    const [a, b] = [await replica(), await replica()];
    const now = new Date(clock);
    // The first request of a day, or after Redis lost its data: none of its three counters exists yet.
    const scopes = ['workspace:ws', 'developer:ana', 'team:core'].map((name) => ({ scope: name, seed: () => ({ todayUsd: 1, monthUsd: 2 }) }));
    const reserved = await a.state.budget.reserve(scopes, 0.5, now);
    assert.ok(reserved.ok);
    await a.state.budget.settle(reserved.reservation, 0.25);
    for (const limit of scopes) {
      assert.deepEqual(await b.state.budget.spend(limit, now), { todayUsd: 1.25, monthUsd: 2.25, inFlightUsd: 0 }, `${limit.scope}: the request is counted on the shared counter`);
    }
  });

  it('drops the counters recount names, so the next request seeds them from the ledger (requests it holds that reached it late)', async () => {
    const [a, b] = [await replica(), await replica()];
    const now = new Date(clock);
    let ledger = { todayUsd: 1, monthUsd: 2 };
    const limit: ScopeLimit = { scope: 'developer:ana', seed: () => ledger };
    const other: ScopeLimit = { scope: 'developer:bo', seed: () => ({ todayUsd: 3, monthUsd: 4 }) };
    await a.state.budget.spend(limit, now);
    await a.state.budget.spend(other, now);
    ledger = { todayUsd: 1.5, monthUsd: 2.5 }; // a replica's journal written to the ledger
    await b.state.budget.recount?.([{ scope: 'developer:ana', day: localDay(now), month: localMonth(now) }]);
    assert.deepEqual(await a.state.budget.spend(limit, now), { todayUsd: 1.5, monthUsd: 2.5, inFlightUsd: 0 }, 'seeded again from the ledger');
    assert.deepEqual(await a.state.budget.spend(other, now), { todayUsd: 3, monthUsd: 4, inFlightUsd: 0 }, 'other scopes kept');
  });

  it('admits concurrent requests from two replicas only while spend plus reservations is under the limit: overspend at most one maximum cost', async () => {
    const [a, b] = [await replica(), await replica()];
    const now = new Date(clock);
    const limit = scope({ todayUsd: 0.1, monthUsd: 0.1 }, { dailyUsd: 1 });
    const maxCost = 0.3;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).state.budget.reserve([limit], maxCost, now)));
    const admitted = results.filter((r) => r.ok).length;
    // 0.1, 0.4, 0.7 are under $1: three admitted, whichever replica asked first.
    assert.equal(admitted, 3);
    assert.ok(0.1 + admitted * maxCost <= 1 + maxCost);
    const refused = results.find((r) => !r.ok);
    assert.ok(refused && !refused.ok && refused.scope === 'workspace:ws');
    // A soft scope (onExceed warn/downgrade) admits every request, and still reserves.
    const warned = await a.state.budget.reserve([{ ...limit, soft: true }], maxCost, now);
    assert.ok(warned.ok);
    // A free request never exceeds.
    assert.ok((await b.state.budget.reserve([limit], 0, now)).ok);
  });

  it('gives a settled reservation\'s room back, counting its actual cost instead', async () => {
    const [a, b] = [await replica(), await replica()];
    const now = new Date(clock);
    const limit = scope({ todayUsd: 0, monthUsd: 0 }, { dailyUsd: 1 });
    const first = await a.state.budget.reserve([limit], 0.9, now);
    assert.ok(first.ok);
    assert.ok((await b.state.budget.reserve([limit], 0.9, now)).ok, '0.9 < 1: admitted, overspend bounded by its max');
    assert.equal((await b.state.budget.reserve([limit], 0.9, now)).ok, false);
    await a.state.budget.settle(first.reservation, 0.05);
    const spend = await b.state.budget.spend(limit, now);
    assert.ok(Math.abs(spend.todayUsd - 0.95) < 1e-9, String(spend.todayUsd));
  });

  it('counts requests per minute per scope across replicas', async () => {
    const [a, b] = [await replica(), await replica()];
    const taken = [];
    for (let i = 0; i < 6; i++) taken.push(await (i % 2 ? a : b).state.rates.take('developer:ana', 5, clock));
    assert.deepEqual(taken, [true, true, true, true, true, false]);
    assert.equal(await a.state.rates.take('developer:bo', 5, clock), true, 'another scope has its own count');
    assert.equal(await a.state.rates.take('developer:ana', 5, clock + 60_000), true, 'a new minute starts afresh');
  });

  it('serves an answer cached by replica A to replica B until its TTL runs out', async () => {
    const [a, b] = [await replica(), await replica()];
    const answer = { text: 'cached', model: REF, inputTokens: 3, outputTokens: 1 };
    await a.state.cache.put('k1', answer, 300);
    assert.deepEqual(await b.state.cache.get('k1', clock), answer);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(await b.state.cache.get('k1', clock), undefined);
  });

  it('refuses to connect to a Redis that does not answer, naming it without its password', async () => {
    await assert.rejects(RedisState.connect('redis://user:hunter2@127.0.0.1:1', () => undefined), (e: Error) =>
      /redis redis:\/\/user@127\.0\.0\.1:1 is unreachable/.test(e.message) && !e.message.includes('hunter2'));
  });

  it('falls back to local state when Redis stops, says so once, and converges when it returns', async () => {
    const [a, b] = [await replica(), await replica()];
    const now = new Date(clock);
    const limit = scope({ todayUsd: 0, monthUsd: 0 }, { dailyUsd: 1 });
    await a.state.budget.spend(limit, now);
    await redis().stop();
    // Local breakers: A's failures open A's own circuit, at once, with no wait on Redis.
    const started = Date.now();
    for (let i = 0; i < OPTIONS.breakerFailures; i++) await a.resilience.failed(REF, serverError(), false);
    assert.equal(await a.resilience.acquire(REF), false);
    const reserved = await a.state.budget.reserve([limit], 0.2, now);
    assert.ok(reserved.ok, 'local reservations while Redis is away');
    assert.equal(await a.state.rates.take('workspace:ws', 1, clock), true);
    assert.equal(await a.state.rates.take('workspace:ws', 1, clock), false, 'local limits still hold');
    assert.equal(await b.state.cache.get('k', clock), undefined);
    assert.ok(Date.now() - started < 2_000, 'nothing waited for Redis');
    assert.equal(a.logs.filter((l) => /unreachable/.test(l)).length, 1, a.logs.join('\n'));
    await a.resilience.failed(REF, serverError(), false);
    assert.equal(a.logs.filter((l) => /unreachable/.test(l)).length, 1, 'told once');

    await redis().restart();
    await waitFor(() => a.state.connected && b.state.connected);
    assert.ok(a.logs.some((l) => /is back/.test(l) && /1 circuit opened here while it was away pushed/.test(l)), a.logs.join('\n'));
    assert.equal(await b.resilience.acquire(REF), false, 'the circuit A opened alone is open for B');
    // Redis lost its data: the counters re-seed from the ledger.
    assert.ok(a.logs.some((l) => /re-seed from the ledger/.test(l)), a.logs.join('\n'));
    await a.state.budget.settle(reserved.reservation, 0.1);
    assert.deepEqual(await b.state.budget.spend(limit, now), { todayUsd: 0, monthUsd: 0, inFlightUsd: 0 });
  });

  it('counts once what was spent while Redis was frozen, on the counters it kept, and drops the reservations it missed the end of', async () => {
    const [a, b] = [await replica(), await replica()];
    const now = new Date(clock);
    const limit = scope({ todayUsd: 0, monthUsd: 0 }, { dailyUsd: 1 });
    const inRedis = await a.state.budget.reserve([limit], 0.4, now);
    assert.ok(inRedis.ok);
    redis().pause();
    try {
      // Redis misses the answer; the command itself runs once Redis thaws, and A settles again: counted once.
      await a.state.budget.settle(inRedis.reservation, 0.3);
      const local = await a.state.budget.reserve([limit], 0.2, now);
      assert.ok(local.ok);
      await a.state.budget.settle(local.reservation, 0.1);
    } finally {
      redis().resume();
    }
    await waitFor(() => a.state.connected);
    assert.ok(a.logs.some((l) => /is back/.test(l) && /\$0\.100000 spent on local reservations while it was away added/.test(l)), a.logs.join('\n'));
    const spend = await b.state.budget.spend(limit, now);
    assert.ok(Math.abs(spend.todayUsd - 0.4) < 1e-9 && Math.abs(spend.monthUsd - 0.4) < 1e-9, JSON.stringify(spend));
  });

  it('bounds what a Redis that stopped answering (SIGSTOP) costs a request, then uses local state until it answers again', async () => {
    const [a] = [await replica()];
    assert.equal(await a.resilience.acquire(REF), true);
    redis().pause();
    try {
      let started = Date.now();
      assert.equal(await a.resilience.acquire(REF), true, 'local verdict');
      const first = Date.now() - started;
      assert.ok(first < COMMAND_TIMEOUT_MS + 1_000, `the first command gave up after ${first} ms`);
      started = Date.now();
      await Promise.all(Array.from({ length: 20 }, () => a.resilience.acquire(REF)));
      assert.ok(Date.now() - started < COMMAND_TIMEOUT_MS, 'later ones do not wait at all while Redis is away');
      assert.equal(a.logs.filter((l) => /unreachable/.test(l)).length, 1, a.logs.join('\n'));
    } finally {
      redis().resume();
    }
    await waitFor(() => a.state.connected);
    assert.ok(a.logs.some((l) => /is back/.test(l)), a.logs.join('\n'));
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
