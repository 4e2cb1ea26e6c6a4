// Whether a model has been good enough for one kind of request in one workspace, from what
// the user did with its answers. A Beta posterior over "this answer was good enough":
// each answer the user kept or let stand counts as a success, each one discarded, undone
// or retried as a failure, on top of a prior that presumes a configured model is good
// enough until shown otherwise. Only when the posterior falls clearly below the bar
// (its mean plus one standard deviation under it) is the model's quality for the kind
// scaled down, in proportion to how far short it falls: a few unlucky answers move
// nothing, and a cheap model that suffices keeps its place.
import type { FeedbackSignal, Kind } from '../../../shared/protocol';

/** The prior: worth four answers, three of them good (mean 0.75). */
export const PRIOR_GOOD = 3;
export const PRIOR_BAD = 1;
/** Share of answers that must be good enough for a model to keep its quality for a kind. */
export const GOOD_ENOUGH = 0.7;

export interface Evidence {
  /** Answers the model gave for the kind in the window (the ledger's count). */
  answered: number;
  signals: Record<FeedbackSignal, number>;
}

export interface Judgement {
  /** Posterior mean of "good enough". */
  mean: number;
  /** Multiplies the model's quality for the kind: 1 unless clearly below GOOD_ENOUGH. */
  factor: number;
  demoted: boolean;
  /** Answers discarded, undone or retried. */
  bad: number;
  /** In plain words, e.g. "3 of the last 5 explanations from openai/gpt-4o-mini were retried". */
  reason: string;
}

const KIND_PLURAL: Record<Kind, string> = {
  completion: 'completions',
  refactor: 'refactorings',
  explain: 'explanations',
  summarize: 'summaries',
  ask: 'answers',
};

const BAD_SIGNALS = ['rejected', 'retried', 'undone'] as const;
const BAD_WORDS: Record<(typeof BAD_SIGNALS)[number], string> = { rejected: 'discarded', retried: 'retried', undone: 'undone' };

export function judge(kind: Kind, model: string, evidence: Evidence): Judgement {
  const bad = BAD_SIGNALS.reduce((sum, s) => sum + evidence.signals[s], 0);
  // Every answer counts once; signals can outnumber the ledger's count (an answer from the
  // cache retried, a window edge), so the trials are at least the signals.
  const trials = Math.max(evidence.answered, bad + evidence.signals.accepted);
  const a = PRIOR_GOOD + trials - bad;
  const b = PRIOR_BAD + bad;
  const mean = a / (a + b);
  const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
  const demoted = bad > 0 && mean + sd < GOOD_ENOUGH;
  const factor = demoted ? mean / GOOD_ENOUGH : 1;
  const how = BAD_SIGNALS.filter((s) => evidence.signals[s] > 0).map((s) => BAD_WORDS[s]).join(' or ');
  const what = `${KIND_PLURAL[kind]} from ${model}`;
  const reason =
    bad === 0
      ? `none of the last ${trials} ${what} was discarded, undone or retried`
      : `${bad} of the last ${trials} ${what} ${bad === 1 ? 'was' : 'were'} ${how}`;
  return { mean, factor, demoted, bad, reason };
}
