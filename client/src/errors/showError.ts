// Shows a failed request as a notification with the buttons that fix it.
import * as vscode from 'vscode';
import { describeError, type ErrorAction, type ErrorReport } from './describeError';

const BUTTONS: Record<ErrorAction, { label: string; run: () => Thenable<unknown> }> = {
  setApiKey: { label: 'Set API Key', run: () => vscode.commands.executeCommand('llmRouter.setApiKey') },
  openBudgetSettings: {
    label: 'Open Settings',
    run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'llmRouter.budget'),
  },
  openProviderSettings: {
    label: 'Open Settings',
    run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'llmRouter.providers'),
  },
  showLog: { label: 'Show Log', run: () => vscode.commands.executeCommand('llmRouter.showLog') },
};

/** Returns the report so callers can show the same words elsewhere (the answer panel). */
export function showError(error: unknown, what: string): ErrorReport {
  const report = describeError(error);
  if (report.silent) return report;
  const buttons = report.actions.map((action) => BUTTONS[action]);
  // Not awaited: the command that failed should finish now, not when the toast is closed.
  void vscode.window
    .showErrorMessage(`LLM Router: ${what} failed. ${report.message}`, ...buttons.map((b) => b.label))
    .then((picked) => buttons.find((b) => b.label === picked)?.run());
  return report;
}
