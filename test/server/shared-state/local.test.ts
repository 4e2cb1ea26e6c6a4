// The in-process shared state (one laptop, the stdio server, and a replica while Redis is away).
import assert from 'node:assert/strict';
import { LocalBudget } from '../../../server/src/shared-state/local-budget';
import { LocalRates } from '../../../server/src/shared-state/local-rates';
import type { ScopeLimit } from '../../../server/src/shared-state/types';

describe('in-process shared state', () => {
  const now = new Date(2026, 11, 7, 12);
  let ledger = { todayUsd: 0, monthUsd: 0 };
  const limit: ScopeLimit = { scope: 'workspace:ws', dailyUsd: 1, seed: async () => ledger };

  beforeEach(() => {
    ledger = { todayUsd: 0, monthUsd: 0 };
  });

  it('admits concurrent requests only while spend plus reservations is under the limit', async () => {
    const budget = new LocalBudget();
    const results = await Promise.all(Array.from({ length: 10 }, () => budget.reserve([limit], 0.3, now)));
    assert.equal(results.filter((r) => r.ok).length, 4, '0, 0.3, 0.6, 0.9 are under $1');
    assert.deepEqual(await budget.spend(limit, now), { todayUsd: 1.2, monthUsd: 1.2, inFlightUsd: 1.2 }, 'all of it reserved in flight, none spent');
  });

  it('reads the ledger only for scopes that can refuse: no limit, a soft scope or a free request read nothing', async () => {
    let reads = 0;
    const counted = (l: ScopeLimit): ScopeLimit => ({ ...l, seed: async () => (reads++, ledger) });
    const budget = new LocalBudget();
    await budget.reserve([counted({ scope: 'workspace:none', seed: async () => ledger }), counted({ ...limit, soft: true })], 0.3, now);
    await budget.reserve([counted(limit)], 0, now);
    assert.equal(reads, 0);
    await budget.reserve([counted(limit)], 0.3, now);
    assert.equal(reads, 1);
  });

  it('gives a settled reservation back; the ledger then holds the cost', async () => {
    const budget = new LocalBudget();
    const first = await budget.reserve([limit], 0.6, now);
    const second = await budget.reserve([limit], 0.6, now);
    assert.ok(first.ok && second.ok);
    assert.equal((await budget.reserve([limit], 0.6, now)).ok, false);
    ledger = { todayUsd: 0.1, monthUsd: 0.1 };
    await budget.settle(first.reservation);
    assert.deepEqual(await budget.spend(limit, now), { todayUsd: 0.7, monthUsd: 0.7, inFlightUsd: 0.6 });
    assert.ok((await budget.reserve([limit], 0.6, now)).ok);
  });

  it('always reserves on a soft scope, and never refuses a free request', async () => {
    const budget = new LocalBudget();
    ledger = { todayUsd: 5, monthUsd: 5 };
    assert.ok((await budget.reserve([{ ...limit, soft: true }], 0.3, now)).ok);
    assert.ok((await budget.reserve([limit], 0, now)).ok);
    const refused = await budget.reserve([limit, { scope: 'team', seed: () => ledger }], 0.3, now);
    assert.ok(!refused.ok && refused.scope === 'workspace:ws');
  });

  it('refuses a request of a second workspace once the first one\'s requests in flight filled the all-workspaces limit', async () => {
    const budget = new LocalBudget();
    const all: ScopeLimit = { scope: 'all-workspaces', dailyUsd: 1, seed: async () => ledger };
    const workspace = (id: string): ScopeLimit => ({ scope: `workspace:${id}`, dailyUsd: 5, seed: async () => ledger, soft: true });
    const first = await Promise.all([budget.reserve([workspace('a'), all], 0.5, now), budget.reserve([workspace('a'), all], 0.5, now)]);
    assert.ok(first.every((r) => r.ok));
    const second = await budget.reserve([workspace('b'), all], 0.5, now);
    assert.equal(second.ok, false);
    assert.equal(!second.ok && second.scope, 'all-workspaces');
    // Workspace b's own counter holds nothing: only the shared scope was full.
    assert.deepEqual(await budget.spend(workspace('b'), now), { todayUsd: 0, monthUsd: 0, inFlightUsd: 0 });
    assert.deepEqual(!second.ok && second.spend, { todayUsd: 1, monthUsd: 1, inFlightUsd: 1 }, 'the refusal tells the reservations from the spend');
  });

  it('counts requests per minute per scope', async () => {
    const rates = new LocalRates();
    const t = Date.UTC(2026, 11, 7, 12, 0, 30);
    assert.deepEqual([await rates.take('a', 2, t), await rates.take('a', 2, t), await rates.take('a', 2, t)], [true, true, false]);
    assert.equal(await rates.take('b', 2, t), true);
    assert.equal(await rates.take('a', 2, t + 30_000), true, 'the next minute');
  });
});
