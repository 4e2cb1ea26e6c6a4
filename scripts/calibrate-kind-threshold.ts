// Reports how often the classifier's kind is right at each probability, from out-of-fold
// predictions on train.jsonl only, to choose UNSURE_BELOW (server/src/classify/kind-decision.ts):
// the probability below which a code-only kind is not trusted
// (eval.jsonl is never read). The model is refitted per fold with the shipped
// hyperparameters, so the probabilities are those an unseen request would get.
//   PATH=$PWD/node_modules/.bin:$PATH tsx scripts/calibrate-kind-threshold.ts
import { KINDS, type Kind } from '../shared/protocol';
import { kindFeatures } from '../server/src/classify/features';
import { classProbabilities, kindProbabilities, loadKindModel, type SavedKindModel } from '../server/src/classify/model-format';
import savedModel from '../server/src/classify/model.json';
import { stratifiedFolds } from '../server/src/classify/training/cross-validate';
import { readAuthoredRows, readRows, toInput, type IntentRow } from '../server/src/classify/training/dataset';
import { fitKindModel, type Hyperparameters } from '../server/src/classify/training/fit';

const FOLDS = 5;
const SEEDS = [1, 2, 3, 4, 5];
const EDGES = [0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 1.0001];

interface Scored {
  probability: number;
  correct: boolean;
  predicted: Kind;
}

function main(): void {
  const about = (savedModel as SavedKindModel & { about: Hyperparameters }).about;
  const hyper: Hyperparameters = {
    l2: about.l2, minRows: about.minRows, balance: about.balance, target: about.target,
    mirrorToPanel: about.mirrorToPanel, authoredWeight: about.authoredWeight,
  };
  const rows = readRows('train.jsonl');
  const authored = readAuthoredRows();
  const scored: Scored[] = [];
  for (const seed of SEEDS) {
    const parts = stratifiedFolds(rows, FOLDS, seed);
    parts.forEach((heldOut, index) => {
      const training = parts.filter((_, other) => other !== index).flat();
      const model = loadKindModel(fitKindModel(training, hyper, authored));
      for (const row of heldOut) scored.push(score(model, row));
    });
  }
  console.log(`${scored.length} out-of-fold predictions (${rows.length} train rows x ${SEEDS.length} shuffles), hyperparameters ${JSON.stringify(hyper)}`);
  console.log('probability bin   predictions   correct   (completion/refactor predictions, correct)');
  for (let i = 0; i < EDGES.length - 1; i++) {
    const inBin = scored.filter((s) => s.probability >= EDGES[i] && s.probability < EDGES[i + 1]);
    const right = inBin.filter((s) => s.correct).length;
    const rate = inBin.length ? `${((right / inBin.length) * 100).toFixed(0)}%` : '-';
    const code = inBin.filter((s) => s.predicted === 'completion' || s.predicted === 'refactor');
    const codeRate = code.length ? `${((code.filter((s) => s.correct).length / code.length) * 100).toFixed(0)}%` : '-';
    console.log(`[${EDGES[i].toFixed(2)}, ${Math.min(1, EDGES[i + 1]).toFixed(2)})    ${String(inBin.length).padStart(5)}        ${rate.padStart(4)}      (${code.length}, ${codeRate})`);
  }
  for (const t of [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]) {
    const below = scored.filter((s) => s.probability < t);
    const right = below.filter((s) => s.correct).length;
    const codeOnly = below.filter((s) => s.predicted === 'completion' || s.predicted === 'refactor');
    console.log(
      `below ${t.toFixed(2)}: ${below.length} predictions (${((below.length / scored.length) * 100).toFixed(1)}%), ` +
        `${below.length ? ((right / below.length) * 100).toFixed(0) : '-'}% correct; ${codeOnly.length} of them completion/refactor, ` +
        `${codeOnly.filter((s) => s.correct).length} correct`,
    );
  }
}

function score(model: ReturnType<typeof loadKindModel>, row: IntentRow): Scored {
  const byKind = kindProbabilities(model, classProbabilities(model, kindFeatures(toInput(row))));
  const predicted = KINDS.reduce((best, kind) => (byKind[kind] > byKind[best] ? kind : best));
  return { probability: byKind[predicted], correct: predicted === row.kind, predicted };
}

main();
