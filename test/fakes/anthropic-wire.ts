// Anthropic Messages API wire format, including the streaming event sequence.
import { parseAnthropicRequest } from './anthropic-request';
import { argumentPieces, streamPieces, type FakeReply, type FakeToolCall } from './reply';
import { fakeId, type SseEvent, type Wire } from './wire';

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
  parse: parseAnthropicRequest,

  // The API takes `x-api-key`; SDK 1.x sends the key as a Bearer token instead. Both are read.
  apiKey(headers) {
    const key = headers['x-api-key'];
    if (typeof key === 'string') return key;
    return /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
  },

  toolCallId: () => `toolu_01${fakeId('')}${fakeId('')}`.slice(0, 30),

  json(model: string, reply: FakeReply, withUsage: boolean) {
    const text = reply.text === '' && (reply.toolCalls?.length || reply.refused) ? [] : [{ type: 'text', text: reply.text }];
    return {
      ...message(model),
      content: [...text, ...(reply.toolCalls ?? []).map(toolUseBlock)],
      stop_reason: stopReason(reply),
      stop_sequence: reply.stopSequence ?? null,
      stop_details: stopDetails(reply),
      ...(withUsage ? { usage: { ...inputUsage(reply), output_tokens: reply.outputTokens } } : {}),
    };
  },

  events(model, reply, { withUsage }): SseEvent[] {
    const start = { ...message(model), content: [], stop_reason: null, stop_sequence: null, stop_details: null };
    const calls = reply.toolCalls ?? [];
    const textBlock = reply.text === '' && (calls.length > 0 || reply.refused) ? [] : [reply.text];
    const blocks = [
      ...textBlock.map((text, index) => [
        event('content_block_start', { index, content_block: { type: 'text', text: '' } }),
        ...(index === 0 ? [event('ping', {})] : []),
        ...streamPieces(text).map((piece) => event('content_block_delta', { index, delta: { type: 'text_delta', text: piece } })),
        event('content_block_stop', { index }),
      ]),
      // A tool_use block starts with an empty input; its JSON follows in input_json_delta
      // fragments (the first one empty, as the API sends it) that the client joins.
      ...calls.map((call, i) => {
        const index = textBlock.length + i;
        return [
          event('content_block_start', { index, content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} } }),
          ...['', ...argumentPieces(call.arguments)].map((partial_json) =>
            event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } }),
          ),
          event('content_block_stop', { index }),
        ];
      }),
    ].flat();
    return [
      event('message_start', {
        message: withUsage ? { ...start, usage: { ...inputUsage(reply), output_tokens: 1 } } : start,
      }),
      ...blocks,
      event('message_delta', {
        delta: { stop_reason: stopReason(reply), stop_sequence: reply.stopSequence ?? null, stop_details: stopDetails(reply) },
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

/** Anthropic's input_tokens leaves out the tokens read from and written to the prompt cache. */
function inputUsage(reply: FakeReply) {
  const read = reply.cachedTokens ?? 0;
  const written = reply.cacheWriteTokens ?? 0;
  return { input_tokens: reply.inputTokens - read - written, cache_creation_input_tokens: written, cache_read_input_tokens: read };
}

function stopReason(reply: FakeReply): string {
  if (reply.refused) return 'refusal';
  if (reply.truncated) return 'max_tokens';
  if (reply.toolCalls?.length) return 'tool_use';
  return reply.stopSequence === undefined ? 'end_turn' : 'stop_sequence';
}

/** A refusal's category and explanation, as the API sends them; null when it has none to report. */
function stopDetails(reply: FakeReply) {
  return reply.refused && reply.refusalDetails ? { type: 'refusal', ...reply.refusalDetails } : null;
}

/** The API always sends an object input; arguments that are not one (a scripted fault) go as they are. */
function toolUseBlock(call: FakeToolCall) {
  let input: unknown = call.arguments;
  try {
    input = JSON.parse(call.arguments);
  } catch {
    // left as the raw text
  }
  return { type: 'tool_use', id: call.id, name: call.name, input };
}

function message(model: string) {
  return { id: fakeId('msg_fake'), type: 'message', role: 'assistant', model, stop_sequence: null };
}

function event(type: string, fields: object): SseEvent {
  return { event: type, data: JSON.stringify({ type, ...fields }) };
}
