// How long a provider asked us to wait before trying again, from its response headers.

/**
 * `retry-after-ms` (sent by OpenAI, more precise) wins over `retry-after`, which is
 * either delay-seconds or an HTTP date (RFC 9110 §10.2.3). Undefined when absent or unreadable.
 */
export function parseRetryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  const millis = headers?.get('retry-after-ms');
  if (millis) {
    const value = Number(millis);
    if (Number.isFinite(value) && value >= 0) return Math.round(value);
  }
  const retryAfter = headers?.get('retry-after')?.trim();
  if (!retryAfter) return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
  // Date.parse takes bare numbers like "-5" as years; an HTTP date always names its month.
  const date = /[A-Za-z]/.test(retryAfter) ? Date.parse(retryAfter) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
