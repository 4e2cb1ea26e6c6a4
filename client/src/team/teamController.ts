// Team mode on the extension's side: keeps the team gateway token (SecretStorage) ready for
// the router server's initialization options, and restarts the server when the gateway or the
// token changes, since the server chooses between routing here and forwarding at start.
import * as vscode from 'vscode';
import type { RouterConnection } from '../server/routerConnection';
import { configuredTeamGateway, TEAM_SETTING } from './teamSettings';
import { readTeamToken, TEAM_TOKEN_SECRET } from './teamToken';

// One restart for a URL and a token changed together (Connect changes both).
const RESTART_SETTLE_MS = 300;

export class TeamController implements vscode.Disposable {
  private current: string | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly router: RouterConnection,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(TEAM_SETTING)) this.restartSoon('the team gateway setting changed');
      }),
      secrets.onDidChange((e) => {
        if (e.key === TEAM_TOKEN_SECRET) void this.load().then(() => this.restartSoon('the team gateway token changed'));
      }),
    ];
  }

  /** The token for the server's initialization options (read at every server start). */
  get token(): string | undefined {
    return configuredTeamGateway() === undefined ? undefined : this.current;
  }

  /** The team gateway in use, or undefined when the extension routes with its own providers. */
  get gateway(): string | undefined {
    return configuredTeamGateway();
  }

  async load(): Promise<void> {
    this.current = await readTeamToken(this.secrets);
  }

  private restartSoon(why: string): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      if (!this.router.isRunning()) return; // a server not started yet reads the new values when it starts
      const gateway = configuredTeamGateway();
      this.log.info(`${why}: restarting the router server ${gateway ? `in team mode (${gateway})` : 'with your own providers'}`);
      void this.load()
        .then(() => this.router.restart())
        .catch((error: unknown) => this.log.error(`The router server could not restart: ${String(error)}`));
    }, RESTART_SETTLE_MS);
  }

  dispose(): void {
    clearTimeout(this.restartTimer);
    this.subscriptions.forEach((s) => s.dispose());
  }
}
