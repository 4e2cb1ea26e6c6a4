import assert from 'node:assert/strict';
import { foldsByPrompt, needTarget } from '../../../../server/src/classify/training/need-data';
import { nestedCrossValidation, prepareRows } from '../../../../server/src/classify/training/need-cv';
import type { RouteLlmOutcome } from '../../../../server/src/classify/training/routellm-data';
import { routingReport } from '../../../../server/src/classify/training/routing-metrics';

// A planted signal: questions about "tensor calculus" only the strong model answers;
// questions about "the weather" both answer; the filler words carry nothing.
const FILLER = ['please', 'tell', 'me', 'quickly', 'about', 'kindly', 'explain', 'now'];
function synthetic(count: number): RouteLlmOutcome[] {
  return Array.from({ length: count }, (_, i) => {
    const hard = i % 3 === 0;
    const filler = `${FILLER[i % FILLER.length]} ${FILLER[(i * 5) % FILLER.length]} ${i}`;
    const prompt = hard ? `${filler}: a question on tensor calculus` : `${filler}: a question on the weather`;
    return { bench: i % 4 === 0 ? 'gsm8k' : 'mmlu', prompt, weak: hard ? 0 : 1, strong: 1 };
  });
}

describe('need model cross-validation', () => {
  it('deals prompts into folds so every copy of a prompt shares one fold and every benchmark is in every fold', () => {
    const rows = [...synthetic(60), ...synthetic(60)]; // every prompt twice
    const folds = foldsByPrompt(rows, 5, 1);
    const foldOf = new Map<string, number>();
    rows.forEach((row, i) => {
      if (foldOf.has(row.prompt)) assert.equal(folds[i], foldOf.get(row.prompt), row.prompt);
      foldOf.set(row.prompt, folds[i]);
    });
    for (let fold = 0; fold < 5; fold++) {
      for (const bench of ['mmlu', 'gsm8k']) assert.ok(rows.some((row, i) => folds[i] === fold && row.bench === bench), `${bench} in fold ${fold}`);
    }
  });

  it('learns on MT-Bench judge scores on the same 0..1 scale as correctness', () => {
    assert.equal(needTarget({ bench: 'mt-bench', prompt: '', weak: 1, strong: 10 }), 1);
    assert.equal(needTarget({ bench: 'mmlu', prompt: '', weak: 1, strong: 0 }), -1);
  });

  it('finds the planted signal in held-out prompts by nested cross-validation (APGR near the best possible)', () => {
    const rows = synthetic(150);
    const result = nestedCrossValidation(prepareRows(rows), [{ l2: 0.1, minorityWeight: 1 }, { l2: 1, minorityWeight: 2 }], 3, 2, 1);
    assert.equal(result.chosen.length, 3);
    const report = routingReport(rows.map((row, i) => ({ score: result.scores[i], weak: row.weak, strong: row.strong })));
    // Sending exactly the hard third first recovers the gap at p = 1/3: APGR = 1 - (1/3)/2.
    assert.ok(report.apgr > 0.8, `APGR ${report.apgr.toFixed(3)}`);
  });
});
