// The Messages API's stream, written as the router's answer arrives: `message_start`,
// then per content block `content_block_start`, its deltas (`text_delta`,
// `input_json_delta`) and `content_block_stop`, then `message_delta` (stop reason, its
// details and usage) and `message_stop`. Blocks are written one after another, as Anthropic does:
// a new block closes the open one.
import type { ExecuteResult } from '../../../../shared/protocol';
import { routerHeaders } from '../chat-response';
import type { SseStream } from '../sse';
import type { IndexedToolCallDelta } from '../tool-call-indexes';
import { anthropicUsage, answerText, stopDetails, stopReason, stopSequence, toolInput } from './messages-response';

export class MessageStreamWriter {
  private nextBlock = 0;
  /** The open block: 'text', or the router's index of the tool call it holds. */
  private open: { kind: 'text' | number; block: number } | undefined;
  private readonly toolBlocks = new Map<number, number>();
  private model: string | undefined;

  constructor(
    private readonly sse: SseStream,
    private readonly id: string,
    /** The router's estimate of the prompt, for message_start (the provider's count follows in message_delta). */
    private readonly inputTokensEstimate: number,
  ) {}

  /** The model whose answer is being streamed, once something was written. */
  get streamingModel(): string | undefined {
    return this.model;
  }

  text(model: string, delta: string): void {
    this.begin(model);
    if (this.open?.kind !== 'text') this.startBlock('text', { type: 'text', text: '' });
    this.event('content_block_delta', { index: this.open!.block, delta: { type: 'text_delta', text: delta } });
  }

  /** The model's words declining go out as text: stop_reason "refusal" in message_delta says what they are. */
  refusal(model: string, delta: string): void {
    this.text(model, delta);
  }

  toolCall(model: string, piece: IndexedToolCallDelta): void {
    this.begin(model);
    if (piece.first) {
      this.startBlock(piece.index, { type: 'tool_use', id: piece.id ?? '', name: piece.name ?? '', input: {} });
      this.toolBlocks.set(piece.index, this.open!.block);
    }
    const block = this.toolBlocks.get(piece.index);
    if (block !== undefined && piece.arguments) {
      this.event('content_block_delta', { index: block, delta: { type: 'input_json_delta', partial_json: piece.arguments } });
    }
  }

  /** Writes what was not streamed (an answer from the cache, calls sent whole), then the closing events. */
  finish(result: ExecuteResult): void {
    if (this.model === undefined) {
      this.sse.start(routerHeaders(result));
      this.begin(result.model);
      const text = answerText(result);
      if (text !== '' || !result.toolCalls?.length) this.text(result.model, text);
    }
    if (this.toolBlocks.size === 0) {
      for (const call of result.toolCalls ?? []) {
        this.startBlock(-1, { type: 'tool_use', id: call.id, name: call.name, input: {} });
        this.event('content_block_delta', { index: this.open!.block, delta: { type: 'input_json_delta', partial_json: JSON.stringify(toolInput(call)) } });
      }
    }
    this.closeOpen();
    this.event('message_delta', { delta: { stop_reason: stopReason(result), stop_sequence: stopSequence(result), stop_details: stopDetails(result) }, usage: anthropicUsage(result) });
    this.event('message_stop', {});
    this.sse.end();
  }

  private begin(model: string): void {
    if (this.model !== undefined) return;
    this.model = model;
    this.sse.start({ 'x-llm-router-model': model });
    const usage = { input_tokens: this.inputTokensEstimate, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
    const message = { id: this.id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, stop_details: null, usage };
    this.event('message_start', { message });
  }

  private startBlock(kind: 'text' | number, contentBlock: object): void {
    this.closeOpen();
    this.open = { kind, block: this.nextBlock++ };
    this.event('content_block_start', { index: this.open.block, content_block: contentBlock });
  }

  private closeOpen(): void {
    if (!this.open) return;
    this.event('content_block_stop', { index: this.open.block });
    this.open = undefined;
  }

  private event(type: string, fields: object): void {
    this.sse.sendNamed(type, { type, ...fields });
  }
}
