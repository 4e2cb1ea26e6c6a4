// Requests recorded every way the ledger takes them (one commit, a group, the journal with a
// deferred commit), mixed with another process taking and releasing the write lock and with
// reads: whatever the order, budgets count every request at once, and once the lock is free
// (requests journaled behind it are tried again every 250 ms) the ledger holds each request
// exactly once, in the order it was recorded.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { LEDGER_FILE } from '../../../server/src/ledger/database';
import { Ledger } from '../../../server/src/ledger/ledger';
import { loadSqlite } from '../../../server/src/ledger/sqlite';
import { aRecord, makeTempDir, removeDir } from './helpers';

type Step =
  | { op: 'record' | 'soon'; cents: number }
  | { op: 'batch'; cents: number[] }
  | { op: 'lock' | 'unlock' | 'read' | 'reopen' };

const cents = fc.integer({ min: 1, max: 500 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('soon' as const), cents }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('record' as const), cents }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('batch' as const), cents: fc.array(cents, { minLength: 2, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('lock' as const, 'unlock' as const, 'read' as const, 'reopen' as const) }) },
);

/** A second connection holding the write lock, as another editor window or gateway would. */
function lockHolder(dir: string) {
  let db: { exec(sql: string): void; close(): void } | undefined;
  return {
    take() {
      if (db) return;
      db = new (loadSqlite().DatabaseSync)(path.join(dir, LEDGER_FILE));
      db.exec('BEGIN IMMEDIATE');
    },
    release() {
      db?.exec('COMMIT');
      db?.close();
      db = undefined;
    },
  };
}

describe('ledger: requests recorded every way, with the lock taken and released meanwhile', function () {
  this.timeout(120_000);

  it('counts every request in spend at once, and holds each exactly once, in order, once the lock frees', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const dir = makeTempDir();
        const lock = lockHolder(dir);
        let ledger = Ledger.open(dir);
        const at = aRecord().at;
        const day = new Date(at);
        const recorded: number[] = [];
        const recordOf = (c: number) => aRecord({ at, costUsd: c / 100, reasons: [`request ${recorded.length}`] });
        try {
          for (const s of steps) {
            if (s.op === 'soon') {
              ledger.recordSoon(recordOf(s.cents));
              recorded.push(s.cents);
            } else if (s.op === 'record') {
              ledger.record(recordOf(s.cents));
              recorded.push(s.cents);
            } else if (s.op === 'batch') {
              ledger.recordBatch(s.cents.map((c) => {
                const r = recordOf(c);
                recorded.push(c);
                return r;
              }));
            } else if (s.op === 'lock') lock.take();
            else if (s.op === 'unlock') lock.release();
            else if (s.op === 'read') ledger.history('ws-1', 1);
            else {
              ledger.close();
              ledger = Ledger.open(dir);
            }
            const spent = Math.round(ledger.spend('ws-1', day).todayUsd * 100);
            assert.equal(spent, recorded.reduce((a, b) => a + b, 0), 'budgets count every request at once');
          }
          lock.release();
          const deadline = Date.now() + 5_000;
          while (ledger.pendingCount > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
          const rows = ledger.history('ws-1', 1_000);
          assert.equal(ledger.pendingCount, 0, 'nothing left in the journal once the lock is free');
          // Newest first: the order they were recorded in, reversed.
          assert.deepEqual(rows.map((row) => row.reasons[0]), recorded.map((_, i) => `request ${i}`).reverse());
          assert.deepEqual(rows.map((row) => Math.round(row.costUsd * 100)), [...recorded].reverse());
        } finally {
          lock.release();
          ledger.close();
          removeDir(dir);
        }
      }),
      { numRuns: 30 },
    );
  });
});
