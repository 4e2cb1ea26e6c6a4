// The expected answer length, from the workspace's own answers once it has a few. The
// fixed guess per kind (build.ts) can be far off for how a user actually works (terse
// questions, long explanations), and every cost estimate, the per-request cap and the
// cost side of routing rest on it. A refactor keeps its estimate: its answer is as long
// as the code it rewrites, which differs from one request to the next.
import type { Kind } from '../../../shared/protocol';
import type { TypicalOutput } from '../ledger/typical-output';
import type { BuiltPrompt } from './build';

/** Fewer answers than this make too shaky a median to replace the guess. */
export const MIN_SAMPLES = 5;

export function calibrateOutput(
  built: BuiltPrompt,
  kind: Kind,
  typical: TypicalOutput | undefined,
): { prompt: BuiltPrompt; note?: string } {
  if (kind === 'refactor' || typical === undefined || typical.samples < MIN_SAMPLES) return { prompt: built };
  const expectedOutputTokens = Math.max(1, Math.min(typical.tokens, built.maxOutputTokens));
  return {
    prompt: { ...built, expectedOutputTokens },
    note: `expected answer ~${expectedOutputTokens} tokens: the median of this workspace's last ${typical.samples} ${kind} answers`,
  };
}
