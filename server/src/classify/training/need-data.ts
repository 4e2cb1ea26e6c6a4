// The need model's training rows: RouteLLM prompts with how much more the strong model
// got right than the weak one, on a common 0..1 quality scale, and folds that keep every
// copy of a prompt on one side (no prompt is ever both trained on and scored).
import type { RouteLlmBench, RouteLlmOutcome } from './routellm-data';

export const NEED_BENCHES: readonly RouteLlmBench[] = ['mmlu', 'gsm8k', 'mt-bench'];

// Correctness is 0/1; MT-Bench's judge scores run 1-10, so a 9-point swing is one full
// correct/incorrect flip. Everything is learned as "quality gained by going strong".
const QUALITY_RANGE: Record<RouteLlmBench, number> = { mmlu: 1, gsm8k: 1, 'mt-bench': 9 };

/** What the model learns to predict: strong minus weak quality, on a 0..1 scale. */
export function needTarget(row: RouteLlmOutcome): number {
  return (row.strong - row.weak) / QUALITY_RANGE[row.bench];
}

/**
 * Fold of each row, for `folds`-fold cross-validation by prompt: each benchmark's
 * distinct prompts are shuffled (seeded) and dealt round-robin, so every fold has
 * every benchmark in proportion and all copies of a prompt share a fold.
 */
export function foldsByPrompt(rows: readonly RouteLlmOutcome[], folds: number, seed: number): number[] {
  const random = seededRandom(seed);
  const foldOfPrompt = new Map<string, number>();
  let next = 0;
  for (const bench of [...new Set(rows.map((row) => row.bench))].sort()) {
    const prompts = [...new Set(rows.filter((row) => row.bench === bench).map((row) => row.prompt))];
    for (let i = prompts.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [prompts[i], prompts[j]] = [prompts[j], prompts[i]];
    }
    for (const prompt of prompts) if (!foldOfPrompt.has(prompt)) foldOfPrompt.set(prompt, next++ % folds);
  }
  return rows.map((row) => foldOfPrompt.get(row.prompt)!);
}

/** Numerical Recipes' LCG: reproducible shuffles from a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
