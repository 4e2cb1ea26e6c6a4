// Trains the need model ("this request needs a stronger model") on RouteLLM's public
// outcomes (data/routellm/outcomes.jsonl.gz: per prompt, whether GPT-4-1106 and
// Mixtral-8x7B got MMLU and GSM8K right, and their MT-Bench judge scores), picks the
// ridge penalty and the weight of the smaller benchmarks by 5-fold cross-validation by
// prompt, and writes server/src/classify/need/need-model.json. `npm run eval` reports
// the nested cross-validated routing quality of this procedure.
//   npm run train:need
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEATURE_COUNT, HASH_BITS } from '../server/src/classify/need/features';
import { percentiles, type SavedNeedModel } from '../server/src/classify/need/model-format';
import { chooseHyperparameters, fitNeed, NEED_GRID, prepareRows } from '../server/src/classify/training/need-cv';
import { readRouteLlmOutcomes } from '../server/src/classify/training/routellm-data';

const FOLDS = 5;
const SEED = 1;
// Four decimals of a weight change no ranking; integers keep the file small.
const WEIGHT_SCALE = 10_000;

export const NEED_MODEL_FILE = join(__dirname, '..', 'server', 'src', 'classify', 'need', 'need-model.json');

function main(): void {
  const started = performance.now();
  const rows = readRouteLlmOutcomes();
  const data = prepareRows(rows);
  const all = rows.map((_, i) => i);
  console.log(`${rows.length} RouteLLM prompts; ${FOLDS}-fold cross-validation by prompt over ${NEED_GRID.length} settings`);
  const choice = chooseHyperparameters(data, all, NEED_GRID, FOLDS, SEED);
  NEED_GRID.forEach((hyper, g) => console.log(`  ${JSON.stringify(hyper)}: mean APGR (MMLU, GSM8K) ${choice.scores[g].toFixed(3)}`));
  console.log(`chosen ${JSON.stringify(choice.hyper)}`);

  const fit = fitNeed(data, all, choice.hyper);
  // Calibrate on held-out scores: they spread like scores of prompts the model has not seen.
  const distinct = new Map<string, number>();
  rows.forEach((row, i) => distinct.set(row.prompt, choice.heldOut[i]));
  const model: SavedNeedModel = {
    hashBits: HASH_BITS,
    featureCount: FEATURE_COUNT,
    bias: round(fit.bias, 1e6),
    weightScale: WEIGHT_SCALE,
    weights: Array.from(fit.weights, (w) => Math.round(w * WEIGHT_SCALE)),
    quantiles: percentiles([...distinct.values()]).map((q) => round(q, 1e6)),
    about: {
      trainedOn: 'data/routellm/outcomes.jsonl.gz (RouteLLM: GPT-4-1106 vs Mixtral-8x7B on MMLU, GSM8K, MT-Bench)',
      target: 'strong minus weak quality (0/1 correctness; MT-Bench judge score / 9)',
      rows: rows.length,
      ...choice.hyper,
      crossValidatedMeanApgr: round(choice.score, 1000),
    },
  };
  const json = JSON.stringify(model);
  writeFileSync(NEED_MODEL_FILE, json + '\n');
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(`wrote ${NEED_MODEL_FILE}: ${(json.length / 1024).toFixed(0)} KB in ${seconds} s`);
}

function round(value: number, scale: number): number {
  return Math.round(value * scale) / scale;
}

if (require.main === module) main();
