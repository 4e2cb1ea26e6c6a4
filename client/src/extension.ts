// Entry point: wires the router connection, commands, views and status bar together.
// activate() only creates objects and registers handlers; the server starts in the
// background, so activating (on startup, for the status bar) costs a few milliseconds.
import * as vscode from 'vscode';
import { registerChatParticipant } from './chat/participant';
import { registerCommands } from './commands/registerCommands';
import { RefusedKeyNotices } from './errors/refusedKeyNotice';
import { showRefusedKey } from './errors/showError';
import { GatewayController } from './gateway/gatewayController';
import { registerLanguageModels } from './lm/provider';
import { InlineCompletionToggle } from './inline/inlineToggle';
import { KeyStore } from './secrets/keyStore';
import { launchRouter } from './server/launch';
import { readRouterSettings } from './server/readSettings';
import { RouterConnection } from './server/routerConnection';
import { serverStoppedMessage, type ServerStop } from './server/serverNotices';
import { showServerStopped } from './server/showServerStopped';
import { markSetupStep } from './setup/setupProgress';
import { SpendStatus } from './status/spendStatus';
import { TeamController } from './team/teamController';
import { AnswerPanel } from './views/answerPanel';
import { DASHBOARD_VIEW_TYPE, DashboardPanel } from './views/dashboardPanel';
import { ProposalDocuments } from './views/proposalDocuments';
import { ReportDocuments } from './views/reportDocuments';
import type { AnswerAsKind, AnswerSnapshot } from '../webview/messages';
import { workspaceIdFor } from './workspaceId';

/** What `extension.exports` offers tests and other extensions; read-only and key-free. */
export interface LlmRouterApi {
  workspaceId: string;
  spendStatusText(): string;
  answer(): Readonly<AnswerSnapshot>;
  /** "Answer as" in the answer view: asks the shown request again as this kind. */
  answerAs(kind: AnswerAsKind): Promise<unknown>;
  inlineCompletionsActive(): boolean;
  refreshSpend(): Promise<void>;
  /** The hosted gateway's URL while it runs (never its token). */
  gatewayUrl(): string | undefined;
  /** The team gateway the requests go to in team mode (never its token). */
  teamGatewayUrl(): string | undefined;
}

let router: RouterConnection | undefined;

export function activate(context: vscode.ExtensionContext): LlmRouterApi {
  const began = performance.now();
  const log = vscode.window.createOutputChannel('LLM Router', { log: true });
  const workspaceId = workspaceIdFor(vscode.workspace.workspaceFolders?.[0]?.uri.toString());
  const connection = new RouterConnection(workspaceId);
  router = connection;
  const keys = new KeyStore(context.secrets);
  let currentKeys: Record<string, string[]> = {};
  const loadKeys = async () => {
    currentKeys = await keys.all();
  };
  const pushKeys = async () => {
    await loadKeys();
    await connection.setApiKeys(currentKeys).catch((e: unknown) => log.warn(`Could not send keys to the server: ${String(e)}`));
  };
  const answers = new AnswerPanel(context.extensionUri);
  const dashboard = new DashboardPanel(context.extensionUri, connection);
  const proposals = new ProposalDocuments();
  const reports = new ReportDocuments(context.workspaceState);
  const status = new SpendStatus(connection);
  const inline = new InlineCompletionToggle(connection, log);
  const gateway = new GatewayController(connection, context.secrets, log, context.globalStorageUri.fsPath, vscode.workspace.name ?? 'no folder open');
  const team = new TeamController(context.secrets, connection, log);
  const refusedKeys = new RefusedKeyNotices();
  context.subscriptions.push(
    log, keys, answers, dashboard, proposals, reports, status, inline, gateway, team,
    gateway.onDidChange((g) => status.showGateway(g, gateway.naming)),
    keys.onDidChange(() => {
      refusedKeys.reset();
      void pushKeys().then(() => status.recheckSetup());
    }),
    // A fallback answered, but a provider refused its key on the way: say so, once, with the fix.
    connection.onDidAnswer((result) => {
      const notice = refusedKeys.consider(result);
      if (notice) void showRefusedKey(notice);
    }),
    // The walkthrough's "first request" step is ticked by a request that was answered, nothing less.
    connection.onDidAnswer(() => markSetupStep('answered')),
    // Each start after the first (Restart Server, a crash) is in the log as the first one is.
    onStartAgain(connection, () => log.info('router server ready (started again)')),
    // A dashboard left open comes back after a reload or restart, instead of vanishing.
    vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, { deserializeWebviewPanel: async (panel) => dashboard.restore(panel) }),
    // Workspace values of restricted settings count from now on.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void connection.sendSettings(readRouterSettings())),
    ...registerCommands({ router: connection, answers, dashboard, proposals, reports, keys, log, pushKeys, gateway, secrets: context.secrets, status }),
    // VS Code's Chat view: the "LLM Router" models (also for other extensions) and @router.
    ...registerLanguageModels(connection, log),
    ...registerChatParticipant({ router: connection, proposals, log }, context.extensionUri),
  );
  const loadSecrets = () => Promise.all([loadKeys(), team.load()]).then(() => undefined);
  // A server that died (a crash, kill -9) is not passed over in silence: say so, and how to start it when it stays stopped.
  const onServerStopped = (stop: ServerStop, stopsInARow: number) => {
    if (stop === 'gave-up') status.showServerState('stopped');
    void showServerStopped(serverStoppedMessage(stop, connection.executing, stopsInARow), stop, log);
  };
  void launchRouter({
    context, router: connection, log, loadKeys: loadSecrets, currentKeys: () => currentKeys, currentTeamToken: () => team.tokenForStart(), onServerStopped,
  });
  log.info(`activated in ${(performance.now() - began).toFixed(1)} ms (workspace ${workspaceId}` +
    `${vscode.workspace.isTrusted ? '' : ', Restricted Mode: user settings only, no inline completions'})`);
  return {
    workspaceId,
    spendStatusText: () => status.text,
    answer: () => answers.current,
    answerAs: (kind) => answers.answerAs(kind),
    inlineCompletionsActive: () => inline.active,
    refreshSpend: () => status.refresh(),
    gatewayUrl: () => (gateway.status.running ? gateway.status.url : undefined),
    teamGatewayUrl: () => team.gateway,
  };
}

/** Calls `then` on every start of the server but the first. */
function onStartAgain(connection: RouterConnection, then: () => void): vscode.Disposable {
  let starts = 0;
  return connection.onDidStart(() => {
    if (starts++ > 0) then();
  });
}

export async function deactivate(): Promise<void> {
  await router?.dispose();
  router = undefined;
}
