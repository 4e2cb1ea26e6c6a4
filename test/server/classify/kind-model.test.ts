import assert from 'node:assert/strict';
import { predictKind } from '../../../server/src/classify/kind-model';
import { codeDocument } from './helpers';

describe('predictKind', () => {
  it('names the word that decided as the cue', () => {
    const prediction = predictKind({ prompt: 'explain this code', document: codeDocument(3, [0, 3]) });
    assert.equal(prediction.kind, 'explain');
    assert.equal(prediction.cue, 'explain');
  });

  it('gives no cue from filler words alone', () => {
    assert.equal(predictKind({ prompt: 'the a of to' }).cue, undefined);
  });

  it('returns a probability in (0, 1] that is highest for the predicted kind', () => {
    const prediction = predictKind({ prompt: 'write unit tests for this', document: codeDocument(3, [0, 3]) });
    assert.equal(prediction.kind, 'completion');
    assert.ok(prediction.probability > 0.2 && prediction.probability <= 1);
  });
});
