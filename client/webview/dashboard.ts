// Script of the dashboard webview: fills the static markup (client/src/views/dashboardBody.ts)
// with a `router/dashboard` result. `#dashboard[data-state]` is loading | ready | error.
import type { DashboardResult, HistoryEntry, ModelHealth, UsageTotals } from '../../shared/protocol';
import { billedNote } from '../src/format/attempt';
import { formatCost, formatUsd } from '../src/format/money';
import { describeMonthPace } from '../src/status/monthPace';
import { allWorkspacesCard } from '../src/status/allWorkspaces';
import { describeBudget, monthCaveat } from '../src/status/spendTooltip';
import { chartCaption } from './chartCaption';
import { dailyChartWithAxes } from './chartSvg';
import { healthState } from './healthState';
import { historyCaption } from './historyCaption';
import { modelName, plainReason, whySummary } from '../src/format/plainReason';
import type { DashboardMessage } from './messages';
import { byId, element, vscode } from './vscodeApi';

byId('refresh').addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
byId('export').addEventListener('click', () => vscode.postMessage({ type: 'export' }));
byId('budget-settings').addEventListener('click', () => vscode.postMessage({ type: 'openBudgetSettings' }));
window.addEventListener('message', (event: MessageEvent<DashboardMessage>) => {
  const message = event.data;
  if (message?.type === 'dashboard') render(message.data, message.refreshedAt);
  if (message?.type === 'dashboardError') {
    byId('dashboard').dataset.state = 'error';
    byId('dashboard-status').textContent = `Could not load the dashboard: ${message.message}`;
  }
});
vscode.postMessage({ type: 'ready' });

function render(data: DashboardResult, refreshedAt: string): void {
  const { usage, savings } = data;
  setCard('total-today', formatUsd(usage.today.costUsd), requestCount(usage.today.requests));
  const pace = describeMonthPace(usage, new Date());
  setCard('total-month', formatUsd(usage.month.costUsd), `${requestCount(usage.month.requests)}${pace ? `; ${pace}` : ''}`);
  setCard('total-all', formatUsd(usage.total.costUsd), requestCount(usage.total.requests));
  const { dailyUsd, monthlyUsd } = usage.budget;
  if (dailyUsd === undefined && monthlyUsd === undefined) setCard('budget-state', 'no budget set', 'Budget Settings sets a daily or monthly limit.');
  else setCard('budget-state', usage.budget.state, describeBudget(usage.budget));
  // What this month's figure leaves out (unknown prices) or only estimates, said next to it.
  const caveat = monthCaveat(usage);
  byId('spend-caveat').hidden = caveat === undefined;
  byId('spend-caveat').textContent = caveat ? `Note: ${caveat}.` : '';
  byId('budget-state').dataset.state = usage.budget.state;
  // Every workspace's spend together, against the all-workspaces budget (absent from a team gateway).
  const allCard = byId('all-workspaces').parentElement;
  if (allCard) allCard.hidden = usage.allWorkspaces === undefined;
  if (usage.allWorkspaces) {
    const { value, detail } = allWorkspacesCard(usage.allWorkspaces);
    setCard('all-workspaces', value, detail);
    byId('all-workspaces').dataset.state = usage.allWorkspaces.budget.state;
  }
  const saved = savings.strongestUsd - savings.actualUsd;
  setCard('savings', savings.strongestModel ? formatUsd(saved) : '–', savings.strongestModel
    ? `${formatUsd(savings.actualUsd)} spent; always using ${savings.strongestModel} would have cost ${formatUsd(savings.strongestUsd)}`
    : 'No models configured to compare with.');
  byId('daily-chart-container').replaceChildren(dailyChartWithAxes(data.daily));
  byId('daily-caption').textContent = chartCaption(data.daily);
  fillTable('daily', data.daily.filter((d) => d.requests > 0).reverse().map((d) => [d.day, count(d.requests), formatUsd(d.costUsd)]));
  fillTable('by-model', Object.entries(usage.byModel).sort(byCost).map(([model, t]) => totalsRow(modelName(model), t)));
  fillTable('by-kind', Object.entries(usage.byKind).sort(byCost).map(([kind, t]) => totalsRow(kind, t)));
  // The editor's own commands, then each gateway caller or extension by the name it sent.
  fillTable('by-client', Object.entries(usage.byClient).sort(byCost).map(([client, t]) => totalsRow(client, t)));
  fillTable('health', data.health.map(healthRow));
  fillHistory(data.history);
  const historyNote = historyCaption(data.history.length, usage.total.requests);
  byId('history-caption').hidden = historyNote === undefined;
  byId('history-caption').textContent = historyNote ?? '';
  byId('dashboard').dataset.state = 'ready';
  byId('dashboard-status').textContent = `Updated ${new Date(refreshedAt).toLocaleTimeString()}.`;
}

