// Runs one non-streaming router request under a cancellable progress notification and
// shows any failure; Refactor, Complete at Cursor, Check Providers and Ask with Model use it.
import * as vscode from 'vscode';
import type { ExecuteResult } from '../../../shared/protocol';
import { showError } from '../errors/showError';
import type { CommandDeps } from './deps';

/**
 * Any router request: resolves with its result, or undefined once a failure is shown (or on
 * Cancel). `message` is shown after the title while it runs (e.g. "choosing…").
 */
export async function withProgress<T>(
  title: string,
  request: (token: vscode.CancellationToken) => Promise<T>,
  message?: string,
): Promise<T | undefined> {
  const options = { location: vscode.ProgressLocation.Notification, title: `LLM Router: ${title}`, cancellable: true };
  return vscode.window.withProgress(options, async (progress, token) => {
    if (message) progress.report({ message });
    try {
      return await request(token);
    } catch (error) {
      showError(error, title);
      return undefined;
    }
  });
}

/** A `router/execute` request: also logs the model and cost and shows the router's warnings. */
export async function runWithProgress(
  deps: Pick<CommandDeps, 'log'>,
  title: string,
  request: (token: vscode.CancellationToken) => Promise<ExecuteResult>,
): Promise<ExecuteResult | undefined> {
  return withProgress(title, async (token) => {
    const result = await request(token);
    deps.log.info(`${title}: ${result.model}, ${result.usage.costUsd} USD, ${result.latencyMs} ms`);
    if (result.warnings.length > 0) void vscode.window.showWarningMessage(`LLM Router: ${result.warnings.join(' ')}`);
    return result;
  });
}
