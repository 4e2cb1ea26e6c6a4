// Team mode on the extension's side: keeps the team gateway token (SecretStorage) ready for
// the router server's initialization options, and restarts the server when the gateway or the
// token changed since it started, since the server chooses between routing here and
// forwarding at start.
import * as vscode from 'vscode';
import type { RouterConnection } from '../server/routerConnection';
import { configuredTeamGateway, TEAM_SETTING } from './teamSettings';
import { readTeamToken, TEAM_TOKEN_SECRET } from './teamToken';

// One restart for a URL and a token changed together (Connect changes both).
const RESTART_SETTLE_MS = 300;

export class TeamController implements vscode.Disposable {
  private stored: string | undefined;
  /** What the running server was started with (gateway and token), once it has read it. */
  private startedWith: string | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  /** Restarts run one after the other: a change that lands during one is seen by the next. */
  private restarts: Promise<void> = Promise.resolve();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly router: RouterConnection,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(TEAM_SETTING)) this.restartSoon();
      }),
      secrets.onDidChange((e) => {
        if (e.key === TEAM_TOKEN_SECRET) this.restartSoon();
      }),
    ];
  }

  /** The team gateway in use, or undefined when the extension routes with its own providers. */
  get gateway(): string | undefined {
    return configuredTeamGateway();
  }

  /** The token for the server's initialization options, read at every server (re)start. */
  tokenForStart(): string | undefined {
    this.startedWith = this.wanted();
    return configuredTeamGateway() === undefined ? undefined : this.stored;
  }

  async load(): Promise<void> {
    this.stored = await readTeamToken(this.secrets);
  }

  private wanted(): string {
    return JSON.stringify([configuredTeamGateway() ?? null, configuredTeamGateway() === undefined ? null : this.stored ?? null]);
  }

  private restartSoon(): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      this.restarts = this.restarts
        .then(() => this.restartIfChanged())
        .catch((error: unknown) => this.log.error(`The router server could not restart: ${String(error)}`));
    }, RESTART_SETTLE_MS);
  }

  private async restartIfChanged(): Promise<void> {
    await this.load();
    // Not started yet: the first start reads the current values.
    if (this.startedWith === undefined || this.startedWith === this.wanted()) return;
    const gateway = configuredTeamGateway();
    this.log.info(`restarting the router server ${gateway ? `in team mode (${gateway})` : 'with your own providers'}`);
    await this.router.restart();
  }

  dispose(): void {
    clearTimeout(this.restartTimer);
    this.subscriptions.forEach((s) => s.dispose());
  }
}
