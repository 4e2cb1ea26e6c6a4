// The ledger: every routed request, what it cost, and the response cache, in one
// SQLite file per storage folder. Calls are synchronous on purpose: record()
// returns only after its transaction committed, so the router answers a client
// only about rows that are already on disk (see database.ts for durability).
//
// Days and months are the machine's local calendar (see localTime.ts).
import type { DailySpend, HistoryEntry, Kind } from '../../../shared/protocol';
import { ResponseCache } from './cache';
import { openDatabase } from './database';
import { HistoryQueries } from './history';
import { RequestWriter } from './record';
import type { DatabaseSync } from './sqlite';
import type { BilledTokens, CachedResponse, LedgerUsage, ModelStats, RequestRecord, Spend } from './types';
import { TypicalOutputQuery, type TypicalOutput } from './typical-output';
import { UsageQueries } from './usage';

/** How far back modelStats() looks by default. */
export const MODEL_STATS_WINDOW_MS = 24 * 60 * 60_000;

export class Ledger {
  private readonly writer: RequestWriter;
  private readonly usageQueries: UsageQueries;
  private readonly historyQueries: HistoryQueries;
  private readonly cache: ResponseCache;
  private readonly typicalOutputQuery: TypicalOutputQuery;
  /**
   * typicalOutput() runs before every routing decision; its answer only changes when a
   * request of that workspace and kind is recorded, so it is kept until then. (A second
   * process writing the same ledger makes it a little stale: it only feeds estimates.)
   */
  private readonly typicalOutputs = new Map<string, TypicalOutput | undefined>();
  private readonly recordedListeners = new Set<(workspaceId: string) => void>();

  private constructor(
    private readonly db: DatabaseSync,
    /** Set when the file on disk was unreadable and a fresh ledger was started: tell the user. */
    readonly notice?: string,
  ) {
    this.writer = new RequestWriter(db);
    this.usageQueries = new UsageQueries(db);
    this.historyQueries = new HistoryQueries(db);
    this.cache = new ResponseCache(db);
    this.typicalOutputQuery = new TypicalOutputQuery(db);
  }

  /** Opens `<storageDir>/ledger.sqlite`, creating the folder and migrating the schema as needed. */
  static open(storageDir: string): Ledger {
    const { db, movedAside } = openDatabase(storageDir);
    const notice = movedAside
      ? `The usage ledger could not be read (${movedAside.reason}); it was moved to ${movedAside.path} ` +
        'and a new, empty ledger started. Spend and budgets count from now on.'
      : undefined;
    const ledger = new Ledger(db, notice);
    ledger.cache.purgeExpired();
    return ledger;
  }

  /** Commits the request with its attempts and returns its id. */
  record(request: RequestRecord): number {
    const id = this.writer.record(request);
    this.typicalOutputs.delete(typicalKey(request.workspaceId, request.kind));
    for (const listener of this.recordedListeners) listener(request.workspaceId);
    return id;
  }

  /**
   * Calls `listener` after each committed request with its workspace: every face (JSON-RPC,
   * the HTTP gateway) records through here, so one subscriber sees all of them. Returns
   * the unsubscribe function. A listener must not throw: the request was already recorded.
   */
  onRecorded(listener: (workspaceId: string) => void): () => void {
    this.recordedListeners.add(listener);
    return () => this.recordedListeners.delete(listener);
  }

  /** Today's, this month's and all-time totals; costs and tokens count only 'ok' requests. */
  usage(workspaceId: string, now = new Date()): LedgerUsage {
    return this.usageQueries.usage(workspaceId, now);
  }

  /** Spend of today and of this month: cheap enough to run before every request. */
  spend(workspaceId: string, now = new Date()): Spend {
    return this.usageQueries.spend(workspaceId, now);
  }

  /** The median output of the workspace's latest answers of this kind, when there are any. */
  typicalOutput(workspaceId: string, kind: Kind): TypicalOutput | undefined {
    const key = typicalKey(workspaceId, kind);
    if (!this.typicalOutputs.has(key)) this.typicalOutputs.set(key, this.typicalOutputQuery.typical(workspaceId, kind));
    return this.typicalOutputs.get(key);
  }

  daily(workspaceId: string, days: number, now = new Date()): DailySpend[] {
    return this.usageQueries.daily(workspaceId, days, now);
  }

  history(workspaceId: string, limit: number): HistoryEntry[] {
    return this.historyQueries.history(workspaceId, limit);
  }

  /** Attempts, failures and median latency per model over the last `windowMs`, all workspaces. */
  modelStats(now = Date.now(), windowMs = MODEL_STATS_WINDOW_MS): ModelStats[] {
    return this.historyQueries.modelStats(now - windowMs);
  }

  /** Tokens of answered, non-cached requests per model: what the provider actually billed. */
  billedTokensByModel(workspaceId: string): BilledTokens[] {
    return this.usageQueries.billedTokensByModel(workspaceId);
  }

  cacheGet(key: string, now = Date.now()): CachedResponse | undefined {
    return this.cache.get(key, now);
  }

  cachePut(key: string, value: CachedResponse, ttlMs: number, now = Date.now()): void {
    this.cache.put(key, value, ttlMs, now);
  }

  cacheClear(): void {
    this.cache.clear();
  }

  close(): void {
    this.db.close();
  }
}

function typicalKey(workspaceId: string, kind: Kind): string {
  return `${kind}\u0000${workspaceId}`;
}
