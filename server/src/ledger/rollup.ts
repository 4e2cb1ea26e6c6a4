// What one request adds to the rollups (daily_totals per model, client_totals per client),
// computed once for every ledger engine, so SQLite and PostgreSQL count spend alike.
import { localDay, localMonth } from './localTime';
import { ALL_WORKSPACES, EDITOR_CLIENT_KEY, type RequestRecord } from './types';

export interface TotalsDelta {
  requests: number;
  cost_usd: number;
  input_tokens: number;
  output_tokens: number;
  unpriced: number;
  estimated: number;
}

export interface RequestRollups {
  day: string;
  month: string;
  /** The request row's cost: its answer and its failed attempts' bills; null when the answer's price is unknown. */
  rowCost: number | null;
  /** One delta per model: the answering model first, then each failed attempt the provider billed. */
  daily: (TotalsDelta & { model: string })[];
  client: TotalsDelta & { client: string };
}

export function rollupsOf(r: RequestRecord): RequestRollups {
  const at = new Date(r.at);
  // Failed and blocked requests count as requests but not as spend. A cancelled one
  // adds spend only when it carries (estimated) tokens: the part already streamed,
  // which the provider bills.
  const billed = r.outcome === 'ok' || (r.outcome === 'cancelled' && r.inputTokens + r.outputTokens > 0);
  const estimated = r.tokensEstimated === true ? 1 : 0;
  // Failed attempts the provider billed: a stream that broke off, an unusable reply.
  const failedBills = r.attempts.flatMap(({ model, billed: bill }) => (bill ? [{ model, bill }] : []));
  const rowCost = r.costUsd === null ? null : failedBills.reduce((sum, { bill }) => sum + (bill.costUsd ?? 0), r.costUsd);
  const unpriced = billed && r.costUsd === null ? 1 : 0;
  const answer = {
    cost_usd: billed ? (r.costUsd ?? 0) : 0,
    input_tokens: billed ? r.inputTokens : 0,
    output_tokens: billed ? r.outputTokens : 0,
  };
  const daily: RequestRollups['daily'] = [
    { model: r.model, requests: 1, ...answer, unpriced, estimated: billed ? estimated : 0 },
  ];
  // The client's rollup gets the whole request in one row: its answer and its failed bills.
  const byClient = { ...answer };
  // Each billed failed attempt's spend goes to its own model, as no request of its own;
  // the request counts as estimated (and unpriced) once, whichever row says so first.
  let estimatedCounted = billed && estimated === 1;
  let unpricedCounted = unpriced === 1;
  for (const { model, bill } of failedBills) {
    const priceUnknown = bill.costUsd === undefined;
    daily.push({
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
  return {
    day: localDay(at),
    month: localMonth(at),
    rowCost,
    daily,
    client: {
      client: r.client ?? EDITOR_CLIENT_KEY,
      requests: 1,
      ...byClient,
      unpriced: unpricedCounted ? 1 : 0,
      estimated: estimatedCounted ? 1 : 0,
    },
  };
}

/** What a request adds to spend (today's and the month's): its answer when billed, and its failed attempts' bills. */
export function billedCost(r: RequestRecord): number {
  return rollupsOf(r).client.cost_usd;
}

/** A request waiting for its commit: what it adds to spend, and the local day and month it counts in. */
export interface PendingSpend {
  costUsd: number;
  day: string;
  month: string;
}

// Budgets read spend before every request, and every read counts each request still waiting
// for its commit: under load that is dozens of them, each read many times. A record does not
// change while it waits, so its figures are worked out once.
const pendingSpends = new WeakMap<RequestRecord, PendingSpend>();

export function pendingSpendOf(r: RequestRecord): PendingSpend {
  let spend = pendingSpends.get(r);
  if (spend === undefined) {
    const at = new Date(r.at);
    spend = { costUsd: billedCost(r), day: localDay(at), month: localMonth(at) };
    pendingSpends.set(r, spend);
  }
  return spend;
}

/** Adds what the waiting requests of `workspaceId` (or of every workspace) add to `spend` (today's and this month's, as of `now`). */
export function addPendingSpend(
  spend: { todayUsd: number; monthUsd: number },
  pending: Iterable<RequestRecord>,
  workspaceId: string | typeof ALL_WORKSPACES,
  now: Date,
): void {
  let today: string | undefined;
  let month: string | undefined;
  for (const record of pending) {
    if (workspaceId !== ALL_WORKSPACES && record.workspaceId !== workspaceId) continue;
    today ??= localDay(now);
    month ??= localMonth(now);
    const { costUsd, day, month: recordMonth } = pendingSpendOf(record);
    if (recordMonth === month) spend.monthUsd += costUsd;
    if (day === today) spend.todayUsd += costUsd;
  }
}
