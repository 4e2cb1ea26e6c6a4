// The difficulty score as a strong/weak router on RouteLLM's MMLU outcomes (14,037 prompts,
// data/routellm/): `npm run eval:difficulty` reports it on all three benchmarks. The score is
// a fixed function of the wording, never fitted to this data. It measures APGR 0.574 on MMLU
// (random routing: 0.5; RouteLLM's best trained router: 0.603); this guards that it keeps
// carrying real signal about which prompts need the stronger model.
import assert from 'node:assert/strict';
import { classify } from '../../../server/src/classify/classify';
import { readRouteLlmOutcomes } from '../../../server/src/classify/training/routellm-data';
import { routingReport } from '../../../server/src/classify/training/routing-metrics';

const APGR_FLOOR = 0.56;

describe('difficulty as a router on public data (RouteLLM MMLU)', () => {
  it(`sends the prompts that need the strong model first, well above random (APGR >= ${APGR_FLOOR}; measured 0.574)`, () => {
    const rows = readRouteLlmOutcomes('mmlu');
    const report = routingReport(rows.map((row) => ({ score: classify({ prompt: row.prompt }).difficultyScore, weak: row.weak, strong: row.strong })));
    assert.equal(report.n, 14_037);
    assert.ok(report.apgr >= APGR_FLOOR, `APGR ${report.apgr.toFixed(3)}`);
  });
});
