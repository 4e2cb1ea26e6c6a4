// The quality a model must be expected to reach before it may take a request.
// It follows the request's difficulty, which the learned need of its wording sets
// (classify/difficulty.ts): a request likely to need a strong model raises the bar
// to frontier-class models, one a small model likely handles opens it to small fast
// ones. The strategy moves it (cheapest accepts a little less, best ignores cost
// entirely); a per-kind rule in settings overrides it.
import type { Difficulty, Kind } from '../../../shared/protocol';
import type { Settings, Strategy } from '../../../shared/settings';
import { NEED_WORDS } from '../classify/difficulty';

/** Bar for an easy request, and how much the hardest request adds on top. Chosen so
 *  an easy completion is open to small fast models (priors ~0.5-0.6), while a hard
 *  refactor needs a frontier-class model (priors >= 0.75). */
const BASE_BAR = 0.4;
const DIFFICULTY_SPAN = 0.4;
const CHEAPEST_SLACK = 0.1;

export function qualityBar(
  kind: Kind,
  difficultyScore: number,
  strategy: Strategy,
  rules: Settings['routing']['rules'],
): number {
  const rule = rules[kind]?.minQuality;
  if (rule !== undefined) return rule;
  const bar = BASE_BAR + DIFFICULTY_SPAN * clamp01(difficultyScore);
  return strategy === 'cheapest' ? bar - CHEAPEST_SLACK : bar;
}

/** Why the bar is where it is, in words, e.g. "likely needs a strong model (difficulty 0.78): asking for quality 0.71 or better". */
export function describeQualityBar(
  kind: Kind,
  difficulty: Difficulty,
  difficultyScore: number,
  strategy: Strategy,
  rules: Settings['routing']['rules'],
): string {
  const bar = qualityBar(kind, difficultyScore, strategy, rules).toFixed(2);
  if (rules[kind]?.minQuality !== undefined) return `rule for ${kind}: asking for quality ${bar} or better`;
  const why = `${NEED_WORDS[difficulty]} (difficulty ${clamp01(difficultyScore).toFixed(2)})`;
  if (strategy === 'best') return `${why}: strategy best takes the strongest model whatever the bar`;
  const slack = strategy === 'cheapest' ? `, ${CHEAPEST_SLACK.toFixed(2)} lower for strategy cheapest` : '';
  return `${why}: asking for quality ${bar} or better${slack}`;
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0.5;
}
