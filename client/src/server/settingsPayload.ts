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

/**
 * The all-workspaces budget acts by the user's own onExceed: a workspace's `llmRouter.budget.onExceed`
 * (say "warn") must not turn the user's block into a warning. Fills `budget.allWorkspaces.onExceed`,
 * when the user left it unset, from the user settings' `budget.onExceed` (`userOnExceed`, undefined:
 * the default). The settings object is the one withoutNulls returned.
 */
export function withUserOnExceed(settings: unknown, userOnExceed: unknown): unknown {
  if (settings === null || typeof settings !== 'object') return settings;
  const all = settings as { budget?: { allWorkspaces?: { onExceed?: unknown } } };
  if (all.budget?.allWorkspaces?.onExceed !== undefined) return settings;
  const budget = { ...all.budget, allWorkspaces: { ...all.budget?.allWorkspaces, onExceed: userOnExceed ?? 'warn' } };
  return { ...settings, budget };
}
