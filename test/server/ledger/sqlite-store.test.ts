// The SQLite store's group commit: requests that finish in the same turn of the event loop
// share one transaction, and each promise resolves only once its row is committed.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { LEDGER_FILE } from '../../../server/src/ledger/database';
import { SqliteLedgerStore } from '../../../server/src/ledger/sqlite-store';
import { aRecord, assertUsdEqual, freshLedgerEachTest } from './helpers';

describe('SqliteLedgerStore group commit', () => {
  const fresh = freshLedgerEachTest();
  const store = () => new SqliteLedgerStore(fresh.ledger);

  /** Frames written to the write-ahead log since the last call (which empties it): what the commits wrote. */
  function walFramesSinceLast(): number {
    const db = new DatabaseSync(path.join(fresh.dir, LEDGER_FILE));
    try {
      const [row] = db.prepare('PRAGMA wal_checkpoint(PASSIVE)').all() as { log: number }[];
      db.prepare('PRAGMA wal_checkpoint(TRUNCATE)').all();
      return row.log;
    } finally {
      db.close();
    }
  }

  it('resolves each request of a group only once its row is in the ledger', async () => {
    const s = store();
    const records = [1, 2, 3, 4, 5].map((n) => aRecord({ costUsd: n / 100, latencyMs: n }));

    const ids = await Promise.all(records.map(async (record) => {
      const id = await s.record(record);
      assert.ok(fresh.ledger.history('ws-1', 10).some((row) => row.latencyMs === record.latencyMs), 'resolved before its commit');
      return id;
    }));

    assert.equal(new Set(ids).size, 5);
    assert.equal(fresh.ledger.history('ws-1', 10).length, 5);
  });

  it('writes one transaction for requests of the same turn, fewer log frames than one each', async () => {
    const s = store();
    walFramesSinceLast();
    for (let n = 0; n < 5; n++) await s.record(aRecord());
    const oneEach = walFramesSinceLast();

    await Promise.all([0, 1, 2, 3, 4].map(() => s.record(aRecord())));
    const grouped = walFramesSinceLast();

    assert.equal(fresh.ledger.history('ws-1', 20).length, 10);
    assert.ok(grouped < oneEach, `${grouped} frames grouped, ${oneEach} one by one`);
  });

  it('fails only the request that cannot be written, committing the rest of its group', async () => {
    const s = store();
    const bad = aRecord({ inputTokens: -1 });

    const results = await Promise.allSettled([s.record(aRecord()), s.record(bad), s.record(aRecord())]);

    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.equal(fresh.ledger.history('ws-1', 10).length, 2);
  });

  it('counts requests waiting for their commit in the spend budgets read meanwhile', async () => {
    const s = store();
    const at = Date.now();

    const recorded = s.record(aRecord({ at, costUsd: 0.25 }));
    const spend = await s.spend('ws-1', new Date(at));
    await recorded;

    assertUsdEqual(spend.todayUsd, 0.25);
    assertUsdEqual((await s.spend('ws-1', new Date(at))).todayUsd, 0.25);
  });
});
