import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LEDGER_FILE } from '../../../server/src/ledger/database';
import { JOURNAL_DIR } from '../../../server/src/ledger/journal';
import { Ledger } from '../../../server/src/ledger/ledger';
import { loadSqlite } from '../../../server/src/ledger/sqlite';
import { aRecord, makeTempDir, removeDir } from './helpers';

describe('ledger journal (write lock held elsewhere)', () => {
  let dir: string;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => removeDir(dir));

  function holdLock() {
    const db = new (loadSqlite().DatabaseSync)(path.join(dir, LEDGER_FILE));
    db.exec('BEGIN EXCLUSIVE');
    return () => {
      db.exec('COMMIT');
      db.close();
    };
  }

  it('journals requests while the lock is held, counts them in spend, and copies them in once it frees', async () => {
    const ledger = Ledger.open(dir);
    try {
      const release = holdLock();
      const started = Date.now();
      ledger.record(aRecord({ at: Date.now(), costUsd: 0.25 }));
      ledger.record(aRecord({ at: Date.now(), costUsd: 0.5 }));
      assert.ok(Date.now() - started < 2_000, 'no 5 s wait for the lock');
      assert.equal(ledger.pendingCount, 2);
      assert.equal(ledger.spend('ws-1').todayUsd, 0.75, 'budgets see journaled spend');
      release();
      const deadline = Date.now() + 5_000;
      while (ledger.pendingCount > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.equal(ledger.pendingCount, 0);
      assert.equal(ledger.usage('ws-1').total.requests, 2);
      assert.equal(ledger.spend('ws-1').todayUsd, 0.75, 'counted once, not twice');
      assert.deepEqual(fs.readdirSync(path.join(dir, JOURNAL_DIR)), [], 'the journal is emptied');
    } finally {
      ledger.close();
    }
  });

  it('copies a journal left by a process that stopped while the lock was held at the next open, once', () => {
    const first = Ledger.open(dir);
    const release = holdLock();
    first.record(aRecord());
    first.close(); // the lock is still held: the request stays journaled
    assert.equal(fs.readdirSync(path.join(dir, JOURNAL_DIR)).length, 1);
    release();
    for (let i = 0; i < 2; i++) {
      const again = Ledger.open(dir);
      try {
        assert.equal(again.usage('ws-1').total.requests, 1);
      } finally {
        again.close();
      }
    }
  });
});
