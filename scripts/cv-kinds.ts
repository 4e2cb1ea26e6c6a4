// Cross-validates the kind model on ALL labelled training data pooled (upstream
// train.jsonl and every authored file, each row scored once per shuffle while
// held out), with the shipped model's hyperparameters, and prints accuracy and
// per-kind recall with and without a selection. eval.jsonl is never read.
//   npm run cv:kinds
import { crossValidate, crossValidateAll } from '../server/src/classify/training/cross-validate';
import { readAuthoredRows, readRows } from '../server/src/classify/training/dataset';
import { accuracy } from '../server/src/classify/training/metrics';
import type { Hyperparameters } from '../server/src/classify/training/fit';
import { formatLocationRecall, recallByLocation } from '../server/src/classify/training/location-recall';
import savedModel from '../server/src/classify/model.json';

const FOLDS = 5;
const SEEDS = (process.env.KIND_SEEDS ?? '1,2,3').split(',').map(Number);

function main(): void {
  const about = savedModel.about as unknown as Hyperparameters;
  // KIND_HYPER='{"authoredWeight":1}' tries other settings without retraining the shipped model.
  const hyper: Hyperparameters = { ...about, ...(JSON.parse(process.env.KIND_HYPER ?? '{}') as Partial<Hyperparameters>) };
  const rows = readRows('train.jsonl');
  const authored = readAuthoredRows();
  console.log(`all labelled training rows: ${rows.length} upstream + ${authored.length} authored; ${FOLDS}-fold x ${SEEDS.length} shuffles; ${JSON.stringify(hyper)}`);
  const outcomes = SEEDS.flatMap((seed) => crossValidateAll(rows, authored, hyper, FOLDS, seed));
  console.log(formatLocationRecall(recallByLocation(outcomes)));
  // What the trainer chooses by: the upstream rows only, authored rows always on the training side.
  const upstream = accuracy(SEEDS.flatMap((seed) => crossValidate(rows, hyper, FOLDS, seed, authored)));
  console.log(`upstream train.jsonl rows only (the trainer's criterion): ${(upstream * 100).toFixed(1)}%`);
  if (process.env.KIND_MISSES) {
    const misses = outcomes.filter((o) => o.expected !== o.predicted).map((o) => `${o.location} ${o.expected} -> ${o.predicted}: ${o.request}`);
    console.log([...new Set(misses)].sort().join('\n'));
  }
}

main();
