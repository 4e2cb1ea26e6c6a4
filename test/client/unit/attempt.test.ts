import * as assert from 'node:assert/strict';
import { billedNote } from '../../../client/src/format/attempt';

describe('billedNote', () => {
  it('says nothing for an attempt that streamed nothing: it cost nothing', () => {
    assert.equal(billedNote({ model: 'a/one', ok: false, error: 'rate limited (429)' }), '');
  });

  it('names the tokens a broken-off stream sent and their cost, marked as an estimate', () => {
    const note = billedNote({ model: 'a/one', ok: false, billed: { inputTokens: 900, outputTokens: 40, costUsd: 0.00012 } });
    assert.equal(note, ' (streamed 40 tokens first: ≈$0.0001 (estimated))');
  });

  it('shows what an unusable reply was billed by the provider’s own counts, not as an estimate', () => {
    const note = billedNote({ model: 'a/one', ok: false, billed: { inputTokens: 900, outputTokens: 256, costUsd: 0.0005, reported: true } });
    assert.equal(note, ' (billed for 256 tokens of output: $0.0005)');
  });

  it('never shows a broken-off stream with no known price as $0', () => {
    const note = billedNote({ model: 'a/one', ok: false, billed: { inputTokens: 900, outputTokens: 1 } });
    assert.equal(note, ' (streamed 1 token first: unknown (no price set))');
  });
});
