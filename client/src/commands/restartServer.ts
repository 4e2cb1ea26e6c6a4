// LLM Router: Restart Server. Stops the router server and starts it again, without a window
// reload: a server that crashed too often and was left stopped, a stuck one, or after
// changing something it reads only at start. Requests it is running end as Cancel ends them
// (what streamed is recorded at its cost); the gateway comes back on the same port with the
// same token (GatewayController starts it again on onDidStart; a window standing by behind
// another window's gateway stands by again).
import * as vscode from 'vscode';
import type { RouterConnection } from '../server/routerConnection';
import { serverRestartedStatus } from '../server/serverNotices';
import type { SpendStatus } from '../status/spendStatus';

export interface RestartDeps {
  router: RouterConnection;
  status: SpendStatus;
  log: vscode.LogOutputChannel;
}

/** How long the status bar says the server restarted. */
const RESTARTED_SHOWN_MS = 10_000;

export async function restartServer({ router, status, log }: RestartDeps): Promise<void> {
  const running = router.executing;
  log.info(`restarting the router server (asked by the user; ${running} request${running === 1 ? '' : 's'} of this window running)`);
  status.showServerState('restarting');
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Restarting the LLM Router server…' }, () => router.restart());
  } catch (error) {
    status.showServerState('stopped');
    log.error(`The router server could not restart: ${error instanceof Error ? error.message : String(error)}`);
    if ((await vscode.window.showErrorMessage('LLM Router: the router server could not restart.', 'Show Log')) === 'Show Log') log.show();
    return;
  }
  log.info('router server restarted');
  vscode.window.setStatusBarMessage(serverRestartedStatus(running), RESTARTED_SHOWN_MS);
}
