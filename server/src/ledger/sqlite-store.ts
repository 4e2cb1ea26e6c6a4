// The embedded SQLite ledger behind the LedgerStore seam. Ledger stays synchronous (a
// commit in node:sqlite is a few hundred microseconds, and its tests drive it directly);
// this wrapper only hands its answers back as settled promises.
import type { Kind } from '../../../shared/protocol';
import type { FeedbackEvent } from './feedback';
import { Ledger, type LedgerOptions } from './ledger';
import type { LedgerStore } from './store';
import type { CachedResponse, RequestRecord } from './types';

export class SqliteLedgerStore implements LedgerStore {
  constructor(readonly ledger: Ledger) {}

  /** Opens `<storageDir>/ledger.sqlite` (see Ledger.open). */
  static open(storageDir: string, options: LedgerOptions = {}): SqliteLedgerStore {
    return new SqliteLedgerStore(Ledger.open(storageDir, options));
  }

  get notice(): string | undefined {
    return this.ledger.notice;
  }

  // Each method runs the synchronous call inside the async body, so a throw becomes a rejection.
  async record(request: RequestRecord): Promise<number> {
    return this.ledger.record(request);
  }

  onRecorded(listener: (workspaceId: string) => void): () => void {
    return this.ledger.onRecorded(listener);
  }

  async spend(workspaceId: string, now?: Date) {
    return this.ledger.spend(workspaceId, now);
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
    this.ledger.close();
  }
}
