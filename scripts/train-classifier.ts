// Trains the request-kind model on data/copilot-chat-intents/train.jsonl (plus,
// if cross-validation says they help, the team-written data/authored-requests),
// picks hyperparameters by cross-validation scored on train.jsonl rows only, and
// writes server/src/classify/model.json. eval.jsonl is never read here.
//   PATH=$PWD/node_modules/.bin:$PATH tsx scripts/train-classifier.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crossValidate } from '../server/src/classify/training/cross-validate';
import { readAuthoredRows, readRows } from '../server/src/classify/training/dataset';
import { fitKindModel, type Hyperparameters } from '../server/src/classify/training/fit';
import { accuracy, confusionOf, formatConfusion, type Outcome } from '../server/src/classify/training/metrics';

const FOLDS = 5;
// Several shuffles, so a choice does not hinge on one lucky split: with ~320 rows
// one row is 0.3 points, about the spread between two shuffles.
const SEEDS = [1, 2, 3, 4, 5];
// The previous full grid (targets kind and intent, l2 0.003-0.03, authored weight
// 0-0.5) chose intent, 0.03 and 0.5, the largest authored weight it offered; with
// the varied authored rows the grid now looks at lower l2 and heavier authored
// rows instead, and stays small: it runs on 2 shared cores.
const GRID: Hyperparameters[] = (['intent'] as const).flatMap((target) =>
  [0.001, 0.003, 0.01].flatMap((l2) =>
    [0.5, 1].map((authoredWeight) => ({ l2, minRows: 2, balance: 1, target, mirrorToPanel: true, authoredWeight })),
  ),
);

function main(): void {
  const rows = readRows('train.jsonl');
  const authored = readAuthoredRows();
  console.log(
    `train.jsonl: ${rows.length} rows (+${authored.length} authored, training side only); ` +
      `${FOLDS}-fold cross-validation x ${SEEDS.length} shuffles`,
  );
  let best: { hyper: Hyperparameters; outcomes: Outcome[]; accuracy: number } | undefined;
  for (const hyper of GRID) {
    const outcomes = SEEDS.flatMap((seed) => crossValidate(rows, hyper, FOLDS, seed, authored));
    const score = accuracy(outcomes);
    console.log(`  ${JSON.stringify(hyper)}: ${(score * 100).toFixed(1)}%`);
    if (!best || score > best.accuracy) best = { hyper, outcomes, accuracy: score };
  }
  if (!best) throw new Error('empty hyperparameter grid');
  console.log(`\nchosen ${JSON.stringify(best.hyper)}: cross-validated accuracy ${(best.accuracy * 100).toFixed(1)}%`);
  console.log(formatConfusion(confusionOf(best.outcomes)));

  const model = fitKindModel(rows, best.hyper, authored);
  model.about.crossValidatedAccuracy = Math.round(best.accuracy * 1000) / 1000;
  const path = join(__dirname, '..', 'server', 'src', 'classify', 'model.json');
  const json = JSON.stringify(model);
  writeFileSync(path, json + '\n');
  console.log(`\nwrote ${path}: ${model.features.length} features, ${(json.length / 1024).toFixed(0)} KB`);
}

main();
