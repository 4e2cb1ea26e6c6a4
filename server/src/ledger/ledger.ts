// The ledger: every routed request, what it cost, and the response cache, in one
// SQLite file per storage folder. Calls are synchronous on purpose: record()
// returns only after its transaction committed, or, while another process holds the
// write lock, after the request was fsynced to the journal (journal.ts); recordSoon()
// after the request was written to the journal. Either way the router answers a client
// only about requests that are already durable (see database.ts, and recordSoon).
//
// Days and months are the machine's local calendar (see localTime.ts).
import type { DailySpend, HistoryEntry, Kind } from '../../../shared/protocol';
import { ResponseCache } from './cache';
import { FeedbackStore, type FeedbackEvent, type FeedbackEvidence } from './feedback';
import { isBusy, isUnreadable, openDatabase, replaceDamaged, type OpenedDatabase } from './database';
import { Journal } from './journal';
import { localDay } from './localTime';
import { HistoryQueries } from './history';
import { PendingRequests } from './pending';
import { SharedReservations } from './reservations';
import { assertValid, RequestWriter } from './record';
import { addPendingSpend } from './rollup';
import type { DatabaseSync } from './sqlite';
import { ALL_WORKSPACES, type BilledTokens, type CachedResponse, type LedgerUsage, type ModelStats, type RequestRecord, type Spend } from './types';
import { TypicalOutputCache, TypicalOutputQuery, type TypicalOutput } from './typical-output';
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
  readonly feedback: FeedbackStore;

  constructor(readonly db: DatabaseSync) {
    this.feedback = new FeedbackStore(db);
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

export { DEFERRED_COMMIT_MS } from './pending';

export class Ledger {
  private parts: Parts;
  /** Recorded in the journal, not yet in the ledger (recordSoon, or another process held the write lock). */
  private readonly pending: PendingRequests;
  /** Some pending request was left out of the typical-output windows (journaled while the lock was held). */
  private windowsStale = false;
  /** Each workspace's and kind's latest answers, held for typicalOutput() (see TypicalOutputCache). */
  private readonly typicalOutputs = new TypicalOutputCache();
  private readonly recordedListeners = new Set<(workspaceId: string) => void>();
  /** The all-workspaces budget's requests in flight, shared with the other servers on this file. */
  readonly reservations = new SharedReservations(
    () => this.parts.db,
    (now) => this.totalSpend(now),
    () => this.pending.count,
  );

  private constructor(
    private readonly storageDir: string,
    opened: OpenedDatabase,
    private readonly options: LedgerOptions,
  ) {
    this.parts = new Parts(opened.db);
    this.notice = opened.movedAside && movedAsideNotice(opened.movedAside);
    this.pending = new PendingRequests(
      new Journal(storageDir),
      (journal, entries) => this.guard((p) => p.writer.recordJournaled(journal, entries)),
      () => {
        if (this.windowsStale) this.typicalOutputs.clear();
        this.windowsStale = false;
        // Their rows are in the file now: other servers count them there instead of by their reservations.
        this.reservations.flush();
      },
    );
  }

  /** Set when the file on disk was unreadable at open and a fresh ledger was started: tell the user. */
  readonly notice?: string;

  /** Opens `<storageDir>/ledger.sqlite`, creating the folder and migrating the schema as needed. */
  static open(storageDir: string, options: LedgerOptions = {}): Ledger {
    const ledger = new Ledger(storageDir, openDatabase(storageDir), options);
    ledger.pending.adopt((journal) => ledger.guard((p) => p.writer.copiedThrough(journal)));
    ledger.windowsStale = ledger.pending.count > 0;
    ledger.pending.copyIn();
    ledger.skipIfBusy((p) => p.cache.purgeExpired());
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

  /**
   * Commits the request with its attempts and returns its id. When another process holds
   * the write lock, the request goes to the fsynced journal instead (durable all the same)
   * and into the ledger once the lock frees; requests after it follow it there, in order.
   */
  record(request: RequestRecord): number {
    return this.commitOrJournal([request], (p) => [p.writer.record(request)])[0];
  }

  /**
   * Records a request that finished alone, cheaply: it is appended to this process's journal
   * (one write, no fsync: like a commit at synchronous=NORMAL it survives a crash of the
   * process, not of the machine) and committed to the SQLite file within DEFERRED_COMMIT_MS,
   * with the others of that time in one transaction, or by whichever process opens the
   * ledger next. A lone commit was the largest part of what the gateway added to a call at
   * one client (its B-tree pages are out of the CPU caches by the next request). Reads in
   * this process commit pending requests first, and spend() counts them, so nothing here
   * reads differently; another process sees the request when it is committed. Returns the
   * journal entry's id (the row gets the next id when it is committed).
   */
  recordSoon(request: RequestRecord): number {
    assertValid(request);
    const id = this.pending.add(request, false);
    this.typicalOutputs.committed(request, id);
    for (const listener of this.recordedListeners) listener(request.workspaceId);
    return id;
  }

  /**
   * Commits several requests in one transaction and returns their ids in order (see
   * sqlite-store.ts: requests that finish in the same turn of the event loop). While
   * another process holds the write lock they go to the journal, as record() does.
   * Throws, recording none of them, when one of them cannot be written.
   */
  recordBatch(requests: readonly RequestRecord[]): number[] {
    return this.commitOrJournal(requests, (p) => p.writer.recordMany(requests));
  }

  /**
   * `write` into the ledger, or every request into the journal while another process holds
   * the write lock (or requests journalled before them still wait for it, to keep their order).
   */
  private commitOrJournal(requests: readonly RequestRecord[], write: (parts: Parts) => number[]): number[] {
    this.pending.copyInUnlessLocked();
    const committed = this.pending.count === 0 ? this.tryLedger(write) : undefined;
    if (committed) {
      // The windows are kept up to date, so the next decision does not read them again.
      requests.forEach((request, i) => this.typicalOutputs.committed(request, committed[i]));
    } else {
      for (const request of requests) this.typicalOutputs.forget(request.workspaceId, request.kind);
    }
    // Straight to the journal when the lock is held: trying each request again would wait out the lock once more.
    const ids = committed ?? requests.map((request) => this.journalled(request));
    for (const request of requests) for (const listener of this.recordedListeners) listener(request.workspaceId);
    return ids;
  }

  /** What `write` returns, or undefined when another process holds the write lock. */
  private tryLedger<T>(write: (parts: Parts) => T): T | undefined {
    try {
      return this.guard(write);
    } catch (error) {
      if (!isBusy(error)) throw error;
      return undefined;
    }
  }

  /** Into the fsynced journal, for the ledger once the lock frees; returns its entry's id. */
  private journalled(request: RequestRecord): number {
    this.windowsStale = true;
    return this.pending.add(request, true);
  }

  /** Requests in the journal, not yet in the ledger. */
  get pendingCount(): number {
    return this.pending.count;
  }

  /** Work that may be skipped when the lock is held (cache upkeep): waiting would stall every request. */
  private skipIfBusy(work: (parts: Parts) => void): void {
    try {
      this.guard(work);
    } catch (error) {
      if (!isBusy(error)) throw error;
    }
  }

  /**
   * Calls `listener` after each request recorded (committed or journaled) with its workspace: every face (JSON-RPC,
   * the HTTP gateway) records through here, so one subscriber sees all of them. Returns
   * the unsubscribe function. A listener must not throw: the request was already recorded.
   */
  onRecorded(listener: (workspaceId: string) => void): () => void {
    this.recordedListeners.add(listener);
    return () => this.recordedListeners.delete(listener);
  }

  /** Today's, this month's and all-time totals; costs and tokens count only 'ok' requests. */
  usage(workspaceId: string, now = new Date()): LedgerUsage {
    this.pending.copyInUnlessLocked();
    return this.guard((p) => p.usageQueries.usage(workspaceId, now));
  }

  /** Spend of today and of this month: cheap enough to run before every request. */
  spend(workspaceId: string, now = new Date()): Spend {
    const spend = this.guard((p) => p.usageQueries.spend(workspaceId, now));
    // Journaled requests count against budgets before they reach the ledger.
    if (this.pending.count > 0) addPendingSpend(spend, this.pending.records, workspaceId, now);
    return spend;
  }

  /** Spend of today and of this month of every workspace together (the all-workspaces budget), journaled requests included. */
  totalSpend(now = new Date()): Spend {
    const spend = this.guard((p) => p.usageQueries.totalSpend(now));
    if (this.pending.count > 0) addPendingSpend(spend, this.pending.records, ALL_WORKSPACES, now);
    return spend;
  }

  /** The median output of the workspace's latest answers of this kind, when there are any. */
  typicalOutput(workspaceId: string, kind: Kind): TypicalOutput | undefined {
    return this.typicalOutputs.get(workspaceId, kind, () => {
      this.pending.copyInUnlessLocked();
      return this.guard((p) => p.typicalOutputQuery.window(workspaceId, kind));
    });
  }

  daily(workspaceId: string, days: number, now = new Date()): DailySpend[] {
    this.pending.copyInUnlessLocked();
    return this.guard((p) => p.usageQueries.daily(workspaceId, days, now));
  }

  history(workspaceId: string, limit: number): HistoryEntry[] {
    this.pending.copyInUnlessLocked();
    return this.guard((p) => p.historyQueries.history(workspaceId, limit));
  }

  /** Attempts, failures and median latency per model over the last `windowMs`, all workspaces. */
  modelStats(now = Date.now(), windowMs = MODEL_STATS_WINDOW_MS): ModelStats[] {
    this.pending.copyInUnlessLocked();
    return this.guard((p) => p.historyQueries.modelStats(now - windowMs));
  }

  /** Tokens of answered, non-cached requests per model: what the provider actually billed. */
  billedTokensByModel(workspaceId: string): BilledTokens[] {
    this.pending.copyInUnlessLocked();
    return this.guard((p) => p.usageQueries.billedTokensByModel(workspaceId));
  }

  /**
   * Records what the user did with an answer. Feedback steers routing but bills nothing, so
   * while another process holds the write lock it is dropped (returns false) rather than
   * journaled: waiting would stall requests, and one lost signal only slows the learning.
   */
  recordFeedback(event: FeedbackEvent): boolean {
    let recorded = false;
    this.skipIfBusy((p) => {
      p.feedback.record(event);
      recorded = true;
    });
    return recorded;
  }

  /** Per kind and model of the workspace: requests routed since `sinceAt` (by local day) and the signals about them. */
  feedbackEvidence(workspaceId: string, sinceAt: number): FeedbackEvidence[] {
    this.pending.copyInUnlessLocked();
    return this.guard((p) => p.feedback.evidence(workspaceId, sinceAt, localDay(new Date(sinceAt))));
  }

  cacheGet(key: string, now = Date.now()): CachedResponse | undefined {
    return this.guard((p) => p.cache.get(key, now));
  }

  cachePut(key: string, value: CachedResponse, ttlMs: number, now = Date.now()): void {
    this.skipIfBusy((p) => p.cache.put(key, value, ttlMs, now));
  }

  cacheClear(): void {
    this.guard((p) => p.cache.clear());
  }

  close(): void {
    this.pending.close();
    this.parts.db.close();
  }
}

function movedAsideNotice(movedAside: { path: string; reason: string }): string {
  return (
    `The usage ledger could not be read (${movedAside.reason}); it was moved to ${movedAside.path} ` +
    'and a new, empty ledger started. Spend and budgets count from now on.'
  );
}
