// One error type for every provider failure, so resilience decides on `reason`
// instead of on SDK-specific classes.

export type FailureReason =
  | 'rate_limited' // 429
  | 'auth' // 401/403: bad or revoked key
  | 'overloaded' // 529 (Anthropic) / 503
  | 'server' // other 5xx
  | 'timeout'
  | 'connection' // refused, reset, DNS
  | 'malformed' // unparseable or incomplete body
  | 'bad_request' // 400/404/422: our request is wrong for this model; another model may work
  | 'cancelled'; // the user cancelled: stop everything

export interface BilledUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
  cacheWriteInputTokens?: number;
}

/** What the provider reported, and so billed, for a reply that is still a failure. */
export function billedUsageOf(response: { inputTokens: number; outputTokens: number; cachedInputTokens?: number; cacheWriteInputTokens?: number }): BilledUsage {
  const { inputTokens, outputTokens, cachedInputTokens, cacheWriteInputTokens } = response;
  return {
    inputTokens,
    outputTokens,
    ...(cachedInputTokens ? { cachedInputTokens } : {}),
    ...(cacheWriteInputTokens ? { cacheWriteInputTokens } : {}),
  };
}

export class ProviderError extends Error {
  constructor(
    readonly reason: FailureReason,
    message: string,
    readonly status?: number,
    /** From a `retry-after` / `retry-after-ms` header, when the provider sent one. */
    readonly retryAfterMs?: number,
    /** Token counts the provider reported, and so billed, for a reply that is still a failure (e.g. an empty one). */
    readonly billedUsage?: BilledUsage,
    /**
     * What went wrong without the model's name, status or reason, which `message` also
     * carries: the provider's own words (redacted, shortened), for a timeout how long it
     * waited, '' when there is nothing more to say. The words of an attempt (resilience/
     * describe.ts) show it once, beside the model the attempt already names. Undefined for
     * errors made outside an adapter, whose message names no model.
     */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'ProviderError';
  }

  /** Worth retrying the same model (after backoff). */
  get retryable(): boolean {
    return ['rate_limited', 'overloaded', 'server', 'timeout', 'connection', 'malformed'].includes(this.reason);
  }

  /** The key itself is the problem: cool it down and use another. */
  get keyProblem(): boolean {
    return this.reason === 'rate_limited' || this.reason === 'auth';
  }
}
