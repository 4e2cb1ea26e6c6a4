import assert from 'node:assert/strict';
import { readUsage } from '../../../../server/src/providers/openai/usage';

describe('readUsage (OpenAI)', () => {
  it('reads the prompt tokens the provider read from its prompt cache', () => {
    const usage = { prompt_tokens: 2048, completion_tokens: 10, prompt_tokens_details: { cached_tokens: 1024 } };
    assert.deepEqual(readUsage(usage), { inputTokens: 2048, outputTokens: 10, cachedInputTokens: 1024 });
  });

  it('leaves cached tokens out when none were cached or the server does not say', () => {
    assert.deepEqual(readUsage({ prompt_tokens: 5, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 0 } }),
      { inputTokens: 5, outputTokens: 1 });
    assert.deepEqual(readUsage({ prompt_tokens: 5, completion_tokens: 1 }), { inputTokens: 5, outputTokens: 1 });
    assert.deepEqual(readUsage({ prompt_tokens: 5, completion_tokens: 1, prompt_tokens_details: null }), { inputTokens: 5, outputTokens: 1 });
  });

  it('ignores a cached count that makes no sense, billing the whole prompt at the full price', () => {
    for (const cached of [-1, 1.5, '3', 6]) {
      const usage = { prompt_tokens: 5, completion_tokens: 1, prompt_tokens_details: { cached_tokens: cached } };
      assert.deepEqual(readUsage(usage), { inputTokens: 5, outputTokens: 1 }, String(cached));
    }
  });
});

describe('readUsage (OpenAI): reasoning tokens', () => {
  it('reads the output tokens a reasoning model spent thinking, as a part of the output', () => {
    const usage = { prompt_tokens: 20, completion_tokens: 300, completion_tokens_details: { reasoning_tokens: 256 } };
    assert.deepEqual(readUsage(usage), { inputTokens: 20, outputTokens: 300, reasoningTokens: 256 });
  });

  it('leaves reasoning tokens out when there were none, the server does not say, or the count makes no sense', () => {
    for (const details of [undefined, null, {}, { reasoning_tokens: 0 }, { reasoning_tokens: -1 }, { reasoning_tokens: 2.5 }, { reasoning_tokens: '9' }, { reasoning_tokens: 301 }]) {
      assert.deepEqual(readUsage({ prompt_tokens: 20, completion_tokens: 300, completion_tokens_details: details }), { inputTokens: 20, outputTokens: 300 }, JSON.stringify(details));
    }
  });
});
