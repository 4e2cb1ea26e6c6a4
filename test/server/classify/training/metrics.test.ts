import assert from 'node:assert/strict';
import { accuracy, confusionOf, formatConfusion, precisionRecall, type Outcome } from '../../../../server/src/classify/training/metrics';

const outcomes: Outcome[] = [
  { expected: 'ask', predicted: 'ask' },
  { expected: 'ask', predicted: 'explain' },
  { expected: 'explain', predicted: 'explain' },
  { expected: 'refactor', predicted: 'ask' },
];

describe('classifier metrics', () => {
  it('computes accuracy as the share of right predictions, 0 for no outcomes', () => {
    assert.equal(accuracy(outcomes), 0.5);
    assert.equal(accuracy([]), 0);
  });

  it('counts each expected/predicted pair in the confusion matrix', () => {
    const confusion = confusionOf(outcomes);
    assert.equal(confusion.ask.explain, 1);
    assert.equal(confusion.refactor.ask, 1);
    assert.equal(confusion.summarize.summarize, 0);
    assert.match(formatConfusion(confusion), /^refactor\s+0\s+0\s+0\s+0\s+1$/m);
  });

  it('computes precision and recall per kind, 0 when undefined', () => {
    assert.deepEqual(precisionRecall(outcomes, 'explain'), { precision: 0.5, recall: 1 });
    assert.deepEqual(precisionRecall(outcomes, 'ask'), { precision: 0.5, recall: 0.5 });
    assert.deepEqual(precisionRecall(outcomes, 'summarize'), { precision: 0, recall: 0 });
  });
});
