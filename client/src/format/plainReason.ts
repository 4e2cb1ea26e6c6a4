// The router's reasons in plain words for the routing log: the server writes them for the
// trace (exact sources like "aider polyglot 2024-12-21 gpt-4o-mini: 3.6%"); a person beside
// an editor wants "quality 0.80 for explain (public coding leaderboard)". Pure, unit-tested;
// a reason it does not recognise is shown as the server wrote it.
import type { HistoryEntry, Kind } from '../../../shared/protocol';

const CHOICE = /^chose (\S+): (?:~\$(\d+(?:\.\d+)?)|unknown cost), quality (\d\.\d\d)(?: for \w+)? \((.*)\)$/;
const STRATEGY = /^strategy (\w+): the (cheapest|fastest) of (\d+)\/(\d+) models with quality >= (\d\.\d\d)$/;
const DIFFICULTY = /^difficulty (easy|medium|hard) \([\d.]+\)(?::.*)?$/;

const FALLBACKS = 'fallbacks after it, by ';

export function plainReason(reason: string, kind: Kind): string {
  if (reason.startsWith(FALLBACKS)) return `if it fails: ${plainReason(reason.slice(FALLBACKS.length), kind)}`;
  const choice = CHOICE.exec(reason);
  if (choice) {
    const [, model, cost, quality, source] = choice;
    const price = cost === undefined ? 'no known price' : `estimated ${roughUsd(Number(cost))}`;
    return `chose ${model}: ${price}, quality ${quality} for ${kind} (${plainSource(source)})`;
  }
  const strategy = STRATEGY.exec(reason);
  if (strategy) {
    const [, name, what, good, all, bar] = strategy;
    return `${what} of the ${good} of ${all} models good enough for this (quality at least ${bar}; strategy ${name})`;
  }
  const difficulty = DIFFICULTY.exec(reason);
  if (difficulty) return `looks ${difficulty[1]}`;
  return reason;
}

/** Where a quality figure comes from, without dates, run labels and pass rates; what feedback did to it kept. */
export function plainSource(source: string): string {
  const feedback = /, (lowered by feedback|feedback: good enough)$/.exec(source);
  if (feedback) return `${plainEvidence(source.slice(0, feedback.index))}, ${feedback[1]}`;
  return plainEvidence(source);
}

function plainEvidence(source: string): string {
  if (source === 'set in settings') return 'set in your settings';
  if (source.startsWith('settings for ')) return `your settings for ${source.slice('settings for '.length).split(';')[0]}, otherwise estimated`;
  if (source.startsWith('price-based estimate')) return 'estimated from its price';
  if (source.startsWith('no public results for ')) return /from its price/.test(source) ? 'no public results: estimated from its price' : 'no public results: a default guess';
  const general = /^no public (\w+) benchmark; from aider /.exec(source);
  if (general) return `public coding leaderboard (no public ${general[1]} benchmark)`;
  if (/^no refactor-board result; from aider /.test(source)) return 'public coding leaderboard (no refactor result)';
  if (/^aider (polyglot|edit|refactor) /.test(source)) return 'public coding leaderboard';
  if (source.startsWith('default for a local model')) return 'usual for a local model';
  if (source.startsWith('default for')) return 'a default guess';
  return source;
}

function roughUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (usd >= 0.01) return `$${usd.toFixed(2)}`;
  return `$${Number(usd.toPrecision(1))}`;
}

/**
 * The one line a routing-log row shows under its model: why that model was chosen. The row
 * names the model that answered, so "chose <it>: " is left out; after a fallback the first
 * reason is about another model, and keeps its name, or it would read as the answering
 * model's price and quality.
 */
export function whySummary(reasons: readonly string[], kind: Kind, answeredBy: string, outcome?: HistoryEntry['outcome']): string {
  // Refused before any call: its reasons (when the refusal came after the choice) name a model that never answered.
  if (outcome === 'blocked') return 'refused by the budget: no model was called';
  const first = reasons[0];
  if (first === undefined) return 'no reasons recorded';
  const plain = plainReason(first, kind);
  const prefix = `chose ${answeredBy}: `;
  return plain.startsWith(prefix) ? plain.slice(prefix.length) : plain;
}

/**
 * A ledger row's model as the dashboard names it: a request the budget refused (or one ended
 * before a model was chosen) is recorded with no model, which would read as a blank cell.
 */
export function modelName(model: string): string {
  return model === '' ? 'none (no model called)' : model;
}
