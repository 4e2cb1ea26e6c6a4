// The always-visible status bar item with this workspace's spend today. Fetched with
// `router/usage` whenever the server (re)starts, then kept live by `router/usageChanged`.
import * as vscode from 'vscode';
import type { GatewayStatus, UsageReport } from '../../../shared/protocol';
import { describeError } from '../errors/describeError';
import { gatewayTooltipLine } from '../gateway/gatewayDescription';
import { formatSpendToday } from '../format/money';
import type { RouterConnection } from '../server/routerConnection';
import { spendTooltipMarkdown } from './spendTooltip';

export const SPEND_STATUS_ID = 'llmRouter.spend';

const BACKGROUND: Record<UsageReport['budget']['state'], vscode.ThemeColor | undefined> = {
  ok: undefined,
  warn: new vscode.ThemeColor('statusBarItem.warningBackground'),
  exceeded: new vscode.ThemeColor('statusBarItem.errorBackground'),
};

// Long enough for the settings notification to reach the server before the usage request.
const SETTINGS_SETTLE_MS = 300;

export class SpendStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(SPEND_STATUS_ID, vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[];
  private budgetRefresh: NodeJS.Timeout | undefined;
  private lastUsage: UsageReport | undefined;
  private gateway: GatewayStatus | undefined;

  constructor(private readonly router: RouterConnection) {
    this.item.name = 'LLM Router Spend';
    this.item.command = 'llmRouter.showDashboard';
    this.item.text = '$(sync~spin) LLM Router';
    this.item.tooltip = 'LLM Router: starting the router server…';
    this.item.show();
    this.subscriptions = [
      router.onDidChangeUsage((usage) => this.show(usage)),
      router.onDidStart(() => void this.refresh()),
      // A new limit changes the budget state without any request; the server only notifies
      // after requests, so ask again once it has applied the new settings.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('llmRouter.budget') || !router.isRunning()) return;
        clearTimeout(this.budgetRefresh);
        this.budgetRefresh = setTimeout(() => void this.refresh(), SETTINGS_SETTLE_MS);
      }),
    ];
  }

  /** The text shown now, e.g. `$0.42 today`; the extension-host tests read it. */
  get text(): string {
    return this.item.text;
  }

  async refresh(): Promise<void> {
    try {
      this.show(await this.router.usage());
    } catch (error) {
      this.item.text = '$(warning) LLM Router';
      this.item.tooltip = `LLM Router: spend unavailable. ${describeError(error).message}`;
      this.item.backgroundColor = undefined;
    }
  }

  show(usage: UsageReport): void {
    this.lastUsage = usage;
    this.item.text = formatSpendToday(usage.today.costUsd);
    const gatewayLine = gatewayTooltipLine(this.gateway);
    this.item.tooltip = new vscode.MarkdownString(spendTooltipMarkdown(usage) + (gatewayLine ? `\n\n${gatewayLine}` : ''));
    this.item.backgroundColor = BACKGROUND[usage.budget.state];
    this.item.accessibilityInformation = { label: `LLM Router: ${this.item.text} in this workspace; budget ${usage.budget.state}` };
  }

  /** The tooltip says whether the hosted gateway runs, and where (its spend is in the total already). */
  showGateway(status: GatewayStatus): void {
    this.gateway = status;
    if (this.lastUsage) this.show(this.lastUsage);
  }

  dispose(): void {
    clearTimeout(this.budgetRefresh);
    this.subscriptions.forEach((s) => s.dispose());
    this.item.dispose();
  }
}
