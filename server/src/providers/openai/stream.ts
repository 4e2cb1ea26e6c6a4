// A streamed chat completion: text and tool-call pieces as they come, usage from the final chunk.
import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsBase, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ToolCallDelta } from '../../../../shared/conversation';
import type { CallOptions } from '../common/call-options';
import { MalformedResponseError } from '../common/sdk-failure';
import { ToolCallAssembler } from '../common/tool-calls';
import { estimateTokens } from '../../text/size';
import type { ChatResponse } from '../types';
import { readUsage } from './usage';

/** Where a stream's pieces go as they arrive. */
export interface StreamSink {
  onDelta: (text: string) => void;
  onToolCallDelta?: (delta: ToolCallDelta) => void;
  /** Each piece of the model's refusal (`delta.refusal`: it declined to answer). */
  onRefusalDelta?: (text: string) => void;
  /** Called on every event read (text, a tool call's piece, thinking): the call is alive (run-call.ts). */
  alive?: () => void;
}

interface StreamState {
  text: string;
  calls: ToolCallAssembler;
  finished: boolean;
  /** finish_reason "length": the answer stopped at its token limit. */
  truncated: boolean;
  /** The pieces of `delta.refusal` so far, once one came: the model declined. */
  refusal?: string;
  usage?: Record<string, unknown>;
}

/** The request as streamed: without include_usage a stream carries no token counts at all. */
export function streamingParams(params: ChatCompletionCreateParamsBase) {
  return { ...params, stream: true as const, stream_options: { include_usage: true } };
}

/** Through the SDK. */
export async function streamCompletion(
  client: OpenAI,
  params: ChatCompletionCreateParamsBase,
  options: CallOptions,
  sink: StreamSink,
  countTokensWhenUsageMissing = false,
): Promise<ChatResponse> {
  const stream = await client.chat.completions.create(streamingParams(params), options);
  return readStreamedCompletion(stream, params, sink, countTokensWhenUsageMissing);
}

/** Reads the chunks of a stream from the SDK into the answer. */
export async function readStreamedCompletion(
  chunks: AsyncIterable<unknown>,
  params: ChatCompletionCreateParamsBase,
  sink: StreamSink,
  countTokensWhenUsageMissing: boolean,
): Promise<ChatResponse> {
  const reader = new StreamedCompletionReader(params, sink, countTokensWhenUsageMissing);
  for await (const chunk of chunks) reader.read(chunk);
  return reader.answer();
}

/**
 * A stream's chunks, handed in one by one as they arrive (by the SDK's iterator, or the raw
 * transport's listener, which spares an async step per chunk), read into the answer.
 */
export class StreamedCompletionReader {
  private readonly state: StreamState = { text: '', calls: new ToolCallAssembler(), finished: false, truncated: false };

  constructor(
    private readonly params: ChatCompletionCreateParamsBase,
    private readonly sink: StreamSink,
    private readonly countTokensWhenUsageMissing: boolean,
  ) {}

  private started = false;

  read(chunk: unknown): void {
    // The first chunk (the role, at once) says the model took the request; after it, only a
    // chunk that carries something is a sign of life. A server that sent empty deltas every
    // 100 ms kept a call alive forever: nothing was ever answered, or cut, or fallen back from.
    if (!this.started || carriesSomething(chunk)) this.sink.alive?.();
    this.started = true;
    readChunk(chunk, this.state, this.sink);
  }

  /** The answer once the stream has ended; throws MalformedResponseError for one that ended unfinished. */
  answer(): ChatResponse {
    const { state } = this;
    const toolCalls = state.calls.size > 0 ? { toolCalls: state.calls.finish() } : {};
    const truncated = state.truncated ? { truncated: true } : {};
    const refused = state.refusal === undefined ? {} : { refusal: state.refusal };
    if (!state.usage && state.finished && this.countTokensWhenUsageMissing) {
      const written = state.refusal === undefined ? state.text : `${state.text}${state.refusal}`;
      return { ...withCountedTokens(written, toolCalls.toolCalls ?? [], this.params), text: state.text, ...truncated, ...toolCalls, ...refused };
    }
    return { ...finish(state), ...truncated, ...toolCalls, ...refused };
  }
}

