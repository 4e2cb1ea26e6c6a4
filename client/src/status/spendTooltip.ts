// The status bar tooltip as Markdown text. Pure (no vscode import) so it is unit-tested;
// model names and reasons come from settings and the server, so they are escaped.
import type { BudgetStatus, LastRequest, UsageReport } from '../../../shared/protocol';
import { formatUsd } from '../format/money';
import { plainReason } from '../format/plainReason';
import { allWorkspacesTooltipLine } from './allWorkspaces';
import { describeMonthPace } from './monthPace';

const TOOLTIP_REASONS = 3;
/** Beside the last request's kind: how it ended, when it was not answered. */
const OUTCOME_NOTES: Record<NonNullable<LastRequest['outcome']>, string> = {
  ok: '',
  failed: ', failed',
  blocked: ', refused by the budget',
  cancelled: ', cancelled',
};

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/** `teamGateway`: in team mode, the gateway whose figures these are (the spend is then the developer's own there). */
export function spendTooltipMarkdown(usage: UsageReport, now = new Date(), teamGateway?: string): string {
  const lines = [
    teamGateway === undefined
      ? '**LLM Router spend** in this workspace, from every client (commands, chat, gateway)'
      : '**Your spend** through the team gateway, from every client (commands, chat)',
    '',
    `- Today: ${escapeMarkdown(formatUsd(usage.today.costUsd))} in ${requests(usage.today.requests)}`,
    `- This month: ${escapeMarkdown(formatUsd(usage.month.costUsd))} in ${requests(usage.month.requests)}`,
    `- Budget: ${escapeMarkdown(describeBudget(usage.budget))}`,
  ];
  const pace = describeMonthPace(usage, now);
  if (pace) lines.splice(lines.length - 1, 0, `- Pace: ${escapeMarkdown(pace)} (at this month's daily rate so far)`);
  // Every workspace's spend together (the local ledger; a team gateway reports its own scopes instead).
  if (usage.allWorkspaces && teamGateway === undefined) lines.push(`- ${escapeMarkdown(allWorkspacesTooltipLine(usage.allWorkspaces))}`);
  const caveat = monthCaveat(usage);
  if (caveat) lines.push(`- Note: ${escapeMarkdown(caveat)}`);
  const last = usage.last;
  if (last) {
    lines.push('', `**Last request** (${last.kind}${last.cached ? ', from cache' : ''}${OUTCOME_NOTES[last.outcome ?? 'ok']})`, '');
    // A request the budget refused (or one ended before a model was chosen) called no model: say so, not "Model: ``".
    lines.push(last.model ? `- Model: \`${last.model.replace(/`/g, "'")}\`` : '- Model: none was called');
    lines.push(`- Cost: ${escapeMarkdown(formatUsd(last.costUsd))}`);
    // Reasons come most important first, in the plain words of the answer view and the
    // dashboard (which show them all), not the trace's sources and classifier features.
    const reasons = last.reasons.slice(0, TOOLTIP_REASONS).map((reason) => escapeMarkdown(plainReason(reason, last.kind)));
    if (last.reasons.length > TOOLTIP_REASONS) reasons.push('…');
    if (reasons.length > 0) lines.push(`- Why: ${reasons.join('; ')}`);
  }
  lines.push('', 'Click to open the dashboard.');
  return lines.join('\n');
}

export function describeBudget(budget: BudgetStatus): string {
  const limits = [
    budget.dailyUsd !== undefined ? `${formatUsd(budget.dailyUsd)} a day` : undefined,
    budget.monthlyUsd !== undefined ? `${formatUsd(budget.monthlyUsd)} a month` : undefined,
  ].filter((limit): limit is string => limit !== undefined);
  if (limits.length === 0) return 'no limit set';
  const state = { ok: 'within budget', warn: 'close to the limit', exceeded: 'limit reached' }[budget.state];
  return `${limits.join(', ')} (${state}; when exceeded: ${budget.onExceed})`;
}

/** What this month's figure leaves out or only estimates, so the number is never taken for more than it is. */
export function monthCaveat(usage: UsageReport): string | undefined {
  const unpriced = usage.month.unpricedRequests ?? 0;
  const estimated = usage.month.estimatedRequests ?? 0;
  const parts = [
    unpriced > 0 ? `${requests(unpriced)} with no known price (not in the total)` : undefined,
    estimated > 0 ? `${requests(estimated)} with estimated tokens (a stream cut short or broken off, or no usage reported)` : undefined,
  ].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? `this month has ${parts.join(' and ')}` : undefined;
}

function requests(count: number): string {
  return count === 1 ? '1 request' : `${count} requests`;
}
