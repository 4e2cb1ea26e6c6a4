// Builds the files written by "Export Usage…". Pure (no vscode import) so the CSV
// quoting and layout are unit-tested.
import { costBasis, type CostBasis } from '../../../shared/cost-basis';
import type { DashboardResult, HistoryEntry, UsageTotals } from '../../../shared/protocol';
import { billedNote } from '../format/attempt';

export type ExportFormat = 'csv' | 'json';

/** The most history rows router/dashboard returns (shared/params.ts), and so the most an export holds. */
export const EXPORT_ROWS = 10_000;

/** What the notification after an export says: how many requests, and when they are not all of them. */
export function exportedMessage(rows: number, totalRequests: number, fileName: string): string {
  const count = (n: number) => n.toLocaleString('en-US');
  const what = rows < totalRequests
    ? `the latest ${count(rows)} of ${count(totalRequests)} requests (the totals in it count them all)`
    : `${count(rows)} ${rows === 1 ? 'request' : 'requests'}`;
  return `LLM Router: exported ${what} to ${fileName}.`;
}

const HISTORY_COLUMNS = [
  'at', 'kind', 'model', 'outcome', 'cached', 'inputTokens', 'outputTokens',
  'costUsd', 'costBasis', 'latencyMs', 'attempts', 'reasons', 'client', 'refused',
] as const;

/**
 * Two CSV tables separated by an empty line: the routing history (one row per request,
 * newest first as the server sends it), then the totals for today, this month and all time.
 */
export function usageToCsv(dashboard: DashboardResult): string {
  const history = [HISTORY_COLUMNS.join(','), ...dashboard.history.map(historyRow)];
  const totals = ['period,requests,inputTokens,outputTokens,costUsd',
    totalsRow('today', dashboard.usage.today),
    totalsRow('month', dashboard.usage.month),
    totalsRow('total', dashboard.usage.total)];
  return `${history.join('\r\n')}\r\n\r\n${totals.join('\r\n')}\r\n`;
}

export function usageToJson(dashboard: DashboardResult, exportedAt: Date): string {
  return `${JSON.stringify({ exportedAt: exportedAt.toISOString(), ...dashboard }, null, 2)}\n`;
}

export function formatFromFileName(fileName: string): ExportFormat {
  return fileName.toLowerCase().endsWith('.json') ? 'json' : 'csv';
}

function historyRow(entry: HistoryEntry): string {
  const attempts = entry.attempts
    .map((a) => `${a.model} ${a.ok ? 'ok' : `failed${a.error ? ` (${a.error})` : ''}`}${billedNote(a)}`)
    .join('; ');
  return [
    csvText(entry.at), csvText(entry.kind), csvText(entry.model), csvText(entry.outcome),
    String(entry.cached), String(entry.inputTokens), String(entry.outputTokens),
    String(entry.costUsd), historyCostBasis(entry), String(entry.latencyMs), csvText(attempts), csvText(entry.reasons.join('; ')),
    // Added at the end, so a sheet that reads the earlier columns by position keeps working.
    csvText(entry.client),
    // true when the model declined: answered and billed (outcome ok), with no answer to use.
    String(entry.refused === true),
  ].join(',');
}

/**
 * Where costUsd comes from (shared/cost-basis.ts), so a spreadsheet never sums an unknown
 * price as $0 unawares: `provider`, `estimated`, `unknown-price`, `cache` or `none`.
 */
export function historyCostBasis(entry: HistoryEntry): CostBasis {
  return costBasis({ priceUnknown: entry.priceUnknown, estimated: entry.tokensEstimated, cached: entry.cached, answered: entry.outcome === 'ok' });
}

function totalsRow(period: string, totals: UsageTotals): string {
  return [period, totals.requests, totals.inputTokens, totals.outputTokens, totals.costUsd].join(',');
}

/**
 * RFC 4180 quoting, plus a leading apostrophe on text that a spreadsheet would run as a
 * formula (`=`, `+`, `-`, `@`): error messages come from remote providers.
 */
export function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
