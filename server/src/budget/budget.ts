// Daily and monthly spending limits: where the spend stands against them, in a
// state and in words. The router decides what to do about it (onExceed).
import type { BudgetStatus } from '../../../shared/protocol';
import type { Settings } from '../../../shared/settings';

export type BudgetSettings = Settings['budget'];
/** One scope's limits (the workspace's, or all workspaces' together) with how to act on them. */
export type BudgetLimits = Pick<BudgetSettings, 'dailyUsd' | 'monthlyUsd' | 'onExceed' | 'warnAtPercent'>;

/** What the router knows of a budget scope before a request: its limits, its spend, and the words that name it. */
export interface ScopeBudget {
  /** Starts each sentence: '' for the workspace's ("Daily budget: …"), 'All-workspaces' ("All-workspaces daily budget: …"). */
  label: string;
  limits: BudgetLimits;
  spend: SpendSoFar;
}

export interface SpendSoFar {
  todayUsd: number;
  monthUsd: number;
  /**
   * Of todayUsd and monthUsd, what requests still in flight have reserved (their maximum cost,
   * counted so concurrent requests see each other): not spent yet, and said apart in messages.
   */
  inFlightUsd?: number;
}

export interface BudgetReport extends BudgetStatus {
  exceeded: boolean;
  /** One sentence per limit at or above the warn threshold, e.g. "Daily budget: $4.10 of $5.00 used (82%)" (see describe). */
  messages: string[];
}

// Spend is a sum of float costs: $4.00 may arrive as 3.9999999999999996. A
// nano-dollar of slack keeps "at the limit" meaning at the limit.
const FLOAT_SLACK_USD = 1e-9;

type LimitState = BudgetStatus['state'];

interface Limit {
  label: string;
  limitUsd: number;
  /** Spent and reserved in flight together: what the limit is checked against. */
  spentUsd: number;
  /** The part of spentUsd reserved by requests in flight. */
  inFlightUsd: number;
}

function configuredLimits(budget: BudgetLimits, spend: SpendSoFar, scopeLabel = ''): Limit[] {
  const limits: Limit[] = [];
  const named = (period: 'Daily' | 'Monthly') => (scopeLabel === '' ? `${period} budget` : `${scopeLabel} ${period.toLowerCase()} budget`);
  const inFlightUsd = spend.inFlightUsd ?? 0;
  if (budget.dailyUsd !== undefined) limits.push({ label: named('Daily'), limitUsd: budget.dailyUsd, spentUsd: spend.todayUsd, inFlightUsd });
  if (budget.monthlyUsd !== undefined) {
    limits.push({ label: named('Monthly'), limitUsd: budget.monthlyUsd, spentUsd: spend.monthUsd, inFlightUsd });
  }
  return limits;
}

/**
 * The all-workspaces limits (user settings only), with their own warn threshold and onExceed (the VS
 * Code client sends the user settings' ones), else the workspace budget's.
 */
export function allWorkspacesLimits(budget: BudgetSettings): BudgetLimits {
  const { dailyUsd, monthlyUsd, onExceed, warnAtPercent } = budget.allWorkspaces ?? {};
  return { dailyUsd, monthlyUsd, onExceed: onExceed ?? budget.onExceed, warnAtPercent: warnAtPercent ?? budget.warnAtPercent };
}

export function hasLimit(limits: Pick<BudgetLimits, 'dailyUsd' | 'monthlyUsd'>): boolean {
  return limits.dailyUsd !== undefined || limits.monthlyUsd !== undefined;
}

function stateOf(limit: Limit, warnAtPercent: number): LimitState {
  if (limit.spentUsd >= limit.limitUsd - FLOAT_SLACK_USD) return 'exceeded';
  if (limit.spentUsd >= (limit.limitUsd * warnAtPercent) / 100 - FLOAT_SLACK_USD) return 'warn';
  return 'ok';
}

const SEVERITY: Record<LimitState, number> = { ok: 0, warn: 1, exceeded: 2 };

// Figures are floored, not rounded, so a limit that is not reached yet never
// reads as "$5.00 of $5.00" or "100%".
function floorTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.floor(value * scale + FLOAT_SLACK_USD) / scale;
}

/** Dollars floored to cents; an amount under a cent but above 0 to four decimals, so it never reads "$0.00". */
function dollars(value: number): string {
  if (value > 0 && value < 0.01) return `$${floorTo(value, 4).toFixed(4)}`;
  return `$${floorTo(value, 2).toFixed(2)}`;
}

