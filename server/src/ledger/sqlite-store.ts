// The embedded SQLite ledger behind the LedgerStore seam. Ledger stays synchronous (a
// commit in node:sqlite is a few hundred microseconds, and its tests drive it directly);
// this wrapper hands its answers back as promises, and commits requests in groups: those
// that finish in the same turn of the event loop share one transaction (one WAL write
// instead of one each, which under load was a tenth of the gateway's CPU). A request alone
// in its turn is written to the ledger's journal instead and committed with the next ones
// (Ledger.recordSoon). Each request's promise resolves only once it is durable, so the
// pipeline releases no answer before that; the wait is the rest of the current turn.
import { KINDS, type Kind } from '../../../shared/protocol';
import type { FeedbackEvent } from './feedback';
import { Ledger, type LedgerOptions } from './ledger';
import { addPendingSpend } from './rollup';
import type { LedgerStore } from './store';
import { ALL_WORKSPACES, type CachedResponse, type RequestRecord } from './types';
import type { TypicalOutput } from './typical-output';

interface Queued {
  request: RequestRecord;
  resolve: (id: number) => void;
  reject: (error: unknown) => void;
}

export class SqliteLedgerStore implements LedgerStore {
  /** Requests waiting for the group commit at the end of this turn. */
  private queue: Queued[] = [];

  constructor(readonly ledger: Ledger) {}

  /** Opens `<storageDir>/ledger.sqlite` (see Ledger.open). */
  static open(storageDir: string, options: LedgerOptions = {}): SqliteLedgerStore {
    return new SqliteLedgerStore(Ledger.open(storageDir, options));
  }

  get notice(): string | undefined {
    return this.ledger.notice;
  }

  /** Every window of the profile writes this file: the all-workspaces budget reserves on it (reservations.ts). */
  get allWorkspacesReservations() {
    return this.ledger.reservations;
  }

  record(request: RequestRecord): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      // setImmediate runs after the I/O callbacks of this turn: every request answered in it joins the group.
      if (this.queue.length === 1) setImmediate(() => this.commitQueued());
    });
  }

  /**
   * One transaction for the group; should it fail, each request alone, so one bad record fails
   * only itself. A request alone in its turn goes to the journal (Ledger.recordSoon) instead.
   */
  private commitQueued(): void {
    const group = this.queue;
    this.queue = [];
    if (group.length === 1) return settle(group[0], (request) => this.ledger.recordSoon(request));
    let ids: number[] | undefined;
    try {
      ids = this.ledger.recordBatch(group.map((queued) => queued.request));
    } catch {
      // Nothing of the group was written: each is tried on its own below.
    }
    if (ids) {
      group.forEach((queued, i) => queued.resolve(ids[i]));
      return;
    }
    for (const queued of group) settle(queued, (request) => this.ledger.record(request));
  }

  // Each method runs the synchronous call inside the async body, so a throw becomes a rejection.

  onRecorded(listener: (workspaceId: string) => void): () => void {
    return this.ledger.onRecorded(listener);
  }

  async spend(workspaceId: string, now = new Date()) {
    const spend = this.ledger.spend(workspaceId, now);
    // Requests waiting for this turn's commit count against budgets already, as journaled ones do.
    if (this.queue.length > 0) addPendingSpend(spend, this.queue.map((q) => q.request), workspaceId, now);
    return spend;
  }

  async totalSpend(now = new Date()) {
    const spend = this.ledger.totalSpend(now);
    if (this.queue.length > 0) addPendingSpend(spend, this.queue.map((q) => q.request), ALL_WORKSPACES, now);
    return spend;
  }

  async usage(workspaceId: string, now?: Date) {
    return this.ledger.usage(workspaceId, now);
  }

  async daily(workspaceId: string, days: number, now?: Date) {
    return this.ledger.daily(workspaceId, days, now);
  }

  async history(workspaceId: string, limit: number) {
    return this.ledger.history(workspaceId, limit);
  }

  async modelStats(now?: number, windowMs?: number) {
    return this.ledger.modelStats(now, windowMs);
  }

  async billedTokensByModel(workspaceId: string) {
    return this.ledger.billedTokensByModel(workspaceId);
  }

  async typicalOutput(workspaceId: string, kind: Kind) {
    return this.ledger.typicalOutput(workspaceId, kind);
  }

  async typicalOutputs(workspaceId: string): Promise<Map<Kind, TypicalOutput | undefined>> {
    // One promise for all kinds, not one per kind: the windows are held in memory (a turn of the microtask queue each).
    return new Map(KINDS.map((kind) => [kind, this.ledger.typicalOutput(workspaceId, kind)] as const));
  }

  async recordFeedback(event: FeedbackEvent) {
    return this.ledger.recordFeedback(event);
  }

  async feedbackEvidence(workspaceId: string, sinceAt: number) {
    return this.ledger.feedbackEvidence(workspaceId, sinceAt);
  }

  async cacheGet(key: string, now?: number) {
    return this.ledger.cacheGet(key, now);
  }

  async cachePut(key: string, value: CachedResponse, ttlMs: number, now?: number) {
    this.ledger.cachePut(key, value, ttlMs, now);
  }

  async cacheClear() {
    this.ledger.cacheClear();
  }

  close(): void {
    // Requests still waiting for their group are committed before the ledger closes.
    if (this.queue.length > 0) this.commitQueued();
    this.ledger.close();
  }
}

/** Resolves the request's promise with what `write` returns, or rejects it with what it throws. */
function settle({ request, resolve, reject }: Queued, write: (request: RequestRecord) => number): void {
  try {
    resolve(write(request));
  } catch (error) {
    reject(error);
  }
}
