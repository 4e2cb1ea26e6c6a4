import assert from 'node:assert/strict';
import type { BuiltPrompt } from '../../../server/src/prompt/build';
import { calibrateOutput, MIN_SAMPLES } from '../../../server/src/prompt/calibrate';

const built: BuiltPrompt = { messages: [], inputTokens: 100, expectedOutputTokens: 500, maxOutputTokens: 2_000 };

describe('calibrateOutput', () => {
  it('expects the workspace’s median answer length once it has enough answers, and says so', () => {
    const { prompt, note } = calibrateOutput(built, 'ask', { tokens: 120, samples: 8 });
    assert.equal(prompt.expectedOutputTokens, 120);
    assert.equal(prompt.maxOutputTokens, 2_000, 'the cap sent to the provider is unchanged');
    assert.equal(note, "expected answer ~120 tokens: the median of this workspace's last 8 ask answers");
  });

  it(`keeps the fixed guess with fewer than ${MIN_SAMPLES} answers, or none`, () => {
    assert.deepEqual(calibrateOutput(built, 'ask', { tokens: 120, samples: MIN_SAMPLES - 1 }), { prompt: built });
    assert.deepEqual(calibrateOutput(built, 'ask', undefined), { prompt: built });
  });

  it('keeps a refactor’s estimate, which follows the size of the code it rewrites', () => {
    assert.deepEqual(calibrateOutput(built, 'refactor', { tokens: 120, samples: 40 }), { prompt: built });
  });

  it('never expects more than the answer is allowed to be', () => {
    assert.equal(calibrateOutput(built, 'explain', { tokens: 9_999, samples: 10 }).prompt.expectedOutputTokens, 2_000);
  });
});
