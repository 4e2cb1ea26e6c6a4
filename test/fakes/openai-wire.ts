// OpenAI chat.completions wire format, as the official SDK expects it.
import { parseOpenAIRequest } from './openai-request';
import { argumentPieces, streamPieces, type FakeReply } from './reply';
import { fakeId, type SseEvent, type Wire } from './wire';

const ERROR_TYPES: Record<number, { type: string; code: string | null }> = {
  400: { type: 'invalid_request_error', code: null },
  401: { type: 'invalid_request_error', code: 'invalid_api_key' },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory' },
  404: { type: 'invalid_request_error', code: 'model_not_found' },
  429: { type: 'requests', code: 'rate_limit_exceeded' },
};

export const openaiWire: Wire = {
  api: 'openai',
  path: '/v1/chat/completions',
  parse: parseOpenAIRequest,

  apiKey(headers) {
    const match = /^Bearer (.+)$/.exec(headers.authorization ?? '');
    return match?.[1];
  },

  toolCallId: () => `call_${fakeId('')}${fakeId('')}`.slice(0, 29),

  json(model: string, reply: FakeReply, withUsage: boolean) {
    const calls = reply.toolCalls ?? [];
    const message = {
      role: 'assistant',
      // OpenAI sends null, not '', when the answer is only tool calls or a refusal.
      content: reply.refused || (reply.text === '' && calls.length > 0) ? null : reply.text,
      refusal: reply.refused ? reply.text : null,
      ...(calls.length > 0
        ? { tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) }
        : {}),
    };
    return {
      id: fakeId('chatcmpl-'),
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason(reply) }],
      ...(withUsage ? { usage: usage(reply) } : {}),
    };
  },

  events(model, reply, { withUsage, includeUsage }): SseEvent[] {
    const id = fakeId('chatcmpl-');
    const created = Math.floor(Date.now() / 1000);
    // With include_usage every chunk carries `usage: null` and one extra chunk carries the counts.
    const chunk = (choices: object[], usageField?: object | null) => ({
      data: JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices,
        ...(includeUsage ? { usage: usageField ?? null } : {}),
      }),
    });
    const choice = (delta: object, finish: string | null) => ({
      index: 0,
      delta,
      logprobs: null,
      finish_reason: finish,
    });
    const calls = reply.toolCalls ?? [];
    const onlyCalls = reply.text === '' && calls.length > 0;
    // Each call streams as OpenAI streams it: its index, id, type and name with empty
    // arguments first, then the arguments in fragments under the same index.
    const callChunks = calls.flatMap((call, index) => [
      chunk([choice({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }, null)]),
      ...argumentPieces(call.arguments).map((piece) => chunk([choice({ tool_calls: [{ index, function: { arguments: piece } }] }, null)])),
    ]);
    // A refusal streams as OpenAI streams it: `delta.refusal` pieces, no content.
    const pieces = streamPieces(reply.text).map((piece) => chunk([choice(reply.refused ? { refusal: piece } : { content: piece }, null)]));
    const events = [
      chunk([choice({ role: 'assistant', content: onlyCalls || reply.refused ? null : '', refusal: reply.refused ? '' : null }, null)]),
      ...pieces,
      ...callChunks,
      chunk([choice({}, finishReason(reply))]),
    ];
    if (includeUsage && withUsage) events.push(chunk([], usage(reply)));
    events.push({ data: '[DONE]' });
    return events;
  },

  modelList(ids: readonly string[]) {
    return { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })) };
  },

  errorBody(status: number, message: string, errorCode?: string) {
    const known = ERROR_TYPES[status] ?? { type: status >= 500 ? 'server_error' : 'invalid_request_error', code: null };
    return { error: { message, type: errorCode ?? known.type, param: null, code: errorCode ?? known.code } };
  },

  streamError(status: number, message: string): SseEvent {
    return { data: JSON.stringify(this.errorBody(status, message)) };
  },
};

function finishReason(reply: FakeReply): string {
  if (reply.truncated) return 'length';
  return reply.toolCalls?.length ? 'tool_calls' : 'stop';
}

function usage(reply: FakeReply) {
  return {
    prompt_tokens: reply.inputTokens,
    completion_tokens: reply.outputTokens,
    total_tokens: reply.inputTokens + reply.outputTokens,
    // OpenAI always sends the details; cached_tokens is 0 unless a prompt prefix was cached.
    prompt_tokens_details: { cached_tokens: reply.cachedTokens ?? 0 },
    // As OpenAI's reasoning models report it (other models send 0).
    completion_tokens_details: { reasoning_tokens: reply.reasoningTokens ?? 0 },
  };
}
