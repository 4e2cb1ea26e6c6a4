import assert from 'node:assert/strict';
import type { ExecuteResult } from '../../../shared/protocol';
import { openaiUsage, routerHeaders } from '../../../server/src/gateway/chat-response';

const answered: ExecuteResult = {
  text: 'hi',
  model: 'local/tiny',
  kind: 'ask',
  reasons: [],
  attempts: [{ model: 'local/tiny', ok: true }],
  usage: { inputTokens: 10, outputTokens: 2, costUsd: 0.0001 },
  cached: false,
  latencyMs: 5,
  warnings: [],
};

describe('gateway routerHeaders', () => {
  it('reports the model, the billed cost and its basis', () => {
    assert.deepEqual(routerHeaders(answered), {
      'x-llm-router-model': 'local/tiny',
      'x-llm-router-cost-usd': '0.0001',
      'x-llm-router-cost-basis': 'provider',
      'x-llm-router-cached': 'false',
    });
  });

  it('never sends an unknown price as a cost of 0', () => {
    const headers = routerHeaders({ ...answered, usage: { ...answered.usage, costUsd: 0, priceUnknown: true } });
    assert.equal(headers['x-llm-router-cost-usd'], 'unknown');
    assert.equal(headers['x-llm-router-cost-basis'], 'unknown-price');
  });

  it('marks estimated tokens and cached answers as such', () => {
    assert.equal(routerHeaders({ ...answered, usage: { ...answered.usage, estimated: true } })['x-llm-router-cost-basis'], 'estimated');
    assert.equal(routerHeaders({ ...answered, cached: true })['x-llm-router-cost-basis'], 'cache');
  });
});

describe('gateway openaiUsage', () => {
  it('passes on the cached part of the prompt as OpenAI does, and leaves the details out when nothing was cached', () => {
    assert.deepEqual(openaiUsage({ ...answered, usage: { ...answered.usage, cachedInputTokens: 8 } }),
      { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12, prompt_tokens_details: { cached_tokens: 8 } });
    assert.deepEqual(openaiUsage(answered), { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 });
  });
});
