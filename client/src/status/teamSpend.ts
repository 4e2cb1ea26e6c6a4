// The status bar in team mode: the developer's own spend today and the team's against its
// budget, e.g. `$1.20 you · team $31/$50`. Pure (no vscode import) so it is unit-tested.
import type { BudgetStatus, ScopeSpend, UsageReport } from '../../../shared/protocol';
import { formatUsd } from '../format/money';
import { describeBudget, escapeMarkdown } from './spendTooltip';

// Spend is a sum of float costs; a nano-dollar of slack keeps $31.00 from reading as $30.
const FLOAT_SLACK_USD = 1e-9;

/**
 * `$1.20 you · team $31/$50`: "you" is the developer's own spend on the gateway (every
 * workspace and machine) when the gateway knows the developer, else this workspace's;
 * `$1.20 you today` when the gateway reports no team.
 */
export function teamSpendText(usage: UsageReport): string {
  const you = `${formatUsd(usage.developer?.today.costUsd ?? usage.today.costUsd)} you`;
  return usage.team ? `${you} · team ${teamFigure(usage.team)}` : `${you} today`;
}

/** Today's against the daily limit, else this month's against the monthly one, else today's alone. */
function teamFigure(team: ScopeSpend): string {
  const { dailyUsd, monthlyUsd } = team.budget;
  if (dailyUsd !== undefined) return `${compactUsd(team.today.costUsd)}/${limitUsd(dailyUsd)}`;
  if (monthlyUsd !== undefined) return `${compactUsd(team.month.costUsd)}/${limitUsd(monthlyUsd)} this month`;
  return `${compactUsd(team.today.costUsd)} today`;
}

/** Whole dollars from $10 up, floored so a limit not reached never reads as reached; cents below. */
export function compactUsd(amountUsd: number): string {
  return amountUsd >= 10 ? `$${Math.floor(amountUsd + FLOAT_SLACK_USD)}` : formatUsd(amountUsd);
}

function limitUsd(amountUsd: number): string {
  return Number.isInteger(amountUsd) ? `$${amountUsd}` : formatUsd(amountUsd);
}

const SEVERITY: Record<BudgetStatus['state'], number> = { ok: 0, warn: 1, exceeded: 2 };

/** The status bar's colour: the worst of the workspace's budget, all workspaces', the developer's and the team's. */
export function worstBudgetState(usage: UsageReport): BudgetStatus['state'] {
  const states = [
    usage.budget.state,
    usage.allWorkspaces?.budget.state ?? 'ok',
    usage.developer?.budget.state ?? 'ok',
    usage.team?.budget.state ?? 'ok',
  ];
  return states.reduce((worst, state) => (SEVERITY[state] > SEVERITY[worst] ? state : worst));
}

/** The tooltip's team section: which gateway, the developer's own spend and limits, and the team's. */
export function teamTooltipMarkdown(usage: UsageReport, gateway: string): string {
  const lines = [`**Team gateway** ${escapeMarkdown(gateway)}: your requests are routed and recorded there.`];
  if (usage.developer) lines.push('', ...scopeLines(`You (${usage.developer.name})`, usage.developer));
  if (usage.team) lines.push('', ...scopeLines(`Team ${usage.team.name}`, usage.team));
  return lines.join('\n');
}

function scopeLines(title: string, scope: ScopeSpend): string[] {
  return [
    `**${escapeMarkdown(title)}**`,
    '',
    `- Today: ${escapeMarkdown(formatUsd(scope.today.costUsd))}${inRequests(scope.today.requests)}`,
    `- This month: ${escapeMarkdown(formatUsd(scope.month.costUsd))}${inRequests(scope.month.requests)}`,
    `- Budget: ${escapeMarkdown(describeBudget(scope.budget))}`,
  ];
}

function inRequests(count: number | undefined): string {
  if (count === undefined) return '';
  return count === 1 ? ' in 1 request' : ` in ${count} requests`;
}
