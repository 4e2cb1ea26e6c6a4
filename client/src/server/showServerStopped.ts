// Shows what serverNotices.ts says about a server that stopped on its own, with what to do:
// Restart Server first when it stays stopped, else the log.
import * as vscode from 'vscode';
import { RESTART_SERVER, SHOW_LOG, type ServerStop } from './serverNotices';

export async function showServerStopped(message: string, stop: ServerStop, log: vscode.LogOutputChannel): Promise<void> {
  log.warn(message);
  const choice = stop === 'gave-up'
    ? await vscode.window.showErrorMessage(message, RESTART_SERVER, SHOW_LOG)
    : await vscode.window.showWarningMessage(message, SHOW_LOG);
  if (choice === RESTART_SERVER) await vscode.commands.executeCommand('llmRouter.restartServer');
  else if (choice === SHOW_LOG) log.show();
}
