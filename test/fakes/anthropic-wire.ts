// Anthropic Messages API wire format, including the streaming event sequence.
import { streamPieces, type FakeMessage, type FakeReply } from './reply';
import { contentText, fakeId, parseMessages, type ParsedRequest, type SseEvent, type Wire } from './wire';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

export const anthropicWire: Wire = {
  api: 'anthropic',
  path: '/v1/messages',

  parse(body: unknown): ParsedRequest | string {
    const request = body as Record<string, any> | null;
    if (typeof request?.model !== 'string') return 'model: Field required';
    if (typeof request.max_tokens !== 'number') return 'max_tokens: Field required';
    const messages = parseMessages(request.messages);
    if (typeof messages === 'string') return messages;
    if (messages.some((m) => m.role !== 'user' && m.role !== 'assistant')) {
      return 'messages: roles must be "user" or "assistant" (system prompts go in the top-level system parameter)';
    }
    const system = request.system === undefined ? undefined : contentText(request.system);
    if (request.system !== undefined && system === undefined) return 'system: must be text';
    const all: FakeMessage[] = system === undefined ? messages : [{ role: 'system', text: system }, ...messages];
    return { model: request.model, messages: all, stream: request.stream === true, includeUsage: true };
  },

  // The API takes `x-api-key`; SDK 1.x sends the key as a Bearer token instead. Both are read.
  apiKey(headers) {
    const key = headers['x-api-key'];
    if (typeof key === 'string') return key;
    return /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
  },

  json(model: string, reply: FakeReply, withUsage: boolean) {
    return {
      ...message(model),
      content: [{ type: 'text', text: reply.text }],
      stop_reason: reply.truncated ? 'max_tokens' : 'end_turn',
      ...(withUsage ? { usage: { input_tokens: reply.inputTokens, output_tokens: reply.outputTokens } } : {}),
    };
  },

  events(model, reply, { withUsage }): SseEvent[] {
    const start = { ...message(model), content: [], stop_reason: null };
    const deltas = streamPieces(reply.text).map((text) =>
      event('content_block_delta', { index: 0, delta: { type: 'text_delta', text } }),
    );
    return [
      event('message_start', {
        message: withUsage ? { ...start, usage: { input_tokens: reply.inputTokens, output_tokens: 1 } } : start,
      }),
      event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
      event('ping', {}),
      ...deltas,
      event('content_block_stop', { index: 0 }),
      event('message_delta', {
        delta: { stop_reason: reply.truncated ? 'max_tokens' : 'end_turn', stop_sequence: null },
        ...(withUsage ? { usage: { output_tokens: reply.outputTokens } } : {}),
      }),
      event('message_stop', {}),
    ];
  },

  modelList(ids: readonly string[]) {
    const data = ids.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' }));
    return { data, has_more: false, first_id: ids[0] ?? null, last_id: ids.at(-1) ?? null };
  },

  errorBody(status: number, message: string, errorCode?: string) {
    return { type: 'error', error: { type: errorCode ?? ERROR_TYPES[status] ?? 'api_error', message } };
  },

  streamError(status: number, message: string): SseEvent {
    return { event: 'error', data: JSON.stringify(this.errorBody(status, message)) };
  },
};

function message(model: string) {
  return { id: fakeId('msg_fake'), type: 'message', role: 'assistant', model, stop_sequence: null };
}

function event(type: string, fields: object): SseEvent {
  return { event: type, data: JSON.stringify({ type, ...fields }) };
}
