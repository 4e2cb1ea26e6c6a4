// Writes one request: its row, its attempt rows and its day's rollup, in one
// transaction, so a reader never sees a request without its attempts and the
// rollup never disagrees with the rows it summarises.
import { localDay, localMonth } from './localTime';
import type { DatabaseSync, StatementSync } from './sqlite';
import type { JournalEntry } from './journal';
import { EDITOR_CLIENT_KEY, type RequestRecord } from './types';

export class RequestWriter {
  private readonly insertRequest: StatementSync;
  private readonly insertAttempt: StatementSync;
  private readonly addToDailyTotals: StatementSync;
  private readonly addToClientTotals: StatementSync;
  private readonly findRow: StatementSync;

  constructor(private readonly db: DatabaseSync) {
    this.insertRequest = db.prepare(`
      INSERT INTO requests (id, workspace_id, at, day, month, kind, difficulty, model, input_tokens,
        output_tokens, cost_usd, latency_ms, outcome, cached, reasons, tokens_estimated, client)
      VALUES ($id, $workspace_id, $at, $day, $month, $kind, $difficulty, $model, $input_tokens,
        $output_tokens, $cost_usd, $latency_ms, $outcome, $cached, $reasons, $tokens_estimated, $client)`);
    this.insertAttempt = db.prepare(`
      INSERT INTO attempts (request_id, seq, at, model, ok, error, latency_ms, billed_input_tokens,
        billed_output_tokens, billed_cost_usd, billed_reported)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.addToDailyTotals = db.prepare(`
      INSERT INTO daily_totals (workspace_id, day, model, kind, cached, requests, cost_usd,
        input_tokens, output_tokens, unpriced, estimated)
      VALUES ($workspace_id, $day, $model, $kind, $cached, $requests, $cost_usd, $input_tokens, $output_tokens,
        $unpriced, $estimated)
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
      VALUES ($workspace_id, $day, $client, 1, $cost_usd, $input_tokens, $output_tokens, $unpriced, $estimated)
      ON CONFLICT (workspace_id, day, client) DO UPDATE SET
        requests = requests + 1,
        cost_usd = cost_usd + excluded.cost_usd,
        input_tokens = input_tokens + excluded.input_tokens,
        output_tokens = output_tokens + excluded.output_tokens,
        unpriced = unpriced + excluded.unpriced,
        estimated = estimated + excluded.estimated`);
    this.findRow = db.prepare('SELECT workspace_id, at FROM requests WHERE id = ?');
  }

  /**
   * Copies journaled requests in, in one transaction. One already there (same id, same
   * workspace and time: copied before a crash) is skipped; a different row under its id
   * gets a fresh id instead. Throws SQLITE_BUSY, writing nothing, while the lock is held.
   */
  recordJournaled(entries: readonly JournalEntry[]): void {
    for (const { record } of entries) assertValid(record);
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const { id, record } of entries) {
        const row = this.findRow.get(id) as { workspace_id: string; at: number } | undefined;
        if (row && row.workspace_id === record.workspaceId && Number(row.at) === record.at) continue;
        this.insert(record, row ? null : id);
      }
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /**
   * Commits several requests in one transaction (group commit: one WAL write for all) and
   * returns their ids in order; nothing is written if any part of any of them fails.
   */
  recordMany(records: readonly RequestRecord[]): number[] {
    for (const r of records) assertValid(r);
    this.db.exec('BEGIN');
    try {
      const ids = records.map((r) => this.insert(r, null));
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
      const id = this.insert(r, null);
      this.db.exec('COMMIT');
      return id;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** The request's rows, inside the caller's transaction; `id` null lets SQLite pick it. */
  private insert(r: RequestRecord, requestedId: number | null): number {
    const at = new Date(r.at);
    const day = localDay(at);
    const cached = r.cached ? 1 : 0;
    // Failed and blocked requests count as requests but not as spend. A cancelled one
    // adds spend only when it carries (estimated) tokens: the part already streamed,
    // which the provider bills.
    const billed = r.outcome === 'ok' || (r.outcome === 'cancelled' && r.inputTokens + r.outputTokens > 0);
    const estimated = r.tokensEstimated === true ? 1 : 0;
    // Failed attempts the provider billed: a stream that broke off, an unusable reply.
    const failedBills = r.attempts.flatMap(({ model, billed: bill }) => (bill ? [{ model, bill }] : []));
    // The row's cost is all the request was billed: its answer and its failed attempts.
    const rowCost = r.costUsd === null ? null : failedBills.reduce((sum, { bill }) => sum + (bill.costUsd ?? 0), r.costUsd);
    const { lastInsertRowid } = this.insertRequest.run({
      id: requestedId,
      workspace_id: r.workspaceId,
      at: r.at,
      day,
      month: localMonth(at),
      kind: r.kind,
      difficulty: r.difficulty,
      model: r.model,
      input_tokens: r.inputTokens,
      output_tokens: r.outputTokens,
      cost_usd: rowCost,
      latency_ms: Math.round(r.latencyMs),
      outcome: r.outcome,
      cached,
      reasons: JSON.stringify(r.reasons),
      tokens_estimated: estimated,
      client: r.client ?? null,
    });
    const id = Number(lastInsertRowid);
    r.attempts.forEach((a, seq) => {
      const latency = a.latencyMs === undefined ? null : Math.round(a.latencyMs);
      const bill = a.billed;
      this.insertAttempt.run(id, seq, r.at, a.model, a.ok ? 1 : 0, a.error ?? null, latency,
        bill?.inputTokens ?? null, bill?.outputTokens ?? null, bill?.costUsd ?? null, bill?.reported ? 1 : 0);
    });
    const rollup = { workspace_id: r.workspaceId, day, kind: r.kind, cached };
    const unpriced = billed && r.costUsd === null ? 1 : 0;
    const answer = {
      cost_usd: billed ? (r.costUsd ?? 0) : 0,
      input_tokens: billed ? r.inputTokens : 0,
      output_tokens: billed ? r.outputTokens : 0,
    };
    this.addToDailyTotals.run({ ...rollup, ...answer, model: r.model, requests: 1, unpriced, estimated: billed ? estimated : 0 });
    // The client's rollup gets the whole request in one row: its answer and its failed bills.
    const byClient = { ...answer };
    // Each billed failed attempt's spend goes to its own model, as no request of its own;
    // the request counts as estimated (and unpriced) once, whichever row says so first.
    let estimatedCounted = billed && estimated === 1;
    let unpricedCounted = unpriced === 1;
    for (const { model, bill } of failedBills) {
      const priceUnknown = bill.costUsd === undefined;
      this.addToDailyTotals.run({
        ...rollup,
        model,
        requests: 0,
        cost_usd: bill.costUsd ?? 0,
        input_tokens: bill.inputTokens,
        output_tokens: bill.outputTokens,
        unpriced: priceUnknown && !unpricedCounted ? 1 : 0,
        estimated: !bill.reported && !estimatedCounted ? 1 : 0,
      });
      estimatedCounted ||= !bill.reported;
      unpricedCounted ||= priceUnknown;
      byClient.cost_usd += bill.costUsd ?? 0;
      byClient.input_tokens += bill.inputTokens;
      byClient.output_tokens += bill.outputTokens;
    }
    this.addToClientTotals.run({
      workspace_id: r.workspaceId,
      day,
      client: r.client ?? EDITOR_CLIENT_KEY,
      ...byClient,
      unpriced: unpricedCounted ? 1 : 0,
      estimated: estimatedCounted ? 1 : 0,
    });
    return id;
  }
}

/** A NaN or negative figure would poison every later total, so it is refused at the door. */
function assertValid(r: RequestRecord): void {
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
