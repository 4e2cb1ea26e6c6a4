// What a client is told when the model answering it fails after part of its answer was
// streamed (a stream cannot fall back: the client already shows the first model's words).
// The provider's reason is passed through, so a client that retries on overload or on a
// rate limit does so: Anthropic's SDK and Claude Code read `overloaded_error` (from the status
// here, see anthropic-error.ts), OpenAI's clients `server_error` / `server_is_overloaded`.
import type { ProviderError } from '../providers/errors';
import { HttpError } from './http-error';

/** Anthropic's overloaded status: anthropic-error.ts names it `overloaded_error`. */
const OVERLOADED = 529;

export function midStreamError(model: string | undefined, failure: ProviderError | undefined): HttpError {
  // An adapter's error says what went wrong in `detail`; one made outside an adapter (a
  // timeout, a stall) has none, and its message names no model: it is the reason itself.
  const reason = failure?.detail ?? failure?.message;
  const message =
    `${model} failed after part of its answer was streamed${reason ? ` (${reason})` : ''}; a streamed answer cannot ` +
    'fall back to another model. Retry the request, or send it without stream for fallback at any point.';
  switch (failure?.reason) {
    case 'overloaded':
      return new HttpError(OVERLOADED, message, 'server_error', null, 'server_is_overloaded');
    case 'rate_limited':
      return new HttpError(429, message, 'rate_limit_error', null, 'rate_limit_exceeded');
    default:
      return new HttpError(502, message, 'upstream_error', null, 'failed_mid_stream');
  }
}
