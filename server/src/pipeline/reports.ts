// What the client shows: spend totals with the budget state (status bar) and the
// dashboard (daily spend, routing log, model health, saving vs the strongest model).
import type { DashboardParams, DashboardResult, ModelHealth, Savings, UsageReport } from '../../../shared/protocol';
import type { Settings } from '../../../shared/settings';
import { budgetStatus } from '../budget/budget';
import { costUsd, strongestModel } from '../catalog/catalog';
import type { ModelInfo } from '../catalog/types';
import type { Ledger } from '../ledger/ledger';
import type { Resilience } from '../resilience';

export function usageReport(ledger: Ledger, budget: Settings['budget'], workspaceId: string, now: Date): UsageReport {
  const usage = ledger.usage(workspaceId, now);
  const status = budgetStatus(budget, { todayUsd: usage.today.costUsd, monthUsd: usage.month.costUsd });
  return {
    ...usage,
    budget: { dailyUsd: budget.dailyUsd, monthlyUsd: budget.monthlyUsd, onExceed: budget.onExceed, state: status.state },
  };
}

export function dashboardReport(
  ledger: Ledger,
  budget: Settings['budget'],
  models: ModelInfo[],
  resilience: Resilience,
  params: DashboardParams,
  now: Date,
): DashboardResult {
  const usage = usageReport(ledger, budget, params.workspaceId, now);
  return {
    usage,
    daily: ledger.daily(params.workspaceId, params.days ?? 30, now),
    history: ledger.history(params.workspaceId, params.limit ?? 100),
    health: modelHealth(ledger, models, resilience),
    savings: savings(ledger, models, params.workspaceId, usage.total.costUsd),
  };
}

function modelHealth(ledger: Ledger, models: ModelInfo[], resilience: Resilience): ModelHealth[] {
  const stats = new Map(ledger.modelStats().map((s) => [s.model, s]));
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
function savings(ledger: Ledger, models: ModelInfo[], workspaceId: string, actualUsd: number): Savings {
  const strongest = strongestModel(models);
  if (!strongest) return { actualUsd, strongestModel: null, strongestUsd: actualUsd };
  let strongestUsd = 0;
  for (const t of ledger.billedTokensByModel(workspaceId)) {
    strongestUsd += costUsd(strongest, t.inputTokens, t.outputTokens) ?? 0;
  }
  return { actualUsd, strongestModel: strongest.ref, strongestUsd };
}
