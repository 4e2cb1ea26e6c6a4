// The always-visible status bar item with this workspace's spend today. Fetched with
// `router/usage` whenever the server (re)starts, then kept live by `router/usageChanged`, and
// read again every minute and when the window regains focus (other windows write the ledger too).
import * as vscode from 'vscode';
import type { GatewayStatus, UsageReport } from '../../../shared/protocol';
import { describeError } from '../errors/describeError';
import { gatewayTooltipLine, type WorkspaceNaming } from '../gateway/gatewayDescription';
import { formatSpendToday } from '../format/money';
import type { RouterConnection } from '../server/routerConnection';
import { configuredProviderIds } from '../server/readSettings';
import { setupProblem, SETUP_PROBE } from './setupState';
import { spendTooltipMarkdown } from './spendTooltip';
import { configuredTeamGateway } from '../team/teamSettings';
import { teamSpendText, teamTooltipMarkdown, worstBudgetState } from './teamSpend';

export const SPEND_STATUS_ID = 'llmRouter.spend';

const BACKGROUND: Record<UsageReport['budget']['state'], vscode.ThemeColor | undefined> = {
  ok: undefined,
  warn: new vscode.ThemeColor('statusBarItem.warningBackground'),
  exceeded: new vscode.ThemeColor('statusBarItem.errorBackground'),
};

// Long enough for the settings notification to reach the server before the usage request.
const SETTINGS_SETTLE_MS = 300;
const SPEND_ICON = '$(pulse)';
const TEAM_ICON = '$(organization)';
/**
 * The figure is read again this often, not only after this window's own requests: teammates
 * spend too in team mode, and another window on the same workspace (or the gateway it serves)
 * writes the same ledger; "today" also turns at midnight in a window left open.
 */
const REFRESH_MS = 60_000;
const SETUP_TEXT = '$(rocket) LLM Router: set up';
const WALKTHROUGH = 'llm-router.llm-router#gettingStarted';

