import assert from 'node:assert/strict';
import { reportedBill } from '../../../server/src/catalog/catalog';
import type { ModelInfo } from '../../../server/src/catalog/types';
import { trustedUsage } from '../../../server/src/pipeline/trusted-usage';

// Only the fields the checks read: the ref, the window and the prices.
const model = { ref: 'openai/gpt-4o', contextWindow: 128_000, inputUsdPerMTok: 2.5, outputUsdPerMTok: 10 } as unknown as ModelInfo;

describe('trustedUsage', () => {
  it('takes counts a call could use as reported, cache parts included', () => {
    const response = { text: 'hi', inputTokens: 200_000, outputTokens: 16_000, cachedInputTokens: 150_000 };
    assert.deepEqual(trustedUsage(model, response, 90_000), { response });
  });

  it('bills a count past twice the context window on the prompt estimate and the answer, flagged, with a warning naming what was reported', () => {
    const checked = trustedUsage(model, { text: 'one two three', inputTokens: 1e12, outputTokens: 5, cachedInputTokens: 1e11 }, 42);
    assert.equal(checked.response.inputTokens, 42);
    assert.equal(checked.response.outputTokens, 3);
    assert.equal(checked.response.usageEstimated, true);
    assert.equal(checked.response.cachedInputTokens, undefined);
    assert.match(checked.warning!, /openai\/gpt-4o reported 1000000000000 input and 5 output tokens, more than a call to it can use \(context window 128000\)/);
  });

  it('allows a prompt the router itself estimated past the window (the window in settings may be too small)', () => {
    const response = { text: 'ok', inputTokens: 300_000, outputTokens: 10 };
    assert.deepEqual(trustedUsage(model, response, 200_000), { response });
  });
});

describe('reportedBill', () => {
  it('holds each count of a corrupt report for a failed attempt to the context window, as an estimate', () => {
    const bill = reportedBill(model, { inputTokens: 1e12, outputTokens: 10 });
    assert.deepEqual(bill, { inputTokens: 128_000, outputTokens: 10, costUsd: (128_000 * 2.5 + 10 * 10) / 1e6 });
    assert.equal(reportedBill(model, { inputTokens: 10, outputTokens: 10 }).reported, true);
  });
});
