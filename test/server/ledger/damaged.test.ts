import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { Ledger } from '../../../server/src/ledger/ledger';
import { ledgerWithRequests, touchFromAnotherConnection, zeroRequestsRootPage } from './damage';
import { aRecord, makeTempDir, removeDir } from './helpers';

describe('ledger damaged inside', () => {
  let dir: string;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => removeDir(dir));

  const kept = () => fs.readdirSync(dir).filter((name) => /^ledger\.sqlite\.unreadable-[^-]+.*\d{3}Z$/.test(name));

  it('finds a zeroed interior page at open, moves the file aside and starts fresh, naming the kept copy', () => {
    ledgerWithRequests(dir);
    zeroRequestsRootPage(dir);
    const ledger = Ledger.open(dir);
    try {
      assert.match(ledger.notice ?? '', /could not be read \(database disk image is malformed.*\); it was moved to .*ledger\.sqlite\.unreadable-/);
      assert.equal(kept().length, 1);
      assert.ok(ledger.notice?.includes(kept()[0]));
      ledger.record(aRecord());
      assert.equal(ledger.history('ws-1', 10).length, 1, 'the fresh ledger works');
    } finally {
      ledger.close();
    }
  });

  it('moves the file aside when a statement finds damage while running, tells the listener, and answers from a fresh ledger', () => {
    ledgerWithRequests(dir);
    const notices: string[] = [];
    const ledger = Ledger.open(dir, { onNotice: (n) => void notices.push(n) });
    try {
      assert.equal(ledger.notice, undefined);
      zeroRequestsRootPage(dir);
      touchFromAnotherConnection(dir);
      assert.deepEqual(ledger.history('ws-1', 5), [], 'answered from the fresh ledger, not a "malformed" error');
      assert.equal(notices.length, 1);
      assert.match(notices[0], /database disk image is malformed.*moved to .*ledger\.sqlite\.unreadable-/);
      const id = ledger.record(aRecord());
      assert.ok(id > 0);
      assert.equal(ledger.usage('ws-1').total.requests, 1);
    } finally {
      ledger.close();
    }
  });
});
