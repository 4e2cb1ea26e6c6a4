import assert from 'node:assert/strict';
import { hasSelection } from '../../../../server/src/text/selection';
import { readRows, toInput } from '../../../../server/src/classify/training/dataset';

describe('intent dataset', () => {
  it('reads both sides of the split with known kinds and locations', () => {
    assert.equal(readRows('train.jsonl').length, 319);
    assert.equal(readRows('eval.jsonl').length, 345);
  });

  it('turns an inline row into a request with a selection and a panel row into one without a document', () => {
    const inline = toInput({ request: 'fix this', location: 'inline', kind: 'refactor', intent: 'fix' });
    const panel = toInput({ request: 'hi', location: 'panel', kind: 'ask', intent: 'unknown' });
    assert.equal(hasSelection(inline.document), true);
    assert.equal(inline.prompt, 'fix this');
    assert.deepEqual(panel, { prompt: 'hi' });
  });
});
