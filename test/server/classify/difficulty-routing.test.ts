// The need scorer as a strong/weak router on RouteLLM's public outcomes (data/routellm/),
// cross-validated by prompt at the shipped model's hyperparameters: each prompt is scored
// by a model trained on the other folds. `npm run eval` reports the full nested
// cross-validation (hyperparameters chosen inside each fold) beside RouteLLM's best
// published routers (APGR 0.603 on MMLU, 0.622 on GSM8K; random routing 0.5). This guards
// that the features and the trainer keep finding that signal.
import assert from 'node:assert/strict';
import { assessDifficulty } from '../../../server/src/classify/difficulty';
import savedModel from '../../../server/src/classify/need/need-model.json';
import { crossValidatedScores, prepareRows, type NeedHyperparameters } from '../../../server/src/classify/training/need-cv';
import { readRouteLlmOutcomes, type RouteLlmBench } from '../../../server/src/classify/training/routellm-data';
import { routingReport } from '../../../server/src/classify/training/routing-metrics';

const FLOOR: Record<RouteLlmBench, number> = { mmlu: 0.65, gsm8k: 0.6, 'mt-bench': 0.5 };

describe('learned need as a router on public data (RouteLLM, 5-fold cross-validation by prompt)', function () {
  this.timeout(300_000);
  const rows = readRouteLlmOutcomes();
  let scores: Float64Array;

  before(() => {
    const hyper = savedModel.about as unknown as NeedHyperparameters;
    [scores] = crossValidatedScores(prepareRows(rows), rows.map((_, i) => i), [hyper], 5, 1);
  });

  for (const bench of ['mmlu', 'gsm8k'] as const) {
    it(`sends the held-out ${bench} prompts that need the strong model first (APGR >= ${FLOOR[bench]})`, () => {
      const scored = rows.flatMap((row, i) => (row.bench === bench ? [{ score: scores[i], weak: row.weak, strong: row.strong }] : []));
      const report = routingReport(scored);
      assert.ok(report.apgr >= FLOOR[bench], `APGR ${report.apgr.toFixed(3)}`);
    });
  }

  it('keeps the hand-weighted terms of the difficulty carrying signal on MMLU without the need (APGR >= 0.56)', () => {
    const mmlu = rows.filter((row) => row.bench === 'mmlu');
    const report = routingReport(mmlu.map((row) => ({ score: assessDifficulty('ask', row.prompt, undefined, () => 0).score, weak: row.weak, strong: row.strong })));
    assert.ok(report.apgr >= 0.56, `APGR ${report.apgr.toFixed(3)}`);
  });
});
