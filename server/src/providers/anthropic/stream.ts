// A streamed Messages API call: input tokens arrive in message_start, text in
// content_block_delta events, output tokens in message_delta, the end in message_stop.
import type Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import type { CallOptions } from '../common/call-options';
import { MalformedResponseError } from '../common/sdk-failure';
import { tokenCount } from '../common/usage';
import type { ChatResponse } from '../types';

interface StreamState {
  text: string;
  inputTokens?: unknown;
  outputTokens?: unknown;
  stopped: boolean;
  /** stop_reason "max_tokens": the answer stopped at its token limit. */
  truncated: boolean;
}

export async function streamMessage(
  client: Anthropic,
  params: MessageCreateParamsBase,
  options: CallOptions,
  onDelta: (text: string) => void,
): Promise<ChatResponse> {
  const stream = await client.messages.create({ ...params, stream: true }, options);
  const state: StreamState = { text: '', stopped: false, truncated: false };
  for await (const event of stream) readEvent(event, state, onDelta);
  if (!state.stopped) throw new MalformedResponseError('the stream ended before message_stop');
  return {
    text: state.text,
    inputTokens: tokenCount(state.inputTokens, 'usage.input_tokens'),
    outputTokens: tokenCount(state.outputTokens, 'usage.output_tokens'),
    ...(state.truncated ? { truncated: true } : {}),
  };
}

function readEvent(event: unknown, state: StreamState, onDelta: (text: string) => void): void {
  const body = event as Record<string, any> | null;
  switch (body?.type) {
    case 'message_start':
      state.inputTokens = body.message?.usage?.input_tokens;
      return;
    case 'content_block_delta':
      if (body.delta?.type === 'text_delta' && typeof body.delta.text === 'string' && body.delta.text.length > 0) {
        state.text += body.delta.text;
        onDelta(body.delta.text);
      }
      return;
    case 'message_delta':
      // message_delta counts are cumulative, so they replace rather than add.
      state.outputTokens = body.usage?.output_tokens;
      if (typeof body.usage?.input_tokens === 'number') state.inputTokens = body.usage.input_tokens;
      if (body.delta?.stop_reason === 'max_tokens') state.truncated = true;
      return;
    case 'message_stop':
      state.stopped = true;
      return;
  }
}
