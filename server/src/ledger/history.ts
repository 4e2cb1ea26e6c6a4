// Recent requests with their attempts (the dashboard's history table) and
// per-model attempt statistics (its health table).
import { EDITOR_CLIENT, type Attempt, type HistoryEntry, type Kind } from '../../../shared/protocol';
import { roundUsd } from './round-usd';
import type { DatabaseSync, StatementSync } from './sqlite';
import type { ModelStats, Outcome } from './types';

export interface RequestRow {
  id: number;
  at: number;
  kind: Kind;
  model: string;
  reasons: string;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
  latency_ms: number;
  outcome: Outcome;
  cached: number;
  tokens_estimated: number;
  client: string | null;
  refused: number;
}

export interface AttemptRow {
  request_id: number;
  model: string;
  ok: number;
  error: string | null;
  latency_ms: number | null;
  billed_input_tokens: number | null;
  billed_output_tokens: number | null;
  billed_cost_usd: number | null;
  billed_reported: number;
}

export class HistoryQueries {
  private readonly newestRequests: StatementSync;
  private readonly attemptsOfNewest: StatementSync;
  private readonly attemptsSince: StatementSync;

  constructor(db: DatabaseSync) {
    this.newestRequests = db.prepare(`
      SELECT id, at, kind, model, reasons, input_tokens, output_tokens, cost_usd, latency_ms, outcome, cached,
        tokens_estimated, client, refused
      FROM requests WHERE workspace_id = $workspace_id ORDER BY at DESC, id DESC LIMIT $limit`);
    this.attemptsOfNewest = db.prepare(`
      SELECT request_id, model, ok, error, latency_ms, billed_input_tokens, billed_output_tokens, billed_cost_usd,
        billed_reported
      FROM attempts
      WHERE request_id IN (
        SELECT id FROM requests WHERE workspace_id = $workspace_id ORDER BY at DESC, id DESC LIMIT $limit)
      ORDER BY request_id, seq`);
    this.attemptsSince = db.prepare(`
      SELECT model, ok, latency_ms FROM attempts WHERE at >= ? ORDER BY model, latency_ms`);
  }

  /** The workspace's latest `limit` requests, newest first, each with its attempts in the order tried. */
  history(workspaceId: string, limit: number): HistoryEntry[] {
    const params = { workspace_id: workspaceId, limit: Math.max(0, Math.floor(limit)) };
    const requests = this.newestRequests.all(params) as unknown as RequestRow[];
    return historyEntries(requests, this.attemptsOfNewest.all(params) as unknown as AttemptRow[]);
  }

  /**
   * Attempts per model since `sinceMs` (epoch ms), across all workspaces: a model's
   * health does not depend on which project called it. A time window rather than
   * all history, so a model that failed last week but works now looks healthy.
   */
  modelStats(sinceMs: number): ModelStats[] {
    return modelStatsOf(this.attemptsSince.all(sinceMs) as unknown as Pick<AttemptRow, 'model' | 'ok' | 'latency_ms'>[]);
  }
}

/** History entries from request rows (newest first) and their attempt rows (by request, in order tried). */
export function historyEntries(requests: RequestRow[], attemptRows: AttemptRow[]): HistoryEntry[] {
  const attempts = new Map<number, Attempt[]>();
  for (const row of attemptRows) {
    const list = attempts.get(row.request_id) ?? [];
    list.push(toAttempt(row));
    attempts.set(row.request_id, list);
  }
  return requests.map((r) => ({
    at: new Date(r.at).toISOString(),
    client: r.client ?? EDITOR_CLIENT,
    kind: r.kind,
    model: r.model,
    reasons: JSON.parse(r.reasons) as string[],
    inputTokens: r.input_tokens,
    outputTokens: r.output_tokens,
    // The protocol's costUsd is a number: an unknown price shows as 0, flagged priceUnknown.
    costUsd: roundUsd(r.cost_usd ?? 0),
    latencyMs: r.latency_ms,
    outcome: r.outcome,
    cached: r.cached === 1,
    attempts: attempts.get(r.id) ?? [],
    ...(r.tokens_estimated === 1 ? { tokensEstimated: true } : {}),
    ...(r.cost_usd === null ? { priceUnknown: true } : {}),
    ...(r.refused === 1 ? { refused: true } : {}),
  }));
}

/** Per model: attempts, failures and median latency, from attempt rows sorted by model and latency. */
export function modelStatsOf(rows: Pick<AttemptRow, 'model' | 'ok' | 'latency_ms'>[]): ModelStats[] {
  const byModel = new Map<string, { attempts: number; failures: number; latencies: number[] }>();
  for (const row of rows) {
    let stats = byModel.get(row.model);
    if (!stats) byModel.set(row.model, (stats = { attempts: 0, failures: 0, latencies: [] }));
    stats.attempts++;
    if (row.ok === 0) stats.failures++;
    // Rows arrive sorted by latency within a model, so the list is already ordered.
    if (row.latency_ms !== null) stats.latencies.push(row.latency_ms);
  }
  return [...byModel].map(([model, s]) => ({
    model,
    attempts: s.attempts,
    failures: s.failures,
    p50LatencyMs: median(s.latencies),
  }));
}

function toAttempt(row: AttemptRow): Attempt {
  const attempt: Attempt = { model: row.model, ok: row.ok === 1 };
  if (row.error !== null) attempt.error = row.error;
  if (row.latency_ms !== null) attempt.latencyMs = row.latency_ms;
  if (row.billed_input_tokens !== null && row.billed_output_tokens !== null) {
    attempt.billed = { inputTokens: row.billed_input_tokens, outputTokens: row.billed_output_tokens };
    if (row.billed_cost_usd !== null) attempt.billed.costUsd = roundUsd(row.billed_cost_usd);
    if (row.billed_reported === 1) attempt.billed.reported = true;
  }
  return attempt;
}

function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
