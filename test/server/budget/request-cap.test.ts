import assert from 'node:assert/strict';
import { outputTokensWithinCap } from '../../../server/src/budget/request-cap';
import { model } from '../route/models';

// $1 per M input tokens, $4 per M output tokens.
const MID = model('p/mid', 1, 4, 0.7);

describe('outputTokensWithinCap', () => {
  it('leaves what the prompt did not use of the cap to the answer, at the output price', () => {
    // 1,000 input tokens cost $0.001; $0.009 left buys 2,250 output tokens at $4/M.
    assert.equal(outputTokensWithinCap(MID, 1_000, 0.01), 2_250);
  });

  it('keeps the whole request under the cap: prompt plus the longest answer', () => {
    for (const [input, cap] of [[0, 0.001], [12_345, 0.05], [500, 0.0031]] as const) {
      const output = outputTokensWithinCap(MID, input, cap)!;
      const cost = (input * 1 + output * 4) / 1e6;
      assert.ok(cost <= cap + 1e-12, `${cost} > ${cap}`);
      assert.ok(((input * 1 + (output + 1) * 4) / 1e6) > cap, 'and one more token would not fit');
    }
  });

  it('is 0 when the prompt alone uses up the cap', () => {
    assert.equal(outputTokensWithinCap(MID, 20_000, 0.01), 0);
  });

  it('sets no limit without a cap, for a free output, or for an unknown price (selection skips those)', () => {
    assert.equal(outputTokensWithinCap(MID, 1_000, undefined), undefined);
    assert.equal(outputTokensWithinCap(model('p/free', 0, 0, 0.5), 1_000, 0.01), undefined);
    assert.equal(outputTokensWithinCap(model('p/unknown', undefined, undefined, 0.5), 1_000, 0.01), undefined);
  });
});
