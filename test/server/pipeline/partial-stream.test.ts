import assert from 'node:assert/strict';
import { PartialStream } from '../../../server/src/pipeline/partial-stream';
import type { ModelInfo } from '../../../server/src/catalog/types';

// Only the fields the estimate reads: the ref and the price.
const model = { ref: 'local/tiny', inputUsdPerMTok: 1, outputUsdPerMTok: 2 } as unknown as ModelInfo;
const fallback = { ref: 'cloud/big', inputUsdPerMTok: 10, outputUsdPerMTok: 20 } as unknown as ModelInfo;

describe('PartialStream', () => {
  it('bills nothing for a cancel before any text arrived: nothing shows the provider charged', () => {
    const partial = new PartialStream();
    assert.equal(partial.billedOnCancel(500), undefined);
    partial.startAttempt(model);
    assert.equal(partial.billedOnCancel(500), undefined);
  });

  it('bills the prompt and the text streamed so far at the streaming model’s price, saying it is an estimate', () => {
    const partial = new PartialStream();
    partial.startAttempt(model);
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
    partial.startAttempt(model);
    partial.append('a long partial answer that was cut');
    partial.startAttempt(fallback);
    partial.append('ok');

    const billed = partial.billedOnCancel(10)!;

    assert.equal(billed.model.ref, 'cloud/big');
    assert.equal(billed.usage.outputTokens, 1);
  });
});
