// The router's streamed answer -> VS Code's response parts. Pure: text goes out as it
// arrives; a tool call goes out once it is complete (VS Code's LanguageModelToolCallPart
// carries the whole input), assembled from the `$/progress` pieces or taken from the
// final result, whichever comes first, and never twice.
import type { ExecuteProgress, ExecuteResult, ToolCall, ToolCallDelta } from '../../../shared/protocol';
import { StreamedRefusal } from '../format/refusal';
import type { ResponsePart } from './parts';

/** Said when the answer starts over (the same model again, or a fallback): text already reported cannot be taken back. */
export const RESTART_NOTICE = '\n\n[LLM Router: that answer broke off; it starts again from the beginning]\n\n';

interface Pending {
  id?: string;
  name?: string;
  arguments: string;
}

export class ResponseAssembler {
  private pending = new Map<number, Pending>();
  private readonly emitted = new Set<string>();
  private sentText = false;
  /** A model that declines: its words go out as text as they arrive, inside the notice saying so. */
  private readonly refusal = new StreamedRefusal();

  /** The parts a `$/progress` update completes. */
  progress(update: ExecuteProgress): ResponsePart[] {
    const parts: ResponsePart[] = [];
    if (update.reset) {
      this.pending.clear();
      if (this.sentText || this.refusal.started) parts.push({ type: 'text', text: RESTART_NOTICE });
      this.refusal.restart();
    }
    if (update.delta) {
      this.sentText = true;
      parts.push({ type: 'text', text: update.delta });
    }
    if (update.refusal) parts.push({ type: 'text', text: this.refusal.piece(update.refusal, this.sentText) });
    if (update.toolCall) parts.push(...this.toolCallPiece(update.toolCall));
    return parts;
  }

  /** The parts still to report once the answer is complete: the calls not yet reported, in order. */
  finish(result: Pick<ExecuteResult, 'text' | 'toolCalls' | 'refusal'>): ResponsePart[] {
    const parts: ResponsePart[] = [];
    // A cached or non-streamed answer arrives whole, with no progress before it.
    if (!this.sentText && result.text !== '') parts.push({ type: 'text', text: result.text });
    // A model that declined: said in the text, the only part every caller shows.
    const refusal = this.refusal.finish(result, this.sentText || result.text !== '');
    if (refusal !== '') parts.push({ type: 'text', text: refusal });
    const calls = result.toolCalls ?? [...this.pending.values()].flatMap((p) => (p.id && p.name ? [p as ToolCall] : []));
    this.pending.clear();
    for (const call of calls) parts.push(...this.emit(call));
    return parts;
  }

  /** A piece with a higher index means every earlier call is complete (calls stream in order). */
  private toolCallPiece(delta: ToolCallDelta): ResponsePart[] {
    const done: ResponsePart[] = [];
    for (const [index, call] of this.pending) {
      if (index < delta.index && call.id && call.name) {
        done.push(...this.emit({ id: call.id, name: call.name, arguments: call.arguments }));
        this.pending.delete(index);
      }
    }
    const call = this.pending.get(delta.index) ?? { arguments: '' };
    if (delta.id) call.id = delta.id;
    if (delta.name) call.name = delta.name;
    if (delta.arguments) call.arguments += delta.arguments;
    this.pending.set(delta.index, call);
    return done;
  }

  private emit(call: ToolCall): ResponsePart[] {
    if (this.emitted.has(call.id)) return [];
    this.emitted.add(call.id);
    return [{ type: 'toolCall', callId: call.id, name: call.name, input: parseArguments(call.arguments) }];
  }
}

/**
 * The call's arguments as an object. A model that wrote no arguments, or broken JSON, gets
 * `{}`: the tool's own input validation then says what is missing, which an agent can act on.
 */
export function parseArguments(text: string): object {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}
