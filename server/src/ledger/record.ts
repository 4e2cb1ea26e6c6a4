// Writes one request: its row, its attempt rows and its day's rollup, in one
// transaction, so a reader never sees a request without its attempts and the
// rollup never disagrees with the rows it summarises.
import type { DatabaseSync, StatementSync } from './sqlite';
import type { JournalEntry } from './journal';
import { GroupRollups } from './group-rollups';
import { rollupsOf } from './rollup';
import type { RequestRecord } from './types';

export class RequestWriter {
  private readonly insertRequest: StatementSync;
  private readonly insertAttempt: StatementSync;
  private readonly addToDailyTotals: StatementSync;
  private readonly addToClientTotals: StatementSync;
  private readonly markCopied: StatementSync;
  private readonly findCopied: StatementSync;

  constructor(private readonly db: DatabaseSync) {
    this.insertRequest = db.prepare(`
      INSERT INTO requests (id, workspace_id, at, day, month, kind, difficulty, model, input_tokens,
        output_tokens, cost_usd, latency_ms, outcome, cached, reasons, tokens_estimated, client, refused)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertAttempt = db.prepare(`
      INSERT INTO attempts (request_id, seq, at, model, ok, error, latency_ms, billed_input_tokens,
        billed_output_tokens, billed_cost_usd, billed_reported)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.addToDailyTotals = db.prepare(`
      INSERT INTO daily_totals (workspace_id, day, model, kind, cached, requests, cost_usd,
        input_tokens, output_tokens, unpriced, estimated)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (workspace_id, day, model, kind, cached) DO UPDATE SET
        requests = requests + excluded.requests,
        cost_usd = cost_usd + excluded.cost_usd,
        input_tokens = input_tokens + excluded.input_tokens,
        output_tokens = output_tokens + excluded.output_tokens,
        unpriced = unpriced + excluded.unpriced,
        estimated = estimated + excluded.estimated`);
    this.addToClientTotals = db.prepare(`
      INSERT INTO client_totals (workspace_id, day, client, requests, cost_usd, input_tokens, output_tokens,
        unpriced, estimated)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (workspace_id, day, client) DO UPDATE SET
        requests = requests + excluded.requests,
        cost_usd = cost_usd + excluded.cost_usd,
        input_tokens = input_tokens + excluded.input_tokens,
        output_tokens = output_tokens + excluded.output_tokens,
        unpriced = unpriced + excluded.unpriced,
        estimated = estimated + excluded.estimated`);
    this.markCopied = db.prepare(`
      INSERT INTO journal_copied (journal, through_entry) VALUES (?, ?)
      ON CONFLICT (journal) DO UPDATE SET through_entry = excluded.through_entry`);
    this.findCopied = db.prepare('SELECT through_entry FROM journal_copied WHERE journal = ?');
  }

  /**
   * Copies the entries of the journal file named `journal` in, in order, in one transaction
   * that also notes the last entry copied (see copiedThrough). Throws SQLITE_BUSY, writing
   * nothing, while the lock is held.
   */
  recordJournaled(journal: string, entries: readonly JournalEntry[]): void {
    if (entries.length === 0) return;
    for (const { record } of entries) assertValid(record);
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const sums = new GroupRollups();
      for (const { record } of entries) this.insert(record, sums);
      this.addGroupRollups(sums);
      this.markCopied.run(journal, entries[entries.length - 1].id);
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** The id of the last entry of the journal file named `journal` already copied in, if any. */
  copiedThrough(journal: string): number | undefined {
    const row = this.findCopied.get(journal) as { through_entry: number | bigint } | undefined;
    return row === undefined ? undefined : Number(row.through_entry);
  }

  /**
   * Commits several requests in one transaction (group commit: one WAL write for all) and
   * returns their ids in order; nothing is written if any part of any of them fails.
   */
  recordMany(records: readonly RequestRecord[]): number[] {
    for (const r of records) assertValid(r);
    this.db.exec('BEGIN');
    try {
      const sums = new GroupRollups();
      const ids = records.map((r) => this.insert(r, sums));
      this.addGroupRollups(sums);
      this.db.exec('COMMIT');
      return ids;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Commits the request and returns its id; nothing is written if any part fails. */
  record(r: RequestRecord): number {
    assertValid(r);
    this.db.exec('BEGIN');
    try {
      const id = this.insert(r);
      this.db.exec('COMMIT');
      return id;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /**
   * The request's rows, inside the caller's transaction, under the next id (so rows keep
   * the order they were recorded in). Its rollup deltas go into `sums` when given (written
   * once for the group by addGroupRollups), else straight to the rollup tables.
   */
  private insert(r: RequestRecord, sums?: GroupRollups): number {
    const rollups = rollupsOf(r);
    const { day } = rollups;
    const cached = r.cached ? 1 : 0;
    // Bound by position, in the column order of the statement: binding by name cost a
    // twentieth of the gateway's CPU under load (a key lookup per parameter per row).
    const { lastInsertRowid } = this.insertRequest.run(
      null, r.workspaceId, r.at, day, rollups.month, r.kind, r.difficulty, r.model, r.inputTokens,
      r.outputTokens, rollups.rowCost, Math.round(r.latencyMs), r.outcome, cached, JSON.stringify(r.reasons),
      r.tokensEstimated === true ? 1 : 0, r.client ?? null, r.refused === true ? 1 : 0,
    );
    const id = Number(lastInsertRowid);
    r.attempts.forEach((a, seq) => {
      const latency = a.latencyMs === undefined ? null : Math.round(a.latencyMs);
      const bill = a.billed;
      this.insertAttempt.run(id, seq, r.at, a.model, a.ok ? 1 : 0, a.error ?? null, latency,
        bill?.inputTokens ?? null, bill?.outputTokens ?? null, bill?.costUsd ?? null, bill?.reported ? 1 : 0);
    });
    if (sums) {
      sums.add(r.workspaceId, r.kind, cached, rollups);
      return id;
    }
    for (const d of rollups.daily) {
      this.addToDailyTotals.run(r.workspaceId, day, d.model, r.kind, cached, d.requests, d.cost_usd, d.input_tokens,
        d.output_tokens, d.unpriced, d.estimated);
    }
    const c = rollups.client;
    this.addToClientTotals.run(r.workspaceId, day, c.client, c.requests, c.cost_usd, c.input_tokens, c.output_tokens, c.unpriced, c.estimated);
    return id;
  }

  /** One upsert per rollup row the group touched, inside the group's transaction. */
  private addGroupRollups(sums: GroupRollups): void {
    for (const { key: k, sum: d } of sums.daily.values()) {
      this.addToDailyTotals.run(k.workspaceId, k.day, k.model, k.kind, k.cached, d.requests, d.cost_usd, d.input_tokens,
        d.output_tokens, d.unpriced, d.estimated);
    }
    for (const { key: k, sum: c } of sums.client.values()) {
      this.addToClientTotals.run(k.workspaceId, k.day, k.client, c.requests, c.cost_usd, c.input_tokens, c.output_tokens, c.unpriced, c.estimated);
    }
  }
}

/** A NaN or negative figure would poison every later total, so it is refused at the door. */
export function assertValid(r: RequestRecord): void {
  const figures: [string, number | null][] = [
    ['at', r.at],
    ['inputTokens', r.inputTokens],
    ['outputTokens', r.outputTokens],
    ['costUsd', r.costUsd],
    ['latencyMs', r.latencyMs],
  ];
  r.attempts.forEach(({ billed }, i) => {
    if (!billed) return;
    figures.push([`attempts[${i}].billed.inputTokens`, billed.inputTokens], [`attempts[${i}].billed.outputTokens`, billed.outputTokens]);
    if (billed.costUsd !== undefined) figures.push([`attempts[${i}].billed.costUsd`, billed.costUsd]);
  });
  for (const [name, value] of figures) {
    if (value !== null && !(Number.isFinite(value) && value >= 0)) {
      throw new RangeError(`RequestRecord.${name} must be a finite non-negative number, got ${value}`);
    }
  }
}
