// Which whole answers are asked from the provider as a stream: only those that may take longer
// to write than the attempt timeout, judged by the client's own limit when it set one, else by
// the workspace's recent answers of the kind once there are enough of them.
import assert from 'node:assert/strict';
import { WRITING_FLOOR_TOKENS_PER_SECOND } from '../../../server/src/resilience/patience';
import { LIKELY_OVER_TYPICAL, likelyAnswerTokens, streamWholeAnswer, TYPICAL_SAMPLES_NEEDED } from '../../../server/src/pipeline/whole-answer';
import { model, options } from '../resilience/helpers';

describe('whole answers streamed from the provider', () => {
  const sixtySeconds = options({ timeoutMs: 60_000 });
  const fits = 60 * WRITING_FLOOR_TOKENS_PER_SECOND; // what the floor rate writes in 60 s
  const plenty = TYPICAL_SAMPLES_NEEDED + 10;

  it('streams when the limit the client set may take longer to write than the timeout, whatever answers were like', () => {
    const length = { limitTokens: 8_192, limitGiven: true, typical: { tokens: 20, samples: plenty } };
    assert.equal(likelyAnswerTokens(length), 8_192);
    assert.equal(streamWholeAnswer(sixtySeconds, model('p/a'), length), true);
  });

  it('judges by the router\'s own limit until the workspace has enough answers of the kind', () => {
    assert.equal(streamWholeAnswer(sixtySeconds, model('p/a'), { limitTokens: 4_096, limitGiven: false }), true);
    const few = { limitTokens: 4_096, limitGiven: false, typical: { tokens: 20, samples: TYPICAL_SAMPLES_NEEDED - 1 } };
    assert.equal(streamWholeAnswer(sixtySeconds, model('p/a'), few), true);
  });

  it('asks for short answers whole, as JSON, when the kind\'s recent answers are short', () => {
    const short = { limitTokens: 4_096, limitGiven: false, typical: { tokens: 40, samples: plenty } };
    assert.equal(likelyAnswerTokens(short), 40 * LIKELY_OVER_TYPICAL);
    assert.equal(streamWholeAnswer(sixtySeconds, model('p/a'), short), false);
  });

  it('streams when the kind\'s recent answers are long enough that one may outlast the timeout', () => {
    const long = { limitTokens: 4_096, limitGiven: false, typical: { tokens: Math.ceil(fits / LIKELY_OVER_TYPICAL) + 1, samples: plenty } };
    assert.equal(streamWholeAnswer(sixtySeconds, model('p/a'), long), true);
  });

  it('never takes an answer for longer than the call\'s limit', () => {
    const capped = { limitTokens: 256, limitGiven: false, typical: { tokens: 2_000, samples: plenty } };
    assert.equal(likelyAnswerTokens(capped), 256);
    assert.equal(streamWholeAnswer(sixtySeconds, model('p/a'), capped), false);
  });
});
