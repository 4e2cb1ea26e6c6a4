// Shows a failed request as a notification with the buttons that fix it, the fix first.
import * as vscode from 'vscode';
import { configuredProviderIds } from '../server/readSettings';
import { describeError, type ErrorReport } from './describeError';
import { errorCommands } from './errorCommands';
import type { RefusedKeyNotice } from './refusedKeyNotice';

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
  const buttons = errorCommands(report);
  return show(message, ...buttons.map((b) => b.title))
    .then((picked) => {
      const button = buttons.find((b) => b.title === picked);
      return button && vscode.commands.executeCommand(button.command, ...button.arguments);
    });
}

/** An answer that came from a fallback because a provider refused its key: a warning whose first button fixes that key. */
export async function showRefusedKey(notice: RefusedKeyNotice): Promise<void> {
  const report: ErrorReport = { silent: false, message: notice.message, actions: ['setApiKey', 'checkProviders'], providerId: notice.providerId };
  await offerFixes((m, ...items) => vscode.window.showWarningMessage(m, ...items), notice.message, report);
}
