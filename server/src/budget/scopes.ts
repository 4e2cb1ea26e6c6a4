// The names of the budget scopes a request is charged to, as the budget counters key them
// (`workspace:<id>`, `all-workspaces`, a team gateway's `developer:<name>` and `team:<name>`),
// and the words that name them to a user in a refusal.

/** The spend of every workspace on the local ledger together: llmRouter.budget.allWorkspaces. */
export const ALL_WORKSPACES_SCOPE = 'all-workspaces';

/** How budget messages start for that scope ("All-workspaces daily budget: $2.00 of $2.00 used"). */
export const ALL_WORKSPACES_LABEL = 'All-workspaces';

export function workspaceScopeKey(workspaceId: string): string {
  return `workspace:${workspaceId}`;
}

/** A counter's scope key in words: "the all-workspaces budget", "the budget of workspace /x", else the key. */
export function describeScope(scope: string): string {
  if (scope === ALL_WORKSPACES_SCOPE) return 'the all-workspaces budget (llmRouter.budget.allWorkspaces, user settings)';
  if (scope.startsWith('workspace:')) return `the budget of workspace ${scope.slice('workspace:'.length)} (llmRouter.budget)`;
  return scope;
}

/** What to change to go on, for the scopes that are past a limit (labels as in budget.ts ScopeBudget: '' the workspace's). */
export function raiseHint(exceededLabels: readonly string[]): string {
  const settings = exceededLabels.map((label) =>
    label === ALL_WORKSPACES_LABEL ? 'llmRouter.budget.allWorkspaces (user settings)' : 'llmRouter.budget',
  );
  return `Raise ${[...new Set(settings)].join(' and ')} or wait.`;
}
