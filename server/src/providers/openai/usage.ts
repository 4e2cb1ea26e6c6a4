// The token counts of an OpenAI-style `usage` object, for plain and streamed replies.
import { tokenCount } from '../common/usage';

export interface ReportedUsage {
  inputTokens: number;
  outputTokens: number;
  /** Prompt tokens the provider says it read from its prompt cache (a part of inputTokens). */
  cachedInputTokens?: number;
  /** Output tokens the provider says the model spent reasoning (a part of outputTokens). */
  reasoningTokens?: number;
}

export function readUsage(usage: Record<string, unknown>): ReportedUsage {
  const inputTokens = tokenCount(usage.prompt_tokens, 'usage.prompt_tokens');
  const outputTokens = tokenCount(usage.completion_tokens, 'usage.completion_tokens');
  // OpenAI caches long prompt prefixes by itself and bills those tokens at a discount.
  // The details are optional (many compatible servers leave them out); one that does not
  // make sense is ignored, which bills every prompt token at the full price.
  const cached = partOf((usage.prompt_tokens_details as { cached_tokens?: unknown } | null | undefined)?.cached_tokens, inputTokens);
  // Reasoning tokens are billed as output (they are in completion_tokens): only said, never priced apart.
  const reasoning = partOf((usage.completion_tokens_details as { reasoning_tokens?: unknown } | null | undefined)?.reasoning_tokens, outputTokens);
  return {
    inputTokens,
    outputTokens,
    ...(cached === undefined ? {} : { cachedInputTokens: cached }),
    ...(reasoning === undefined ? {} : { reasoningTokens: reasoning }),
  };
}

/** A detail count that makes sense as a part of `whole`, else undefined (none, or nonsense). */
function partOf(value: unknown, whole: number): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= whole ? value : undefined;
}