/** The answer with tokens counted locally: the prompt's text and calls in, the text and calls out. */
function withCountedTokens(text: string, calls: { name: string; arguments: string }[], params: ChatCompletionCreateParamsBase): ChatResponse {
  const prompt = params.messages.map(messageText).join('\n');
  const output = [text, ...calls.map((call) => `${call.name} ${call.arguments}`)].join('\n');
  return { text, inputTokens: estimateTokens(prompt), outputTokens: estimateTokens(output), usageEstimated: true };
}

function messageText(message: ChatCompletionMessageParam): string {
  const content = typeof message.content === 'string'
    ? message.content
    : (message.content ?? []).map((part) => ('text' in part ? part.text : '')).join('\n');
  const calls = message.role === 'assistant' ? (message.tool_calls ?? []) : [];
  return [content, ...calls.map((call) => (call.type === 'function' ? `${call.function.name} ${call.function.arguments}` : ''))].join('\n');
}

/**
 * True when a chunk carries anything: a delta field other than the role with a value (text,
 * tool-call pieces, a server's reasoning or refusal text), a finish reason, or usage.
 */
function carriesSomething(chunk: unknown): boolean {
  const body = chunk as { choices?: unknown; usage?: unknown } | null;
  if (body?.usage) return true;
  if (!Array.isArray(body?.choices)) return false;
  for (const choice of body.choices as { delta?: Record<string, unknown> | null; finish_reason?: unknown }[]) {
    if (typeof choice?.finish_reason === 'string') return true;
    const delta = choice?.delta;
    if (!delta || typeof delta !== 'object') continue;
    for (const field in delta) {
      const value = delta[field];
      if (field !== 'role' && value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) return true;
    }
  }
  return false;
}

/** Servers differ on whether usage rides with the last choice or in a chunk of its own; both are read. */
function readChunk(chunk: unknown, state: StreamState, sink: StreamSink): void {
  const body = chunk as { choices?: unknown; usage?: unknown } | null;
  const choice = Array.isArray(body?.choices)
    ? (body.choices[0] as { delta?: { content?: unknown; tool_calls?: unknown; refusal?: unknown }; finish_reason?: unknown } | undefined)
    : undefined;
  const content = choice?.delta?.content;
  if (typeof content === 'string' && content.length > 0) {
    state.text += content;
    sink.onDelta(content);
  }
  // The model declining: its words come as `delta.refusal` pieces instead of `delta.content`.
  const refusal = choice?.delta?.refusal;
  if (typeof refusal === 'string' && refusal.length > 0) {
    state.refusal = (state.refusal ?? '') + refusal;
    sink.onRefusalDelta?.(refusal);
  }
  if (Array.isArray(choice?.delta?.tool_calls)) {
    for (const [position, raw] of choice.delta.tool_calls.entries()) {
      const piece = toolCallPiece(raw, position, state.calls.size);
      if (!piece) continue;
      state.calls.add(piece);
      sink.onToolCallDelta?.(piece);
    }
  }
  if (typeof choice?.finish_reason === 'string') {
    state.finished = true;
    state.truncated = choice.finish_reason === 'length';
  }
  if (body?.usage && typeof body.usage === 'object') state.usage = body.usage as Record<string, unknown>;
}

/**
 * One `delta.tool_calls` entry as a ToolCallDelta. OpenAI numbers every piece; a server
 * that sends whole calls without an index gets them numbered in arrival order.
 */
function toolCallPiece(raw: unknown, position: number, known: number): ToolCallDelta | undefined {
  const piece = raw as { index?: unknown; id?: unknown; function?: { name?: unknown; arguments?: unknown } } | null;
  if (!piece || typeof piece !== 'object') return undefined;
  const index = typeof piece.index === 'number' ? piece.index : known + position;
  const id = typeof piece.id === 'string' && piece.id !== '' ? { id: piece.id } : {};
  const name = typeof piece.function?.name === 'string' && piece.function.name !== '' ? { name: piece.function.name } : {};
  const args = typeof piece.function?.arguments === 'string' && piece.function.arguments !== '' ? { arguments: piece.function.arguments } : {};
  if (!('id' in id) && !('name' in name) && !('arguments' in args)) return undefined;
  return { index, ...id, ...name, ...args };
}

function finish(state: StreamState): ChatResponse {
  if (!state.finished) throw new MalformedResponseError('the stream ended before a finish_reason');
  if (!state.usage) throw new MalformedResponseError('the stream ended without usage');
  return { text: state.text, ...readUsage(state.usage) };
}
