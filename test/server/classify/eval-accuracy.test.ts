// The acceptance check of the request classifier: accuracy on the held-out
// eval.jsonl, which training and tuning never see (data/copilot-chat-intents/README.md).
import assert from 'node:assert/strict';
import { classify } from '../../../server/src/classify/classify';
import { readRows, toInput } from '../../../server/src/classify/training/dataset';

const REQUIRED_ACCURACY = 0.9;

describe('classify: accuracy on the held-out Copilot Chat intents', () => {
  it(`labels at least ${REQUIRED_ACCURACY * 100}% of eval.jsonl with the right kind`, () => {
    const rows = readRows('eval.jsonl');
    const correct = rows.filter((row) => classify(toInput(row)).kind === row.kind).length;
    const accuracy = correct / rows.length;
    assert.ok(accuracy >= REQUIRED_ACCURACY, `accuracy ${(accuracy * 100).toFixed(1)}% (${correct}/${rows.length})`);
  });
});
