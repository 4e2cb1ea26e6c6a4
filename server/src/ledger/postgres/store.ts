// The ledger on PostgreSQL, for a team's gateway replicas: every replica writes the same
// database, so spend adds up across them. record() resolves once PostgreSQL committed the
// request; when PostgreSQL is unreachable or fails, the request is appended to a local
// fsynced journal (under --storage) instead, the operator is told on stderr once, and the
// journal is replayed, in order, as soon as PostgreSQL answers again (and at the next start).
// Replays are idempotent: each request carries a uid fixed before its first write.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KINDS, type Kind } from '../../../../shared/protocol';
import type { FeedbackEvent, FeedbackEvidence } from '../feedback';
import { Journal, journalId, type JournalEntry } from '../journal';
import { localDay, localMonth } from '../localTime';
import { MODEL_STATS_WINDOW_MS } from '../ledger';
import { assertValid } from '../record';
import { billedCost } from '../rollup';
import type { LedgerStore } from '../store';
import type { TypicalOutput } from '../typical-output';
import type { CachedResponse, LedgerUsage, RequestRecord, Spend } from '../types';
import { PostgresResponseCache } from './cache';
import { createPool, inTransaction, redactUrl, type Pool, type PoolOptions } from './driver';
import { migrate } from './migrations';
import * as q from './queries';
import { insertRequest } from './writer';
import { isUnanswered, Reachability, REQUEST_WAIT_MS } from './reachability';
import { remember } from './remember';

/** The journal's folder under --storage: its own, so the SQLite ledger never replays it. */
export const POSTGRES_JOURNAL_DIR = 'postgres-pending';
/** Journaled requests PostgreSQL refused as data (not as an outage), for the operator to look at. */
export const REFUSED_FILE = 'postgres-refused.jsonl';

/** How long a typical output read from PostgreSQL is kept: other replicas' answers move it slowly. */
const TYPICAL_TTL_MS = 60_000;

export interface PostgresLedgerOptions extends PoolOptions {
  /** Where the journal lives while PostgreSQL is unreachable (the gateway's --storage). */
  storageDir: string;
  /** The operator's channel (stderr): told once when PostgreSQL becomes unreachable and when it is back. */
  log: (line: string) => void;
  /** How often journaled requests are tried again; default 1 s. */
  replayEveryMs?: number;
  /**
   * Told of journaled requests each time they are written (spend counted elsewhere without them
   * is stale). An option, not a listener added later: a dead process's journal is written inside
   * open().
   */
  onReplayed?: (records: readonly RequestRecord[]) => Promise<void>;
}

export class PostgresLedgerStore implements LedgerStore {
  readonly notice?: string;
  private readonly journal: Journal;
  private readonly cache: PostgresResponseCache;
  /** Journaled, not yet in PostgreSQL: they count against budgets meanwhile. */
  private pending: JournalEntry[] = [];
  private replaying: Promise<void> | undefined;
  private replayTimer: NodeJS.Timeout | undefined;
  private outage: string | undefined;
  private closed = false;
  private readonly recordedListeners = new Set<(workspaceId: string) => void>();
  private readonly typicalHeld = new Map<string, { value: TypicalOutput | undefined; at: number }>();
  /** Last spend read per scope (`workspace:`, `developer:`, `team:`), to answer budgets from while PostgreSQL is unreachable. */
  private readonly lastSpend = new Map<string, { spend: Spend; day: string; month: string }>();
  /** The last usage read per workspace, answered while PostgreSQL does not answer. */
  private readonly lastUsage = new Map<string, LedgerUsage>();
  /** Bounds each request's wait on PostgreSQL, and answers at once from fallbacks while it hangs. */
  private readonly reach: Reachability;

  private constructor(
    readonly pool: Pool,
    readonly url: string,
    private readonly options: PostgresLedgerOptions,
  ) {
    this.journal = new Journal(options.storageDir, POSTGRES_JOURNAL_DIR);
    this.cache = new PostgresResponseCache(pool);
    this.reach = new Reachability(pool, (why) => this.noteOutage(why), () => this.answersAgain());
  }

