// Turns one code-editing strength into a quality prior per request kind.
//
//   quality(kind) = floor(kind) + (1 - floor(kind)) * strength
//
// with floor: completion 0.75, summarize 0.7, explain 0.5, ask 0.4, refactor 0.
// Completing a line or summarising a file is within reach of any chat model, so their
// range is compressed upward; explaining and answering questions are in between; a refactor
// is what aider's boards measure, so it takes the strength as it is. For a model on aider's
// refactor board, refactor is the mean of strength and its refactor strength (that board's
// pass rate calibrated onto the same edit scale): the board is small (14 runs) and noisy,
// so it nudges rather than replaces the edit-scale strength. Which evidence informs which
// kind, in words, is in kindEvidence.ts.
import { KINDS, type Kind } from '../../../shared/protocol';

export const QUALITY_FLOOR: Readonly<Record<Kind, number>> = {
  completion: 0.75,
  summarize: 0.7,
  explain: 0.5,
  ask: 0.4,
  refactor: 0,
};

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

export function qualityByKind(strength: number, refactorStrength?: number): Record<Kind, number> {
  const base = clamp01(strength);
  const refactor = refactorStrength === undefined ? base : (base + clamp01(refactorStrength)) / 2;
  const quality = {} as Record<Kind, number>;
  for (const kind of KINDS) {
    const kindStrength = kind === 'refactor' ? refactor : base;
    quality[kind] = Math.round((QUALITY_FLOOR[kind] + (1 - QUALITY_FLOOR[kind]) * kindStrength) * 1000) / 1000;
  }
  return quality;
}
