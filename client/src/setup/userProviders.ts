// `llmRouter.providers` as the user's own settings hold it. Add/Edit/Remove Provider… read
// and write only there: the setting is application-scoped (a workspace can never say where
// keys are sent), so a workspace value would be ignored anyway.
import * as vscode from 'vscode';

export function userProviders(): unknown[] {
  const value = vscode.workspace.getConfiguration('llmRouter').inspect<unknown[]>('providers')?.globalValue;
  return Array.isArray(value) ? value : [];
}

export async function writeUserProviders(providers: unknown[]): Promise<void> {
  await vscode.workspace.getConfiguration('llmRouter').update('providers', providers, vscode.ConfigurationTarget.Global);
}
