// Chooses UNSURE_BELOW (server/src/classify/kind-decision.ts), the probability
// below which the classifier's kind is not acted on and the request is answered
// as a question, from out-of-fold predictions on all labelled TRAINING rows
// (upstream train.jsonl and the authored files; eval.jsonl is never read). The
// model is refitted per fold with the shipped hyperparameters, so each
// probability is one an unseen request would get. For each threshold it prints
// how many predictions fall below it, how often they were right, and the
// accuracy of the decision the router would make (the kind, or `ask` below it).
//   npx tsx scripts/calibrate-kind-threshold.ts
import { KINDS, type Kind } from '../shared/protocol';
import { modelFeatures } from '../server/src/classify/model-features';
import { classProbabilities, kindProbabilities, loadKindModel } from '../server/src/classify/model-format';
import savedModel from '../server/src/classify/model.json';
import { outOfFoldAll } from '../server/src/classify/training/cross-validate';
import { readAuthoredRows, readRows, toInput, type IntentRow } from '../server/src/classify/training/dataset';
import type { Hyperparameters } from '../server/src/classify/training/fit';

const FOLDS = 5;
const SEEDS = (process.env.KIND_SEEDS ?? '1,2,3').split(',').map(Number);
const THRESHOLDS = [0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8];

interface Scored {
  expected: Kind;
  predicted: Kind;
  probability: number;
}

function main(): void {
  // KIND_HYPER='{"hidden":8,...}' checks the line for other settings than the shipped model's.
  const hyper: Hyperparameters = { ...(savedModel.about as unknown as Hyperparameters), ...(JSON.parse(process.env.KIND_HYPER ?? '{}') as Partial<Hyperparameters>) };
  const rows = readRows('train.jsonl');
  const authored = readAuthoredRows();
  const scored = SEEDS.flatMap((seed) =>
    outOfFoldAll(rows, authored, hyper, FOLDS, seed, (saved) => {
      const model = loadKindModel(saved);
      return (row: IntentRow): Scored => {
        const byKind = kindProbabilities(model, classProbabilities(model, modelFeatures(model, toInput(row))));
        const predicted = KINDS.reduce((best, kind) => (byKind[kind] > byKind[best] ? kind : best));
        return { expected: row.kind, predicted, probability: byKind[predicted] };
      };
    }),
  );
  console.log(`${scored.length} out-of-fold predictions (${rows.length + authored.length} rows x ${SEEDS.length} shuffles)`);
  const percent = (part: number, whole: number): string => (whole ? `${((part / whole) * 100).toFixed(1)}%` : '-');
  for (const [label, unsureKinds] of [
    ['completion/refactor below it answered as ask', ['completion', 'refactor']],
    ['completion/refactor/summarize below it answered as ask', ['completion', 'refactor', 'summarize']],
    ['any kind below it answered as ask', KINDS],
  ] as Array<[string, readonly Kind[]]>) {
    console.log(`\n${label}:`);
    console.log('below   predictions  of them right   decision accuracy   decision ask recall');
    for (const t of THRESHOLDS) {
      const unsure = (s: Scored): boolean => s.probability < t && unsureKinds.includes(s.predicted);
      const below = scored.filter(unsure);
      const decided = scored.map((s) => (unsure(s) ? 'ask' : s.predicted));
      const right = decided.filter((kind, i) => kind === scored[i].expected).length;
      const asks = scored.map((s, i) => [s, decided[i]] as const).filter(([s]) => s.expected === 'ask');
      console.log(
        `${t.toFixed(2)}    ${String(below.length).padStart(6)}       ${percent(below.filter((s) => s.predicted === s.expected).length, below.length).padStart(6)}` +
          `          ${percent(right, scored.length).padStart(6)}              ${percent(asks.filter(([, d]) => d === 'ask').length, asks.length).padStart(6)}`,
      );
    }
  }
}

main();
