// Spend and usage totals, read from the daily_totals rollup (see schema.ts) so
// their cost does not grow with the number of recorded requests.
import { EDITOR_CLIENT, type DailySpend, type Kind, type LastRequest } from '../../../shared/protocol';
import { localDay, monthDayRange, shiftDays } from './localTime';
import { roundUsd } from './round-usd';
import type { DatabaseSync, StatementSync } from './sqlite';
import { EDITOR_CLIENT_KEY, type BilledTokens, type LedgerTotals, type LedgerUsage, type Spend } from './types';

export interface TotalsRow {
  model: string;
  kind: string;
  is_today: number;
  in_month: number;
  requests: number;
  cost_usd: number;
  input_tokens: number;
  output_tokens: number;
  unpriced: number;
  estimated: number;
}

export type ClientRow = Omit<TotalsRow, 'model' | 'kind' | 'is_today' | 'in_month'> & { client: string };

export interface LastRow {
  model: string;
  kind: Kind;
  cost_usd: number | null;
  reasons: string;
  cached: number;
  at: number;
  outcome: LastRequest['outcome'];
}

/** Every workspace's spend of today (?1) and of the month (?2 its first day, ?3 the next month's); exported for its query-plan test. */
export const ALL_WORKSPACES_SPEND_SQL = `
  SELECT COALESCE(SUM(CASE WHEN day = ?1 THEN cost_usd END), 0) AS today_usd,
    COALESCE(SUM(cost_usd), 0) AS month_usd
  FROM daily_totals WHERE day >= ?2 AND day < ?3`;

export class UsageQueries {
  private readonly totalsByGroup: StatementSync;
  private readonly totalsByClient: StatementSync;
  private readonly lastRequest: StatementSync;
  private readonly spendInMonth: StatementSync;
  private readonly allSpendInMonth: StatementSync;
  private readonly spendByDay: StatementSync;
  private readonly billedTokens: StatementSync;

  constructor(db: DatabaseSync) {
    this.totalsByGroup = db.prepare(`
      SELECT model, kind, day = $today AS is_today, (day >= $month_first AND day < $month_next) AS in_month,
        SUM(requests) AS requests, SUM(cost_usd) AS cost_usd, SUM(input_tokens) AS input_tokens,
        SUM(output_tokens) AS output_tokens, SUM(unpriced) AS unpriced, SUM(estimated) AS estimated
      FROM daily_totals WHERE workspace_id = $workspace_id
      GROUP BY model, kind, is_today, in_month`);
    this.totalsByClient = db.prepare(`
      SELECT client, SUM(requests) AS requests, SUM(cost_usd) AS cost_usd, SUM(input_tokens) AS input_tokens,
        SUM(output_tokens) AS output_tokens, SUM(unpriced) AS unpriced, SUM(estimated) AS estimated
      FROM client_totals WHERE workspace_id = ? GROUP BY client`);
    this.lastRequest = db.prepare(`
      SELECT model, kind, cost_usd, reasons, cached, at, outcome FROM requests
      WHERE workspace_id = ? ORDER BY at DESC, id DESC LIMIT 1`);
    // Runs before every request with a budget: bound by position (?1 today, ?2 workspace, ?3-?4 the month).
    this.spendInMonth = db.prepare(`
      SELECT COALESCE(SUM(CASE WHEN day = ?1 THEN cost_usd END), 0) AS today_usd,
        COALESCE(SUM(cost_usd), 0) AS month_usd
      FROM daily_totals WHERE workspace_id = ?2 AND day >= ?3 AND day < ?4`);
    // The same over every workspace (the all-workspaces budget): ?1 today, ?2-?3 the month; reads the
    // month's rows of the covering index daily_totals_by_day (schema.ts migration 8) alone.
    this.allSpendInMonth = db.prepare(ALL_WORKSPACES_SPEND_SQL);
    this.spendByDay = db.prepare(`
      SELECT day, SUM(cost_usd) AS costUsd, SUM(requests) AS requests FROM daily_totals
      WHERE workspace_id = ? AND day >= ? AND day <= ? GROUP BY day`);
    this.billedTokens = db.prepare(`
      SELECT model, SUM(input_tokens) AS inputTokens, SUM(output_tokens) AS outputTokens
      FROM daily_totals WHERE workspace_id = ? AND cached = 0 GROUP BY model ORDER BY model`);
  }

