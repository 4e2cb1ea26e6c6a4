// The all-workspaces budget's requests in flight, shared through the ledger file by every
// server on it (each window of the profile): what one server reserved counts for another, until
// its request's row is in the file; a server that is gone leaves nothing reserved; a file held
// locked by another process is said to be busy rather than waited for.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { openDatabase } from '../../../server/src/ledger/database';
import { SharedReservations } from '../../../server/src/ledger/reservations';
import type { DatabaseSync } from '../../../server/src/ledger/sqlite';
import type { Spend } from '../../../server/src/ledger/types';
import { aRecord, assertUsdEqual, freshLedgerEachTest } from './helpers';

const LIMIT = 1;
const LAPSE_MS = 60_000;
const now = new Date(2025, 2, 10, 12, 0);
const fitsUnder = (amount: number) => (spend: Spend) => spend.todayUsd + amount <= LIMIT;

describe('SharedReservations (the all-workspaces budget across servers on one ledger file)', () => {
  const fresh = freshLedgerEachTest();
  const opened: DatabaseSync[] = [];
  let pending: Record<number, number>;

  /** A server with its own connection to the file and process id; `pending` says how many of its requests wait in its journal. */
  function server(pid: number): SharedReservations {
    const db = openDatabase(fresh.dir).db;
    opened.push(db);
    pending[pid] = 0;
    return new SharedReservations(() => db, (at) => fresh.ledger.totalSpend(at), () => pending[pid], pid);
  }

  beforeEach(() => {
    pending = {};
  });
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });

  it("counts another server's requests in flight, and refuses one that would pass the limit with them", () => {
    const a = server(process.pid);
    const b = server(process.ppid);
    const first = a.reserve('req-a', 0.6, LAPSE_MS, now, fitsUnder(0.6));
    assert.deepEqual(first, { reserved: true, spend: { todayUsd: 0, monthUsd: 0, inFlightUsd: 0 } });

    const second = b.reserve('req-b', 0.6, LAPSE_MS, now, fitsUnder(0.6));
    assert.ok(second !== 'busy' && !second.reserved, 'refused');
    assertUsdEqual(second.spend.todayUsd, 0.6, "the other server's reservation is counted");
    assertUsdEqual(second.spend.inFlightUsd, 0.6, 'as in flight, not spent');
    const small = b.reserve('req-c', 0.3, LAPSE_MS, now, fitsUnder(0.3));
    assert.ok(small !== 'busy' && small.reserved, 'what fits is admitted');
  });

  it("counts a finished request by its reservation until its row is in the file, then by its row", () => {
    const a = server(process.pid);
    const b = server(process.ppid);
    a.reserve('req-a', 0.6, LAPSE_MS, now, fitsUnder(0.6));
    // The request finished: its row waits in a's journal (recorded soon), then reaches the file.
    pending[process.pid] = 1;
    a.release('req-a');
    const waiting = b.reserve('req-b', 0.6, LAPSE_MS, now, fitsUnder(0.6));
    assert.ok(waiting !== 'busy' && !waiting.reserved, 'still counted while its row is not in the file');

    fresh.ledger.record(aRecord({ workspaceId: 'ws-a', costUsd: 0.5, at: now.getTime() }));
    pending[process.pid] = 0;
    a.flush();
    const after = b.reserve('req-b', 0.4, LAPSE_MS, now, fitsUnder(0.4));
    assert.ok(after !== 'busy' && after.reserved);
    assertUsdEqual(after.spend.todayUsd, 0.5, 'its row counts, its reservation no longer does');
  });

  it('drops what a server that is gone had reserved', () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(gone.stdout.toString());
    const dead = server(deadPid);
    dead.reserve('req-dead', 0.9, LAPSE_MS, now, fitsUnder(0.9));

    const alive = server(process.pid).reserve('req-a', 0.9, LAPSE_MS, now, fitsUnder(0.9));
    assert.ok(alive !== 'busy' && alive.reserved, 'the dead server reserves nothing any more');
  });

  it('drops a reservation past its lapse', () => {
    server(process.ppid).reserve('req-old', 0.9, 1_000, now, fitsUnder(0.9));
    const later = new Date(now.getTime() + 1_001);
    const result = server(process.pid).reserve('req-a', 0.9, LAPSE_MS, later, fitsUnder(0.9));
    assert.ok(result !== 'busy' && result.reserved);
  });

  it('says busy, reserving nothing, while another process holds the file locked', () => {
    const holder = openDatabase(fresh.dir).db;
    opened.push(holder);
    holder.exec('BEGIN EXCLUSIVE');
    const a = server(process.pid);
    try {
      assert.equal(a.reserve('req-a', 0.1, LAPSE_MS, now, fitsUnder(0.1)), 'busy');
    } finally {
      holder.exec('COMMIT');
    }
    const b = server(process.ppid);
    const seen = b.reserve('req-b', 1, LAPSE_MS, now, fitsUnder(1));
    assert.ok(seen !== 'busy' && seen.reserved, 'nothing was reserved while it was busy');
  });
});
