// Accuracy, confusion matrix and per-kind precision/recall, shared by the
// training script (cross-validation) and the evaluation script.
import { KINDS, type Kind } from '../../../../shared/protocol';

export interface Outcome {
  expected: Kind;
  predicted: Kind;
}

/** confusion[expected][predicted] = count */
export type Confusion = Record<Kind, Record<Kind, number>>;

export function accuracy(outcomes: readonly Outcome[]): number {
  if (outcomes.length === 0) return 0;
  return outcomes.filter((o) => o.expected === o.predicted).length / outcomes.length;
}

export function confusionOf(outcomes: readonly Outcome[]): Confusion {
  const zeroRow = (): Record<Kind, number> => Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  const confusion = Object.fromEntries(KINDS.map((k) => [k, zeroRow()])) as Confusion;
  for (const { expected, predicted } of outcomes) confusion[expected][predicted]++;
  return confusion;
}

export function precisionRecall(outcomes: readonly Outcome[], kind: Kind): { precision: number; recall: number } {
  const truePositives = outcomes.filter((o) => o.expected === kind && o.predicted === kind).length;
  const predicted = outcomes.filter((o) => o.predicted === kind).length;
  const actual = outcomes.filter((o) => o.expected === kind).length;
  return {
    precision: predicted === 0 ? 0 : truePositives / predicted,
    recall: actual === 0 ? 0 : truePositives / actual,
  };
}

export function formatConfusion(confusion: Confusion): string {
  const width = Math.max(...KINDS.map((k) => k.length)) + 2;
  const header = 'expected \\ predicted'.padEnd(22) + KINDS.map((k) => k.padStart(width)).join('');
  const rows = KINDS.map((expected) => expected.padEnd(22) + KINDS.map((p) => String(confusion[expected][p]).padStart(width)).join(''));
  return [header, ...rows].join('\n');
}
