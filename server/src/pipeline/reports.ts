// What the client shows: spend totals with the budget state (status bar) and the
// dashboard (daily spend, routing log, model health, saving vs the strongest model).
import type { DashboardParams, DashboardResult, ModelHealth, Savings, ScopeSpend, UsageReport } from '../../../shared/protocol';
import type { Settings } from '../../../shared/settings';
import { allWorkspacesLimits, budgetStatus } from '../budget/budget';
import { costUsd, strongestModel } from '../catalog/catalog';
import type { ModelInfo } from '../catalog/types';
import type { LedgerStore } from '../ledger/store';
import { roundUsd } from '../ledger/round-usd';
import type { BilledTokens, ModelStats, Spend } from '../ledger/types';
import type { Resilience } from '../resilience';

export async function usageReport(ledger: LedgerStore, budget: Settings['budget'], workspaceId: string, now: Date): Promise<UsageReport> {
  // The local ledger also answers every workspace's spend together (set limit or not: the total is worth seeing).
  const [usage, total] = await Promise.all([ledger.usage(workspaceId, now), ledger.totalSpend?.(now)]);
  const status = budgetStatus(budget, { todayUsd: usage.today.costUsd, monthUsd: usage.month.costUsd });
  return {
    ...usage,
    budget: { dailyUsd: budget.dailyUsd, monthlyUsd: budget.monthlyUsd, onExceed: budget.onExceed, state: status.state },
    ...(total ? { allWorkspaces: allWorkspacesFigures(budget, total) } : {}),
  };
}

/** Every workspace's spend today and this month with the all-workspaces budget and its state. */
function allWorkspacesFigures(budget: Settings['budget'], total: Spend): ScopeSpend {
  const limits = allWorkspacesLimits(budget);
  const { dailyUsd, monthlyUsd, onExceed } = limits;
  return {
    name: 'all workspaces',
    today: { costUsd: roundUsd(total.todayUsd) },
    month: { costUsd: roundUsd(total.monthUsd) },
    budget: {
      ...(dailyUsd === undefined ? {} : { dailyUsd }),
      ...(monthlyUsd === undefined ? {} : { monthlyUsd }),
      onExceed,
      state: budgetStatus(limits, total).state,
    },
  };
}

export async function dashboardReport(
  ledger: LedgerStore,
  budget: Settings['budget'],
  models: ModelInfo[],
  resilience: Resilience,
  params: DashboardParams,
  now: Date,
): Promise<DashboardResult> {
  // Independent questions: asked together, so a networked store answers in one round trip's time.
  const [usage, daily, history, stats, billed] = await Promise.all([
    usageReport(ledger, budget, params.workspaceId, now),
    ledger.daily(params.workspaceId, params.days ?? 30, now),
    ledger.history(params.workspaceId, params.limit ?? 100),
    ledger.modelStats(),
    ledger.billedTokensByModel(params.workspaceId),
  ]);
  return {
    usage,
    daily,
    history,
    health: modelHealth(stats, models, resilience),
    savings: savings(billed, models, usage.total.costUsd),
  };
}

function modelHealth(modelStats: ModelStats[], models: ModelInfo[], resilience: Resilience): ModelHealth[] {
  const stats = new Map(modelStats.map((s) => [s.model, s]));
  return models.map((m) => {
    const s = stats.get(m.ref);
    const attempts = s?.attempts ?? 0;
    const failures = s?.failures ?? 0;
    return {
      model: m.ref,
      breaker: resilience.breakers.state(m.ref),
      attempts,
      failures,
      errorRate: attempts === 0 ? 0 : failures / attempts,
      p50LatencyMs: s?.p50LatencyMs ?? null,
    };
  });
}

/** What the same billed tokens would have cost had every request gone to the strongest model. */
function savings(billed: BilledTokens[], models: ModelInfo[], actualUsd: number): Savings {
  const strongest = strongestModel(models);
  if (!strongest) return { actualUsd, strongestModel: null, strongestUsd: actualUsd };
  let strongestUsd = 0;
  for (const t of billed) {
    strongestUsd += costUsd(strongest, t.inputTokens, t.outputTokens) ?? 0;
  }
  return { actualUsd, strongestModel: strongest.ref, strongestUsd: roundUsd(strongestUsd) };
}
