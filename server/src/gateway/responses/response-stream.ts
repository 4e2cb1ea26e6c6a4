// The Responses API's stream, written as the router's answer arrives: `response.created` and
// `response.in_progress`, then per output item `response.output_item.added`, its content
// (`response.content_part.added`, `response.output_text.delta`... for a message;
// `response.function_call_arguments.delta` for a call; for a custom tool's call its input
// whole, as `response.custom_tool_call_input.delta` and `.done`, once the call is complete,
// since it arrives as the JSON arguments of the function it was offered as), its `.done` events and
// `response.output_item.done`; then `response.completed` (or `response.incomplete`) with the
// whole response and its usage. A model's refusal is a `refusal` part of the message (after a
// part for any text it wrote), streamed as `response.refusal.delta` and `.done`. Every event
// carries a `sequence_number`, 0, 1, 2... Items are written one after another, as OpenAI does:
// a new item closes the open one.
import type { ExecuteResult } from '../../../../shared/protocol';
import { routerHeaders } from '../chat-response';
import type { HttpError } from '../http-error';
import { refusalWords } from '../refusal';
import type { SseStream } from '../sse';
import type { IndexedToolCallDelta } from '../tool-call-indexes';
import type { ResponsesBody } from './responses-request';
import {
  isIncomplete,
  newItemId,
  outputText,
  refusalPart,
  responseBody,
  responsesUsage,
  toolCallItem,
  type MessageItem,
  type OutputItem,
  type ResponseFields,
} from './responses-response';
import { customInput, ResponsesTools } from './responses-tools';

export class ResponseStreamWriter {
  private readonly id = newItemId('resp');
  private readonly createdAt = Math.floor(Date.now() / 1000);
  private sequence = 0;
  private model: string | undefined;
  private readonly items: OutputItem[] = [];
  /** The output index of the item still being written. */
  private open: number | undefined;
  /** The output index of each tool call, by the router's index of the call. */
  private readonly callItems = new Map<number, number>();
  /** A custom tool call's arguments so far, by output index: its input is read from them whole. */
  private readonly customArguments = new Map<number, string>();
  /** Per message (output index): the content index of its last part whose `.done` events went out. */
  private readonly closedParts = new Map<number, number>();
  /** Whether the model's refusal went out as it streamed. */
  private refusalSent = false;

  constructor(
    private readonly sse: SseStream,
    private readonly request: ResponsesBody,
    private readonly tools: ResponsesTools = ResponsesTools.NONE,
  ) {}

  /** The model whose answer is being streamed, once something was written. */
  get streamingModel(): string | undefined {
    return this.model;
  }

  text(model: string, delta: string): void {
    this.begin(model);
    const { item, index, part } = this.messagePart('output_text');
    const content = item.content[part];
    if (content.type === 'output_text') content.text += delta;
    this.event('response.output_text.delta', { item_id: item.id, output_index: index, content_index: part, delta, logprobs: [] });
  }

  refusal(model: string, delta: string): void {
    this.begin(model);
    this.refusalSent = true;
    const { item, index, part } = this.messagePart('refusal');
    const content = item.content[part];
    if (content.type === 'refusal') content.refusal += delta;
    this.event('response.refusal.delta', { item_id: item.id, output_index: index, content_index: part, delta });
  }

  /** The open message's last part, of this type: opens the message, or a new part after the other type, when needed. */
  private messagePart(type: 'output_text' | 'refusal'): { item: MessageItem; index: number; part: number } {
    if (this.open === undefined || this.items[this.open].type !== 'message') this.openMessage();
    const index = this.open!;
    const item = this.items[index] as MessageItem;
    if (item.content.at(-1)?.type !== type) this.openPart(item, index, type);
    return { item, index, part: item.content.length - 1 };
  }

  toolCall(model: string, piece: IndexedToolCallDelta): void {
    this.begin(model);
    if (piece.first) this.callItems.set(piece.index, this.openCall(piece.id ?? '', piece.name ?? ''));
    const index = this.callItems.get(piece.index);
    if (index === undefined || !piece.arguments) return;
    this.addArguments(index, piece.arguments);
  }

  /** Closes the open item and opens one for a call of the tool the model was offered as `name`; returns its output index. */
  private openCall(id: string, name: string): number {
    this.closeOpen('completed');
    const index = this.openItem(toolCallItem({ id, name, arguments: '' }, this.tools, 'in_progress'));
    if (this.items[index].type === 'custom_tool_call') this.customArguments.set(index, '');
    return index;
  }

  private addArguments(index: number, fragment: string): void {
    const item = this.items[index];
    if (item.type === 'custom_tool_call') {
      this.customArguments.set(index, (this.customArguments.get(index) ?? '') + fragment);
      return;
    }
    if (item.type !== 'function_call') return;
    item.arguments += fragment;
    // A fragment of a call already closed (a provider interleaving calls) lands in the final response only.
    if (index === this.open) this.event('response.function_call_arguments.delta', { item_id: item.id, output_index: index, delta: fragment });
  }

