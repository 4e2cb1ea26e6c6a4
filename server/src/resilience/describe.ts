// The plain words a user sees in `attempts[].error` and in skip reasons.
import type { ProviderError } from '../providers/errors';
import type { KeyPick } from './keys';

/** `keyLabel` ("key #1 of 2") is added only when the provider has several keys, where it helps. */
export function describeError(error: ProviderError, keyLabel?: string): string {
  const base = baseWords(error);
  const retryAfter = error.retryAfterMs !== undefined ? `retry after ${seconds(error.retryAfterMs)}` : undefined;
  const details = [keyLabel, retryAfter].filter((part) => part !== undefined);
  return details.length > 0 ? `${base} (${details.join(', ')})` : base;
}

function baseWords(error: ProviderError): string {
  const status = error.status !== undefined ? `${error.status} ` : '';
  // An adapter's error keeps apart what went wrong; its message also names the model, which
  // the attempt shows already. Other errors (a stall, the attempt's timeout) name none.
  const own = error.detail ?? error.message;
  const says = own ? `: ${own}` : '';
  switch (error.reason) {
    case 'rate_limited':
      return `${error.status ?? 429} rate limited`;
    case 'auth':
      return `${status}API key rejected or missing${says}`;
    case 'overloaded':
      return `${status}overloaded`;
    case 'server':
      return `${status}server error${says}`;
    case 'timeout':
      if (error.detail === undefined) return error.message;
      return error.detail ? `timed out ${error.detail}` : 'timed out';
    case 'cancelled':
      return 'cancelled';
    case 'connection':
      return `connection failed${says}`;
    case 'malformed':
      return `malformed response${says}`;
    case 'bad_request':
      return `${status}request refused${says}`;
  }
}

export function describeCircuitOpen(halfOpensAt: number, now: number): string {
  return `circuit open for another ${seconds(Math.max(0, halfOpensAt - now))}`;
}

export function describeCoolingKeys(pick: Extract<KeyPick, { status: 'cooling' }>, now: number): string {
  const keys = pick.keyCount === 1 ? 'its only API key' : `all ${pick.keyCount} API keys`;
  if (!Number.isFinite(pick.until)) return `the provider rejected ${keys}; a refused key stays unused until the keys change`;
  return `${keys} cooling down after rate limits for another ${seconds(pick.until - now)}`;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.ceil(ms / 1000)} s`;
}