export class SpendStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(SPEND_STATUS_ID, vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[];
  private budgetRefresh: NodeJS.Timeout | undefined;
  private gateway: GatewayStatus | undefined;
  private naming: WorkspaceNaming = {};
  private setupRefresh: NodeJS.Timeout | undefined;
  private readonly refreshTimer: NodeJS.Timeout;
  private usage: UsageReport | undefined;
  /** Why nothing can answer yet; while set, the item says "set up" instead of the spend. */
  private setup: string | undefined;

  constructor(private readonly router: RouterConnection) {
    this.item.name = 'LLM Router Spend';
    this.item.command = 'llmRouter.showDashboard';
    this.item.text = '$(sync~spin) LLM Router';
    this.item.tooltip = 'LLM Router: starting the router server…';
    this.item.show();
    this.refreshTimer = setInterval(() => {
      // A window in the background is read again when it comes back (below): no query meanwhile.
      if (router.isRunning() && (vscode.window.state.focused || configuredTeamGateway() !== undefined)) void this.rereadSpend();
    }, REFRESH_MS);
    this.subscriptions = [
      router.onDidChangeUsage((usage) => this.show(usage)),
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused && router.isRunning()) void this.rereadSpend();
      }),
      router.onDidStart(() => void this.refresh()),
      router.onDidAnswer(() => this.setSetup(undefined)),
      // A new limit changes the budget state without any request; the server only notifies
      // after requests, so ask again once it has applied the new settings.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('llmRouter.providers')) this.recheckSetup();
        if (!e.affectsConfiguration('llmRouter.budget') || !router.isRunning()) return;
        clearTimeout(this.budgetRefresh);
        this.budgetRefresh = setTimeout(() => void this.refresh(), SETTINGS_SETTLE_MS);
      }),
    ];
  }

  /** Checks again, once the server has the new settings or keys, whether anything can answer. */
  recheckSetup(): void {
    clearTimeout(this.setupRefresh);
    this.setupRefresh = setTimeout(() => {
      // Once more a little later if still not set up: a slow settings round trip must not leave "set up" showing.
      void this.checkSetup().then(() => {
        if (this.setup !== undefined) this.setupRefresh = setTimeout(() => void this.checkSetup(), 5 * SETTINGS_SETTLE_MS);
      });
    }, SETTINGS_SETTLE_MS);
  }

  private async checkSetup(): Promise<void> {
    // In team mode the team gateway's providers answer: nothing to set up here.
    if (configuredTeamGateway() !== undefined) return this.setSetup(undefined);
    const providers = configuredProviderIds().length;
    if (providers === 0) return this.setSetup(setupProblem(0, undefined));
    try {
      this.setSetup(setupProblem(providers, await this.router.route(SETUP_PROBE)));
    } catch (error) {
      this.setSetup(setupProblem(providers, undefined, error));
    }
  }

  private setSetup(problem: string | undefined): void {
    this.setup = problem;
    void vscode.commands.executeCommand('setContext', 'llmRouter.needsSetup', problem !== undefined);
    this.render();
  }

  /** The text shown now without its icon, e.g. `$0.42 today`; the extension-host tests read it. */
  get text(): string {
    return this.item.text.replace(/^\$\([\w~-]+\)\s*/, '');
  }

  async refresh(): Promise<void> {
    try {
      const usage = await this.router.usage();
      await this.checkSetup();
      this.show(usage);
    } catch (error) {
      this.item.text = '$(warning) LLM Router';
      this.item.tooltip = `LLM Router: spend unavailable. ${describeError(error).message}`;
      this.item.backgroundColor = undefined;
    }
  }

  /** Reads the spend again (only that: the set-up check runs on its own events); a failure keeps what is shown. */
  private async rereadSpend(): Promise<void> {
    try {
      this.show(await this.router.usage());
    } catch {
      // The next request, restart or refresh says what went wrong.
    }
  }

  show(usage: UsageReport): void {
    this.usage = usage;
    this.render();
  }

  private render(): void {
    if (this.setup !== undefined) {
      this.item.text = SETUP_TEXT;
      this.item.command = 'llmRouter.addProvider';
      const tooltip = new vscode.MarkdownString(
        `**LLM Router is not set up yet.** ${this.setup}\n\n` +
        '[Add Provider…](command:llmRouter.addProvider) (OpenAI, Anthropic, OpenRouter, Ollama, LM Studio, any OpenAI-compatible URL)' +
        ` · [Getting started](command:workbench.action.openWalkthrough?${encodeURIComponent(JSON.stringify(WALKTHROUGH))})\n\n` +
        'Click to add a provider.',
      );
      tooltip.isTrusted = { enabledCommands: ['llmRouter.addProvider', 'workbench.action.openWalkthrough'] };
      this.item.tooltip = tooltip;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      this.item.accessibilityInformation = { label: `LLM Router is not set up yet. ${this.setup} Activate to add a provider.` };
      return;
    }
    const usage = this.usage;
    if (!usage) return;
    this.item.command = 'llmRouter.showDashboard';
    const team = configuredTeamGateway();
    if (team !== undefined) {
      this.item.text = `${TEAM_ICON} ${teamSpendText(usage)}`;
      this.item.tooltip = new vscode.MarkdownString(`${teamTooltipMarkdown(usage, team)}\n\n${spendTooltipMarkdown(usage, undefined, team)}`);
      this.item.backgroundColor = BACKGROUND[worstBudgetState(usage)];
      this.item.accessibilityInformation = { label: `LLM Router team gateway: ${this.text}; budget ${worstBudgetState(usage)}` };
      return;
    }
    this.item.text = `${SPEND_ICON} ${formatSpendToday(usage.today.costUsd)}`;
    const gatewayLine = gatewayTooltipLine(this.gateway, this.naming);
    this.item.tooltip = new vscode.MarkdownString(spendTooltipMarkdown(usage) + (gatewayLine ? `\n\n${gatewayLine}` : ''));
    // The stricter of the workspace's budget and all workspaces' colours it.
    const state = worstBudgetState(usage);
    this.item.backgroundColor = BACKGROUND[state];
    this.item.accessibilityInformation = { label: `LLM Router: ${this.text}, spend in this workspace from all clients; budget ${state}` };
  }

  /**
   * While the server restarts, or after it stopped for good (it kept crashing): the item says so
   * and, when stopped, runs Restart Server. The next start (onDidStart) shows the spend again.
   */
  showServerState(state: 'restarting' | 'stopped'): void {
    if (state === 'restarting') {
      this.item.text = '$(sync~spin) LLM Router';
      this.item.tooltip = 'LLM Router: restarting the router server…';
      this.item.command = undefined;
      this.item.backgroundColor = undefined;
      return;
    }
    this.item.text = '$(error) LLM Router: stopped';
    const tooltip = new vscode.MarkdownString(
      '**The LLM Router server stopped** and was not started again: requests fail until it runs.\n\n' +
      '[Restart Server](command:llmRouter.restartServer) · [Show Log](command:llmRouter.showLog)\n\nClick to restart it.',
    );
    tooltip.isTrusted = { enabledCommands: ['llmRouter.restartServer', 'llmRouter.showLog'] };
    this.item.tooltip = tooltip;
    this.item.command = 'llmRouter.restartServer';
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    this.item.accessibilityInformation = { label: 'LLM Router: the router server stopped. Activate to restart it.' };
  }

  /** The tooltip says whether the hosted gateway runs, and where (its spend is in the total already). */
  showGateway(status: GatewayStatus, naming: WorkspaceNaming): void {
    this.gateway = status;
    this.naming = naming;
    this.render();
  }

  dispose(): void {
    clearTimeout(this.budgetRefresh);
    clearTimeout(this.setupRefresh);
    clearInterval(this.refreshTimer);
    this.subscriptions.forEach((s) => s.dispose());
    this.item.dispose();
  }
}
