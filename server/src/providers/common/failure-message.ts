// Plain-words error messages ("openai/gpt-4o-mini: 429 rate limited (retry after 2s)")
// that never carry an API key.
import type { FailureReason } from '../errors';

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
  const after =
    reason === 'timeout' && facts.timeoutMs !== undefined ? ` after ${formatDuration(facts.timeoutMs)}` : '';
  // Redact before shortening, so a cut can never leave part of a key behind.
  const detail = facts.detail ? `: ${shorten(redactSecrets(facts.detail, apiKey))}` : '';
  const retry = facts.retryAfterMs === undefined ? '' : ` (retry after ${formatDuration(facts.retryAfterMs)})`;
  return redactSecrets(`${label}: ${status}${PHRASES[reason]}${after}${detail}${retry}`, apiKey);
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
