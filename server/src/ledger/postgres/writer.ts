// Writes one request to PostgreSQL: its row, its attempts, its rollups (per workspace and
// day: by model and by client; per developer and day) in one transaction, so a reader never
// sees a request without its attempts or a rollup that disagrees with its rows.
//
// Every request carries a uid chosen before the first write. When a commit's answer is lost
// (the connection broke after COMMIT was sent), the request is journaled and replayed with
// the same uid: the replay finds the row and adds nothing, so nothing is counted twice.
import { rollupsOf, type TotalsDelta } from '../rollup';
import type { RequestRecord } from '../types';
import type { PoolClient } from './driver';

export interface PendingRecord {
  uid: number;
  record: RequestRecord;
}

/** Inserts the request unless its uid is already there; returns the row's id. Inside the caller's transaction. */
export async function insertRequest(client: PoolClient, { uid, record }: PendingRecord): Promise<number> {
  const r = withoutNul(record);
  const rollups = rollupsOf(r);
  const { day } = rollups;
  const cached = r.cached ? 1 : 0;
  const inserted = await client.query<{ id: number }>(
    `INSERT INTO requests (uid, workspace_id, developer, team, client, at, day, month, kind, difficulty, model, input_tokens,
       output_tokens, cost_usd, latency_ms, outcome, cached, tokens_estimated, reasons, refused)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
     ON CONFLICT (uid) DO NOTHING RETURNING id`,
    [
      uid, r.workspaceId, r.developer ?? null, r.team ?? null, r.client ?? null, r.at, day, rollups.month, r.kind, r.difficulty, r.model,
      r.inputTokens, r.outputTokens, rollups.rowCost, Math.round(r.latencyMs), r.outcome, cached,
      r.tokensEstimated === true ? 1 : 0, JSON.stringify(r.reasons), r.refused === true ? 1 : 0,
    ],
  );
  if (inserted.rows.length === 0) {
    // Written before (a replay after a lost commit answer): its rollups are in too.
    const existing = await client.query<{ id: number }>('SELECT id FROM requests WHERE uid = $1', [uid]);
    return existing.rows[0].id;
  }
  const id = inserted.rows[0].id;
  if (r.attempts.length > 0) {
    const values: unknown[] = [];
    const tuples = r.attempts.map((a, seq) => {
      const bill = a.billed;
      values.push(id, seq, r.at, a.model, a.ok ? 1 : 0, a.error ?? null, a.latencyMs === undefined ? null : Math.round(a.latencyMs),
        bill?.inputTokens ?? null, bill?.outputTokens ?? null, bill?.costUsd ?? null, bill?.reported ? 1 : 0);
      return placeholders(seq * 11, 11);
    });
    await client.query(
      `INSERT INTO attempts (request_id, seq, at, model, ok, error, latency_ms, billed_input_tokens, billed_output_tokens,
         billed_cost_usd, billed_reported) VALUES ${tuples.join(', ')}`,
      values,
    );
  }
  // One row per model: a failed attempt of the answering model adds to the same row.
  for (const [model, delta] of mergeByModel(rollups.daily)) {
    await client.query(
      `INSERT INTO daily_totals (workspace_id, day, model, kind, cached, requests, cost_usd, input_tokens, output_tokens,
         unpriced, estimated)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (workspace_id, day, model, kind, cached) DO UPDATE SET
         requests = daily_totals.requests + excluded.requests,
         cost_usd = daily_totals.cost_usd + excluded.cost_usd,
         input_tokens = daily_totals.input_tokens + excluded.input_tokens,
         output_tokens = daily_totals.output_tokens + excluded.output_tokens,
         unpriced = daily_totals.unpriced + excluded.unpriced,
         estimated = daily_totals.estimated + excluded.estimated`,
      [r.workspaceId, day, model, r.kind, cached, delta.requests, delta.cost_usd, delta.input_tokens, delta.output_tokens,
        delta.unpriced, delta.estimated],
    );
  }
  const c = rollups.client;
  await client.query(
    `INSERT INTO client_totals (workspace_id, day, client, requests, cost_usd, input_tokens, output_tokens, unpriced, estimated)
     VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8)
     ON CONFLICT (workspace_id, day, client) DO UPDATE SET
       requests = client_totals.requests + 1,
       cost_usd = client_totals.cost_usd + excluded.cost_usd,
       input_tokens = client_totals.input_tokens + excluded.input_tokens,
       output_tokens = client_totals.output_tokens + excluded.output_tokens,
       unpriced = client_totals.unpriced + excluded.unpriced,
       estimated = client_totals.estimated + excluded.estimated`,
    [r.workspaceId, day, c.client, c.cost_usd, c.input_tokens, c.output_tokens, c.unpriced, c.estimated],
  );
  for (const [table, column, name] of [['developer_totals', 'developer', r.developer], ['team_totals', 'team', r.team]] as const) {
    if (name === undefined) continue;
    await client.query(
      `INSERT INTO ${table} (${column}, day, requests, cost_usd) VALUES ($1, $2, 1, $3)
       ON CONFLICT (${column}, day) DO UPDATE SET requests = ${table}.requests + 1, cost_usd = ${table}.cost_usd + excluded.cost_usd`,
      [name, day, c.cost_usd],
    );
  }
  return id;
}

/**
 * PostgreSQL's text cannot hold U+0000 (SQLite's can): an error message quoting a provider's
 * bytes must not make the request unwritable, so the character is dropped from every string.
 */
function withoutNul(r: RequestRecord): RequestRecord {
  return stripNul(r) as RequestRecord;
}

function stripNul(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (Array.isArray(value)) return value.map(stripNul);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripNul(v)]));
  }
  return value;
}

function mergeByModel(deltas: (TotalsDelta & { model: string })[]): Map<string, TotalsDelta> {
  const merged = new Map<string, TotalsDelta>();
  for (const { model, ...delta } of deltas) {
    const into = merged.get(model);
    if (!into) {
      merged.set(model, { ...delta });
      continue;
    }
    for (const key of Object.keys(delta) as (keyof TotalsDelta)[]) into[key] += delta[key];
  }
  return merged;
}

function placeholders(offset: number, count: number): string {
  return `(${Array.from({ length: count }, (_, i) => `$${offset + i + 1}`).join(', ')})`;
}
