// Requests in flight on the all-workspaces budget, shared by every router server on one ledger
// file (every window of the profile). Each server already reserves a request's maximum cost in
// memory (shared-state/local-budget.ts), which bounds its own overspend to one request; but two
// windows did not see each other's requests in flight, so each could fill the whole room left:
// with room for five requests, two windows firing at once spent twice the limit. Here the check
// and the reservation are one write transaction on the shared file, counting what the other
// servers reserved, so the last request admitted saw every other in flight, in any window.
//
// A reservation is released only once its request's row is in the file (this server's journal
// copied in, see pending.ts): until then another server counts it by its reservation. Rows of a
// server that is gone (its pid no longer runs) or past their lapse are swept. The table holds
// only what is in flight: it is created when first needed and is no part of the ledger's
// versioned schema (a version that does not know it ignores it).
import { isBusy } from './database';
import { isProcessAlive } from './process-alive';
import type { DatabaseSync, StatementSync } from './sqlite';
import type { Spend } from './types';

const TABLE = `CREATE TABLE IF NOT EXISTS budget_reservations (
  id TEXT PRIMARY KEY,
  pid INTEGER NOT NULL,
  amount_usd REAL NOT NULL,
  lapse_at INTEGER NOT NULL
)`;

/** What reserve() found: whether the request fits and was reserved, with the spend it was checked against (`inFlightUsd`: the other servers' part of it). */
export type SharedReserveResult = { reserved: boolean; spend: Spend & { inFlightUsd: number } } | 'busy';

/**
 * After finding the file locked, how long requests do not try again (each try waits out the
 * busy timeout with the event loop stopped); pending.ts retries its journal as often.
 */
const BUSY_BACKOFF_MS = 250;

interface Statements {
  others: StatementSync;
  lapsed: StatementSync;
  pidsOfOthers: StatementSync;
  deleteOfPid: StatementSync;
  insert: StatementSync;
  delete: StatementSync;
}

export class SharedReservations {
  private statements: { db: DatabaseSync; prepared: Statements } | undefined;
  /** Released while this server's rows were still in its journal: deleted once they are in the file. */
  private releasedEarly: string[] = [];
  /** Until when (epoch ms) the file is taken to be locked by another process. */
  private busyUntil = 0;

  constructor(
    /** The open database (a damaged ledger is replaced while running). */
    private readonly db: () => DatabaseSync,
    /** Every workspace's committed spend, this server's journaled requests included. */
    private readonly totalSpend: (now: Date) => Spend,
    /** How many of this server's requests are in its journal, not yet in the file. */
    private readonly pendingCount: () => number,
    private readonly pid = process.pid,
  ) {}

  /**
   * Holding the file's write lock: the spend of every workspace plus what the other servers
   * reserved goes to `fits` (which adds this server's own requests in flight); when it fits,
   * `amountUsd` is reserved under `id` until release() or `lapseAfterMs`. 'busy' when another
   * process held the lock past the busy timeout: nothing was read or reserved.
   */
  reserve(id: string, amountUsd: number, lapseAfterMs: number, now: Date, fits: (spend: Spend & { inFlightUsd: number }) => boolean): SharedReserveResult {
    if (Date.now() < this.busyUntil) return 'busy';
    const db = this.db();
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      if (isBusy(error)) return this.busy();
      throw error;
    }
    try {
      const s = this.prepared(db);
      const nowMs = now.getTime();
      this.sweep(s, nowMs);
      const others = (s.others.get(this.pid) as { total: number | null }).total ?? 0;
      const committed = this.totalSpend(now);
      const spend = { todayUsd: committed.todayUsd + others, monthUsd: committed.monthUsd + others, inFlightUsd: others };
      const reserved = fits(spend);
      if (reserved) s.insert.run(id, this.pid, amountUsd, nowMs + lapseAfterMs);
      db.exec('COMMIT');
      return { reserved, spend };
    } catch (error) {
      rollBack(db);
      if (isBusy(error)) return this.busy();
      throw error;
    }
  }

  private busy(): 'busy' {
    this.busyUntil = Date.now() + BUSY_BACKOFF_MS;
    return 'busy';
  }

  /** The request ended and was recorded: its reservation goes once its row is in the file. */
  release(id: string): void {
    this.releasedEarly.push(id);
    if (this.pendingCount() === 0) this.flush();
  }

  /**
   * Deletes the reservations of requests whose rows are in the file now. One that cannot be
   * deleted now (a busy file) is kept for the next time; it counts a little longer, never less.
   */
  flush(): void {
    if (this.releasedEarly.length === 0 || this.pendingCount() > 0) return;
    const ids = this.releasedEarly;
    this.releasedEarly = [];
    try {
      const db = this.db();
      const s = this.prepared(db);
      db.exec('BEGIN IMMEDIATE');
      try {
        for (const id of ids) s.delete.run(id);
        db.exec('COMMIT');
      } catch (error) {
        rollBack(db);
        throw error;
      }
    } catch {
      this.releasedEarly.push(...ids);
    }
  }

  private sweep(s: Statements, nowMs: number): void {
    // Released here but not deleted yet (a busy file): this server holds the lock now.
    if (this.pendingCount() === 0) for (const id of this.releasedEarly.splice(0)) s.delete.run(id);
    s.lapsed.run(nowMs);
    for (const { pid } of s.pidsOfOthers.all(this.pid) as { pid: number }[]) {
      if (!isProcessAlive(pid)) s.deleteOfPid.run(pid);
    }
  }

  private prepared(db: DatabaseSync): Statements {
    if (this.statements?.db !== db) {
      db.exec(TABLE);
      this.statements = {
        db,
        prepared: {
          others: db.prepare('SELECT SUM(amount_usd) AS total FROM budget_reservations WHERE pid != ?'),
          lapsed: db.prepare('DELETE FROM budget_reservations WHERE lapse_at <= ?'),
          pidsOfOthers: db.prepare('SELECT DISTINCT pid FROM budget_reservations WHERE pid != ?'),
          deleteOfPid: db.prepare('DELETE FROM budget_reservations WHERE pid = ?'),
          insert: db.prepare('INSERT INTO budget_reservations (id, pid, amount_usd, lapse_at) VALUES (?, ?, ?, ?)'),
          delete: db.prepare('DELETE FROM budget_reservations WHERE id = ?'),
        },
      };
    }
    return this.statements.prepared;
  }
}

/** Ends the open transaction, if SQLite did not end it already. */
function rollBack(db: DatabaseSync): void {
  if (db.isTransaction) db.exec('ROLLBACK');
}
