// Trains the request-kind model on all labelled training data (upstream
// data/copilot-chat-intents/train.jsonl and the team-written
// data/authored-requests/*.jsonl, every row written to the same intent
// definitions), picks hyperparameters by cross-validation over all those rows
// (each scored once per shuffle while held out), and writes
// server/src/classify/model.json. eval.jsonl is never read here.
//   npx tsx scripts/train-classifier.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crossValidate, crossValidateAll } from '../server/src/classify/training/cross-validate';
import { readAuthoredRows, readRows } from '../server/src/classify/training/dataset';
import { fitKindModel, type Hyperparameters } from '../server/src/classify/training/fit';
import { formatLocationRecall, recallByLocation } from '../server/src/classify/training/location-recall';
import { accuracy, confusionOf, formatConfusion } from '../server/src/classify/training/metrics';

const FOLDS = 5;
// Two shuffles: with ~1,800 rows one row is 0.06 points, and the grid runs on 2 shared cores.
const SEEDS = [1, 2];
// Earlier grids (target kind vs intent, balance 0.5 vs 1, panel mirrors on/off,
// authored weight 0.5 vs 1) moved all-data accuracy by less than half a point;
// intents, full balance and mirrors won or tied. Authored rows count as much as
// upstream ones: they are labelled to the same definitions and scored alike.
// Only the L2 penalty is still searched. 0.0005 joined the grid when, with the
// boundaries files, 0.001 fell out of one standard error of 0.0003: between the two,
// it reads the unseen batches as well as 0.0003 (leave one batch out 90.1% vs 90.2%;
// 0.001: 89.7%) and is less sure of wordings it never saw. With the round-5 features
// (work-object.ts) and rows, 0.001 is back within one standard error of the best
// (0.0003) and is chosen. More capacity was not tried: the training fit is ~99%, far
// above the cross-validated line, so unseen wording, not capacity, is the limit.
//
// Round 7: a small network (network.ts, 8 hidden units, linear share 0.65) averaged
// with the linear part reads held-out rows better: out of fold (5 folds x 3 shuffles,
// the 2,437 rows, L2 0.001) 93.8% against 93.0% linear (explain 91.0 -> 93.1%, ask
// 92.5 -> 93.5%, side-chat summaries 95.6 -> 91.9%); 16 or 32 units and shares 0.55 or
// 0.75 were within 0.4 points of it. It is off unless KIND_NETWORK=1 because it is surer
// of short wordings it never saw: over a selection "elucidate this block" and "the async
// version" read as edits at 0.67 (linear 0.59), over the unsure line the unseen-wording
// tests hold; and it costs about 9 microseconds a request (scoring 15 against 6).
// With the network's L2 at 0.001 (KIND_NETWORK_L2; within one standard error of 0.0001,
// so the rule the linear L2 follows would pick it) the gain halves (93.4% out of fold,
// three shuffles; the grid picks linear L2 0.001, 93.3% at two shuffles against 93.1%)
// and those two wordings stay under the line (0.57), but "hmm, this part?", which
// kind-decision.test.ts needs unsure, reads as explain at 0.61, and model.json is 934 KB.
//
// Round 8 (2,733 rows, articles and prepositions without word features, L2 0.0005), judged
// again: 8 units, share 0.65, network L2 0.0001 read 92.6% out of fold (three shuffles)
// against 92.4% linear (the rows before round 8: 93.7% against 93.6%), a gain inside one
// standard error (0.5 points). "the async version" stays unsure with it (an edit at 0.49),
// but "hmm, this part?" reads as explain at 0.61 (kind-decision.test.ts needs it under 0.6)
// and "worth it?" as ask, where that test needs a code-only guess to show the unsure path;
// and model.json would be 855 KB, its weights already stored as whole hundredths.
// With 4 units "the async version" is an edit at 0.66 and "hmm, this part?" explain at 0.64.
// So it stays off.
const NETWORK = process.env.KIND_NETWORK ? { hidden: 8, networkEpochs: 40, networkL2: Number(process.env.KIND_NETWORK_L2 ?? 0.0001), linearShare: 0.65 } : {};
// Round 9: dropout training (train-softmax.ts) at 0.4 with L2 0.0002 read 93.2% out of fold against
// main's 92.4% (three shuffles), but over a selection "users loop" then read as an edit at 0.71, and
// kind-decision.test.ts needs it under the unsure line. Round 10 found why: under dropout the
// location's own features (form:refers/no-referent@location, one of which fires on every request)
// and the char n-grams of any word ("users") learned to lean a verbless request towards an edit.
// Those get their own, stronger L2 (x100 and x5; fit.ts `selectionL2`, `charL2`): 93.16% out of
// fold (three shuffles), every kind's recall 90% or more with and without a selection, and "users
// loop" an edit at 0.59, under the line. data/authored-requests/README.md, round 10, has the grid.
// KIND_DROPOUT=0 trains main's round-8 learner (no dropout, no separate penalties) instead.
const ROUND_8 = process.env.KIND_DROPOUT === '0';
const DROPOUT = ROUND_8 ? {} : { dropout: 0.4, charL2: 5, selectionL2: 100 };
const L2_GRID = ROUND_8 ? [0.0003, 0.0005, 0.001, 0.003] : [0.0001, 0.0002, 0.0005];
const GRID: Hyperparameters[] = L2_GRID.map((l2) => ({
  l2, minRows: 2, balance: 1, target: 'intent', mirrorToPanel: true, authoredWeight: 1, ...NETWORK, ...DROPOUT,
}));

