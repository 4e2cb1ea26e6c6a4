// The token counts of an OpenAI-style `usage` object, for plain and streamed replies.
import { tokenCount } from '../common/usage';

export interface ReportedUsage {
  inputTokens: number;
  outputTokens: number;
  /** Prompt tokens the provider says it read from its prompt cache (a part of inputTokens). */
  cachedInputTokens?: number;
}

export function readUsage(usage: Record<string, unknown>): ReportedUsage {
  const inputTokens = tokenCount(usage.prompt_tokens, 'usage.prompt_tokens');
  const outputTokens = tokenCount(usage.completion_tokens, 'usage.completion_tokens');
  // OpenAI caches long prompt prefixes by itself and bills those tokens at a discount.
  // The detail is optional (many compatible servers leave it out); one that does not
  // make sense is ignored, which bills every prompt token at the full price.
  const details = usage.prompt_tokens_details as { cached_tokens?: unknown } | null | undefined;
  const cached = details?.cached_tokens;
  if (typeof cached !== 'number' || !Number.isInteger(cached) || cached <= 0 || cached > inputTokens) {
    return { inputTokens, outputTokens };
  }
  return { inputTokens, outputTokens, cachedInputTokens: cached };
}
