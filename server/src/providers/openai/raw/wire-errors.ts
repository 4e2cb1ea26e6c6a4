// What went wrong on the raw transport, in the terms classify-error.ts reads: the same
// facts the OpenAI SDK's APIError carries (status, headers, the body's error object).

/** The `error` object of an OpenAI error body: { message, type, code, param }. */
export interface WireErrorBody {
  message?: unknown;
  type?: unknown;
  code?: unknown;
  param?: unknown;
}

/** A non-2xx reply. `param` names the parameter a 400 refused (e.g. "temperature"). */
export class WireHttpError extends Error {
  readonly param: unknown;

  constructor(
    readonly status: number,
    readonly headers: Headers,
    readonly body: WireErrorBody | undefined,
  ) {
    super(`HTTP ${status}`);
    this.name = 'WireHttpError';
    this.param = body?.param;
  }
}

/** An `{"error": ...}` event inside a 200 stream: no status, only the provider's error type. */
export class WireStreamError extends Error {
  constructor(readonly body: WireErrorBody | undefined) {
    super('error event in the stream');
    this.name = 'WireStreamError';
  }
}
