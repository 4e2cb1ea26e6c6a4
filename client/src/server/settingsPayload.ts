// VS Code reports an unset optional setting (declared with `"default": null`) as null,
// while the server's schema treats a missing field as "not set" and rejects null.
// So the client drops nulls before it sends the settings object.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(withoutNulls);
  if (value !== null && typeof value === 'object') {
    const result: { [key: string]: Json } = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== null && inner !== undefined) result[key] = withoutNulls(inner) as Json;
    }
    return result;
  }
  return value;
}

/** The user settings' values (`inspect().globalValue`) the all-workspaces budget is built from; undefined: not set there. */
export interface UserBudgetValues {
  /** `llmRouter.budget.allWorkspaces.*` as the user set them. */
  allWorkspaces: { dailyUsd?: unknown; monthlyUsd?: unknown; onExceed?: unknown; warnAtPercent?: unknown };
  /** `llmRouter.budget.onExceed` and `.warnAtPercent` in user settings: what the all-workspaces budget uses when its own are unset. */
  onExceed?: unknown;
  warnAtPercent?: unknown;
}

/**
 * The all-workspaces budget is the user's, whole: its limits, its onExceed and its warnAtPercent
 * come from user settings only. A workspace's `llmRouter.budget.onExceed` (say "warn") must not
 * turn the user's block into a warning, nor its `warnAtPercent` (say 100) silence the user's
 * warning, nor a workspace value of an allWorkspaces setting count (package.json declares them
 * application-scoped; this does not rely on VS Code dropping them). Replaces
 * `budget.allWorkspaces` of the settings object withoutNulls returned.
 */
export function withUserAllWorkspacesBudget(settings: unknown, user: UserBudgetValues): unknown {
  if (settings === null || typeof settings !== 'object') return settings;
  const { dailyUsd, monthlyUsd, onExceed, warnAtPercent } = user.allWorkspaces;
  const allWorkspaces = withoutNulls({
    dailyUsd,
    monthlyUsd,
    onExceed: onExceed ?? user.onExceed ?? 'warn',
    warnAtPercent: warnAtPercent ?? user.warnAtPercent ?? 80,
  });
  const budget = { ...(settings as { budget?: object }).budget, allWorkspaces };
  return { ...settings, budget };
}
