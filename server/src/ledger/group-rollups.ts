// The rollup deltas of a group commit summed per rollup row, so the group adds to each
// daily_totals / client_totals row once instead of once per request: under load the
// requests of a group mostly share one workspace, day, model and client, and each upsert is
// an index search and a page change in SQLite.
import type { RequestRollups, TotalsDelta } from './rollup';

export interface DailyKey {
  workspaceId: string;
  day: string;
  model: string;
  kind: string;
  cached: number;
}

export interface ClientKey {
  workspaceId: string;
  day: string;
  client: string;
}

export class GroupRollups {
  readonly daily = new Map<string, { key: DailyKey; sum: TotalsDelta }>();
  readonly client = new Map<string, { key: ClientKey; sum: TotalsDelta }>();

  add(workspaceId: string, kind: string, cached: number, rollups: RequestRollups): void {
    const { day } = rollups;
    for (const d of rollups.daily) {
      // \u0000 cannot occur in the names, so the joined key is unambiguous.
      const id = `${workspaceId}\u0000${day}\u0000${d.model}\u0000${kind}\u0000${cached}`;
      addTo(this.daily, id, { workspaceId, day, model: d.model, kind, cached }, d);
    }
    const c = rollups.client;
    addTo(this.client, `${workspaceId}\u0000${day}\u0000${c.client}`, { workspaceId, day, client: c.client }, c);
  }
}

function addTo<K>(rows: Map<string, { key: K; sum: TotalsDelta }>, id: string, key: K, delta: TotalsDelta): void {
  const row = rows.get(id);
  if (!row) {
    rows.set(id, {
      key,
      sum: {
        requests: delta.requests, cost_usd: delta.cost_usd, input_tokens: delta.input_tokens,
        output_tokens: delta.output_tokens, unpriced: delta.unpriced, estimated: delta.estimated,
      },
    });
    return;
  }
  const { sum } = row;
  sum.requests += delta.requests;
  sum.cost_usd += delta.cost_usd;
  sum.input_tokens += delta.input_tokens;
  sum.output_tokens += delta.output_tokens;
  sum.unpriced += delta.unpriced;
  sum.estimated += delta.estimated;
}
