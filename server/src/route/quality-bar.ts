// The quality a model must be expected to reach before it may take a request.
// Harder requests raise the bar; the strategy moves it (cheapest accepts a little
// less, best ignores cost entirely); a per-kind rule in settings overrides it.
import type { Kind } from '../../../shared/protocol';
import type { Settings, Strategy } from '../../../shared/settings';

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

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0.5;
}
