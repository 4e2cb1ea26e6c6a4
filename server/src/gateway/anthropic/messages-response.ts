// The router's answer in Anthropic's shapes: a `message` object with text and `tool_use`
// blocks, and the pieces of its stream. `model` is the `providerId/modelId` that answered,
// so a caller sees where its request went (an OpenAI model, maybe).
import { randomUUID } from 'node:crypto';
import type { ExecuteResult, ToolCall } from '../../../../shared/protocol';
import { HttpError } from '../http-error';

export type StopReason = 'end_turn' | 'max_tokens' | 'tool_use' | 'stop_sequence' | 'refusal';

export const newMessageId = () => `msg_${randomUUID().replaceAll('-', '')}`;

/**
 * `stop_sequence` when the answering provider said a stop sequence ended it (Anthropic
 * does); OpenAI-style providers do not say whether a stop sequence or the model ended the
 * answer, so theirs read `end_turn`.
 */
export function stopReason(result: ExecuteResult): StopReason {
  const finish = result.finishReason ?? (result.truncated ? 'length' : result.toolCalls?.length ? 'tool_calls' : 'stop');
  if (finish === 'refusal' || result.refusal !== undefined) return 'refusal';
  if (finish === 'tool_calls') return 'tool_use';
  if (finish === 'length') return 'max_tokens';
  return result.stopSequence === undefined ? 'end_turn' : 'stop_sequence';
}

/** The message's `stop_sequence`: the one that ended the answer, else null. */
export function stopSequence(result: ExecuteResult): string | null {
  return stopReason(result) === 'stop_sequence' ? result.stopSequence! : null;
}

/**
 * The message's `stop_details`, as Anthropic sends it: the provider's category and explanation
 * of a refusal when it gave them, else null, which the API documents as "no additional detail
 * to report" (an answer, or a refusal whose provider explained nothing, as OpenAI's do: their
 * model's words are the text).
 */
export function stopDetails(result: ExecuteResult): { type: 'refusal'; category: string | null; explanation: string | null } | null {
  const details = result.refusalDetails;
  if (stopReason(result) !== 'refusal' || details === undefined) return null;
  return { type: 'refusal', category: details.category, explanation: details.explanation };
}

/** Anthropic's usage: `input_tokens` excludes what was read from or written to the prompt cache. */
export function anthropicUsage(result: ExecuteResult) {
  const { inputTokens, outputTokens, cachedInputTokens = 0, cacheWriteInputTokens = 0 } = result.usage;
  return {
    input_tokens: Math.max(0, inputTokens - cachedInputTokens - cacheWriteInputTokens),
    output_tokens: outputTokens,
    cache_read_input_tokens: cachedInputTokens,
    cache_creation_input_tokens: cacheWriteInputTokens,
  };
}

/** A call's arguments as the `input` object of a `tool_use` block. */
export function toolInput(call: ToolCall): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(call.arguments === '' ? '{}' : call.arguments);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new HttpError(502, `${call.name}: the model's tool call arguments are not a JSON object`, 'upstream_error', null, 'invalid_tool_arguments');
}

export function toolUseBlock(call: ToolCall) {
  return { type: 'tool_use' as const, id: call.id, name: call.name, input: toolInput(call) };
}

/**
 * The answer's text as Anthropic gives it: a refusal has no field of its own there, so the
 * model's words declining (OpenAI's refusal) follow what it wrote, with stop_reason "refusal".
 */
export function answerText(result: ExecuteResult): string {
  return result.text + (result.refusal ?? '');
}

export function messageBody(id: string, result: ExecuteResult) {
  const calls = result.toolCalls ?? [];
  const written = answerText(result);
  // A turn of only tool calls has no text block; an empty answer still has one, as naive clients read content[0].
  const text = written !== '' || calls.length === 0 ? [{ type: 'text' as const, text: written }] : [];
  return {
    id,
    type: 'message' as const,
    role: 'assistant' as const,
    model: result.model,
    content: [...text, ...calls.map(toolUseBlock)],
    stop_reason: stopReason(result),
    stop_sequence: stopSequence(result),
    stop_details: stopDetails(result),
    usage: anthropicUsage(result),
  };
}
