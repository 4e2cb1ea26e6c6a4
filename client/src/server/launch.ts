// Starts the router server in the background after activation, so activate() stays cheap.
import * as vscode from 'vscode';
import type { RouterConnection } from './routerConnection';
import { chooseServerRuntime } from './serverRuntime';
import { createLanguageClient, type ClientInputs } from './startClient';

export interface LaunchInputs {
  context: vscode.ExtensionContext;
  router: RouterConnection;
  log: vscode.LogOutputChannel;
  loadKeys: () => Promise<void>;
  currentKeys: () => Record<string, string[]>;
  currentTeamToken: () => string | undefined;
  onServerStopped: ClientInputs['onServerStopped'];
}

export async function launchRouter({ context, router, log, loadKeys, currentKeys, currentTeamToken, onServerStopped }: LaunchInputs): Promise<void> {
  const began = performance.now();
  try {
    const [choice] = await Promise.all([
      chooseServerRuntime(),
      loadKeys(),
      // The ledger and cache live here; the server expects the folder to exist.
      vscode.workspace.fs.createDirectory(context.globalStorageUri),
    ]);
    log.info(choice.note);
    await router.start(async () => createLanguageClient({ context, log, runtime: choice.runtime, currentKeys, currentTeamToken, onServerStopped }));
    log.info(`router server ready in ${Math.round(performance.now() - began)} ms`);
  } catch (error) {
    log.error(`The router server could not start: ${error instanceof Error ? error.message : String(error)}`);
    const choice = await vscode.window.showErrorMessage('LLM Router: the router server could not start.', 'Show Log');
    if (choice === 'Show Log') log.show();
  }
}
