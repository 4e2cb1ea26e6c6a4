// Cross-validates the kind model on ALL labelled training data pooled (upstream
// train.jsonl and every authored file, each row scored once per shuffle while
// held out), with the shipped model's hyperparameters, and prints accuracy and
// per-kind recall with and without a selection; then the same by batch (each
// file scored by a model that never saw a row of it) and on the upstream rows
// alone. eval.jsonl is never read.
//   npm run cv:kinds
import { crossValidate, crossValidateAll, crossValidateByGroup } from '../server/src/classify/training/cross-validate';
import { readAuthoredGroups, readAuthoredRows, readRows } from '../server/src/classify/training/dataset';
import { accuracy } from '../server/src/classify/training/metrics';
import { fitKindModel, predictorOf, type Hyperparameters } from '../server/src/classify/training/fit';
import { formatLocationRecall, recallByLocation } from '../server/src/classify/training/location-recall';
import savedModel from '../server/src/classify/model.json';

const FOLDS = 5;
const SEEDS = (process.env.KIND_SEEDS ?? '1,2,3').split(',').map(Number);

function main(): void {
  const about = savedModel.about as unknown as Hyperparameters;
  // KIND_HYPER='{"l2":0.003}' tries other settings without retraining the shipped model.
  const hyper: Hyperparameters = { ...about, ...(JSON.parse(process.env.KIND_HYPER ?? '{}') as Partial<Hyperparameters>) };
  const rows = readRows('train.jsonl');
  const authored = readAuthoredRows();
  console.log(`all labelled training rows: ${rows.length} upstream + ${authored.length} authored; ${FOLDS}-fold x ${SEEDS.length} shuffles; ${JSON.stringify(hyper)}`);
  const outcomes = SEEDS.flatMap((seed) => crossValidateAll(rows, authored, hyper, FOLDS, seed));
  console.log(formatLocationRecall(recallByLocation(outcomes)));
  // KIND_NEW_FILES=a.jsonl,b.jsonl: the same outcomes split into the rows those batches added and
  // the rows there before, so a round's new rows cannot flatter (or hide) the figure of the old ones.
  const newFiles = (process.env.KIND_NEW_FILES ?? '').split(',').filter((name) => name !== '');
  if (newFiles.length > 0) {
    const byFile = readAuthoredGroups();
    const added = new Set(newFiles.flatMap((name) => {
      const group = byFile.get(`authored-requests/${name}`);
      if (!group) throw new Error(`KIND_NEW_FILES: no authored-requests/${name}`);
      return group.map((row) => `${row.location} ${row.request}`);
    }));
    const isAdded = (o: { location: string; request: string }): boolean => added.has(`${o.location} ${o.request}`);
    console.log(`\nrows there before ${newFiles.join(', ')}:`);
    console.log(formatLocationRecall(recallByLocation(outcomes.filter((o) => !isAdded(o)))));
    console.log(`\nrows ${newFiles.join(', ')} added:`);
    console.log(formatLocationRecall(recallByLocation(outcomes.filter(isAdded))));
  }
  // How far the model is from the target on rows it has seen: when this is far above
  // the cross-validated line, more capacity would not help, unseen wording is the limit.
  const predict = predictorOf(fitKindModel(rows, hyper, authored));
  const fitted = [...rows, ...authored].map((row) => ({ expected: row.kind, predicted: predict(row), location: row.location, request: row.request }));
  console.log(`\ntraining fit (fitted on all rows, scored on the same rows): ${(accuracy(fitted) * 100).toFixed(1)}%`);
  console.log(formatLocationRecall(recallByLocation(fitted)));
  // What the random folds cannot show: how well one batch is read by a model fitted on the others only.
  const groups = new Map([['copilot-chat-intents/train.jsonl', rows], ...readAuthoredGroups()]);
  const grouped = crossValidateByGroup(groups, { ...hyper, authoredWeight: 1 });
  console.log(`\nleave one batch out (each file scored by a model fitted on the other files): ${(accuracy(grouped) * 100).toFixed(1)}%`);
  console.log(formatLocationRecall(recallByLocation(grouped)));
  for (const group of groups.keys()) {
    const ofGroup = grouped.filter((o) => o.group === group);
    console.log(`  ${group.padEnd(36)} ${String(ofGroup.length).padStart(5)} rows  ${(accuracy(ofGroup) * 100).toFixed(1)}%`);
  }
  // Reported, not a target: the upstream rows alone, authored rows always on the training side.
  const upstream = accuracy(SEEDS.flatMap((seed) => crossValidate(rows, hyper, FOLDS, seed, authored)));
  console.log(`\nupstream train.jsonl rows only (authored rows always in training): ${(upstream * 100).toFixed(1)}%`);
  if (process.env.KIND_MISSES) {
    const misses = outcomes.filter((o) => o.expected !== o.predicted).map((o) => `${o.location} ${o.expected} -> ${o.predicted}: ${JSON.stringify(o.request)}`); // one line per miss, even for pasted code
    console.log([...new Set(misses)].sort().join('\n'));
  }
}

main();
