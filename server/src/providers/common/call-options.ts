// Per-request SDK options: the attempt's signal and timeout, and never an SDK retry.
export interface CallOptions {
  signal: AbortSignal;
  timeout: number;
  maxRetries: 0;
}

export function callOptions(signal: AbortSignal, timeoutMs: number): CallOptions {
  return { signal, timeout: timeoutMs, maxRetries: 0 };
}
