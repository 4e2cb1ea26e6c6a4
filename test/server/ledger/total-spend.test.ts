// The all-workspaces budget reads every workspace's spend of today and of the month from the
// daily_totals rollup, before each request with such a limit: it must add up every workspace,
// keep to the calendar, and read only the month's rows of its covering index.
import assert from 'node:assert/strict';
import { SqliteLedgerStore } from '../../../server/src/ledger/sqlite-store';
import { ALL_WORKSPACES_SPEND_SQL } from '../../../server/src/ledger/usage';
import { aRecord, assertUsdEqual, freshLedgerEachTest, makeTempDir, removeDir } from './helpers';

describe('Ledger: spend of all workspaces together', () => {
  const fresh = freshLedgerEachTest();
  const now = new Date(2025, 2, 10, 18, 0);

  it('adds up today and this month over every workspace, leaving out other days and months', () => {
    fresh.ledger.record(aRecord({ workspaceId: 'alpha', costUsd: 0.4 }));
    fresh.ledger.record(aRecord({ workspaceId: 'beta', costUsd: 0.7 }));
    fresh.ledger.record(aRecord({ workspaceId: 'gamma', costUsd: 0.5, at: new Date(2025, 2, 1, 9, 0).getTime() }));
    fresh.ledger.record(aRecord({ workspaceId: 'alpha', costUsd: 3, at: new Date(2025, 1, 28, 23, 59).getTime() }));

    const total = fresh.ledger.totalSpend(now);
    assertUsdEqual(total.todayUsd, 1.1);
    assertUsdEqual(total.monthUsd, 1.6);
    // Each workspace's own spend is unchanged by the new query.
    assertUsdEqual(fresh.ledger.spend('alpha', now).todayUsd, 0.4);
  });

  it('is zero on an empty ledger', () => {
    assert.deepEqual(fresh.ledger.totalSpend(now), { todayUsd: 0, monthUsd: 0 });
  });

  it('reads the month from the covering day index, not by scanning every workspace’s rows', () => {
    const plan = fresh.ledger['parts'].db.prepare(`EXPLAIN QUERY PLAN ${ALL_WORKSPACES_SPEND_SQL}`).all('2025-03-10', '2025-03-01', '2025-04-01') as { detail: string }[];
    assert.deepEqual(plan.map((row) => row.detail), ['SEARCH daily_totals USING COVERING INDEX daily_totals_by_day (day>? AND day<?)']);
  });
});

describe('SqliteLedgerStore: spend of all workspaces together', () => {
  it('counts a request still waiting for its commit in this turn of the event loop', async () => {
    const dir = makeTempDir();
    const store = SqliteLedgerStore.open(dir);
    try {
      const now = new Date(2025, 2, 10, 18, 0);
      const recorded = store.record(aRecord({ workspaceId: 'alpha', costUsd: 0.25 }));
      // No await between: the record is queued for the turn's shared transaction.
      const before = store.totalSpend(now);
      await recorded;
      assertUsdEqual((await before).todayUsd, 0.25);
      assertUsdEqual((await store.totalSpend(now)).todayUsd, 0.25);
    } finally {
      await store.close();
      removeDir(dir);
    }
  });
});
