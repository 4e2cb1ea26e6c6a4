// The status bar in team mode: the developer's own spend today and the team's against its
// budget, e.g. `$1.20 you · team $31/$50`. Pure (no vscode import) so it is unit-tested.
import type { BudgetStatus, TeamSpend, UsageReport } from '../../../shared/protocol';
import { formatUsd } from '../format/money';
import { describeBudget, escapeMarkdown } from './spendTooltip';

// Spend is a sum of float costs; a nano-dollar of slack keeps $31.00 from reading as $30.
const FLOAT_SLACK_USD = 1e-9;

/** `$1.20 you · team $31/$50`; `$1.20 you today` when the gateway reports no team budget. */
export function teamSpendText(usage: UsageReport): string {
  const you = `${formatUsd(usage.today.costUsd)} you`;
  return usage.team ? `${you} · team ${teamFigure(usage.team)}` : `${you} today`;
}

/** Today's against the daily limit, else this month's against the monthly one, else today's alone. */
function teamFigure(team: TeamSpend): string {
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

/** The status bar's colour: the worse of the developer's own budget and the team's. */
export function worstBudgetState(usage: UsageReport): BudgetStatus['state'] {
  const team = usage.team?.budget.state ?? 'ok';
  return SEVERITY[team] > SEVERITY[usage.budget.state] ? team : usage.budget.state;
}

/** The tooltip's team section: which gateway, and the team's spend against its budget. */
export function teamTooltipMarkdown(usage: UsageReport, gateway: string): string {
  const lines = [`**Team gateway** ${escapeMarkdown(gateway)}: your requests are routed and recorded there.`];
  const team = usage.team;
  if (team) {
    lines.push(
      '',
      `**Team${team.name ? ` ${escapeMarkdown(team.name)}` : ''}**`,
      '',
      `- Today: ${escapeMarkdown(formatUsd(team.today.costUsd))} in ${requests(team.today.requests)}`,
      `- This month: ${escapeMarkdown(formatUsd(team.month.costUsd))} in ${requests(team.month.requests)}`,
      `- Budget: ${escapeMarkdown(describeBudget(team.budget))}`,
    );
  }
  return lines.join('\n');
}

function requests(count: number): string {
  return count === 1 ? '1 request' : `${count} requests`;
}
