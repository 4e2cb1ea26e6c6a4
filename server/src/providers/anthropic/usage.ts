// Anthropic's usage: `input_tokens` leaves out the prompt tokens read from and written to
// its prompt cache, which are billed at their own prices. The router's inputTokens is
// every prompt token; the cache parts are said separately.
import { tokenCount } from '../common/usage';

export interface AnthropicUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
  cacheWriteInputTokens?: number;
}

/** The raw counts as the API reported them (cache fields may be null or absent). */
export interface RawUsage {
  input_tokens?: unknown;
  output_tokens?: unknown;
  cache_read_input_tokens?: unknown;
  cache_creation_input_tokens?: unknown;
}

export function readAnthropicUsage(usage: RawUsage): AnthropicUsage {
  const input = tokenCount(usage.input_tokens, 'usage.input_tokens');
  const outputTokens = tokenCount(usage.output_tokens, 'usage.output_tokens');
  const read = optionalCount(usage.cache_read_input_tokens, 'usage.cache_read_input_tokens');
  const written = optionalCount(usage.cache_creation_input_tokens, 'usage.cache_creation_input_tokens');
  return {
    inputTokens: input + read + written,
    outputTokens,
    ...(read > 0 ? { cachedInputTokens: read } : {}),
    ...(written > 0 ? { cacheWriteInputTokens: written } : {}),
  };
}

/** Null or absent is none; anything else must be a real count (it is billed). */
function optionalCount(value: unknown, field: string): number {
  return value === null || value === undefined ? 0 : tokenCount(value, field);
}
