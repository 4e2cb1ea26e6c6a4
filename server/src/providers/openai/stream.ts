// A streamed chat completion: text deltas as they come, usage from the final chunk.
import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import type { CallOptions } from '../common/call-options';
import { MalformedResponseError } from '../common/sdk-failure';
import { estimateTokens } from '../../text/size';
import type { ChatResponse } from '../types';
import { readUsage } from './usage';

interface StreamState {
  text: string;
  finished: boolean;
  /** finish_reason "length": the answer stopped at its token limit. */
  truncated: boolean;
  usage?: Record<string, unknown>;
}

export async function streamCompletion(
  client: OpenAI,
  params: ChatCompletionCreateParamsBase,
  options: CallOptions,
  onDelta: (text: string) => void,
  countTokensWhenUsageMissing = false,
): Promise<ChatResponse> {
  const stream = await client.chat.completions.create(
    // Without include_usage a stream carries no token counts at all.
    { ...params, stream: true, stream_options: { include_usage: true } },
    options,
  );
  const state: StreamState = { text: '', finished: false, truncated: false };
  for await (const chunk of stream) readChunk(chunk, state, onDelta);
  const truncated = state.truncated ? { truncated: true } : {};
  if (!state.usage && state.finished && countTokensWhenUsageMissing) return { ...withCountedTokens(state.text, params), ...truncated };
  return { ...finish(state), ...truncated };
}

/** The answer with tokens counted locally: the prompt's message contents in, the text out. */
function withCountedTokens(text: string, params: ChatCompletionCreateParamsBase): ChatResponse {
  const prompt = params.messages.map((message) => (typeof message.content === 'string' ? message.content : '')).join('\n');
  return { text, inputTokens: estimateTokens(prompt), outputTokens: estimateTokens(text), usageEstimated: true };
}

/** Servers differ on whether usage rides with the last choice or in a chunk of its own; both are read. */
function readChunk(chunk: unknown, state: StreamState, onDelta: (text: string) => void): void {
  const body = chunk as { choices?: unknown; usage?: unknown } | null;
  const choice = Array.isArray(body?.choices)
    ? (body.choices[0] as { delta?: { content?: unknown }; finish_reason?: unknown } | undefined)
    : undefined;
  const content = choice?.delta?.content;
  if (typeof content === 'string' && content.length > 0) {
    state.text += content;
    onDelta(content);
  }
  if (typeof choice?.finish_reason === 'string') {
    state.finished = true;
    state.truncated = choice.finish_reason === 'length';
  }
  if (body?.usage && typeof body.usage === 'object') state.usage = body.usage as Record<string, unknown>;
}

function finish(state: StreamState): ChatResponse {
  if (!state.finished) throw new MalformedResponseError('the stream ended before a finish_reason');
  if (!state.usage) throw new MalformedResponseError('the stream ended without usage');
  return { text: state.text, ...readUsage(state.usage) };
}
