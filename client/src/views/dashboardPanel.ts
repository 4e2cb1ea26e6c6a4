// The dashboard webview: spend, savings, routing log and provider health from
// `router/dashboard`, refreshed whenever the server reports a ledger change or the settings change.
import * as vscode from 'vscode';
import type { DashboardResult } from '../../../shared/protocol';
import type { DashboardMessage, WebviewRequest } from '../../webview/messages';
import { describeError } from '../errors/describeError';
import type { RouterConnection } from '../server/routerConnection';
import { configuredTeamGateway } from '../team/teamSettings';
import { dashboardBody } from './dashboardBody';
import { webviewHtml, webviewOptions } from './webviewHtml';

/** The webview panel's type; VS Code restores panels of this type through the extension's serializer. */
export const DASHBOARD_VIEW_TYPE = 'llmRouter.dashboard';
const DAYS = 30;
const HISTORY_ROWS = 100;
// A burst of requests (inline completions) should cause one refresh, not one each.
const REFRESH_DELAY_MS = 400;

export class DashboardPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The last data sent, replayed when a hidden webview is shown (and so reloaded) again. */
  private latest: DashboardMessage | undefined;
  private inFlight: Promise<DashboardResult | undefined> | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly extensionUri: vscode.Uri, private readonly router: RouterConnection) {
    const stale = () => {
      this.latest = undefined;
      if (this.panel?.visible) this.scheduleRefresh();
    };
    this.subscription = vscode.Disposable.from(
      router.onDidChangeUsage(stale),
      // New providers, prices or budgets change the savings, the budget card and the health
      // table without any request; the refresh goes out after the settings reached the server.
      vscode.workspace.onDidChangeConfiguration((change) => {
        if (change.affectsConfiguration('llmRouter')) stale();
      }),
    );
  }

  /** Opens (or reveals) the dashboard; resolves with the data it shows. */
  show(): Promise<DashboardResult | undefined> {
    if (this.panel) this.panel.reveal();
    else this.panel = this.createPanel();
    return this.refresh();
  }

  refresh(): Promise<DashboardResult | undefined> {
    this.inFlight ??= this.fetchAndPost().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async fetchAndPost(): Promise<DashboardResult | undefined> {
    try {
      const data = await this.router.dashboard(DAYS, HISTORY_ROWS);
      if (this.panel) this.panel.title = panelTitle();
      this.post({ type: 'dashboard', data, refreshedAt: new Date().toISOString() });
      return data;
    } catch (error) {
      this.post({ type: 'dashboardError', message: describeError(error).message });
      return undefined;
    }
  }

  private post(message: DashboardMessage): void {
    this.latest = message;
    void this.panel?.webview.postMessage(message);
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  /**
   * A dashboard VS Code brings back after a reload or restart (WebviewPanelSerializer): it is
   * filled anew from the ledger once its page says it is ready, as a new one would be.
   */
  restore(panel: vscode.WebviewPanel): void {
    if (this.panel && this.panel !== panel) this.panel.dispose();
    panel.webview.options = webviewOptions(this.extensionUri);
    this.panel = this.adopt(panel);
  }

  private createPanel(): vscode.WebviewPanel {
    return this.adopt(vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, panelTitle(),
      vscode.ViewColumn.Active, webviewOptions(this.extensionUri)));
  }

  private adopt(panel: vscode.WebviewPanel): vscode.WebviewPanel {
    panel.title = panelTitle();
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, {
      title: 'LLM Router Dashboard', script: 'dist/webview/dashboard.js', style: 'media/dashboard.css', body: dashboardBody,
    });
    panel.webview.onDidReceiveMessage((message: WebviewRequest) => this.handle(message));
    panel.onDidDispose(() => {
      if (this.panel !== panel) return; // one replaced by a restored dashboard
      this.panel = undefined;
      this.latest = undefined;
    });
    return panel;
  }

  private handle(message: WebviewRequest): void {
    switch (message.type) {
      case 'ready':
        if (this.latest) void this.panel?.webview.postMessage(this.latest);
        else void this.refresh();
        return;
      case 'refresh':
        void this.refresh();
        return;
      case 'export':
        void vscode.commands.executeCommand('llmRouter.exportUsage');
        return;
      case 'openBudgetSettings':
        void vscode.commands.executeCommand('workbench.action.openSettings', 'llmRouter.budget');
        return;
    }
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    this.subscription.dispose();
    this.panel?.dispose();
  }
}

/** In team mode the figures and history are the developer's on the team gateway: the title says whose. */
function panelTitle(): string {
  const team = configuredTeamGateway();
  return team === undefined ? 'LLM Router Dashboard' : `LLM Router Dashboard (team gateway ${new URL(team).host})`;
}
