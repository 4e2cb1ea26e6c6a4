// Before a paid call: the request reserves its maximum cost on every budget scope it is
// charged to (its workspace; with a developer token, its developer and team), and is refused
// when a hard scope's spend plus the requests in flight already reached a limit (a workspace
// budget with onExceed "block", an admin limit). After it: the reservation goes, its cost counts.
// Why this bounds overspend across replicas: see BudgetCounters in shared-state/types.ts.
import type { Settings } from '../../../shared/settings';
import type { ModelInfo } from '../catalog/types';
import type { BudgetCounters, Reservation, ScopeLimit } from '../shared-state/types';
import type { Decision } from './decide';
import { budgetBlocked } from './errors';
import { ALL_WORKSPACES_LABEL, ALL_WORKSPACES_SCOPE, describeScope, raiseHint } from '../budget/scopes';
import { allWorkspacesLimits, budgetStatus, type SpendSoFar } from '../budget/budget';

const TOKENS_PER_MILLION = 1_000_000;

/**
 * The most the request can cost: its prompt plus the longest answer allowed, on the dearest
 * candidate it may fall back to. A model without a price adds nothing (its cost is unknown).
 */
export function maximumCostUsd(decision: Decision, maxModels: number, maxOutputTokens: (model: ModelInfo) => number): number {
  const candidates = decision.selection.ordered.slice(0, maxModels).map((c) => c.model);
  return Math.max(
    0,
    ...candidates.map((model) => {
      if (model.inputUsdPerMTok === undefined || model.outputUsdPerMTok === undefined) return 0;
      const input = decision.prompt.inputTokens * model.inputUsdPerMTok;
      return (input + maxOutputTokens(model) * model.outputUsdPerMTok) / TOKENS_PER_MILLION;
    }),
  );
}

/**
 * The longest a request can run: every model it may try, each attempt to its timeout, and the
 * waits between retries; plus a minute of slack. Its reservation must not lapse before.
 */
export function longestRunMs(resilience: Settings['resilience']): number {
  const { timeoutMs, maxModels, retriesPerModel, maxRetryAfterMs } = resilience;
  return maxModels * ((retriesPerModel + 1) * timeoutMs + retriesPerModel * maxRetryAfterMs) + 60_000;
}

export async function reserveBudget(
  budget: BudgetCounters,
  scopes: readonly ScopeLimit[],
  settings: Pick<Settings, 'budget' | 'resilience'>,
  maxUsd: number,
  now: Date,
): Promise<Reservation> {
  const result = await budget.reserve(scopes, maxUsd, now, longestRunMs(settings.resilience));
  if (result.ok) return result.reservation;
  const allWorkspaces = result.scope === ALL_WORKSPACES_SCOPE;
  // The data names the limits of the scope that refused (the workspace's, or all workspaces').
  const limits = allWorkspaces ? allWorkspacesLimits(settings.budget) : settings.budget;
  const hint = raiseHint([allWorkspaces ? ALL_WORKSPACES_LABEL : '']);
  // The same sentences as a refusal before the reservation ("$0.96 spent + $0.04 in flight of $1.00"),
  // against the limits of the scope that refused.
  const refused = scopes.find((s) => s.scope === result.scope);
  const label = allWorkspaces ? ALL_WORKSPACES_LABEL : result.scope.startsWith('workspace:') ? '' : scopeLabel(result.scope);
  const sentences = refused ? budgetStatus({ ...limits, dailyUsd: refused.dailyUsd, monthlyUsd: refused.monthlyUsd }, result.spend, label).messages : [];
  const said = sentences.length > 0 ? sentences.join('; ') : `${describeScope(result.scope)}: ${spendWords(result.spend)}`;
  throw budgetBlocked(
    `Budget exceeded: ${said}. ${hint}`,
    {
      budget: { onExceed: limits.onExceed, state: 'exceeded', dailyUsd: limits.dailyUsd, monthlyUsd: limits.monthlyUsd },
      scope: result.scope,
    },
  );
}

/** Spend in words when no limit's sentence says it: "$0.9600 spent + $0.0400 in flight today, $3.0000 this month". */
function spendWords({ todayUsd, monthUsd, inFlightUsd = 0 }: SpendSoFar): string {
  const today = inFlightUsd > 0 ? `$${(todayUsd - inFlightUsd).toFixed(4)} spent + $${inFlightUsd.toFixed(4)} in flight today` : `$${todayUsd.toFixed(4)} today`;
  return `${today}, $${monthUsd.toFixed(4)} this month`;
}

/** A team gateway's scope as a sentence starts: "Developer alice" ("Developer alice daily budget: …"), "Team core". */
function scopeLabel(scope: string): string {
  const [kind, ...name] = scope.split(':');
  if (kind === 'developer') return `Developer ${name.join(':')}`;
  if (kind === 'team') return `Team ${name.join(':')}`;
  return scope;
}
