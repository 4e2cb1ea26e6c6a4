// "LLM Router: Check Providers": lists each provider's models with each of its keys (free
// calls, nothing is billed) and opens the outcome as a read-only Markdown report beside the editor.
import * as vscode from 'vscode';
import type { CheckProvidersResult } from '../../../shared/protocol';
import { hasProblems, providerReportMarkdown, providersNeedingKey, providerSummary } from '../diagnose/providerReport';
import { markSetupStep } from '../setup/setupProgress';
import type { CommandDeps } from './deps';
import { withProgress } from './runWithProgress';

const SET_API_KEY = 'Set API Key…';
const ADD_PROVIDER = 'Add Provider…';
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
    markSetupStep('checkPassed');
    void vscode.window.showInformationMessage(`LLM Router: ${summary}.`);
  } else {
    // The first button is the fix: no provider -> add one; a missing or refused key -> that provider's key.
    const needKey = providersNeedingKey(result);
    const buttons = result.providers.length === 0 ? [ADD_PROVIDER] : needKey.length > 0 ? [SET_API_KEY] : [];
    void vscode.window.showWarningMessage(`LLM Router: ${summary}.`, ...buttons).then(async (choice) => {
      if (choice === ADD_PROVIDER) await vscode.commands.executeCommand('llmRouter.addProvider');
      if (choice === SET_API_KEY) {
        await vscode.commands.executeCommand('llmRouter.setApiKey', needKey.length === 1 ? { providerId: needKey[0] } : undefined);
      }
    });
  }
  return result;
}