/**
 * "Daily budget: $4.10 of $5.00 used (82%)"; while requests are in flight their reservations
 * count against the limit but are not spent, so the sentence says them apart: "Daily budget:
 * $0.96 spent + $0.04 in flight of $1.00 (100%)". Every face shows these words.
 */
function describe(limit: Limit): string {
  const percent = floorTo((limit.spentUsd / limit.limitUsd) * 100, 0);
  // A limit under a cent (a test, a tight per-day cap on a cheap model) keeps its digits instead of reading "$0.00".
  const limitUsd = limit.limitUsd < 0.01 ? `$${Number(limit.limitUsd.toPrecision(2))}` : `$${limit.limitUsd.toFixed(2)}`;
  if (!(limit.inFlightUsd > 0)) return `${limit.label}: ${dollars(limit.spentUsd)} of ${limitUsd} used (${percent}%)`;
  const spent = Math.max(0, limit.spentUsd - limit.inFlightUsd);
  return `${limit.label}: ${dollars(spent)} spent + ${dollars(limit.inFlightUsd)} in flight of ${limitUsd} (${percent}%)`;
}

/**
 * `ok` below warnAtPercent of every limit, `warn` at or above it, `exceeded` at or past a limit; no limits is `ok`.
 * `scopeLabel` names the scope in the messages ('' for the workspace's budget).
 */
export function budgetStatus(budget: BudgetLimits, spend: SpendSoFar, scopeLabel = ''): BudgetReport {
  let state: LimitState = 'ok';
  const messages: string[] = [];
  for (const limit of configuredLimits(budget, spend, scopeLabel)) {
    const limitState = stateOf(limit, budget.warnAtPercent);
    if (limitState === 'ok') continue;
    messages.push(describe(limit));
    if (SEVERITY[limitState] > SEVERITY[state]) state = limitState;
  }
  const report: BudgetReport = { onExceed: budget.onExceed, state, exceeded: state === 'exceeded', messages };
  if (budget.dailyUsd !== undefined) report.dailyUsd = budget.dailyUsd;
  if (budget.monthlyUsd !== undefined) report.monthlyUsd = budget.monthlyUsd;
  return report;
}

/**
 * Whether a call estimated at `estimatedCostUsd` would take spend past a limit.
 * Landing exactly on a limit fits; a free call never exceeds, so a local or
 * zero-priced model stays usable after the budget is spent.
 */
export function wouldExceed(budget: BudgetLimits, spend: SpendSoFar, estimatedCostUsd: number): boolean {
  if (!(estimatedCostUsd > 0)) return false;
  return configuredLimits(budget, spend).some(
    (limit) => limit.spentUsd + estimatedCostUsd > limit.limitUsd + FLOAT_SLACK_USD,
  );
}

/** The stricter of several scopes' budgets: the worst state, every message at or past a threshold, and the scopes exceeded. */
export interface StrictestBudget {
  state: LimitState;
  exceeded: boolean;
  messages: string[];
  /** Labels of the scopes at or past a limit ('' the workspace's), in the order given. */
  exceededScopes: string[];
  /** The strictest onExceed of the scopes past a limit (block, then downgrade, then warn); undefined when none is. */
  action?: BudgetLimits['onExceed'];
}

const ACTION_SEVERITY: Record<BudgetLimits['onExceed'], number> = { warn: 0, downgrade: 1, block: 2 };

export function strictestBudget(scopes: readonly ScopeBudget[]): StrictestBudget {
  let state: LimitState = 'ok';
  const messages: string[] = [];
  const exceededScopes: string[] = [];
  let action: BudgetLimits['onExceed'] | undefined;
  for (const scope of scopes) {
    const report = budgetStatus(scope.limits, scope.spend, scope.label);
    messages.push(...report.messages);
    if (report.exceeded) {
      exceededScopes.push(scope.label);
      if (action === undefined || ACTION_SEVERITY[scope.limits.onExceed] > ACTION_SEVERITY[action]) action = scope.limits.onExceed;
    }
    if (SEVERITY[report.state] > SEVERITY[state]) state = report.state;
  }
  return { state, exceeded: state === 'exceeded', messages, exceededScopes, ...(action ? { action } : {}) };
}
