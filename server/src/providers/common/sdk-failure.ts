// An SDK failure described in SDK-neutral terms: each adapter translates its own SDK's
// error classes into this, and one function (to-provider-error.ts) turns it into a ProviderError.

export type SdkFailure =
  /** `errorCode`: the body's error code or type (OpenAI `insufficient_quota`, Anthropic `rate_limit_error`...). */
  | { kind: 'http'; status: number; headers?: Headers; providerMessage?: string; errorCode?: string }
  /** An error event inside a 200 stream: no status, only the provider's error type. */
  | { kind: 'stream-error'; errorType?: string; providerMessage?: string }
  | { kind: 'timeout' }
  | { kind: 'aborted' }
  | { kind: 'connection'; detail?: string }
  | { kind: 'malformed'; detail: string }
  /** The adapter could not put the request into the provider's terms; nothing was sent. */
  | { kind: 'unmappable'; detail: string };

/** Thrown by the response readers when a 200 body lacks what the router needs (text, usage, finish). */
export class MalformedResponseError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'MalformedResponseError';
  }
}

/**
 * Thrown while building a request the provider cannot be given faithfully (a field it has
 * no parameter for): a bad request for this model, which routing should have kept away.
 */
export class UnmappableRequestError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'UnmappableRequestError';
  }
}

/** For errors that did not come from an SDK's own error classes. */
export function classifyPlainError(error: unknown): SdkFailure {
  if (error instanceof MalformedResponseError) return { kind: 'malformed', detail: error.detail };
  if (error instanceof UnmappableRequestError) return { kind: 'unmappable', detail: error.detail };
  if (error instanceof SyntaxError) return { kind: 'malformed', detail: 'the body is not valid JSON' };
  // Our own request overflowed the stack while being serialised (a value nested too deeply):
  // nothing was sent, and it says nothing about the model's health.
  if (error instanceof RangeError && /call stack/i.test(error.message)) return { kind: 'unmappable', detail: 'the request is nested too deeply to send' };
  // Body reads that fail after the headers arrived (e.g. undici's "terminated") escape the SDKs' wrapping.
  return { kind: 'connection', detail: connectionDetail(error) };
}

/** The most specific thing a network error says, e.g. "other side closed (UND_ERR_SOCKET)". */
export function connectionDetail(error: unknown): string | undefined {
  let current: unknown = error;
  let detail: string | undefined;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      return current.message.includes(code) ? current.message : `${current.message} (${code})`;
    }
    detail = current.message || detail;
    current = current.cause;
  }
  return detail;
}
