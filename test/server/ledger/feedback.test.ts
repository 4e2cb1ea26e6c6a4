import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Ledger } from '../../../server/src/ledger/ledger';
import { SCHEMA_VERSION } from '../../../server/src/ledger/schema';
import { loadSqlite } from '../../../server/src/ledger/sqlite';
import { aRecord, freshLedgerEachTest } from './helpers';

const DAY = 24 * 60 * 60_000;
const NOW = new Date(2025, 2, 20, 12, 0).getTime();

describe('ledger feedback', () => {
  const fresh = freshLedgerEachTest();

  it('counts answers and signals per kind and model of one workspace, since the window start', () => {
    const { ledger } = fresh;
    for (let i = 0; i < 4; i++) ledger.record(aRecord({ at: NOW - i * 1000, kind: 'explain', model: 'p/cheap' }));
    ledger.record(aRecord({ at: NOW, kind: 'refactor', model: 'p/cheap' }));
    ledger.record(aRecord({ at: NOW, kind: 'explain', model: 'p/cheap', workspaceId: 'other' }));
    ledger.record(aRecord({ at: NOW - 30 * DAY, kind: 'explain', model: 'p/cheap' }));
    const signal = (over: Partial<Parameters<Ledger['recordFeedback']>[0]>) =>
      assert.equal(ledger.recordFeedback({ workspaceId: 'ws-1', kind: 'explain', model: 'p/cheap', signal: 'retried', at: NOW, ...over }), true);
    signal({});
    signal({});
    signal({ signal: 'accepted' });
    signal({ kind: 'refactor', signal: 'rejected' });
    signal({ at: NOW - 30 * DAY }); // before the window
    signal({ workspaceId: 'other' });

    const evidence = ledger.feedbackEvidence('ws-1', NOW - 14 * DAY);
    const sorted = [...evidence].sort((a, b) => a.kind.localeCompare(b.kind));
    assert.deepEqual(sorted, [
      { kind: 'explain', model: 'p/cheap', answered: 4, signals: { accepted: 1, rejected: 0, retried: 2, undone: 0 } },
      { kind: 'refactor', model: 'p/cheap', answered: 1, signals: { accepted: 0, rejected: 1, retried: 0, undone: 0 } },
    ]);
  });

  it('upgrades a schema-5 ledger in place: its requests kept, feedback recorded after', () => {
    const { dir } = fresh;
    fresh.ledger.record(aRecord({ at: NOW, kind: 'explain', model: 'p/cheap' }));
    fresh.ledger.close();
    // Back to how schema 5 left it: no feedback table (nor the later journal_copied, day index and refused column), user_version 5.
    const file = path.join(dir, 'ledger.sqlite');
    const db = new (loadSqlite().DatabaseSync)(file);
    db.exec('DROP TABLE feedback; DROP TABLE journal_copied; DROP INDEX daily_totals_by_day; ALTER TABLE requests DROP COLUMN refused; PRAGMA user_version = 5');
    db.close();

    fresh.ledger = Ledger.open(dir);
    assert.equal(SCHEMA_VERSION, 9);
    assert.equal(fresh.ledger.history('ws-1', 10).length, 1);
    assert.equal(fresh.ledger.recordFeedback({ workspaceId: 'ws-1', kind: 'explain', model: 'p/cheap', signal: 'undone', at: NOW }), true);
    const [evidence] = fresh.ledger.feedbackEvidence('ws-1', NOW - DAY);
    assert.equal(evidence.answered, 1);
    assert.equal(evidence.signals.undone, 1);
    const check = new (loadSqlite().DatabaseSync)(file, { readOnly: true });
    try {
      assert.equal((check.prepare('PRAGMA user_version').get() as { user_version: number }).user_version, 9);
    } finally {
      check.close();
    }
  });

  it('refuses a signal the schema does not know instead of storing it', () => {
    assert.throws(() =>
      fresh.ledger.recordFeedback({ workspaceId: 'ws-1', kind: 'explain', model: 'p/cheap', signal: 'loved' as 'accepted', at: NOW }),
    );
  });
});
