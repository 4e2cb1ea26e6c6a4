import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ExecuteResult } from '../../../shared/protocol';
import { chunk, ChunkJson, completionBody, completionJson, finishReason, newCompletionIds, openaiUsage, routerHeaders } from '../../../server/src/gateway/chat-response';

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

  it('sends a cost summed over attempts as a person writes it, without float noise', () => {
    // An answer after a failed attempt that was billed: 0.000012 + 0.0000211 + 0.000022 in floating point.
    const costUsd = 0.000012 + 0.0000211 + 0.000022;
    assert.equal(routerHeaders({ ...answered, usage: { ...answered.usage, costUsd } })['x-llm-router-cost-usd'], '0.0000551');
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

describe('gateway completionBody', () => {
  const ids = { id: 'chatcmpl-1', created: 1 };
  const calls = [
    { id: 'call_1', name: 'read_file', arguments: '{"path":"a.ts"}' },
    { id: 'call_2', name: 'list_dir', arguments: '{}' },
  ];

  it('answers tool calls as message.tool_calls with null content and finish_reason "tool_calls"', () => {
    const body = completionBody(ids, { ...answered, text: '', toolCalls: calls, finishReason: 'tool_calls' });
    assert.deepEqual(body.choices[0].message, {
      role: 'assistant',
      content: null,
      refusal: null,
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } },
        { id: 'call_2', type: 'function', function: { name: 'list_dir', arguments: '{}' } },
      ],
    });
    assert.equal(body.choices[0].finish_reason, 'tool_calls');
  });

  it('keeps text that came with tool calls, and sends no tool_calls field without calls', () => {
    assert.equal(completionBody(ids, { ...answered, text: 'Reading it.', toolCalls: calls, finishReason: 'tool_calls' }).choices[0].message.content, 'Reading it.');
    const plain = completionBody(ids, { ...answered, finishReason: 'stop' }).choices[0].message;
    assert.equal(plain.content, 'hi');
    assert.ok(!('tool_calls' in plain));
  });

  it('takes finish_reason from the result, and from truncated or tool calls when the result has none', () => {
    assert.equal(finishReason({ ...answered, finishReason: 'length', truncated: true }), 'length');
    assert.equal(finishReason({ ...answered, truncated: true }), 'length');
    assert.equal(finishReason({ ...answered, toolCalls: calls }), 'tool_calls');
    assert.equal(finishReason(answered), 'stop');
  });
});

describe('gateway ChunkJson', () => {
  it('writes each stream chunk exactly as serialising the whole chunk object does, when the model changes too', () => {
    const ids = newCompletionIds(1_700_000_000_123);
    const chunks = new ChunkJson(ids);
    const pieces: Array<[string, Parameters<typeof chunk>[2], Parameters<typeof chunk>[3]]> = [
      ['local/tiny', { role: 'assistant', content: '' }, null],
      ['local/tiny', { content: 'He said "hi"\n\t\u2028 ✓ \ud83d\ude00' }, null],
      ['other/"quoted"', { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] }, null],
      ['other/"quoted"', {}, 'tool_calls'],
      ['local/tiny', {}, 'length'],
    ];
    for (const [model, delta, finish] of pieces) {
      assert.equal(chunks.of(model, delta, finish), JSON.stringify(chunk(ids, model, delta, finish)));
    }
  });
});

describe('gateway completionJson', () => {
  it('writes exactly the JSON of completionBody, whatever the answer: text, tool calls, cached tokens, a cut-off answer', () => {
    const call = fc.record({ id: fc.string(), name: fc.string(), arguments: fc.string() });
    const results = fc.record({
      text: fc.oneof(fc.constant(''), fc.string(), fc.string({ unit: 'grapheme' })),
      model: fc.oneof(fc.constant('local/tiny'), fc.string()),
      toolCalls: fc.option(fc.array(call, { maxLength: 3 }), { nil: undefined }),
      cachedInputTokens: fc.option(fc.nat(), { nil: undefined }),
      truncated: fc.option(fc.boolean(), { nil: undefined }),
      finishReason: fc.option(fc.constantFrom('stop' as const, 'length' as const, 'tool_calls' as const), { nil: undefined }),
      id: fc.string(),
      created: fc.nat(),
    });
    fc.assert(
      fc.property(results, ({ text, model, toolCalls, cachedInputTokens, truncated, finishReason: finish, id, created }) => {
        const result: ExecuteResult = {
          ...answered,
          text,
          model,
          usage: { ...answered.usage, ...(cachedInputTokens === undefined ? {} : { cachedInputTokens }) },
          ...(toolCalls === undefined ? {} : { toolCalls }),
          ...(truncated === undefined ? {} : { truncated }),
          ...(finish === undefined ? {} : { finishReason: finish }),
        };
        assert.equal(completionJson({ id, created }, result), JSON.stringify(completionBody({ id, created }, result)));
      }),
    );
  });
});
