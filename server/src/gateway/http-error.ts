// Errors in OpenAI's shape (`{ error: { message, type, param, code } }`), so OpenAI
// clients show them as they would the real API's, and the router's own failures mapped
// to the HTTP status a caller can act on.
import { ErrorCodes, type Attempt } from '../../../shared/protocol';
import { RouterError } from '../pipeline/errors';
import { LedgerUnreachable } from '../ledger/postgres/reachability';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  get body() {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export const invalidRequest = (message: string, param: string | null = null, code: string | null = null) =>
  new HttpError(400, message, 'invalid_request_error', param, code);

/** Status 499 (nginx's "client closed request"): nobody reads it, but logs and tests can tell. */
export const CLIENT_CLOSED = 499;

export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof RouterError) {
    switch (error.code) {
      case ErrorCodes.BudgetBlocked:
        return new HttpError(402, error.message, 'budget_exceeded', null, 'budget_exceeded');
      case ErrorCodes.AllCandidatesFailed:
        // The message lists every attempt (`model: error`), the only way an OpenAI client sees them.
        if (everyModelRefused(error.data)) return invalidRequest(error.message, null, 'all_candidates_failed');
        return new HttpError(502, error.message, 'upstream_error', null, 'all_candidates_failed');
      case ErrorCodes.NoCandidates:
        return invalidRequest(error.message, 'model', 'no_candidates');
      case ErrorCodes.InvalidParams: {
        // E.g. a model name the router does not know: the router names the field.
        const path = (error.data as { path?: unknown } | undefined)?.path;
        return invalidRequest(error.message, typeof path === 'string' ? path : null, 'invalid_value');
      }
      case ErrorCodes.RequestCancelled:
        return new HttpError(CLIENT_CLOSED, error.message, 'cancelled', null, 'cancelled');
    }
  }
  // A team gateway's PostgreSQL not answering (a token never seen before, a report): try again later.
  if (error instanceof LedgerUnreachable) return new HttpError(503, error.message, 'server_error', null, 'ledger_unavailable');
  const message = error instanceof Error ? error.message : String(error);
  return new HttpError(500, `Internal error: ${message}`, 'server_error');
}

/**
 * Every model refused the request itself, so the same request would be refused again: a 400,
 * which agents show at once. A 502 is what they retry (Continue's CLI up to 10 times over two
 * minutes, Claude Code and the OpenAI SDKs too), each retry running the whole fallback again.
 */
function everyModelRefused(data: unknown): boolean {
  const attempts = (data as { attempts?: Attempt[] } | undefined)?.attempts ?? [];
  return attempts.length > 0 && attempts.every((attempt) => attempt.refused === true);
}
