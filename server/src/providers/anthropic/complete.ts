// A non-streaming Messages API call, read defensively.
import type Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import type { ToolCall } from '../../../../shared/conversation';
import type { RefusalDetails } from '../../../../shared/protocol';
import type { CallOptions } from '../common/call-options';
import { MalformedResponseError } from '../common/sdk-failure';
import type { ChatResponse } from '../types';
import { jsonAnswerText } from './json-answer';
import { readAnthropicUsage, type RawUsage } from './usage';

export async function complete(
  client: Anthropic,
  params: MessageCreateParamsBase,
  options: CallOptions,
  jsonTool?: string,
): Promise<ChatResponse> {
  const message: unknown = await client.messages.create({ ...params, stream: false }, options);
  return readMessage(message, jsonTool);
}

/** `jsonTool`: the forced tool whose input is the (JSON) answer, see json-answer.ts. */
export function readMessage(message: unknown, jsonTool?: string): ChatResponse {
  const body = message as { content?: unknown; usage?: RawUsage | null; stop_reason?: unknown; stop_sequence?: unknown; stop_details?: unknown } | null | undefined;
  if (!body || typeof body !== 'object') throw new MalformedResponseError('the body is not a message');
  if (!Array.isArray(body.content)) throw new MalformedResponseError('no content');
  if (!body.usage) throw new MalformedResponseError('no usage');
  const usage = readAnthropicUsage(body.usage);
  const truncated = body.stop_reason === 'max_tokens' ? { truncated: true } : {};
  const uses = body.content.filter(isToolUse);
  if (jsonTool !== undefined) {
    const answer = uses.find((use) => use.name === jsonTool);
    const json = answer ? toArguments(answer.input) : '';
    // An answer cut at its limit is returned as cut (and flagged), like cut text; a refused one as the model left it.
    const whole = body.stop_reason !== 'max_tokens' && body.stop_reason !== 'refusal';
    return { text: whole ? jsonAnswerText(json) : json, ...usage, ...truncated, ...refusalOf(body.stop_reason, body.stop_details) };
  }
  // Only text blocks are answer text; other block types (e.g. thinking) are not shown to the user.
  const text = body.content
    .filter(isTextBlock)
    .map((block) => block.text)
    .join('');
  const toolCalls: ToolCall[] = uses.map((use) => ({ id: use.id, name: use.name, arguments: toArguments(use.input) }));
  return {
    text, ...usage, ...truncated, ...(toolCalls.length > 0 ? { toolCalls } : {}), ...stopSequenceOf(body.stop_reason, body.stop_sequence),
    ...refusalOf(body.stop_reason, body.stop_details),
  };
}

/**
 * Anthropic's stop_reason "refusal": the model (its streaming classifier) declined, with no
 * words of its own; the text before it is kept as the answer's text. `stop_details` of type
 * "refusal" carries Anthropic's category and explanation, kept apart from that text.
 */
export function refusalOf(stopReason: unknown, stopDetails: unknown): Pick<ChatResponse, 'refusal' | 'refusalDetails'> {
  if (stopReason !== 'refusal') return {};
  const details = refusalDetailsOf(stopDetails);
  return details === undefined ? { refusal: '' } : { refusal: '', refusalDetails: details };
}

/** `stop_details` read defensively: a field that is not a string is taken as not given. */
function refusalDetailsOf(stopDetails: unknown): RefusalDetails | undefined {
  const body = stopDetails as { type?: unknown; category?: unknown; explanation?: unknown } | null | undefined;
  if (body?.type !== 'refusal') return undefined;
  const category = typeof body.category === 'string' ? body.category : null;
  const explanation = typeof body.explanation === 'string' ? body.explanation : null;
  return { category, explanation };
}

/** The API sends an object; anything else is passed on as text for the arguments check to refuse. */
function toArguments(input: unknown): string {
  return typeof input === 'string' ? input : JSON.stringify(input ?? {});
}

function isTextBlock(block: unknown): block is { type: 'text'; text: string } {
  const candidate = block as { type?: unknown; text?: unknown } | null;
  return candidate?.type === 'text' && typeof candidate.text === 'string';
}

function isToolUse(block: unknown): block is { type: 'tool_use'; id: string; name: string; input: unknown } {
  const candidate = block as { type?: unknown; id?: unknown; name?: unknown } | null;
  if (candidate?.type !== 'tool_use') return false;
  if (typeof candidate.id !== 'string' || typeof candidate.name !== 'string') throw new MalformedResponseError('a tool_use block without id or name');
  return true;
}

/** The sequence that stopped the answer, when `stop_reason` says one did. */
export function stopSequenceOf(stopReason: unknown, sequence: unknown): { stopSequence?: string } {
  return stopReason === 'stop_sequence' && typeof sequence === 'string' ? { stopSequence: sequence } : {};
}
