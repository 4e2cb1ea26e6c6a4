// The compact line under each @router answer (model, cost, one plain reason) and the
// details behind it (/why). Pure.
import type { RouteCandidate } from '../../../shared/protocol';
import { billedNote } from '../format/attempt';
import { formatCost, formatUsd } from '../format/money';
import type { AnswerRecord } from './answerRecord';

export function answerFooter(record: AnswerRecord): string {
  const cost = formatCost(record.costUsd, { estimated: record.estimated, priceUnknown: record.priceUnknown });
  const reason = record.retried ? 'a stronger model, as you asked' : plainReason(record.reasons);
  return `\`${record.model}\` · ${cost} · ${reason}`;
}

/**
 * The one reason a person needs, from the router's list: a fallback or a pinned model
 * beats the policy, which is said with the request's difficulty.
 */
export function plainReason(reasons: readonly string[]): string {
  const fellBack = reasons.find((r) => r.startsWith('fell back to '));
  if (fellBack) return `${fellBack.split(' after ')[0]} after the first choice failed`;
  const requested = reasons.find((r) => r.endsWith('requested by the caller'));
  if (requested) return 'the model you asked for';
  const rule = reasons.find((r) => r.startsWith('rule: '));
  if (rule) return rule.slice('rule: '.length);
  const downgraded = reasons.find((r) => r.startsWith('over budget'));
  if (downgraded) return downgraded;
  const difficulty = /^difficulty (\w+)/.exec(reasons.find((r) => r.startsWith('difficulty ')) ?? '')?.[1];
  const strategy = reasons.find((r) => r.startsWith('strategy '));
  const policy = strategy ? strategy.slice(strategy.indexOf(': ') + 2) : (reasons[0] ?? 'routed');
  return difficulty ? `${difficulty} request, ${policy}` : policy;
}

/** /why: every reason, the attempts made and the cost, as Markdown. */
export function whyDetails(record: AnswerRecord): string {
  const lines = [`**Why \`${record.model}\`** answered ${quote(record.question)}:`, ''];
  for (const reason of record.reasons) lines.push(`- ${reason}`);
  if (record.attempts.length > 1 || record.attempts.some((a) => !a.ok)) {
    lines.push('', '**Attempts**', '');
    for (const a of record.attempts) lines.push(`- \`${a.model}\`: ${a.ok ? 'answered' : `failed (${a.error ?? 'error'})`}${billedNote(a)}`);
  }
  lines.push('', `Cost: ${formatCost(record.costUsd, { estimated: record.estimated, priceUnknown: record.priceUnknown })}.`);
  return lines.join('\n');
}

/**
 * The model a retry should use: the strongest other candidate that can be called and is
 * expected to do better than the one that answered, or undefined when there is none.
 */
export function strongerModel(candidates: readonly RouteCandidate[], answeredBy: string): RouteCandidate | undefined {
  const current = candidates.find((c) => c.model === answeredBy)?.quality ?? -1;
  const better = candidates.filter((c) => c.model !== answeredBy && !c.unavailable && c.quality > current);
  return better.sort((a, b) => b.quality - a.quality || (a.estimatedCostUsd ?? Infinity) - (b.estimatedCostUsd ?? Infinity))[0];
}

export function describeCandidate(c: RouteCandidate): string {
  const cost = c.estimatedCostUsd === undefined ? 'unknown cost' : `~${formatUsd(c.estimatedCostUsd)}`;
  return `\`${c.model}\` (quality ${c.quality.toFixed(2)}, ${cost})`;
}

function quote(text: string): string {
  const short = text.length > 80 ? `${text.slice(0, 77)}…` : text;
  return `“${short.replace(/\s+/g, ' ')}”`;
}