  /**
   * Connects, applies missing migrations and replays what an earlier process journaled.
   * Rejects, naming the server, when PostgreSQL cannot be reached: a gateway must not start
   * on a ledger it cannot write.
   */
  static async open(url: string, options: PostgresLedgerOptions): Promise<PostgresLedgerStore> {
    const pool = createPool(url, { lockTimeoutMs: REQUEST_WAIT_MS, ...options });
    try {
      await migrate(pool);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new Error(`PostgreSQL at ${redactUrl(url)} is unreachable or refused the ledger: ${(error as Error).message}`);
    }
    const store = new PostgresLedgerStore(pool, url, options);
    store.pending = store.journal.adoptOrphans();
    if (store.pending.length > 0) {
      options.log(`${store.pending.length} journaled request(s) from an earlier run: writing them to PostgreSQL`);
      await store.replay();
    }
    return store;
  }

  /** Requests in the journal waiting for PostgreSQL. */
  get pendingCount(): number {
    return this.pending.length;
  }

  async record(request: RequestRecord): Promise<number> {
    assertValid(request);
    const entry: JournalEntry = { id: journalId(), record: request };
    const id = await this.recordDurably(entry);
    this.typicalHeld.delete(typicalKey(request.workspaceId, request.kind));
    for (const listener of this.recordedListeners) listener(request.workspaceId);
    return id;
  }

  private async recordDurably(entry: JournalEntry): Promise<number> {
    // While earlier requests wait in the journal, later ones queue behind them; while
    // PostgreSQL does not answer, the journal takes the request at once.
    if (this.pending.length === 0) {
      try {
        const id = await this.reach.run(() => inTransaction(this.pool, (client) => insertRequest(client, { uid: entry.id, record: entry.record })));
        this.noteRecovered(0);
        return id;
      } catch (error) {
        if (isRefusedData(error)) return this.setAside(entry, error);
        this.noteOutage(describeError(error));
      }
    }
    // Durable once fsynced; if the commit above did land after all, the replay finds its uid.
    this.journal.append(entry, true);
    this.pending.push(entry);
    this.scheduleReplay();
    return entry.id;
  }

  private noteOutage(why: string): void {
    if (this.outage !== undefined) return;
    this.outage = why;
    this.options.log(
      `PostgreSQL at ${redactUrl(this.url)} failed (${this.outage}): requests are journaled in ` +
        `${this.options.storageDir}/${POSTGRES_JOURNAL_DIR} and written when it answers again`,
    );
  }

  private scheduleReplay(): void {
    if (this.replayTimer !== undefined || this.closed) return;
    this.replayTimer = setTimeout(() => {
      this.replayTimer = undefined;
      void this.replay();
    }, this.options.replayEveryMs ?? 1_000);
    this.replayTimer.unref();
  }

  /** Writes the journaled requests to PostgreSQL, oldest first, in one transaction; tries again later on failure. */
  replay(): Promise<void> {
    this.replaying ??= this.replayOnce().finally(() => {
      this.replaying = undefined;
    });
    return this.replaying;
  }

  private async replayOnce(): Promise<void> {
    const batch = [...this.pending];
    if (batch.length === 0) return;
    // Not answering: the probe replays when it is back, instead of a replay per second each taking a connection.
    if (this.reach.isDown) return;
    try {
      // Not bounded by the request wait: a long journal takes as long as it takes to write.
      await inTransaction(this.pool, async (client) => {
        for (const entry of batch) await insertRequest(client, { uid: entry.id, record: entry.record });
      });
    } catch (error) {
      if (isUnanswered(error) && !isRefusedData(error)) {
        this.reach.failed(error);
        this.noteOutage(describeError(error));
        if (!this.reach.isDown) this.scheduleReplay();
        return;
      }
      // PostgreSQL is up but refuses one of them (or one cannot be written at all, from a
      // damaged journal): written one by one, the refused ones set aside, so one bad entry
      // never holds back every request after it.
      try {
        await this.replayOneByOne(batch);
      } catch (failure) {
        // It stopped answering half-way: what was written is found again by its uid next time.
        this.reach.failed(failure);
        this.noteOutage(describeError(failure));
        if (!this.reach.isDown) this.scheduleReplay();
        return;
      }
    }
    // Requests journaled while this batch was written stay journaled for the next round.
    this.pending = this.pending.slice(batch.length);
    this.journal.keepOnly(this.pending);
    this.typicalHeld.clear();
    // Before saying it answers again: what was counted without these requests is counted anew.
    await this.options.onReplayed?.(batch.map((entry) => entry.record)).catch(() => undefined);
    this.noteRecovered(batch.length);
    if (this.pending.length > 0) this.scheduleReplay();
  }

