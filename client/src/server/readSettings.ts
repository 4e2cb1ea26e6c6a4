// The `llmRouter` settings object as the server expects it (see shared/settings.ts).
import * as vscode from 'vscode';
import { withoutNulls, withUserOnExceed } from './settingsPayload';

export function readRouterSettings(): unknown {
  // In Restricted Mode VS Code already leaves out workspace values of the settings listed
  // in `capabilities.untrustedWorkspaces.restrictedConfigurations`, so this reads user values only.
  const settings = withoutNulls(vscode.workspace.getConfiguration().get('llmRouter') ?? {});
  // The all-workspaces budget is the user's: its onExceed comes from user settings only.
  const userOnExceed = vscode.workspace.getConfiguration('llmRouter').inspect('budget.onExceed')?.globalValue;
  return withUserOnExceed(settings, userOnExceed);
}

export function configuredProviderIds(): string[] {
  const providers = vscode.workspace.getConfiguration('llmRouter').get<unknown[]>('providers') ?? [];
  return providers
    .map((p) => (typeof p === 'object' && p !== null ? (p as { id?: unknown }).id : undefined))
    .filter((id): id is string => typeof id === 'string' && id.length > 0);
}
