import assert from 'node:assert/strict';
import type { ExecuteResult } from '../../../../shared/protocol';
import { anthropicErrorBody } from '../../../../server/src/gateway/anthropic/anthropic-error';
import { anthropicUsage, messageBody, stopDetails, stopReason } from '../../../../server/src/gateway/anthropic/messages-response';
import { HttpError, invalidRequest } from '../../../../server/src/gateway/http-error';

const answered: ExecuteResult = {
  text: 'Done.',
  model: 'openai/gpt-fake',
  kind: 'ask',
  reasons: [],
  attempts: [{ model: 'openai/gpt-fake', ok: true }],
  usage: { inputTokens: 100, outputTokens: 7, costUsd: 0.001 },
  cached: false,
  latencyMs: 5,
  warnings: [],
  finishReason: 'stop',
};

describe('gateway Anthropic message body', () => {
  it('answers text as a text block with end_turn and the model that answered', () => {
    const body = messageBody('msg_1', answered);
    assert.deepEqual(body, {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'openai/gpt-fake',
      content: [{ type: 'text', text: 'Done.' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      stop_details: null,
      usage: { input_tokens: 100, output_tokens: 7, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
    });
  });

  it('answers tool calls as tool_use blocks with parsed input and stop_reason tool_use, with no empty text block', () => {
    const body = messageBody('msg_2', {
      ...answered,
      text: '',
      toolCalls: [{ id: 'call_1', name: 'read_file', arguments: '{"path":"a.ts"}' }],
      finishReason: 'tool_calls',
    });
    assert.deepEqual(body.content, [{ type: 'tool_use', id: 'call_1', name: 'read_file', input: { path: 'a.ts' } }]);
    assert.equal(body.stop_reason, 'tool_use');
  });

  it('says max_tokens for an answer cut at its limit', () => {
    assert.equal(stopReason({ ...answered, finishReason: 'length', truncated: true }), 'max_tokens');
    assert.equal(stopReason({ ...answered, finishReason: undefined, truncated: true }), 'max_tokens');
  });

  it('gives a refusal the provider explained its stop_details, apart from the text the model wrote before it', () => {
    const refused: ExecuteResult = {
      ...answered, text: 'Here is how', refusal: '', finishReason: 'refusal',
      refusalDetails: { category: 'cyber', explanation: 'This request could enable malware development.' },
    };
    const body = messageBody('msg_3', refused);
    assert.equal(body.stop_reason, 'refusal');
    assert.deepEqual(body.stop_details, { type: 'refusal', category: 'cyber', explanation: 'This request could enable malware development.' });
    assert.deepEqual(body.content, [{ type: 'text', text: 'Here is how' }]);
  });

  it('says stop_details null for an answer and for a refusal the provider did not explain (the model\'s words are the text)', () => {
    assert.equal(stopDetails(answered), null);
    assert.equal(stopDetails({ ...answered, text: '', refusal: 'No.', finishReason: 'refusal' }), null);
  });

  it('splits prompt-cache reads and writes out of input_tokens, as Anthropic counts them', () => {
    const usage = anthropicUsage({ ...answered, usage: { ...answered.usage, cachedInputTokens: 60, cacheWriteInputTokens: 30 } });
    assert.deepEqual(usage, { input_tokens: 10, output_tokens: 7, cache_read_input_tokens: 60, cache_creation_input_tokens: 30 });
  });
});

describe('gateway Anthropic errors', () => {
  it('uses the error type Anthropic documents for each status', () => {
    assert.deepEqual(anthropicErrorBody(invalidRequest('bad', 'max_tokens')), { type: 'error', error: { type: 'invalid_request_error', message: 'bad' } });
    assert.equal(anthropicErrorBody(new HttpError(401, 'x', 'invalid_request_error')).error.type, 'authentication_error');
    assert.equal(anthropicErrorBody(new HttpError(402, 'x', 'budget_exceeded')).error.type, 'billing_error');
    assert.equal(anthropicErrorBody(new HttpError(502, 'x', 'upstream_error')).error.type, 'api_error');
  });
});