function setCard(id: string, value: string, detail: string): void {
  byId(id).textContent = value;
  byId(`${id}-detail`).textContent = detail;
}

type Cell = string | HTMLElement;

function fillTable(id: string, rows: Cell[][]): void {
  byId(id).querySelector('tbody')?.replaceChildren(...rows.map(tableRow));
  byId(`${id}-empty`).hidden = rows.length > 0;
}

function tableRow(cells: Cell[]): HTMLTableRowElement {
  const tr = element('tr');
  tr.append(...cells.map((cell) => {
    const td = element('td', typeof cell === 'string' ? cell : undefined);
    if (typeof cell !== 'string') td.append(cell);
    return td;
  }));
  return tr;
}

/** The routing log: one row per request, and under it a full-width row with why, in plain words. */
function fillHistory(entries: HistoryEntry[]): void {
  byId('history').querySelector('tbody')?.replaceChildren(...entries.flatMap((e) => {
    const detail = element('tr', undefined, { class: 'detail' });
    const td = element('td', undefined, { colspan: '5' });
    td.append(detailsCell(e));
    detail.append(td);
    return [tableRow(historyRow(e)), detail];
  }));
  byId('history-empty').hidden = entries.length > 0;
}

const byCost = (a: [string, UsageTotals], b: [string, UsageTotals]) => b[1].costUsd - a[1].costUsd;

function totalsRow(name: string, t: UsageTotals): string[] {
  return [name, count(t.requests), count(t.inputTokens), count(t.outputTokens), formatUsd(t.costUsd)];
}

function healthRow(h: ModelHealth): string[] {
  const p50 = h.p50LatencyMs === null ? '–' : seconds(h.p50LatencyMs);
  return [h.model, healthState(h.breaker), `${(h.errorRate * 100).toFixed(0)}%`, p50, `${count(h.attempts)} (${count(h.failures)} failed)`];
}

/**
 * The reasons in plain words: the one that says most (why this model) as the summary, the
 * rest with tokens, time and attempts behind a keyboard-operable disclosure.
 */
function detailsCell(e: HistoryEntry): HTMLElement {
  const reasons = e.reasons.map((reason) => plainReason(reason, e.kind));
  const details = element('details');
  details.append(element('summary', `Why: ${whySummary(e.reasons, e.kind, e.model, e.outcome)}`));
  const list = element('ul');
  const attempts = e.attempts.map((a) => `${a.model} ${a.ok ? 'ok' : `failed: ${a.error ?? 'unknown error'}`}${billedNote(a)}`);
  list.append(
    ...reasons.slice(1).map((reason) => element('li', reason)),
    element('li', `tokens: ${count(e.inputTokens)} in, ${count(e.outputTokens)} out; ${seconds(e.latencyMs)}`),
    ...(attempts.length > 1 ? [element('li', `attempts: ${attempts.join('; ')}`)] : []),
    ...(e.client ? [element('li', `client: ${e.client}`)] : []),
  );
  details.append(list);
  return details;
}

function historyRow(e: HistoryEntry): Cell[] {
  return [
    when(e.at), e.kind, modelName(e.model),
    formatCost(e.costUsd, { estimated: e.tokensEstimated, priceUnknown: e.priceUnknown }),
    e.cached ? `${e.outcome} (cached)` : e.refused ? `${e.outcome} (refused)` : e.outcome,
  ];
}

/** Today's requests by their time only; older ones with a short date. */
function when(at: string): string {
  const date = new Date(at);
  const time = date.toLocaleTimeString();
  return date.toDateString() === new Date().toDateString() ? time : `${date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${time}`;
}

const count = (n: number) => n.toLocaleString();
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const requestCount = (n: number) => (n === 1 ? '1 request' : `${count(n)} requests`);
