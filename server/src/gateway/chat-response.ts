// The router's answer in OpenAI's shapes: a `chat.completion` object, or the
// `chat.completion.chunk` events of a stream. `model` is always the `providerId/modelId`
// that answered, so a caller of `auto` sees where its request went.
import { randomUUID } from 'node:crypto';
import { costBasis } from '../../../shared/cost-basis';
import type { ExecuteResult, ToolCall } from '../../../shared/protocol';
import { roundUsd } from '../ledger/round-usd';
import { refusalWords } from './refusal';

export interface CompletionIds {
  id: string;
  created: number;
}

export const newCompletionIds = (now = Date.now()): CompletionIds => ({
  id: `chatcmpl-${randomUUID().replaceAll('-', '')}`,
  created: Math.floor(now / 1000),
});

/** OpenAI's usage object, with the cached part of the prompt and the reasoning part of the answer where the provider reported them. */
export function openaiUsage(result: ExecuteResult) {
  const { inputTokens, outputTokens, cachedInputTokens, reasoningTokens } = result.usage;
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
    ...(cachedInputTokens ? { prompt_tokens_details: { cached_tokens: cachedInputTokens } } : {}),
    ...(reasoningTokens ? { completion_tokens_details: { reasoning_tokens: reasoningTokens } } : {}),
  };
}

export type OpenAiFinishReason = 'stop' | 'length' | 'tool_calls';

/**
 * OpenAI's finish_reason: "length" at the token limit, "tool_calls" when the model called tools;
 * a refusal ends with "stop", as OpenAI sends it (the refusal is in `message.refusal`).
 */
export function finishReason(result: ExecuteResult): OpenAiFinishReason {
  const finish = result.finishReason ?? (result.truncated ? 'length' : result.toolCalls?.length ? 'tool_calls' : 'stop');
  return finish === 'refusal' ? 'stop' : finish;
}

/** `message.content`: null, as OpenAI sends it, for a turn of only tool calls or only a refusal. */
function messageContent(result: ExecuteResult): string | null {
  const onlyCalls = (result.toolCalls?.length ?? 0) > 0 && result.text === '';
  const onlyRefusal = result.refusal !== undefined && result.text === '';
  return onlyCalls || onlyRefusal ? null : result.text;
}

/** A call as OpenAI writes it in `message.tool_calls`. */
export function openaiToolCall(call: ToolCall) {
  return { id: call.id, type: 'function' as const, function: { name: call.name, arguments: call.arguments } };
}

export function completionBody(ids: CompletionIds, result: ExecuteResult) {
  const calls = result.toolCalls ?? [];
  return {
    ...ids,
    object: 'chat.completion' as const,
    model: result.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant' as const,
          content: messageContent(result),
          refusal: refusalWords(result) ?? null,
          ...(calls.length > 0 ? { tool_calls: calls.map(openaiToolCall) } : {}),
        },
        logprobs: null,
        finish_reason: finishReason(result),
      },
    ],
    usage: openaiUsage(result),
  };
}

/**
 * The JSON of `completionBody(ids, result)`, byte for byte, written out rather than built as an
 * object and serialised whole: only the values that vary are serialised (every JSON answer).
 */
export function completionJson(ids: CompletionIds, result: ExecuteResult): string {
  const calls = result.toolCalls ?? [];
  const content = messageContent(result);
  const refusal = refusalWords(result) ?? null;
  const toolCalls = calls.length > 0 ? `,"tool_calls":${JSON.stringify(calls.map(openaiToolCall))}` : '';
  return `{"id":${JSON.stringify(ids.id)},"created":${JSON.stringify(ids.created)},"object":"chat.completion","model":${JSON.stringify(result.model)},` +
    `"choices":[{"index":0,"message":{"role":"assistant","content":${JSON.stringify(content)},"refusal":${JSON.stringify(refusal)}${toolCalls}},` +
    `"logprobs":null,"finish_reason":${JSON.stringify(finishReason(result))}}],"usage":${JSON.stringify(openaiUsage(result))}}`;
}

/** One piece of a streamed tool call: the first of each index carries id, type and name. */
export interface ToolCallChunkDelta {
  index: number;
  id?: string;
  type?: 'function';
  function: { name?: string; arguments: string };
}

export interface ChunkDelta {
  role?: 'assistant';
  content?: string;
  /** A piece of the model's refusal (it declined to answer). */
  refusal?: string;
  tool_calls?: ToolCallChunkDelta[];
}

export function chunk(ids: CompletionIds, model: string, delta: ChunkDelta, finish: OpenAiFinishReason | null = null) {
  return {
    ...ids,
    object: 'chat.completion.chunk' as const,
    model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  };
}

/**
 * The JSON of `chunk(ids, model, delta, finish)`, byte for byte, without building and
 * serialising the whole object for each piece of a stream: what is the same in every chunk
 * (ids, object, model) is serialised once per stream and model, only the delta each time.
 */
export class ChunkJson {
  private model: string | undefined;
  private head = '';

  constructor(private readonly ids: CompletionIds) {}

  of(model: string, delta: ChunkDelta, finish: OpenAiFinishReason | null = null): string {
    if (model !== this.model) {
      this.model = model;
      const { id, created } = this.ids;
      this.head = `{"id":${JSON.stringify(id)},"created":${JSON.stringify(created)},"object":"chat.completion.chunk",` +
        `"model":${JSON.stringify(model)},"choices":[{"index":0,"delta":`;
    }
    return `${this.head}${JSON.stringify(delta)},"logprobs":null,"finish_reason":${JSON.stringify(finish)}}]}`;
  }
}

/** The extra last chunk of `stream_options.include_usage`: no choices, only the counts. */
export function usageChunk(ids: CompletionIds, result: ExecuteResult) {
  return { ...ids, object: 'chat.completion.chunk' as const, model: result.model, choices: [], usage: openaiUsage(result) };
}

/**
 * Response headers that say what the router did. The cost is the provider's billed tokens
 * times the price, and `x-llm-router-cost-basis` says when it is not: `estimated` tokens,
 * `unknown-price` (the cost header is then `unknown`, never a silent 0), or `cache`.
 */
export function routerHeaders(result: ExecuteResult): Record<string, string> {
  const { usage, cached } = result;
  const basis = costBasis({ priceUnknown: usage.priceUnknown, estimated: usage.estimated, cached, answered: true });
  return {
    'x-llm-router-model': result.model,
    'x-llm-router-cost-usd': basis === 'unknown-price' ? 'unknown' : String(roundUsd(usage.costUsd)),
    'x-llm-router-cost-basis': basis,
    'x-llm-router-cached': String(cached),
  };
}