  private async replayOneByOne(batch: readonly JournalEntry[]): Promise<void> {
    for (const entry of batch) {
      try {
        await inTransaction(this.pool, (client) => insertRequest(client, { uid: entry.id, record: entry.record }));
      } catch (error) {
        if (isUnanswered(error) && !isRefusedData(error)) throw error;
        this.setAside(entry, error);
      }
    }
  }

  /**
   * A request PostgreSQL refuses as data (a figure out of its range) is kept on disk for the
   * operator, fsynced, and never retried: one bad row must not hold back every later request.
   */
  private setAside(entry: JournalEntry, error: unknown): number {
    const file = path.join(this.options.storageDir, REFUSED_FILE);
    const fd = fs.openSync(file, 'a');
    try {
      fs.writeSync(fd, `${JSON.stringify({ ...entry, error: (error as Error).message })}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    this.options.log(`PostgreSQL refused a request (${(error as Error).message}): kept in ${file}, not in the ledger`);
    return entry.id;
  }

  /** The probe found PostgreSQL answering again: the journal is written, or the operator told. */
  private answersAgain(): void {
    if (this.pending.length > 0) void this.replay();
    else this.noteRecovered(0);
  }

  private noteRecovered(written: number): void {
    if (this.outage === undefined) return;
    this.outage = undefined;
    this.options.log(`PostgreSQL at ${redactUrl(this.url)} answers again: ${written} journaled request(s) written`);
  }

  onRecorded(listener: (workspaceId: string) => void): () => void {
    this.recordedListeners.add(listener);
    return () => this.recordedListeners.delete(listener);
  }

  /** Spend from PostgreSQL plus the journaled requests; while it is unreachable, the last spend read plus those. */
  async spend(workspaceId: string, now = new Date()): Promise<Spend> {
    const spend = await this.readSpend(`workspace:${workspaceId}`, now, () => q.spend(this.pool, workspaceId, now));
    return addPending(spend, this.pending, now, (r) => r.workspaceId === workspaceId);
  }

  /**
   * Spend as PostgreSQL has it, remembered per scope. While PostgreSQL is unreachable:
   * degrade, don't fail: the last spend read (of the same day and month) stands, and the
   * caller adds what this replica journaled since.
   */
  private async readSpend(key: string, now: Date, read: () => Promise<Spend>): Promise<Spend> {
    const day = localDay(now);
    const month = localMonth(now);
    try {
      const spend = await this.reach.run(read);
      remember(this.lastSpend, key, { spend, day, month });
      if (this.pending.length === 0) this.noteRecovered(0);
      return spend;
    } catch (error) {
      this.noteOutage(describeError(error));
      const last = this.lastSpend.get(key);
      return {
        todayUsd: last && last.day === day ? last.spend.todayUsd : 0,
        monthUsd: last && last.month === month ? last.spend.monthUsd : 0,
      };
    }
  }

  /** A developer's or a team's spend (their limits), journaled requests included; degrades like spend(). */
  async scopeSpend(scope: q.SpendScope, now = new Date()): Promise<Spend> {
    const key = 'developer' in scope ? `developer:${scope.developer}` : `team:${scope.team}`;
    const spend = await this.readSpend(key, now, () => q.scopeSpend(this.pool, scope, now));
    const matches = 'developer' in scope ? (r: RequestRecord) => r.developer === scope.developer : (r: RequestRecord) => r.team === scope.team;
    return addPending(spend, this.pending, now, matches);
  }

  // Reports: refused at once (LedgerUnreachable, a 503) while PostgreSQL does not answer, and
  // not cut short otherwise (a long history may take its time).
  /** While PostgreSQL does not answer, the workspace's usage as last read (a status bar keeps its figures), else LedgerUnreachable. */
  async usage(workspaceId: string, now = new Date()) {
    try {
      const usage = await this.reach.runReport(() => q.usage(this.pool, workspaceId, now));
      remember(this.lastUsage, workspaceId, usage);
      return usage;
    } catch (error) {
      const last = this.lastUsage.get(workspaceId);
      if (last && isUnanswered(error)) return last;
      throw error;
    }
  }

  daily(workspaceId: string, days: number, now = new Date()) {
    return this.reach.runReport(() => q.daily(this.pool, workspaceId, days, now));
  }

  history(workspaceId: string, limit: number) {
    return this.reach.runReport(() => q.history(this.pool, workspaceId, limit));
  }

  /** A developer's latest requests in every workspace, newest first (their dashboard on a team gateway). */
  developerHistory(developer: string, limit: number) {
    return this.reach.runReport(() => q.history(this.pool, developer, limit, 'developer'));
  }

  modelStats(now = Date.now(), windowMs = MODEL_STATS_WINDOW_MS) {
    return this.reach.runReport(() => q.modelStats(this.pool, now - windowMs));
  }

  billedTokensByModel(workspaceId: string) {
    return this.reach.runReport(() => q.billedTokensByModel(this.pool, workspaceId));
  }

  /** Runs a call of a request's path (a token or a limit read) with the store's bounded wait on PostgreSQL. */
  guarded<T>(call: () => Promise<T>): Promise<T> {
    return this.reach.run(call);
  }

  /** Cached per workspace and kind until this replica records one, or for a minute (other replicas' answers). */
  async typicalOutput(workspaceId: string, kind: Kind): Promise<TypicalOutput | undefined> {
    const key = typicalKey(workspaceId, kind);
    const cached = this.typicalHeld.get(key);
    if (cached && Date.now() - cached.at < TYPICAL_TTL_MS) return cached.value;
    try {
      const value = await this.reach.run(() => q.typicalOutput(this.pool, workspaceId, kind));
      remember(this.typicalHeld, key, { value, at: Date.now() });
      return value;
    } catch {
      return cached?.value; // an estimate's input: the fixed guess per kind does without it
    }
  }

  async typicalOutputs(workspaceId: string): Promise<Map<Kind, TypicalOutput | undefined>> {
    const outputs = await Promise.all(KINDS.map((kind) => this.typicalOutput(workspaceId, kind)));
    return new Map(KINDS.map((kind, i) => [kind, outputs[i]]));
  }

  /** Feedback bills nothing: while PostgreSQL is unreachable it is dropped (false), not journaled. */
  async recordFeedback(event: FeedbackEvent): Promise<boolean> {
    try {
      await this.reach.run(() => q.recordFeedback(this.pool, event));
      return true;
    } catch {
      return false;
    }
  }

  async feedbackEvidence(workspaceId: string, sinceAt: number, developer?: string): Promise<FeedbackEvidence[]> {
    try {
      return await this.reach.run(() => q.feedbackEvidence(this.pool, workspaceId, sinceAt, developer));
    } catch {
      return []; // routing goes on by the models' priors
    }
  }

  /** A cache that cannot be read is a miss: the request is answered by a model instead. */
  async cacheGet(key: string, now = Date.now()): Promise<CachedResponse | undefined> {
    try {
      return await this.reach.run(() => this.cache.get(key, now));
    } catch {
      return undefined;
    }
  }

  async cachePut(key: string, value: CachedResponse, ttlMs: number, now = Date.now()): Promise<void> {
    try {
      await this.reach.run(() => this.cache.put(key, value, ttlMs, now));
    } catch {
      // Not kept: the next identical request pays once more.
    }
  }

  cacheClear(): Promise<void> {
    return this.cache.clear();
  }

  /** Tries the journal once more, then closes the pool; what is still journaled is replayed at the next start. */
  async close(): Promise<void> {
    this.closed = true;
    this.reach.close();
    clearTimeout(this.replayTimer);
    this.replayTimer = undefined;
    await this.replay().catch(() => undefined);
    this.journal.close();
    await this.pool.end().catch(() => undefined);
  }
}

/** PostgreSQL answered and refused the data itself (SQLSTATE class 22 data exception, 23 integrity violation). */
function isRefusedData(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

function describeError(error: unknown): string {
  return (error as Error).message || String(error);
}

function addPending(spend: Spend, pending: readonly JournalEntry[], now: Date, matches: (r: RequestRecord) => boolean): Spend {
  const result = { ...spend };
  for (const { record } of pending) {
    if (!matches(record)) continue;
    const at = new Date(record.at);
    const cost = billedCost(record);
    if (localMonth(at) === localMonth(now)) result.monthUsd += cost;
    if (localDay(at) === localDay(now)) result.todayUsd += cost;
  }
  return result;
}

function typicalKey(workspaceId: string, kind: Kind): string {
  return `${kind}\u0000${workspaceId}`;
}
