import assert from 'node:assert/strict';
import { PartialStream } from '../../../server/src/pipeline/partial-stream';
import type { ModelInfo } from '../../../server/src/catalog/types';
import type { Attempt } from '../../../shared/protocol';

// Only the fields the estimate reads: the ref and the price.
const model = { ref: 'local/tiny', inputUsdPerMTok: 1, outputUsdPerMTok: 2 } as unknown as ModelInfo;
const fallback = { ref: 'cloud/big', inputUsdPerMTok: 10, outputUsdPerMTok: 20 } as unknown as ModelInfo;

describe('PartialStream', () => {
  it('bills nothing for a cancel before any text arrived: nothing shows the provider charged', () => {
    const partial = new PartialStream();
    assert.equal(partial.billedOnCancel(500), undefined);
    partial.startAttempt(model, 0);
    assert.equal(partial.billedOnCancel(500), undefined);
  });

  it('bills the prompt and the text streamed so far at the streaming model’s price, saying it is an estimate', () => {
    const partial = new PartialStream();
    partial.startAttempt(model, 0);
    partial.append('hello ');
    partial.append('world');

    const billed = partial.billedOnCancel(1_000_000)!;

    assert.equal(billed.model.ref, 'local/tiny');
    assert.equal(billed.usage.inputTokens, 1_000_000);
    assert.equal(billed.usage.outputTokens, 2);
    assert.ok(Math.abs((billed.cost ?? 0) - (1 + 2 * 2e-6)) < 1e-9, String(billed.cost));
    assert.match(billed.reason, /cancelled after 2 streamed tokens: cost estimated/);
  });

  it('starts over when a fallback attempt begins: only the model streaming at the cancel is billed', () => {
    const partial = new PartialStream();
    partial.startAttempt(model, 0);
    partial.append('a long partial answer that was cut');
    partial.startAttempt(fallback, 1);
    partial.append('ok');

    const billed = partial.billedOnCancel(10)!;

    assert.equal(billed.model.ref, 'cloud/big');
    assert.equal(billed.usage.outputTokens, 1);
  });

  it('bills each failed attempt that streamed text, at its own model’s price, and leaves the others alone', () => {
    const partial = new PartialStream();
    partial.startAttempt(model, 0); // a 429 before any text
    partial.startAttempt(model, 1);
    partial.append('half an answer'); // then the connection broke
    partial.startAttempt(fallback, 2);
    partial.append('the answer');
    const attempts: Attempt[] = [
      { model: 'local/tiny', ok: false, error: 'rate limited (429)' },
      { model: 'local/tiny', ok: false, error: 'connection reset' },
      { model: 'cloud/big', ok: true },
    ];

    const billed = partial.billAttempts(attempts, 1_000, false);

    assert.equal(billed[0].billed, undefined, 'nothing streamed, nothing billed');
    assert.deepEqual(billed[1].billed, { inputTokens: 1_000, outputTokens: 3, costUsd: (1_000 * 1 + 3 * 2) / 1e6 });
    assert.equal(billed[2].billed, undefined, 'the answer is billed by its own usage');
    assert.equal(attempts[1].billed, undefined, 'the run’s own list is not changed');
  });

  it('bills the last attempt too when the whole run failed, and marks an unknown price by leaving the cost out', () => {
    const unpriced = { ref: 'local/free' } as unknown as ModelInfo;
    const partial = new PartialStream();
    partial.startAttempt(unpriced, 0);
    partial.append('some text');

    const [attempt] = partial.billAttempts([{ model: 'local/free', ok: false, error: 'cut' }], 10, true);

    assert.deepEqual(attempt.billed, { inputTokens: 10, outputTokens: 2 });
    assert.equal(partial.billAttempts([{ model: 'local/free', ok: false }], 10, false)[0].billed, undefined,
      'after a cancel the attempt in flight is billedOnCancel’s');
  });

  it('bills nothing when the attempt list does not line up with what streamed', () => {
    const partial = new PartialStream();
    partial.startAttempt(model, 0);
    partial.append('text');
    assert.equal(partial.billAttempts([{ model: 'cloud/big', ok: false }], 10, true)[0].billed, undefined);
  });
});
