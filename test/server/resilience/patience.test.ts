// Which calls are streamed from the provider although the client wants the answer whole:
// those whose length limit could take a healthy model longer to write than the attempt timeout.
import assert from 'node:assert/strict';
import { mayOutlastTimeout, WRITING_FLOOR_TOKENS_PER_SECOND } from '../../../server/src/resilience/patience';
import { model, options } from './helpers';

describe('mayOutlastTimeout', () => {
  const sixtySeconds = options({ timeoutMs: 60_000 });
  const fits = 60 * WRITING_FLOOR_TOKENS_PER_SECOND; // what the floor rate writes in 60 s

  it('says an answer that the floor rate writes within the timeout cannot outlast it', () => {
    assert.equal(mayOutlastTimeout(sixtySeconds, model('p/a'), fits), false);
    assert.equal(mayOutlastTimeout(sixtySeconds, model('p/a'), 256), false);
  });

  it('says a longer limit may outlast it, as an agent asking for 8k tokens does', () => {
    assert.equal(mayOutlastTimeout(sixtySeconds, model('p/a'), fits + 1), true);
    assert.equal(mayOutlastTimeout(sixtySeconds, model('p/a'), 8_192), true);
  });

  it('measures a model that reasons against its four-fold timeout', () => {
    const thinker = { ...model('p/thinker'), reasoning: true };
    assert.equal(mayOutlastTimeout(sixtySeconds, thinker, fits + 1), false);
    assert.equal(mayOutlastTimeout(sixtySeconds, thinker, 4 * fits + 1), true);
  });
});
