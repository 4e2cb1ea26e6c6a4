// The ledger's questions in PostgreSQL: the same SQL shape as the SQLite ledger's (usage.ts,
// history.ts, feedback.ts, typical-output.ts) and the same assembly of their rows, so both
// engines answer alike (test/server/ledger/contract/ runs one suite against each).
import type { DailySpend, HistoryEntry, Kind } from '../../../../shared/protocol';
import { assembleEvidence, type AnsweredRow, type FeedbackEvent, type FeedbackEvidence, type SignalRow } from '../feedback';
import { historyEntries, modelStatsOf, type AttemptRow, type RequestRow } from '../history';
import { localDay, monthDayRange } from '../localTime';
import { TYPICAL_WINDOW, typicalOf, type TypicalOutput } from '../typical-output';
import type { BilledTokens, LedgerUsage, ModelStats, Spend } from '../types';
import { assembleUsage, dailySeries, type ClientRow, type LastRow, type TotalsRow } from '../usage';
import type { Pool } from './driver';

// Model names sort byte-wise, as SQLite's BINARY collation does, whatever the database's locale.
const BY_MODEL = 'model COLLATE "C"';

export async function usage(pool: Pool, workspaceId: string, now: Date): Promise<LedgerUsage> {
  const { first, next } = monthDayRange(now);
  const [totals, clients, last] = await Promise.all([
    pool.query<TotalsRow>(
      `SELECT model, kind, (day = $2) AS is_today, (day >= $3 AND day < $4) AS in_month,
         SUM(requests) AS requests, SUM(cost_usd) AS cost_usd, SUM(input_tokens) AS input_tokens,
         SUM(output_tokens) AS output_tokens, SUM(unpriced) AS unpriced, SUM(estimated) AS estimated
       FROM daily_totals WHERE workspace_id = $1 GROUP BY model, kind, is_today, in_month`,
      [workspaceId, localDay(now), first, next],
    ),
    pool.query<ClientRow>(
      `SELECT client, SUM(requests) AS requests, SUM(cost_usd) AS cost_usd, SUM(input_tokens) AS input_tokens,
         SUM(output_tokens) AS output_tokens, SUM(unpriced) AS unpriced, SUM(estimated) AS estimated
       FROM client_totals WHERE workspace_id = $1 GROUP BY client`,
      [workspaceId],
    ),
    pool.query<LastRow>(
      'SELECT model, kind, cost_usd, reasons, cached, at, outcome FROM requests WHERE workspace_id = $1 ORDER BY at DESC, id DESC LIMIT 1',
      [workspaceId],
    ),
  ]);
  return assembleUsage(workspaceId, totals.rows, clients.rows, last.rows[0]);
}

export async function spend(pool: Pool, workspaceId: string, now: Date): Promise<Spend> {
  const { first, next } = monthDayRange(now);
  const { rows } = await pool.query<{ today_usd: number; month_usd: number }>(
    `SELECT COALESCE(SUM(CASE WHEN day = $2 THEN cost_usd END), 0) AS today_usd, COALESCE(SUM(cost_usd), 0) AS month_usd
     FROM daily_totals WHERE workspace_id = $1 AND day >= $3 AND day < $4`,
    [workspaceId, localDay(now), first, next],
  );
  return { todayUsd: rows[0].today_usd, monthUsd: rows[0].month_usd };
}

export async function daily(pool: Pool, workspaceId: string, days: number, now: Date): Promise<DailySpend[]> {
  const count = Math.max(0, Math.floor(days));
  if (count === 0) return [];
  // dailySeries asks synchronously; the rows of the whole window are fetched first.
  const firstDay = localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - (count - 1)));
  const { rows } = await pool.query<DailySpend>(
    `SELECT day, SUM(cost_usd) AS "costUsd", SUM(requests) AS requests FROM daily_totals
     WHERE workspace_id = $1 AND day >= $2 AND day <= $3 GROUP BY day`,
    [workspaceId, firstDay, localDay(now)],
  );
  return dailySeries(days, now, () => rows);
}

export async function billedTokensByModel(pool: Pool, workspaceId: string): Promise<BilledTokens[]> {
  const { rows } = await pool.query<BilledTokens>(
    `SELECT model, SUM(input_tokens) AS "inputTokens", SUM(output_tokens) AS "outputTokens"
     FROM daily_totals WHERE workspace_id = $1 AND cached = 0 GROUP BY model ORDER BY ${BY_MODEL}`,
    [workspaceId],
  );
  return rows.map((r) => ({ model: r.model, inputTokens: r.inputTokens, outputTokens: r.outputTokens }));
}

