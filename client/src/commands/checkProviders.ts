// "LLM Router: Check Providers": lists each provider's models with each of its keys (free
// calls, nothing is billed) and opens the outcome as a read-only Markdown report beside the editor.
import * as vscode from 'vscode';
import type { CheckProvidersResult } from '../../../shared/protocol';
import { hasProblems, needsApiKey, providerReportMarkdown, providerSummary } from '../diagnose/providerReport';
import type { CommandDeps } from './deps';
import { withProgress } from './runWithProgress';

const SET_API_KEY = 'Set API Key…';
const REPORT_FILE_NAME = 'Provider check.md';

/** For tests and scripts: `executeCommand('llmRouter.checkProviders', { providerId })`. */
export interface CheckProvidersOptions {
  /** Checks this provider only; every configured provider when absent. */
  providerId?: string;
}

/** Resolves with what the server found, or undefined when the check failed (shown) or was cancelled. */
export async function checkProviders(
  deps: Pick<CommandDeps, 'router' | 'log' | 'reports'>, options: CheckProvidersOptions = {},
): Promise<CheckProvidersResult | undefined> {
  const params = options.providerId !== undefined ? { providerId: options.providerId } : {};
  const result = await withProgress('Check Providers', (token) => deps.router.checkProviders(params, token));
  if (!result) return undefined;
  const summary = providerSummary(result);
  deps.log.info(`Check Providers: ${summary}`);
  await deps.reports.open(REPORT_FILE_NAME, providerReportMarkdown(result));
  // Not awaited: the command finishes now, not when the notification is closed.
  if (!hasProblems(result)) {
    void vscode.window.showInformationMessage(`LLM Router: ${summary}.`);
  } else {
    const buttons = needsApiKey(result) ? [SET_API_KEY] : [];
    void vscode.window.showWarningMessage(`LLM Router: ${summary}.`, ...buttons).then(async (choice) => {
      if (choice === SET_API_KEY) await vscode.commands.executeCommand('llmRouter.setApiKey');
    });
  }
  return result;
}
