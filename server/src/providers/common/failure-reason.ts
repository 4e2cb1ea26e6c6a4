// HTTP statuses and providers' error types, translated into the router's failure reasons.
import type { FailureReason } from '../errors';

export function reasonForStatus(status: number, errorCode?: string): FailureReason {
  // OpenAI sends an exhausted quota or credit balance as a 429 too, but waiting does not end
  // it (the account's billing does): it is the key's problem, as a 402 is.
  if (status === 429 && errorCode === 'insufficient_quota') return 'auth';
  if (status === 429) return 'rate_limited';
  // 402: out of credits. Like a revoked key, another key may work where retrying this one won't.
  if (status === 401 || status === 402 || status === 403) return 'auth';
  if (status === 503 || status === 529) return 'overloaded';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server';
  // 400/404/413/422 and the rest of 4xx: this request is wrong for this model, another may accept it.
  return 'bad_request';
}

/**
 * A failure reported inside a 200 stream has no status, only the provider's error type
 * (Anthropic `overloaded_error`, OpenAI `server_error`, ...).
 */
export function reasonForErrorType(type: string | null | undefined): FailureReason {
  const normalized = (type ?? '').toLowerCase();
  if (normalized.includes('overloaded')) return 'overloaded';
  if (normalized.includes('rate_limit') || normalized === 'requests' || normalized === 'tokens') return 'rate_limited';
  if (normalized.includes('authentication') || normalized.includes('permission')) return 'auth';
  if (normalized.includes('invalid_request') || normalized.includes('not_found')) return 'bad_request';
  return 'server';
}
