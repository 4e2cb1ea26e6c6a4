// Every workspace's spend together (all windows of the VS Code profile, the hosted gateway
// included) against the all-workspaces budget (llmRouter.budget.allWorkspaces, user settings),
// as the status bar tooltip and the dashboard's card show it. Pure (no vscode import) so it
// is unit-tested and shared with the webview.
import type { ScopeSpend } from '../../../shared/protocol';
import { formatUsd } from '../format/money';

const STATE_WORDS = { ok: 'within budget', warn: 'close to the limit', exceeded: 'limit reached' } as const;

/** `$1.20 of $2.00 today` against a limit, `$1.20 today` without one. */
function against(spentUsd: number, limitUsd: number | undefined, period: string): string {
  return limitUsd === undefined ? `${formatUsd(spentUsd)} ${period}` : `${formatUsd(spentUsd)} of ${formatUsd(limitUsd)} ${period}`;
}

function hasLimit(scope: ScopeSpend): boolean {
  return scope.budget.dailyUsd !== undefined || scope.budget.monthlyUsd !== undefined;
}

/** `$1.20 of $2.00 today, $14.30 of $40.00 this month`. */
export function allWorkspacesFigures(scope: ScopeSpend): string {
  return `${against(scope.today.costUsd, scope.budget.dailyUsd, 'today')}, ${against(scope.month.costUsd, scope.budget.monthlyUsd, 'this month')}`;
}

/** The state in words with what happens past the limit, or how to set one. */
export function allWorkspacesBudgetWords(scope: ScopeSpend): string {
  if (!hasLimit(scope)) return 'no limit set (llmRouter.budget.allWorkspaces, in user settings)';
  return `${STATE_WORDS[scope.budget.state]}; when exceeded: ${scope.budget.onExceed}`;
}

/** The tooltip's line: `All workspaces: $1.20 of $2.00 today, … (within budget; when exceeded: block)`. */
export function allWorkspacesTooltipLine(scope: ScopeSpend): string {
  return `All workspaces: ${allWorkspacesFigures(scope)} (${allWorkspacesBudgetWords(scope)})`;
}

/** The dashboard card: the state when a limit is set (else today's total), and the figures. */
export function allWorkspacesCard(scope: ScopeSpend): { value: string; detail: string } {
  if (!hasLimit(scope)) return { value: formatUsd(scope.today.costUsd), detail: `${allWorkspacesFigures(scope)}; ${allWorkspacesBudgetWords(scope)}` };
  return { value: scope.budget.state, detail: `${allWorkspacesFigures(scope)}; when exceeded: ${scope.budget.onExceed}` };
}
