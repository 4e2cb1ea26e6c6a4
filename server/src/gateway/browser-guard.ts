// Keeps web pages away from the gateway. A page the user visits can send requests to
// 127.0.0.1 (a "simple" text/plain POST needs no CORS preflight) and, through DNS
// rebinding, even read the answers: either would spend the user's money. OpenAI
// clients are not browsers, so the gateway refuses anything that looks like one.
import type { IncomingHttpHeaders } from 'node:http';
import { isLoopback } from './auth';
import { HttpError } from './http-error';

/** Throws 403/415 for a request a browser page could have made; returns for API clients. */
export function refuseBrowserRequests(method: string | undefined, headers: IncomingHttpHeaders, boundHost: string): void {
  // Browsers send Origin on every cross-origin request and every POST; API clients do not.
  if (headers.origin !== undefined) {
    throw new HttpError(403, 'Requests from web pages are refused (an Origin header was sent)', 'invalid_request_error', null, 'origin_refused');
  }
  if (isLoopback(boundHost) && !isLoopback(hostName(headers.host ?? ''))) {
    throw new HttpError(403, `Host "${headers.host}" is not this machine: refused (DNS rebinding guard)`, 'invalid_request_error', null, 'host_refused');
  }
  // A JSON content type cannot be sent cross-origin without a preflight we never answer.
  if (method === 'POST' && !/^application\/json\b/i.test(headers['content-type'] ?? '')) {
    throw new HttpError(415, 'Send the body as Content-Type: application/json', 'invalid_request_error', null, 'unsupported_media_type');
  }
}

/** "127.0.0.1:8787" -> "127.0.0.1", "[::1]:8787" -> "::1". */
function hostName(host: string): string {
  const bracketed = /^\[([^\]]+)\]/.exec(host);
  if (bracketed) return bracketed[1];
  return host.replace(/:\d+$/, '');
}