  /** Writes what was not streamed (an answer from the cache, calls sent whole), then the closing events. */
  finish(result: ExecuteResult): void {
    const calls = result.toolCalls ?? [];
    if (this.model === undefined) {
      this.sse.start(routerHeaders(result));
      this.begin(result.model);
      if (result.text !== '') this.text(result.model, result.text);
      else if (calls.length === 0 && result.refusal === undefined) this.messagePart('output_text');
    }
    // A refusal that did not stream as one (Anthropic's stop_reason "refusal" has no words of its own) goes out whole.
    const refusal = refusalWords(result);
    if (refusal !== undefined && !this.refusalSent) this.refusal(result.model, refusal);
    if (this.callItems.size === 0) for (const call of calls) this.addArguments(this.openCall(call.id, call.name), call.arguments);
    const incomplete = isIncomplete(result);
    this.closeOpen(incomplete ? 'incomplete' : 'completed');
    // Fragments that came after their call was closed are in its input too.
    for (const [index, args] of this.customArguments) (this.items[index] as { input: string }).input = customInput({ arguments: args });
    const status = incomplete ? 'incomplete' : 'completed';
    this.event(`response.${status}`, { response: this.response({ model: result.model, status, usage: responsesUsage(result) }) });
    this.sse.end();
  }

  /**
   * Ends a stream whose model failed after part of it was sent: an `error` event (the
   * official SDKs raise it), then `response.failed` with what had been written (what
   * clients that follow the response's lifecycle, Codex among them, read).
   */
  fail(error: HttpError): void {
    const code = error.code ?? 'server_error';
    this.event('error', { code, message: error.message, param: error.param });
    if (this.model !== undefined) {
      // The broken item gets no `.done` events (a client would take it as finished): the failed response shows it incomplete.
      if (this.open !== undefined) this.items[this.open].status = 'incomplete';
      this.open = undefined;
      this.event('response.failed', { response: this.response({ model: this.model, status: 'failed', error: { code, message: error.message } }) });
    }
    this.sse.end();
  }

  private begin(model: string): void {
    if (this.model !== undefined) return;
    this.model = model;
    this.sse.start({ 'x-llm-router-model': model });
    const response = this.response({ model, status: 'in_progress' });
    this.event('response.created', { response });
    this.event('response.in_progress', { response });
  }

  private openMessage(): void {
    this.closeOpen('completed');
    this.openItem({ id: newItemId('msg'), type: 'message', status: 'in_progress', role: 'assistant', content: [] });
  }

  /** Closes the message's open part, if any, and adds an empty one of `type`. */
  private openPart(item: MessageItem, index: number, type: 'output_text' | 'refusal'): void {
    this.closePart(item, index);
    const part = type === 'output_text' ? outputText('') : refusalPart('');
    item.content.push(part);
    this.event('response.content_part.added', { item_id: item.id, output_index: index, content_index: item.content.length - 1, part: { ...part } });
  }

  /** The `.done` events of the message's last part, once. */
  private closePart(item: MessageItem, index: number): void {
    const at = item.content.length - 1;
    if (at < 0 || this.closedParts.get(index) === at) return;
    this.closedParts.set(index, at);
    const part = item.content[at];
    if (part.type === 'output_text') {
      this.event('response.output_text.done', { item_id: item.id, output_index: index, content_index: at, text: part.text, logprobs: [] });
    } else {
      this.event('response.refusal.done', { item_id: item.id, output_index: index, content_index: at, refusal: part.refusal });
    }
    this.event('response.content_part.done', { item_id: item.id, output_index: index, content_index: at, part });
  }

  /** Adds an item and announces it; returns its output index. */
  private openItem(item: OutputItem): number {
    const index = this.items.push(item) - 1;
    this.open = index;
    this.event('response.output_item.added', { output_index: index, item });
    return index;
  }

  private closeOpen(status: 'completed' | 'incomplete'): void {
    if (this.open === undefined) return;
    const index = this.open;
    this.open = undefined;
    const item = this.items[index];
    if (item.type === 'message') {
      this.closePart(item, index);
    } else if (item.type === 'custom_tool_call') {
      item.input = customInput({ arguments: this.customArguments.get(index) ?? '' });
      if (item.input !== '') this.event('response.custom_tool_call_input.delta', { item_id: item.id, output_index: index, delta: item.input });
      this.event('response.custom_tool_call_input.done', { item_id: item.id, output_index: index, input: item.input });
    } else {
      this.event('response.function_call_arguments.done', { item_id: item.id, output_index: index, name: item.name, arguments: item.arguments });
    }
    item.status = status;
    this.event('response.output_item.done', { output_index: index, item });
  }

  private response(fields: Omit<ResponseFields, 'id' | 'createdAt' | 'output'>) {
    return responseBody(this.request, { id: this.id, createdAt: this.createdAt, output: this.items, ...fields });
  }

  private event(type: string, fields: object): void {
    this.sse.sendNamed(type, { type, sequence_number: this.sequence++, ...fields });
  }
}
