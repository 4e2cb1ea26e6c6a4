// The `llmRouter` settings object as the server expects it (see shared/settings.ts).
import * as vscode from 'vscode';
import { withoutNulls, withUserAllWorkspacesBudget } from './settingsPayload';

export function readRouterSettings(): unknown {
  // In Restricted Mode VS Code already leaves out workspace values of the settings listed
  // in `capabilities.untrustedWorkspaces.restrictedConfigurations`, so this reads user values only.
  const settings = withoutNulls(vscode.workspace.getConfiguration().get('llmRouter') ?? {});
  // The all-workspaces budget is the user's: every one of its values comes from user settings only.
  const config = vscode.workspace.getConfiguration('llmRouter.budget');
  const user = (key: string) => config.inspect(key)?.globalValue;
  return withUserAllWorkspacesBudget(settings, {
    allWorkspaces: {
      dailyUsd: user('allWorkspaces.dailyUsd'),
      monthlyUsd: user('allWorkspaces.monthlyUsd'),
      onExceed: user('allWorkspaces.onExceed'),
      warnAtPercent: user('allWorkspaces.warnAtPercent'),
    },
    onExceed: user('onExceed'),
    warnAtPercent: user('warnAtPercent'),
  });
}

export function configuredProviderIds(): string[] {
  const providers = vscode.workspace.getConfiguration('llmRouter').get<unknown[]>('providers') ?? [];
  return providers
    .map((p) => (typeof p === 'object' && p !== null ? (p as { id?: unknown }).id : undefined))
    .filter((id): id is string => typeof id === 'string' && id.length > 0);
}