function main(): void {
  const rows = readRows('train.jsonl');
  const authored = readAuthoredRows();
  console.log(`${rows.length} upstream + ${authored.length} authored rows; ${FOLDS}-fold cross-validation x ${SEEDS.length} shuffles over all of them`);
  const results = GRID.map((hyper) => {
    const outcomes = SEEDS.flatMap((seed) => crossValidateAll(rows, authored, hyper, FOLDS, seed));
    const score = accuracy(outcomes);
    console.log(`  ${JSON.stringify(hyper)}: ${(score * 100).toFixed(1)}%`);
    return { hyper, outcomes, accuracy: score };
  });
  // The one-standard-error rule: the most regularised setting whose accuracy is
  // within one standard error of the best. A smaller penalty that wins by less
  // than the noise has mostly learned the folds' own words, and is surer of
  // itself on wordings it never saw (an unknown verb over a selection read as
  // an edit at p=0.67 with 0.0003, under 0.6 with 0.001).
  const top = Math.max(...results.map((r) => r.accuracy));
  const standardError = Math.sqrt((top * (1 - top)) / (rows.length + authored.length));
  const best = results.filter((r) => r.accuracy >= top - standardError).sort((a, b) => b.hyper.l2 - a.hyper.l2)[0];
  console.log(`best ${(top * 100).toFixed(1)}%, one standard error ${(standardError * 100).toFixed(2)} points`);
  if (!best) throw new Error('empty hyperparameter grid');
  console.log(`\nchosen ${JSON.stringify(best.hyper)}: cross-validated accuracy ${(best.accuracy * 100).toFixed(1)}%`);
  console.log(formatLocationRecall(recallByLocation(best.outcomes)));
  console.log(formatConfusion(confusionOf(best.outcomes)));
  // Reported, not chosen by: the upstream rows alone, authored rows always on the training side.
  const upstream = accuracy(SEEDS.flatMap((seed) => crossValidate(rows, best.hyper, FOLDS, seed, authored)));
  console.log(`upstream train.jsonl rows only: ${(upstream * 100).toFixed(1)}%`);

  const model = fitKindModel(rows, best.hyper, authored);
  model.about.crossValidatedAccuracy = Math.round(best.accuracy * 1000) / 1000;
  model.about.crossValidatedOn = 'all labelled training rows';
  model.about.upstreamOnlyAccuracy = Math.round(upstream * 1000) / 1000;
  const path = join(__dirname, '..', 'server', 'src', 'classify', 'model.json');
  const json = JSON.stringify(model);
  writeFileSync(path, json + '\n');
  console.log(`\nwrote ${path}: ${model.features.length} features, ${(json.length / 1024).toFixed(0)} KB`);
}

main();
