// Errors in Anthropic's shape (`{ type: "error", error: { type, message } }`) with the
// status codes its API uses, so Anthropic clients (and Claude Code's retry logic) read
// the gateway's refusals as they would the real API's.
import { toHttpError, type HttpError } from '../http-error';

/** Anthropic's error type for each status it documents; other statuses read `api_error`. */
const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  405: 'invalid_request_error',
  413: 'request_too_large',
  415: 'invalid_request_error',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

export function anthropicErrorBody(error: HttpError) {
  return { type: 'error' as const, error: { type: ERROR_TYPES[error.status] ?? 'api_error', message: error.message } };
}

export function toAnthropicError(error: unknown): { status: number; body: ReturnType<typeof anthropicErrorBody>; http: HttpError } {
  const http = toHttpError(error);
  return { status: http.status, body: anthropicErrorBody(http), http };
}