/** The latest `limit` requests of a workspace (or, `by` 'developer', of a developer in every workspace), newest first. */
export async function history(pool: Pool, workspaceId: string, limit: number, by: 'workspace_id' | 'developer' = 'workspace_id'): Promise<HistoryEntry[]> {
  const n = Math.max(0, Math.floor(limit));
  const requests = await pool.query<RequestRow>(
    `SELECT id, at, kind, model, reasons, input_tokens, output_tokens, cost_usd, latency_ms, outcome, cached,
       tokens_estimated, client, refused
     FROM requests WHERE ${by} = $1 ORDER BY at DESC, id DESC LIMIT $2`,
    [workspaceId, n],
  );
  const ids = requests.rows.map((r) => r.id);
  const attempts = ids.length === 0
    ? { rows: [] as AttemptRow[] }
    : await pool.query<AttemptRow>(
      `SELECT request_id, model, ok, error, latency_ms, billed_input_tokens, billed_output_tokens, billed_cost_usd,
         billed_reported
       FROM attempts WHERE request_id = ANY($1::bigint[]) ORDER BY request_id, seq`,
      [ids],
    );
  return historyEntries(requests.rows, attempts.rows);
}

export async function modelStats(pool: Pool, sinceMs: number): Promise<ModelStats[]> {
  const { rows } = await pool.query<Pick<AttemptRow, 'model' | 'ok' | 'latency_ms'>>(
    `SELECT model, ok, latency_ms FROM attempts WHERE at >= $1 ORDER BY ${BY_MODEL}, latency_ms`,
    [sinceMs],
  );
  return modelStatsOf(rows);
}

export async function typicalOutput(pool: Pool, workspaceId: string, kind: Kind): Promise<TypicalOutput | undefined> {
  const { rows } = await pool.query<{ output_tokens: number }>(
    `SELECT output_tokens FROM requests
     WHERE workspace_id = $1 AND kind = $2 AND outcome = 'ok' AND cached = 0 AND tokens_estimated = 0 AND refused = 0
     ORDER BY at DESC, id DESC LIMIT ${TYPICAL_WINDOW}`,
    [workspaceId, kind],
  );
  return typicalOf(rows.map((r) => r.output_tokens));
}

export async function recordFeedback(pool: Pool, event: FeedbackEvent): Promise<void> {
  await pool.query('INSERT INTO feedback (workspace_id, at, kind, model, signal, developer, team) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    event.workspaceId, event.at, event.kind, event.model, event.signal, event.developer ?? null, event.team ?? null,
  ]);
}

/** The workspace's evidence, or with `developer` that developer's alone: their feedback and their requests. */
export async function feedbackEvidence(pool: Pool, workspaceId: string, sinceAt: number, developer?: string): Promise<FeedbackEvidence[]> {
  if (developer !== undefined) return developerEvidence(pool, workspaceId, sinceAt, developer);
  const [answered, signals] = await Promise.all([
    pool.query<AnsweredRow>(
      `SELECT kind, model, SUM(requests) AS n FROM daily_totals
       WHERE workspace_id = $1 AND day >= $2 AND cached = 0 GROUP BY kind, model`,
      [workspaceId, localDay(new Date(sinceAt))],
    ),
    pool.query<SignalRow>(
      'SELECT kind, model, signal, COUNT(*) AS n FROM feedback WHERE workspace_id = $1 AND at >= $2 GROUP BY kind, model, signal',
      [workspaceId, sinceAt],
    ),
  ]);
  return assembleEvidence(answered.rows, signals.rows);
}

/** The rollups do not keep developers: their requests are counted from the rows (indexed by developer and time). */
async function developerEvidence(pool: Pool, workspaceId: string, sinceAt: number, developer: string): Promise<FeedbackEvidence[]> {
  const [answered, signals] = await Promise.all([
    pool.query<AnsweredRow>(
      `SELECT kind, model, COUNT(*)::int AS n FROM requests
       WHERE developer = $3 AND at >= $2 AND workspace_id = $1 AND cached = 0 GROUP BY kind, model`,
      [workspaceId, sinceAt, developer],
    ),
    pool.query<SignalRow>(
      `SELECT kind, model, signal, COUNT(*)::int AS n FROM feedback
       WHERE workspace_id = $1 AND developer = $3 AND at >= $2 GROUP BY kind, model, signal`,
      [workspaceId, sinceAt, developer],
    ),
  ]);
  return assembleEvidence(answered.rows, signals.rows);
}

/** Who a spend question is about: one developer, or one team (as developers' teams were when they spent). */
export type SpendScope = { developer: string } | { team: string };

export async function scopeSpend(pool: Pool, scope: SpendScope, now: Date): Promise<Spend> {
  const [table, column, name] = 'developer' in scope
    ? ['developer_totals', 'developer', scope.developer]
    : ['team_totals', 'team', scope.team];
  const { first, next } = monthDayRange(now);
  const { rows } = await pool.query<{ today_usd: number; month_usd: number }>(
    `SELECT COALESCE(SUM(CASE WHEN day = $2 THEN cost_usd END), 0) AS today_usd, COALESCE(SUM(cost_usd), 0) AS month_usd
     FROM ${table} WHERE ${column} = $1 AND day >= $3 AND day < $4`,
    [name, localDay(now), first, next],
  );
  return { todayUsd: rows[0].today_usd, monthUsd: rows[0].month_usd };
}
