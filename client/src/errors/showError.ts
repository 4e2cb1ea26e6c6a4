// Shows a failed request as a notification with the buttons that fix it, the fix first.
import * as vscode from 'vscode';
import { configuredProviderIds } from '../server/readSettings';
import { describeError, type ErrorAction, type ErrorReport } from './describeError';
import type { RefusedKeyNotice } from './refusedKeyNotice';

interface Button {
  label: string;
  run: (report: ErrorReport) => Thenable<unknown>;
}

export const ERROR_BUTTONS: Record<ErrorAction, Button> = {
  addProvider: { label: 'Add Provider…', run: () => vscode.commands.executeCommand('llmRouter.addProvider') },
  setApiKey: {
    label: 'Set API Key…',
    run: (report) => vscode.commands.executeCommand('llmRouter.setApiKey', report.providerId ? { providerId: report.providerId } : undefined),
  },
  checkProviders: { label: 'Check Providers', run: () => vscode.commands.executeCommand('llmRouter.checkProviders') },
  openBudgetSettings: {
    label: 'Budget Settings',
    run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'llmRouter.budget'),
  },
  openProviderSettings: {
    label: 'Provider Settings',
    run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'llmRouter.providers'),
  },
  showLog: { label: 'Show Log', run: () => vscode.commands.executeCommand('llmRouter.showLog') },
  connectTeamGateway: { label: 'Connect to Team Gateway…', run: () => vscode.commands.executeCommand('llmRouter.connectTeamGateway') },
  disconnectTeamGateway: { label: 'Disconnect', run: () => vscode.commands.executeCommand('llmRouter.disconnectTeamGateway') },
};

/** Returns the report so callers can show the same words elsewhere (the answer panel). */
export function showError(error: unknown, what: string): ErrorReport {
  const report = describeError(error, { providerCount: configuredProviderIds().length });
  if (report.silent) return report;
  // Not awaited: the command that failed should finish now, not when the toast is closed.
  void offerFixes((m, ...items) => vscode.window.showErrorMessage(m, ...items), `LLM Router: ${what} failed. ${report.message}`, report);
  return report;
}

/** Shows `message` with the report's actions as buttons, and runs the one picked. */
export function offerFixes(
  show: (message: string, ...items: string[]) => Thenable<string | undefined>, message: string, report: ErrorReport,
): Thenable<unknown> {
  const buttons = report.actions.map((action) => ERROR_BUTTONS[action]);
  return show(message, ...buttons.map((b) => b.label)).then((picked) => buttons.find((b) => b.label === picked)?.run(report));
}

/** An answer that came from a fallback because a provider refused its key: a warning whose first button fixes that key. */
export async function showRefusedKey(notice: RefusedKeyNotice): Promise<void> {
  const report: ErrorReport = { silent: false, message: notice.message, actions: ['setApiKey', 'checkProviders'], providerId: notice.providerId };
  await offerFixes((m, ...items) => vscode.window.showWarningMessage(m, ...items), notice.message, report);
}
