// Tool calls as both adapters read them: pieces of a stream joined into whole calls, and
// every call's arguments checked to be the JSON object an agent will hand to its tool.
import type { ToolCall, ToolCallDelta } from '../../../../shared/conversation';
import { billedUsageOf } from '../errors';
import type { ChatResponse } from '../types';
import { providerFailure } from './failure-message';
import { MalformedResponseError } from './sdk-failure';

/** Joins streamed tool-call pieces by index, in index order. */
export class ToolCallAssembler {
  private readonly calls = new Map<number, { id?: string; name?: string; arguments: string }>();

  add(piece: ToolCallDelta): void {
    const call = this.calls.get(piece.index) ?? { arguments: '' };
    if (piece.id) call.id = piece.id;
    if (piece.name) call.name = (call.name ?? '') + piece.name;
    if (piece.arguments) call.arguments += piece.arguments;
    this.calls.set(piece.index, call);
  }

  get size(): number {
    return this.calls.size;
  }

  /** The whole calls; one without a name is not a call the agent could run. */
  finish(): ToolCall[] {
    return [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, call]) => {
        if (!call.name) throw new MalformedResponseError(`tool call ${index} has no name`);
        // A few OpenAI-compatible servers send no ids; the result still needs one to answer.
        // A call of a tool without parameters may stream no arguments at all: it takes none.
        return { id: call.id ?? `call_${index}`, name: call.name, arguments: call.arguments === '' ? '{}' : call.arguments };
      });
  }
}

/**
 * Fails the attempt when a tool call's arguments are not a JSON object: the agent could
 * not run it. Malformed (retried, then the next model) unless the answer hit its token
 * limit, which cut the call short and would again. The provider billed the reply either
 * way, so the error carries its usage.
 */
export function requireToolArguments(response: ChatResponse, label: string): ChatResponse {
  const broken = response.toolCalls?.find((call) => !isJsonObject(call.arguments));
  if (!broken) return response;
  const reason = response.truncated ? 'bad_request' : 'malformed';
  const why = response.truncated ? 'were cut at the token limit' : 'are not a JSON object';
  const detail = `the arguments of its call of tool "${broken.name}" ${why}`;
  throw providerFailure(label, reason, { detail }, { billedUsage: billedUsageOf(response) });
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