  usage(workspaceId: string, now: Date): LedgerUsage {
    const { first, next } = monthDayRange(now);
    const rows = this.totalsByGroup.all({
      workspace_id: workspaceId,
      today: localDay(now),
      month_first: first,
      month_next: next,
    }) as unknown as TotalsRow[];
    const clients = this.totalsByClient.all(workspaceId) as unknown as ClientRow[];
    return assembleUsage(workspaceId, rows, clients, this.lastRequest.get(workspaceId) as LastRow | undefined);
  }

  spend(workspaceId: string, now: Date): Spend {
    const { first, next } = monthDayRange(now);
    const row = this.spendInMonth.get(localDay(now), workspaceId, first, next) as { today_usd: number; month_usd: number };
    return { todayUsd: row.today_usd, monthUsd: row.month_usd };
  }

  /** Today's and this month's spend of every workspace together. */
  totalSpend(now: Date): Spend {
    const { first, next } = monthDayRange(now);
    const row = this.allSpendInMonth.get(localDay(now), first, next) as { today_usd: number; month_usd: number };
    return { todayUsd: row.today_usd, monthUsd: row.month_usd };
  }

  /** Every local day of the `days` ending today, oldest first; days without requests are zeros. */
  daily(workspaceId: string, days: number, now: Date): DailySpend[] {
    return dailySeries(days, now, (first, last) => this.spendByDay.all(workspaceId, first, last) as unknown as DailySpend[]);
  }

  billedTokensByModel(workspaceId: string): BilledTokens[] {
    const rows = this.billedTokens.all(workspaceId) as unknown as BilledTokens[];
    return rows.map((r) => ({ model: r.model, inputTokens: r.inputTokens, outputTokens: r.outputTokens }));
  }
}

/** The usage report from grouped rollup rows (see totalsByGroup), client rows and the latest request. */
export function assembleUsage(workspaceId: string, rows: TotalsRow[], clients: ClientRow[], last: LastRow | undefined): LedgerUsage {
  const report: LedgerUsage = {
    workspaceId,
    today: emptyTotals(),
    month: emptyTotals(),
    total: emptyTotals(),
    byModel: {},
    byKind: {},
    byClient: {},
  };
  for (const row of rows) {
    addRow(report.total, row);
    addRow((report.byModel[row.model] ??= emptyTotals()), row);
    addRow((report.byKind[row.kind] ??= emptyTotals()), row);
    if (row.in_month) addRow(report.month, row);
    if (row.is_today) addRow(report.today, row);
  }
  for (const row of clients) {
    const client = row.client === EDITOR_CLIENT_KEY ? EDITOR_CLIENT : row.client;
    addRow((report.byClient[client] ??= emptyTotals()), row);
  }
  if (last) report.last = lastRequestOf(last);
  // Summed in SQL and here: each total is rounded once, when complete.
  const groups = [report.byModel, report.byKind, report.byClient].flatMap((group) => Object.values(group));
  for (const totals of [report.today, report.month, report.total, ...groups]) totals.costUsd = roundUsd(totals.costUsd);
  return report;
}

/** Every local day of the `days` ending on `now`'s, oldest first, from the rows `read` finds between two day keys. */
export function dailySeries(days: number, now: Date, read: (firstDay: string, lastDay: string) => DailySpend[]): DailySpend[] {
  const count = Math.max(0, Math.floor(days));
  if (count === 0) return [];
  const start = shiftDays(now, -(count - 1));
  const byDay = new Map(read(localDay(start), localDay(now)).map((r) => [r.day, r]));
  return Array.from({ length: count }, (_, i) => {
    const day = localDay(shiftDays(start, i));
    const row = byDay.get(day);
    return { day, costUsd: roundUsd(row?.costUsd ?? 0), requests: row?.requests ?? 0 };
  });
}

function lastRequestOf(row: LastRow): LastRequest {
  return {
    model: row.model,
    kind: row.kind,
    // The protocol's costUsd is a number: an unknown price shows as 0 (counted in unpricedRequests).
    costUsd: roundUsd(row.cost_usd ?? 0),
    reasons: JSON.parse(row.reasons) as string[],
    cached: row.cached === 1,
    at: new Date(row.at).toISOString(),
    outcome: row.outcome,
  };
}

function emptyTotals(): LedgerTotals {
  return { costUsd: 0, requests: 0, inputTokens: 0, outputTokens: 0, unpricedRequests: 0, estimatedRequests: 0 };
}

function addRow(into: LedgerTotals, row: Omit<TotalsRow, 'model' | 'kind' | 'is_today' | 'in_month'>): void {
  into.costUsd += row.cost_usd;
  into.requests += row.requests;
  into.inputTokens += row.input_tokens;
  into.outputTokens += row.output_tokens;
  into.unpricedRequests += row.unpriced;
  into.estimatedRequests += row.estimated;
}
