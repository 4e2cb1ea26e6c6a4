// Keeps the gateway hosted in the router server (router/gateway) in the state the user
// asked for: started by the command or by `llmRouter.gateway.enabled`, started again
// after the server restarts (a crash takes the gateway with it), moved when the port
// setting changes, stopped when the setting is turned off or by the command.
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { GatewayStatus } from '../../../shared/protocol';
import type { RouterConnection } from '../server/routerConnection';
import { gatewayAfterRestartNotice, gatewayMovedMessage, gatewayTakenOverMessage, type WorkspaceNaming } from './gatewayDescription';
import { gatewayToken } from './gatewayToken';
import { WORKSPACE_NAMES_FILE, WorkspaceNames } from './workspaceNames';

const STOPPED: GatewayStatus = { running: false };

export class GatewayController implements vscode.Disposable {
  private current: GatewayStatus = STOPPED;
  private readonly names: WorkspaceNames;
  private readonly namesReady: Promise<void>;
  /** Started with the command in this session (the setting may be off). */
  private startedByCommand = false;
  private readonly changed = new vscode.EventEmitter<GatewayStatus>();
  private readonly subscriptions: vscode.Disposable[];
  /** Fires with the new status after every start or stop. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly router: RouterConnection,
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
    /** The extension's global storage folder, shared by every window of the profile (the token's lock and marker, the workspace names). */
    private readonly profileDir: string,
    /** What VS Code calls this window's workspace ("shapes"), said where agents' requests are counted. */
    workspaceName: string,
  ) {
    this.names = new WorkspaceNames(join(profileDir, WORKSPACE_NAMES_FILE));
    // Recorded before any gateway starts, so a window standing by behind this one can name it.
    this.namesReady = this.names.remember(router.workspaceId, workspaceName).catch((error: unknown) => log.warn(`Could not record the workspace name: ${String(error)}`));
    this.subscriptions = [
      this.changed,
      router.onDidStart(() => {
        // A new server process has no gateway yet: the one it had before (a restart, a crash) starts again.
        const before = this.current;
        this.update(STOPPED);
        if (this.wanted()) void this.startAgain(before);
      }),
      router.onDidChangeGateway((status) => void this.changedOnItsOwn(status)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('llmRouter.gateway') || !router.isRunning()) return;
        if (this.wanted()) void this.startQuietly('the gateway settings changed');
        else if (this.current.running) void this.stop().catch((error: unknown) => this.log.warn(`Could not stop the gateway: ${String(error)}`));
      }),
    ];
  }

  get status(): GatewayStatus {
    return this.current;
  }

  /** Names the workspaces in messages: this window's, and the one a gateway served by another window counts in. */
  get naming(): WorkspaceNaming {
    return { thisWorkspaceId: this.router.workspaceId, nameOf: (id) => this.names.nameOf(id) };
  }

  private async changedOnItsOwn(status: GatewayStatus): Promise<void> {
    // Standing by behind another window's gateway, this one took the port when that window closed.
    const wasStandingBy = this.current.standby === true;
    await this.names.load();
    this.update(status);
    this.log.info(status.standby ? `gateway standing by: another window serves ${status.url}` : `gateway running on ${status.url}`);
    if (!wasStandingBy || !status.running || status.standby) return;
    if (status.requestedPort === undefined) void vscode.window.showInformationMessage(gatewayTakenOverMessage(status, this.naming));
    else void offerCopy(gatewayMovedMessage(status));
  }

  /** This window's workspace, to tell it from the one a gateway served by another window counts in. */
  get workspaceId(): string {
    return this.router.workspaceId;
  }

  /** Starts the gateway (or moves it to the configured port); resolves with where it listens. */
  async start(): Promise<GatewayStatus> {
    this.startedByCommand = true;
    return this.apply();
  }

  async stop(): Promise<GatewayStatus> {
    this.startedByCommand = false;
    return this.update(await this.router.gateway({ action: 'stop' }));
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }

  private wanted(): boolean {
    return this.startedByCommand || settings().enabled;
  }

  private async apply(): Promise<GatewayStatus> {
    const token = await gatewayToken(this.secrets, this.profileDir);
    const status = await this.router.gateway({ action: 'start', port: settings().port, token, workspaceId: this.router.workspaceId });
    await this.namesReady;
    await this.names.load(); // the serving window's name, when another window serves
    this.log.info(status.standby
      ? `gateway standing by: another window serves ${status.url}; this one takes the port over if that one closes`
      : `gateway running on ${status.url}${status.requestedPort === undefined ? '' : ` (port ${status.requestedPort} was taken)`}`);
    return this.update(status);
  }

  /**
   * Starts the gateway in a new server process. Back where it was, nothing is said (agents
   * only saw a moment without it); gone, or at another address, the user is told.
   */
  private async startAgain(before: GatewayStatus): Promise<void> {
    let after: GatewayStatus | { failed: string };
    try {
      after = await this.apply();
    } catch (error) {
      const failed = error instanceof Error ? error.message : String(error);
      this.log.error(`The gateway could not start (the router server started): ${failed}`);
      after = { failed };
    }
    const notice = gatewayAfterRestartNotice(before, after);
    if (notice?.copy) void offerCopy(notice.message);
    else if (notice) void vscode.window.showWarningMessage(notice.message);
  }

  private async startQuietly(why: string): Promise<void> {
    try {
      await this.apply();
    } catch (error) {
      this.log.error(`The gateway could not start (${why}): ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private update(status: GatewayStatus): GatewayStatus {
    this.current = status;
    this.changed.fire(status);
    return status;
  }
}

const COPY_CONFIGURATION = 'Copy Gateway Configuration…';

async function offerCopy(message: string): Promise<void> {
  if ((await vscode.window.showWarningMessage(message, COPY_CONFIGURATION)) === COPY_CONFIGURATION) {
    await vscode.commands.executeCommand('llmRouter.copyGatewayConfiguration');
  }
}

function settings(): { enabled: boolean; port: number } {
  const config = vscode.workspace.getConfiguration('llmRouter.gateway');
  return { enabled: config.get<boolean>('enabled') ?? false, port: config.get<number>('port') ?? 8787 };
}
