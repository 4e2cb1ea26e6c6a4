// Runs one non-streaming router request under a cancellable progress notification and
// shows any failure; Refactor and Complete at Cursor use it.
import * as vscode from 'vscode';
import type { ExecuteResult } from '../../../shared/protocol';
import { showError } from '../errors/showError';
import type { CommandDeps } from './deps';

export async function runWithProgress(
  deps: Pick<CommandDeps, 'log'>,
  title: string,
  request: (token: vscode.CancellationToken) => Promise<ExecuteResult>,
): Promise<ExecuteResult | undefined> {
  const options = { location: vscode.ProgressLocation.Notification, title: `LLM Router: ${title}`, cancellable: true };
  return vscode.window.withProgress(options, async (_progress, token) => {
    try {
      const result = await request(token);
      deps.log.info(`${title}: ${result.model}, ${result.usage.costUsd} USD, ${result.latencyMs} ms`);
      if (result.warnings.length > 0) void vscode.window.showWarningMessage(`LLM Router: ${result.warnings.join(' ')}`);
      return result;
    } catch (error) {
      showError(error, title);
      return undefined;
    }
  });
}
