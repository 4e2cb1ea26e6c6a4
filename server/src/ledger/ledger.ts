// The ledger: every routed request, what it cost, and the response cache, in one
// SQLite file per storage folder. Calls are synchronous on purpose: record()
// returns only after its transaction committed, so the router answers a client
// only about rows that are already on disk (see database.ts for durability).
//
// Days and months are the machine's local calendar (see localTime.ts).
import type { DailySpend, HistoryEntry, Kind } from '../../../shared/protocol';
import { ResponseCache } from './cache';
import { isUnreadable, openDatabase, replaceDamaged, type OpenedDatabase } from './database';
import { HistoryQueries } from './history';
import { RequestWriter } from './record';
import type { DatabaseSync } from './sqlite';
import type { BilledTokens, CachedResponse, LedgerUsage, ModelStats, RequestRecord, Spend } from './types';
import { TypicalOutputQuery, type TypicalOutput } from './typical-output';
import { UsageQueries } from './usage';

/** How far back modelStats() looks by default. */
export const MODEL_STATS_WINDOW_MS = 24 * 60 * 60_000;

/** Statements bound to one open database; rebuilt when a damaged ledger is replaced. */
class Parts {
  readonly writer: RequestWriter;
  readonly usageQueries: UsageQueries;
  readonly historyQueries: HistoryQueries;
  readonly cache: ResponseCache;
  readonly typicalOutputQuery: TypicalOutputQuery;

  constructor(readonly db: DatabaseSync) {
    this.writer = new RequestWriter(db);
    this.usageQueries = new UsageQueries(db);
    this.historyQueries = new HistoryQueries(db);
    this.cache = new ResponseCache(db);
    this.typicalOutputQuery = new TypicalOutputQuery(db);
  }
}

export interface LedgerOptions {
  /** Told when the ledger had to be replaced while running (found damaged); the message names the kept copy. */
  onNotice?: (notice: string) => void;
}

export class Ledger {
  private parts: Parts;
  /**
   * typicalOutput() runs before every routing decision; its answer only changes when a
   * request of that workspace and kind is recorded, so it is kept until then. (A second
   * process writing the same ledger makes it a little stale: it only feeds estimates.)
   */
  private readonly typicalOutputs = new Map<string, TypicalOutput | undefined>();

  private constructor(
    private readonly storageDir: string,
    opened: OpenedDatabase,
    private readonly options: LedgerOptions,
  ) {
    this.parts = new Parts(opened.db);
    this.notice = opened.movedAside && movedAsideNotice(opened.movedAside);
  }

  /** Set when the file on disk was unreadable at open and a fresh ledger was started: tell the user. */
  readonly notice?: string;

  /** Opens `<storageDir>/ledger.sqlite`, creating the folder and migrating the schema as needed. */
  static open(storageDir: string, options: LedgerOptions = {}): Ledger {
    const ledger = new Ledger(storageDir, openDatabase(storageDir), options);
    ledger.guard((p) => p.cache.purgeExpired());
    return ledger;
  }

  /**
   * Runs one piece of ledger work. A statement that finds the file damaged (SQLITE_CORRUPT,
   * "database disk image is malformed") would fail every request from then on, so the file
   * is moved aside, a fresh ledger started, the user told, and the work done again there.
   */
  private guard<T>(work: (parts: Parts) => T): T {
    try {
      return work(this.parts);
    } catch (error) {
      if (!isUnreadable(error)) throw error;
      this.replaceDamaged((error as Error).message);
      return work(this.parts);
    }
  }

  private replaceDamaged(reason: string): void {
    try {
      this.parts.db.close();
    } catch {
      // A damaged file may refuse a clean close; it is being replaced either way.
    }
    const opened = replaceDamaged(this.storageDir, reason);
    this.parts = new Parts(opened.db);
    this.typicalOutputs.clear();
    if (opened.movedAside) this.options.onNotice?.(movedAsideNotice(opened.movedAside));
  }

  /** Commits the request with its attempts and returns its id. */
  record(request: RequestRecord): number {
    const id = this.guard((p) => p.writer.record(request));
    this.typicalOutputs.delete(typicalKey(request.workspaceId, request.kind));
    return id;
  }

  /** Today's, this month's and all-time totals; costs and tokens count only 'ok' requests. */
  usage(workspaceId: string, now = new Date()): LedgerUsage {
    return this.guard((p) => p.usageQueries.usage(workspaceId, now));
  }

  /** Spend of today and of this month: cheap enough to run before every request. */
  spend(workspaceId: string, now = new Date()): Spend {
    return this.guard((p) => p.usageQueries.spend(workspaceId, now));
  }

  /** The median output of the workspace's latest answers of this kind, when there are any. */
  typicalOutput(workspaceId: string, kind: Kind): TypicalOutput | undefined {
    const key = typicalKey(workspaceId, kind);
    if (!this.typicalOutputs.has(key)) this.typicalOutputs.set(key, this.guard((p) => p.typicalOutputQuery.typical(workspaceId, kind)));
    return this.typicalOutputs.get(key);
  }

  daily(workspaceId: string, days: number, now = new Date()): DailySpend[] {
    return this.guard((p) => p.usageQueries.daily(workspaceId, days, now));
  }

  history(workspaceId: string, limit: number): HistoryEntry[] {
    return this.guard((p) => p.historyQueries.history(workspaceId, limit));
  }

  /** Attempts, failures and median latency per model over the last `windowMs`, all workspaces. */
  modelStats(now = Date.now(), windowMs = MODEL_STATS_WINDOW_MS): ModelStats[] {
    return this.guard((p) => p.historyQueries.modelStats(now - windowMs));
  }

  /** Tokens of answered, non-cached requests per model: what the provider actually billed. */
  billedTokensByModel(workspaceId: string): BilledTokens[] {
    return this.guard((p) => p.usageQueries.billedTokensByModel(workspaceId));
  }

  cacheGet(key: string, now = Date.now()): CachedResponse | undefined {
    return this.guard((p) => p.cache.get(key, now));
  }

  cachePut(key: string, value: CachedResponse, ttlMs: number, now = Date.now()): void {
    this.guard((p) => p.cache.put(key, value, ttlMs, now));
  }

  cacheClear(): void {
    this.guard((p) => p.cache.clear());
  }

  close(): void {
    this.parts.db.close();
  }
}

function movedAsideNotice(movedAside: { path: string; reason: string }): string {
  return (
    `The usage ledger could not be read (${movedAside.reason}); it was moved to ${movedAside.path} ` +
    'and a new, empty ledger started. Spend and budgets count from now on.'
  );
}

function typicalKey(workspaceId: string, kind: Kind): string {
  return `${kind}\u0000${workspaceId}`;
}
