// A streamed Messages API call: input tokens arrive in message_start, text in
// content_block_delta events, tool calls as tool_use blocks whose input streams in
// input_json_delta fragments, output tokens in message_delta, the end in message_stop.
import type Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import type { ToolCallDelta } from '../../../../shared/conversation';
import type { RefusalDetails } from '../../../../shared/protocol';
import type { CallOptions } from '../common/call-options';
import { MalformedResponseError } from '../common/sdk-failure';
import { ToolCallAssembler } from '../common/tool-calls';
import type { ChatResponse } from '../types';
import { refusalOf, stopSequenceOf } from './complete';
import { jsonAnswerText } from './json-answer';
import { readAnthropicUsage, type RawUsage } from './usage';

export interface StreamSink {
  onDelta: (text: string) => void;
  onToolCallDelta?: (delta: ToolCallDelta) => void;
  /** Called on every event read (text, a tool call's piece, thinking): the call is alive (run-call.ts). */
  alive?: () => void;
}

/**
 * What a content block streams into: `text` blocks' text and the `json` answer tool's
 * input are the answer text; a `call` block's input is tool call number `call`.
 */
type Block = { kind: 'text' } | { kind: 'json' } | { kind: 'call'; call: number } | { kind: 'ignored' };

interface StreamState {
  text: string;
  calls: ToolCallAssembler;
  blocks: Map<number, Block>;
  usage: RawUsage;
  stopped: boolean;
  /** stop_reason "max_tokens": the answer stopped at its token limit. */
  truncated: boolean;
  /** stop_reason "stop_sequence": the sequence that stopped it. */
  stopSequence?: string;
  /** stop_reason "refusal": '' (the model declined, with no words of its own). */
  refusal?: string;
  /** With a refusal: message_delta's stop_details (Anthropic's category and explanation). */
  refusalDetails?: RefusalDetails;
}

/** `jsonTool`: the forced tool whose input is the (JSON) answer; its input streams as the answer text. */
export async function streamMessage(
  client: Anthropic,
  params: MessageCreateParamsBase,
  options: CallOptions,
  sink: StreamSink,
  jsonTool?: string,
): Promise<ChatResponse> {
  const stream = await client.messages.create({ ...params, stream: true }, options);
  const state: StreamState = { text: '', calls: new ToolCallAssembler(), blocks: new Map(), usage: {}, stopped: false, truncated: false };
  for await (const event of stream) {
    sink.alive?.();
    readEvent(event, state, sink, jsonTool);
  }
  if (!state.stopped) throw new MalformedResponseError('the stream ended before message_stop');
  const usage = readAnthropicUsage(state.usage);
  const truncated = state.truncated ? { truncated: true } : {};
  const refused = refusedFields(state);
  if (jsonTool !== undefined) {
    const whole = !state.truncated && state.refusal === undefined;
    return { text: whole ? jsonAnswerText(state.text) : state.text, ...usage, ...truncated, ...refused };
  }
  const toolCalls = state.calls.size > 0 ? { toolCalls: state.calls.finish() } : {};
  const stopped = state.stopSequence === undefined ? {} : { stopSequence: state.stopSequence };
  return { text: state.text, ...usage, ...truncated, ...toolCalls, ...stopped, ...refused };
}

function refusedFields(state: StreamState): Pick<ChatResponse, 'refusal' | 'refusalDetails'> {
  if (state.refusal === undefined) return {};
  return state.refusalDetails === undefined ? { refusal: state.refusal } : { refusal: state.refusal, refusalDetails: state.refusalDetails };
}

function readEvent(event: unknown, state: StreamState, sink: StreamSink, jsonTool: string | undefined): void {
  const body = event as Record<string, any> | null;
  switch (body?.type) {
    case 'message_start':
      state.usage = { ...(body.message?.usage ?? {}) };
      return;
    case 'content_block_start':
      startBlock(body, state, sink, jsonTool);
      return;
    case 'content_block_delta':
      readDelta(body, state, sink);
      return;
    case 'message_delta':
      // message_delta counts are cumulative, so they replace rather than add; only
      // output_tokens is always there.
      for (const [field, value] of Object.entries(body.usage ?? {})) {
        if (typeof value === 'number') state.usage[field as keyof RawUsage] = value;
      }
      if (body.delta?.stop_reason === 'max_tokens') state.truncated = true;
      Object.assign(state, stopSequenceOf(body.delta?.stop_reason, body.delta?.stop_sequence), refusalOf(body.delta?.stop_reason, body.delta?.stop_details));
      return;
    case 'message_stop':
      state.stopped = true;
      return;
  }
}

function startBlock(body: Record<string, any>, state: StreamState, sink: StreamSink, jsonTool: string | undefined): void {
  const block = body.content_block as { type?: unknown; id?: unknown; name?: unknown } | undefined;
  const index = Number(body.index);
  if (block?.type === 'tool_use') {
    if (typeof block.id !== 'string' || typeof block.name !== 'string') throw new MalformedResponseError('a tool_use block without id or name');
    // In JSON mode the forced tool's input is the answer, streamed as text.
    if (jsonTool !== undefined) {
      state.blocks.set(index, block.name === jsonTool ? { kind: 'json' } : { kind: 'ignored' });
      return;
    }
    const piece = { index: state.calls.size, id: block.id, name: block.name };
    state.blocks.set(index, { kind: 'call', call: piece.index });
    state.calls.add(piece);
    sink.onToolCallDelta?.(piece);
    return;
  }
  // Text before a forced JSON answer is not part of it.
  state.blocks.set(index, block?.type === 'text' && jsonTool === undefined ? { kind: 'text' } : { kind: 'ignored' });
}

function readDelta(body: Record<string, any>, state: StreamState, sink: StreamSink): void {
  const block = state.blocks.get(Number(body.index));
  const delta = body.delta as { type?: unknown; text?: unknown; partial_json?: unknown } | undefined;
  if (block?.kind === 'text' && delta?.type === 'text_delta' && typeof delta.text === 'string' && delta.text.length > 0) {
    state.text += delta.text;
    sink.onDelta(delta.text);
    return;
  }
  // The first input_json_delta of a block is often empty: nothing to pass on.
  if (delta?.type !== 'input_json_delta' || typeof delta.partial_json !== 'string' || delta.partial_json === '') return;
  if (block?.kind === 'json') {
    state.text += delta.partial_json;
    sink.onDelta(delta.partial_json);
  } else if (block?.kind === 'call') {
    const piece = { index: block.call, arguments: delta.partial_json };
    state.calls.add(piece);
    sink.onToolCallDelta?.(piece);
  }
}
