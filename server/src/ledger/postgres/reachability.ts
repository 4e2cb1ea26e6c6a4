// How long a request may wait on PostgreSQL, and what it does once PostgreSQL stopped
// answering. A database that fails (refused connection, restarted) answers at once; one that
// hangs (a frozen host, a session holding a table lock) never does, and each request would
// wait out every statement's timeout in turn (40 s per request, 10 s for GET /v1/models,
// measured with the server SIGSTOPped). So: a statement on a request's path gets
// REQUEST_WAIT_MS; the first one that takes longer, or whose connection breaks, marks
// PostgreSQL unreachable, and from then on every request uses its fallback at once (the
// journal, the last limits and spend read, the remembered tokens) without asking. One probe
// at a time asks whether it is back; when it is, `onBack` runs (the journal's replay).
import type { Pool } from './driver';

/** The longest a request waits on one PostgreSQL call (a lock wait included: the pool's lock_timeout). */
export const REQUEST_WAIT_MS = 2_000;
/** How often an unreachable PostgreSQL is asked whether it answers again. */
export const PROBE_EVERY_MS = 1_000;
/**
 * What the probe asks: a read of the ledger's main table, so a lock held on it (which every
 * write to the ledger would wait for) counts as unreachable too, while SELECT 1 would pass.
 */
const PROBE_SQL = 'SELECT 1 FROM requests LIMIT 0';

/** Thrown instead of waiting while PostgreSQL is known not to answer; callers use their fallback. */
export class LedgerUnreachable extends Error {
  constructor(readonly why: string) {
    super(`the team's ledger (PostgreSQL) is not answering: ${why}`);
    this.name = 'LedgerUnreachable';
  }
}

function whyOf(error: unknown): string {
  if (error instanceof LedgerUnreachable) return error.why;
  return (error as Error).message || String(error);
}

export class Reachability {
  private down: string | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private probing = false;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    /** Called when a call first fails for want of an answer (the store logs it once). */
    private readonly onDown: (why: string) => void,
    /** Called when the probe finds PostgreSQL answering again. */
    private readonly onBack: () => void,
    private readonly waitMs = REQUEST_WAIT_MS,
  ) {}

  get isDown(): boolean {
    return this.down !== undefined;
  }

  /**
   * Runs one call of a request's path: rejects at once while PostgreSQL is unreachable, and
   * after `waitMs` when it does not answer (the call itself goes on in the background to its
   * own timeout: a late commit is found by the journal's replay through its uid).
   */
  async run<T>(call: () => Promise<T>): Promise<T> {
    if (this.down !== undefined) throw new LedgerUnreachable(this.down);
    const work = call();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new LedgerUnreachable(`no answer within ${this.waitMs} ms`)), this.waitMs);
    });
    try {
      return await Promise.race([work, late]);
    } catch (error) {
      if (isUnanswered(error)) this.markDown(whyOf(error));
      if (error instanceof LedgerUnreachable) work.catch(() => undefined); // settles later, unread
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Runs a report (usage, history): refused at once while PostgreSQL is unreachable, else
   * given the driver's own timeout, since a long report is not a hang.
   */
  async runReport<T>(call: () => Promise<T>): Promise<T> {
    if (this.down !== undefined) throw new LedgerUnreachable(this.down);
    try {
      return await call();
    } catch (error) {
      if (isUnanswered(error)) this.markDown(whyOf(error));
      throw error;
    }
  }

  /** A call outside `run` (the journal's replay) found PostgreSQL not answering. */
  failed(error: unknown): void {
    if (isUnanswered(error)) this.markDown(whyOf(error));
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.probeTimer);
  }

  private markDown(why: string): void {
    if (this.down !== undefined || this.closed) return;
    this.down = why;
    this.onDown(why);
    this.scheduleProbe();
  }

  private scheduleProbe(): void {
    if (this.closed || this.probeTimer !== undefined) return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = undefined;
      void this.probe();
    }, PROBE_EVERY_MS);
    this.probeTimer.unref();
  }

  private async probe(): Promise<void> {
    if (this.closed) return;
    // One at a time: probes of a frozen server must not take every connection of the pool.
    if (this.probing) return this.scheduleProbe();
    this.probing = true;
    const answer = this.pool.query(PROBE_SQL);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.waitMs)));
    try {
      const outcome = await Promise.race([answer.then(() => 'ok' as const), late]);
      if (outcome === 'ok') {
        this.down = undefined;
        this.onBack();
        return;
      }
    } catch {
      // still away
    } finally {
      clearTimeout(timer);
      answer.catch(() => undefined);
      // A late answer frees this probe's slot when it settles, not before.
      answer.then(
        () => (this.probing = false),
        () => (this.probing = false),
      );
    }
    this.scheduleProbe();
  }
}

/**
 * PostgreSQL did not answer (a timeout, a broken or refused connection, a lock it could not
 * take in time), as opposed to answering with an error about the statement or its data.
 */
export function isUnanswered(error: unknown): boolean {
  if (error instanceof LedgerUnreachable) return true;
  const code = (error as { code?: unknown }).code;
  // SQLSTATE 08: connection exception; 57P0x: the server is shutting down or restarting;
  // 55P03: lock_not_available (lock_timeout); 57014: statement cancelled (statement_timeout).
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return /^08|^57P0|^55P03$|^57014$/.test(code);
  // A fault of our own code is not PostgreSQL's.
  if (error instanceof TypeError || error instanceof RangeError || error instanceof SyntaxError) return false;
  // No SQLSTATE: a socket error (ECONNREFUSED, ECONNRESET...) or the driver's own timeout.
  return true;
}
