// Plain-words error messages ("openai/gpt-4o-mini: 429 rate limited (retry after 2s)")
// that never carry an API key.
import { ProviderError, type BilledUsage, type FailureReason } from '../errors';

const PHRASES: Record<FailureReason, string> = {
  rate_limited: 'rate limited',
  auth: 'authentication failed',
  overloaded: 'overloaded',
  server: 'server error',
  timeout: 'timed out',
  connection: 'connection failed',
  malformed: 'malformed response',
  bad_request: 'request rejected',
  cancelled: 'cancelled',
};

/** Provider messages can be long (links, advice); the gist fits in this many characters. */
const MAX_DETAIL_CHARS = 200;

export interface MessageFacts {
  status?: number;
  retryAfterMs?: number;
  timeoutMs?: number;
  detail?: string;
}

export function failureMessage(label: string, reason: FailureReason, facts: MessageFacts, apiKey?: string): string {
  const status = facts.status === undefined ? '' : `${facts.status} `;
  const after = waited(reason, facts);
  const words = providerWords(facts, apiKey);
  const detail = words ? `: ${words}` : '';
  const retry = facts.retryAfterMs === undefined ? '' : ` (retry after ${formatDuration(facts.retryAfterMs)})`;
  return redactSecrets(`${label}: ${status}${PHRASES[reason]}${after ? ` ${after}` : ''}${detail}${retry}`, apiKey);
}

/** The ProviderError of a failed call of `label`: its message as failureMessage words it, and its parts for describe.ts. */
export function providerFailure(
  label: string,
  reason: FailureReason,
  facts: MessageFacts,
  extra: { apiKey?: string; billedUsage?: BilledUsage } = {},
): ProviderError {
  const message = failureMessage(label, reason, facts, extra.apiKey);
  const detail = reason === 'timeout' ? waited(reason, facts) : providerWords(facts, extra.apiKey);
  return new ProviderError(reason, message, facts.status, facts.retryAfterMs, extra.billedUsage, detail);
}

function waited(reason: FailureReason, facts: MessageFacts): string {
  return reason === 'timeout' && facts.timeoutMs !== undefined ? `after ${formatDuration(facts.timeoutMs)}` : '';
}

/** Redacted before shortened, so a cut can never leave part of a key behind. */
function providerWords(facts: MessageFacts, apiKey: string | undefined): string {
  return facts.detail ? redactSecrets(shorten(redactSecrets(facts.detail, apiKey)), apiKey) : '';
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  return `${Math.round(ms / 100) / 10}s`;
}

/**
 * Removes the key itself and anything shaped like a provider key: some providers quote
 * the key they received (whole or masked) in their 401 messages.
 */
export function redactSecrets(text: string, apiKey: string | undefined): string {
  const withoutKey = apiKey && apiKey.length >= 4 ? text.split(apiKey).join('[redacted]') : text;
  return withoutKey.replace(/\bsk-[A-Za-z0-9_*.-]{4,}/g, 'sk-[redacted]');
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_DETAIL_CHARS ? `${oneLine.slice(0, MAX_DETAIL_CHARS - 1)}…` : oneLine;
}
