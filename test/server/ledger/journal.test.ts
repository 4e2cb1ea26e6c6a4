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
      const journals = fs.readdirSync(path.join(dir, JOURNAL_DIR)).map((name) => fs.readFileSync(path.join(dir, JOURNAL_DIR, name), 'utf8'));
      assert.deepEqual(journals.filter((text) => text !== ''), [], 'the journal is emptied');
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

  describe('requests recorded with recordSoon', () => {
    const ownJournal = () => path.join(dir, JOURNAL_DIR, `${process.pid}.jsonl`);

    it('copies a journal left by a crash between its commit and emptying the journal only once', () => {
      const first = Ledger.open(dir);
      first.recordSoon(aRecord({ costUsd: 0.25 }));
      first.recordSoon(aRecord({ costUsd: 0.5 }));
      const committed = fs.readFileSync(ownJournal(), 'utf8');
      assert.equal(first.usage('ws-1').total.requests, 2, 'a read commits them');
      first.close();
      assert.equal(fs.existsSync(ownJournal()), false, 'the journal is emptied after its commit');
      // As if killed before emptying it: the two committed entries are back, and a third
      // recorded after that commit follows them.
      const third = { id: 4_503_599_627_370_497, record: aRecord({ costUsd: 1 }) };
      fs.mkdirSync(path.dirname(ownJournal()), { recursive: true });
      fs.writeFileSync(ownJournal(), `${committed}${JSON.stringify(third)}\n`);
      for (let i = 0; i < 2; i++) {
        const again = Ledger.open(dir);
        try {
          assert.equal(again.usage('ws-1').total.requests, 3);
          assert.equal(again.spend('ws-1', new Date(aRecord().at)).todayUsd, 1.75);
        } finally {
          again.close();
        }
      }
    });

    it('empties its journal file in place after each commit, and removes it when the ledger closes', () => {
      const ledger = Ledger.open(dir);
      ledger.recordSoon(aRecord());
      const file = fs.statSync(ownJournal()).ino;
      assert.equal(ledger.usage('ws-1').total.requests, 1, 'a read commits it');
      assert.equal(fs.statSync(ownJournal()).size, 0, 'emptied once committed');
      ledger.recordSoon(aRecord());
      assert.equal(fs.statSync(ownJournal()).ino, file, 'the same file takes the next request, not one created again');
      assert.equal(fs.readFileSync(ownJournal(), 'utf8').split('\n').filter((line) => line !== '').length, 1);
      ledger.close();
      assert.equal(fs.existsSync(ownJournal()), false, 'a clean close leaves no journal');
      const again = Ledger.open(dir);
      try {
        assert.equal(again.usage('ws-1').total.requests, 2);
      } finally {
        again.close();
      }
    });

    it('keeps journaled requests in the order they were recorded once committed', () => {
      const ledger = Ledger.open(dir);
      try {
        const at = aRecord().at;
        for (const model of ['p/first', 'p/second', 'p/third']) ledger.recordSoon(aRecord({ at, model }));
        assert.deepEqual(ledger.history('ws-1', 10).map((row) => row.model), ['p/third', 'p/second', 'p/first']);
      } finally {
        ledger.close();
      }
    });

    it('refuses a record the ledger could not store before journaling it', () => {
      const ledger = Ledger.open(dir);
      try {
        assert.throws(() => ledger.recordSoon(aRecord({ costUsd: Number.NaN })), /costUsd/);
        assert.equal(ledger.pendingCount, 0);
      } finally {
        ledger.close();
      }
    });
  });
});
